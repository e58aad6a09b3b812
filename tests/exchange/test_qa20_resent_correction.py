"""QA20: a proposal corrected at the centre after sending and sent again was not carried
to the coordinator (»sprememb ne prevzamem samodejno«); while the commission has not
decided, the import now takes the correction over (one transaction, audited); a decided
case is left as it is."""

from __future__ import annotations

from datetime import date

from test_exchange_roundtrip import PASS, RECEIVED, _decide, prepared_case

from rejnistvo.exchange.cases import apply_import, export_proposal, preview_import
from rejnistvo.store import get_record, save_record

RESENT = date(2026, 11, 22)


def _sent_and_received(centre_db, coordinator_db, tmp_path):
    case = prepared_case(centre_db)
    first = export_proposal(centre_db, case["id"], PASS, tmp_path / "a.rejpaket", today=RECEIVED)
    imported = apply_import(
        coordinator_db,
        preview_import(coordinator_db, first, PASS, kind="proposal"),
        today=RECEIVED,
    )
    return case, imported.case_id


def _correct_and_resend(centre_db, case, tmp_path):
    stored = get_record(centre_db, "r4_cases", case["id"])
    save_record(
        centre_db,
        "r4_cases",
        {**stored, "rationale": "Popravljena obrazložitev: otrok potrebuje nočni nadzor."},
    )
    return export_proposal(centre_db, case["id"], PASS, tmp_path / "b.rejpaket", today=RESENT)


def test_a_resent_correction_reaches_the_coordinator(centre_db, coordinator_db, tmp_path):
    case, coordinator_case = _sent_and_received(centre_db, coordinator_db, tmp_path)
    again = _correct_and_resend(centre_db, case, tmp_path)
    preview = preview_import(coordinator_db, again, PASS, kind="proposal")
    assert preview.action == "update"
    assert any("rationale" in note or "obrazložitev" in note for note in preview.notes)
    result = apply_import(coordinator_db, preview, today=RESENT)
    assert result.case_id == coordinator_case and result.changed and not result.created
    stored = get_record(coordinator_db, "r4_cases", coordinator_case)
    assert stored["rationale"].startswith("Popravljena obrazložitev")
    assert stored["received_on"] == RECEIVED  # the day of first receipt stays
    logged = coordinator_db.execute(
        "SELECT count(*) FROM audit_log WHERE table_name = 'r4_cases' AND record_id = ? "
        "AND after LIKE '%Popravljena obrazložitev%'",
        [coordinator_case],
    ).fetchone()[0]
    assert logged == 1
    # the same package once more: nothing new
    twice = preview_import(coordinator_db, again, PASS, kind="proposal")
    assert twice.action == "nothing"


def test_a_decided_case_takes_no_correction(centre_db, coordinator_db, tmp_path):
    case, coordinator_case = _sent_and_received(centre_db, coordinator_db, tmp_path)
    _decide(coordinator_db, coordinator_case, case["subgroup"])
    again = _correct_and_resend(centre_db, case, tmp_path)
    preview = preview_import(coordinator_db, again, PASS, kind="proposal")
    assert preview.action == "nothing"
    assert any("odločen" in note for note in preview.notes)
    apply_import(coordinator_db, preview, today=RESENT)
    stored = get_record(coordinator_db, "r4_cases", coordinator_case)
    assert not stored["rationale"].startswith("Popravljena")
