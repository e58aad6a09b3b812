"""SPEC 3.4: two fee uplifts of one placement never overlap; an overlapping decision is
refused where it is entered (the commission's decision), never later on a payment sheet.

Found in the round-8 review: ``register.workflow.check_decision`` did not check it, and
the payment run then could not compute the placement (its carer went unpaid)."""

from __future__ import annotations

from datetime import date

import pytest

from rejnistvo.register import workflow
from rejnistvo.rules.errors import InputError
from rejnistvo.store import get_record, save_record

TODAY = date(2026, 11, 20)


def test_a_decision_overlapping_another_uplift_of_the_placement_is_refused(demo_db) -> None:  # type: ignore[no-untyped-def]
    decided = demo_db.execute(
        "SELECT id, placement_id, decision_from, decision_to FROM r4_cases "
        "WHERE outcome = 'increase' AND decision_from IS NOT NULL AND decision_to IS NOT NULL "
        "ORDER BY id LIMIT 1"
    ).fetchone()
    named = demo_db.execute(
        "SELECT id FROM r4_cases WHERE commission_named_on IS NOT NULL AND decided_on IS NULL "
        "ORDER BY id LIMIT 1"
    ).fetchone()
    # the second proposal is about the same placement as the decided one
    save_record(demo_db, "r4_cases", {"id": named[0], "placement_id": decided[1]})
    assert get_record(demo_db, "r4_cases", named[0])["placement_id"] == decided[1]
    with pytest.raises(InputError, match="[Pp]rekriva"):
        workflow.record_decision(
            demo_db,
            named[0],
            on=TODAY,
            outcome="increase",
            percent=50,
            period_from=date.fromisoformat(decided[2]),
            period_to=date.fromisoformat(decided[3]),
            rationale="Utemeljeno.",
        )
