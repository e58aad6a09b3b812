"""A child who left before the board increase ended (SPEC 3.4, 6: only placed days count).

The decision was recorded while its period lay inside the placement; the placement was
then ended early in Namestitve. The R-5 report, the finding and the refund of that
increase must still be recordable without changing the decision's period; a new or
changed period must still lie inside the placement."""

from __future__ import annotations

import dataclasses
from datetime import date
from decimal import Decimal

import pytest
from test_board_increases import H1, SAVED_ON, db, increase  # noqa: F401 (fixture)

from rejnistvo.rules.errors import InputError
from rejnistvo.rules.periods import Period
from rejnistvo.rules.refund import RefundMethod
from rejnistvo.services.board_increases import (
    Expense,
    R5Case,
    R5Report,
    Refund,
    load_case,
    save_case,
)
from rejnistvo.store import get_record, save_record


def _end_placement(db, last_day: date) -> None:  # noqa: F811
    row = get_record(db, "placements", db.ids["placement"])
    row["periods"][0]["to_date"] = last_day
    save_record(db, "placements", row)


def test_report_and_refund_of_an_increase_past_an_early_end_are_saved(db):  # noqa: F811
    stored = save_case(db, R5Case(increase(db, decision_no="1-001/2026")), SAVED_ON)
    _end_placement(db, date(2026, 3, 31))  # the child left; the increase ran to 30. 6.

    case = dataclasses.replace(
        load_case(db, stored.increase.id),
        report=R5Report(
            report_date=date(2026, 4, 20),
            expenses=(Expense("education", Decimal("100.00"), "Inštrukcije", "r. 7"),),
            finding_date=date(2026, 4, 25),
            justified=Decimal("100.00"),
            unjustified=Decimal("50.00"),
        ),
        refund=Refund(date(2026, 5, 4), RefundMethod.LUMP_SUM),
    )
    saved = save_case(db, case, SAVED_ON)
    assert saved.increase.period == H1
    assert saved.refund is not None and saved.refund.amount == Decimal("50.00")
    # Received counts placed days only: January to March, 3 × 159.50.
    with pytest.raises(InputError) as caught:
        save_case(
            db,
            dataclasses.replace(
                saved, report=dataclasses.replace(saved.report, unjustified=Decimal("478.51"))
            ),
            SAVED_ON,
        )
    assert caught.value.field == "unjustified" and "478,50" in caught.value.message


def test_a_changed_or_new_period_past_the_placement_is_still_refused(db):  # noqa: F811
    stored = save_case(db, R5Case(increase(db)), SAVED_ON)
    _end_placement(db, date(2026, 3, 31))
    loaded = load_case(db, stored.increase.id)
    longer = dataclasses.replace(
        loaded.increase, period=Period(date(2026, 1, 1), date(2026, 7, 31))
    )
    with pytest.raises(InputError) as caught:
        save_case(db, dataclasses.replace(loaded, increase=longer), SAVED_ON)
    assert caught.value.field == "period"
    with pytest.raises(InputError) as caught:
        save_case(db, R5Case(increase(db, Period(date(2026, 7, 1), date(2026, 8, 31)))), SAVED_ON)
    assert caught.value.field == "period"
