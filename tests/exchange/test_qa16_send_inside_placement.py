"""A proposal saved before its placement was ended early is not sent for days after the
child left: *Označi kot poslano* and the package export refuse it and say to correct the
period (the commission could not decide a period outside the placement)."""

from __future__ import annotations

from datetime import date

import pytest

from rejnistvo.exchange.cases import export_proposal
from rejnistvo.rules.errors import InputError
from rejnistvo.services.r4_cases import load_case, mark_sent
from rejnistvo.store import get_record, save_record

SENT = date(2026, 11, 21)


def _prepared_then_left_early(db) -> int:
    (case_id,) = db.execute(
        "SELECT id FROM r4_cases WHERE sent_on IS NULL AND period_from IS NOT NULL "
        "ORDER BY id LIMIT 1"
    ).fetchone()
    case = get_record(db, "r4_cases", case_id)
    placement = get_record(db, "placements", case["placement_id"])
    left = date.fromordinal(date.fromisoformat(str(case["period_from"])).toordinal() - 1)
    for period in placement["periods"]:
        if period["to_date"] is None or period["to_date"] > left:
            period["to_date"] = max(left, period["from_date"])
    save_record(db, "placements", placement)  # the child left the day before the period
    return case_id


def test_marking_sent_refuses_a_period_after_the_placement(centre_db):
    case_id = _prepared_then_left_early(centre_db)
    with pytest.raises(InputError) as refused:
        mark_sent(centre_db, case_id, load_case(centre_db, case_id).version, SENT, today=SENT)
    assert refused.value.field == "period"
    assert refused.value.message.startswith("Predloga ni mogoče poslati koordinatorju: obdobje")
    assert "znotraj namestitve" in refused.value.message
    assert get_record(centre_db, "r4_cases", case_id)["sent_on"] is None


def test_export_refuses_a_period_after_the_placement(centre_db, tmp_path):
    case_id = _prepared_then_left_early(centre_db)
    target = tmp_path / "predlog.rejpaket"
    with pytest.raises(InputError, match="znotraj namestitve"):
        export_proposal(centre_db, case_id, "modra hiša ob reki", target, today=SENT)
    assert not target.exists()
    assert get_record(centre_db, "r4_cases", case_id)["sent_on"] is None
