"""A refund call printed again after instalments were paid marked none of them: the
carer read it as a new demand for everything. Paid instalments now show the day they
were paid, and a line under the plan says what was paid and what is still owed."""

from __future__ import annotations

import dataclasses
from datetime import date
from decimal import Decimal

from rejnistvo.forms.refund_call import render_refund_call_bytes

from rejnistvo.rules.months import Adjustment
from rejnistvo.rules.periods import Period
from rejnistvo.rules.refund import RefundMethod, refund_plan
from tests.forms.conftest import pdf_pages
from tests.forms.test_sheets import OWN_RATES, REFUND_HEADER


def _plan():
    return refund_plan(
        Adjustment(25, REFUND_HEADER["increase_period"]),
        [Period(date(2025, 6, 1), None)],
        OWN_RATES,
        REFUND_HEADER["call_date"],
        Decimal("157.00"),
        None,
        RefundMethod.AS_RECEIVED,
    )


def test_paid_instalments_are_marked_and_the_rest_is_said():
    plan = _plan()
    first, second, *rest = plan.instalments
    paid = [
        dataclasses.replace(first, paid_on=date(2026, 8, 3)),
        dataclasses.replace(second, paid_on=date(2026, 9, 1)),
        *rest,
    ]
    text = " ".join(
        pdf_pages(
            render_refund_call_bytes(
                REFUND_HEADER, dataclasses.replace(plan, instalments=tuple(paid))
            )
        )
    )
    assert "Plačano" in text and "3. 8. 2026" in text and "1. 9. 2026" in text
    done = first.amount + second.amount
    owed = plan.refund - done
    said = f"ste vrnili {done:.2f}".replace(".", ",")
    assert said in text.replace("\n", " ")
    assert f"{owed:.2f}".replace(".", ",") in text


def test_a_call_with_nothing_paid_is_as_before():
    text = " ".join(pdf_pages(render_refund_call_bytes(REFUND_HEADER, _plan())))
    assert "Plačano" not in text and "ste vrnili" not in text


def test_paid_beyond_the_refund_says_the_excess_is_given_back():
    """With more paid than the refund, »še vrniti: -3,10 EUR« would be a nonsense demand;
    the call printed again says what was paid beyond it and that the centre returns it."""
    plan = _plan()
    first, *_rest = plan.instalments
    over = dataclasses.replace(
        first, amount=plan.refund + Decimal("3.10"), paid_on=date(2026, 8, 3)
    )
    text = " ".join(
        pdf_pages(
            render_refund_call_bytes(REFUND_HEADER, dataclasses.replace(plan, instalments=(over,)))
        )
    ).replace("\n", " ")
    assert "več od zneska za vračilo; presežek vam center vrne" in text
    assert "3,10 EUR več" in text and "še vrniti" not in text


def _reprinted(plan, paid_count: int) -> str:
    marked = [
        dataclasses.replace(instalment, paid_on=date(2026, 8, 3)) if n < paid_count else instalment
        for n, instalment in enumerate(plan.instalments)
    ]
    pdf = render_refund_call_bytes(
        REFUND_HEADER, dataclasses.replace(plan, instalments=tuple(marked))
    )
    return " ".join(pdf_pages(pdf)).replace("\n", " ")


def test_a_call_printed_again_after_everything_was_paid_asks_for_nothing():
    """Reprinted once the whole refund was paid, the call still said »Zneske nakažite na
    račun …«: a carer could read it as a demand to pay again. It now says all is paid."""
    plan = _plan()
    text = _reprinted(plan, len(plan.instalments))
    assert "nakažite" not in text
    assert "ves znesek za vračilo; ničesar več vam ni treba vrniti" in text
    assert "še vrniti" not in text
    assert "Podpis odgovorne osebe" in text  # the call is still dated and signed


def test_after_some_instalments_the_rest_is_asked_for():
    plan = _plan()
    assert len(plan.instalments) > 2
    assert "Preostale zneske nakažite na račun" in _reprinted(plan, 1)
    assert "Preostali znesek nakažite na račun" in _reprinted(plan, len(plan.instalments) - 1)
    assert "Zneske nakažite na račun" in _reprinted(plan, 0)
