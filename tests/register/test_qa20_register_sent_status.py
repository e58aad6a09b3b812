"""QA20: the coordinator's register said »prejeto« for a case the centre had sent but
whose receipt was not recorded yet; it is »poslano« until the day of receipt is."""

from __future__ import annotations

from rejnistvo.register import workflow
from rejnistvo.register.queries import register_pages, register_row
from rejnistvo.register.rows import STATUSES
from rejnistvo.store import get_record, save_record


def _sent_not_received(db) -> dict:
    row = db.execute(
        "SELECT id FROM r4_cases WHERE sent_on IS NOT NULL AND accepted_on IS NULL "
        "AND returned_on IS NULL ORDER BY id LIMIT 1"
    ).fetchone()
    assert row
    case = get_record(db, "r4_cases", row[0])
    if case["received_on"]:
        save_record(db, "r4_cases", {"id": case["id"], "received_on": None})
    return get_record(db, "r4_cases", row[0])


def test_a_sent_case_without_receipt_reads_poslano_in_the_register(demo_db):
    case = _sent_not_received(demo_db)
    assert register_row(demo_db, case["id"]).status == "poslano"
    assert "poslano" in STATUSES
    year = workflow.as_date(case["sent_on"]).year
    sent = register_pages(demo_db, case["subgroup_id"], year, status="poslano")
    assert case["id"] in sent.ids
    received = register_pages(demo_db, case["subgroup_id"], year, status="prejeto")
    assert case["id"] not in received.ids


def test_a_recorded_receipt_reads_prejeto(demo_db):
    case = _sent_not_received(demo_db)
    save_record(demo_db, "r4_cases", {"id": case["id"], "received_on": case["sent_on"]})
    assert register_row(demo_db, case["id"]).status == "prejeto"
