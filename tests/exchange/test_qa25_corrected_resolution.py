"""QA25: the coordinator put a decided resolution right (»Popravi sklep …«: the period
typed wrong) and sent it again; at the centre the import said »Sklep … je že uvožen;
ničesar ne bom spremenil.« and kept the wrong period, silently — the centre paid by it.
A resolution package NEWER than the one the case was decided from is now taken over (one
transaction, audited as »popravek sklepa« with the package's time as its reason); an
older one or the same one changes nothing, and one the program cannot order (a case
decided before the times were kept, or corrected at the centre since) is not taken
silently: the preview says in what it differs."""

from __future__ import annotations

from datetime import UTC, date, datetime

from test_exchange_roundtrip import PASS, RECEIVED, _decide, _send

from rejnistvo.clock import FixedClock
from rejnistvo.exchange.cases import apply_import, export_resolution, preview_import
from rejnistvo.services.r4_cases import correct_decision
from rejnistvo.store import get_record

FIRST_AT = datetime(2026, 11, 25, 13, 0, 0, tzinfo=UTC)
SECOND_AT = datetime(2026, 11, 27, 8, 30, 0, tzinfo=UTC)
IMPORTED = date(2026, 11, 26)
CORRECTED = date(2026, 11, 27)


def _decided_and_corrected(centre_db, coordinator_db, tmp_path):
    """The centre's case, the first resolution and the corrected one (period to 30. 6.)."""
    case, proposal = _send(centre_db, tmp_path)
    coordinator_case = apply_import(
        coordinator_db,
        preview_import(coordinator_db, proposal, PASS, kind="proposal"),
        today=RECEIVED,
    ).case_id
    _decide(coordinator_db, coordinator_case, case["subgroup"])
    first = export_resolution(
        coordinator_db, coordinator_case, PASS, tmp_path / "sklep1.rejpaket", now=FIRST_AT
    )
    decided = get_record(coordinator_db, "r4_cases", coordinator_case)
    new_end = date(decided["decision_to"].year, 6, 30)
    correct_decision(
        coordinator_db,
        coordinator_case,
        decided["version"],
        {"decision_to": new_end},
        "Tipkarska napaka v koncu obdobja",
        FixedClock(CORRECTED),
    )
    second = export_resolution(
        coordinator_db, coordinator_case, PASS, tmp_path / "sklep2.rejpaket", now=SECOND_AT
    )
    return case["id"], first, second, new_end


def _import(db, path, today=IMPORTED):
    return apply_import(db, preview_import(db, path, PASS, kind="resolution"), today=today)


def _audit_rows(db) -> int:
    return db.execute("SELECT count(*) FROM audit_log").fetchone()[0]


def test_a_corrected_resolution_sent_again_is_taken_over(centre_db, coordinator_db, tmp_path):
    case_id, first, second, new_end = _decided_and_corrected(centre_db, coordinator_db, tmp_path)
    assert _import(centre_db, first).changed
    before = get_record(centre_db, "r4_cases", case_id)
    assert before["decision_to"] != new_end

    preview = preview_import(centre_db, second, PASS, kind="resolution")
    assert preview.action == "update"
    assert "obdobje" in " ".join(preview.notes)
    result = apply_import(centre_db, preview, today=CORRECTED)
    assert result.changed and result.case_id == case_id
    after = get_record(centre_db, "r4_cases", case_id)
    assert after["decision_to"] == new_end
    assert after["resolution_no"] == before["resolution_no"]
    assert after["package_created_at"] == "2026-11-27T08:30:00+00:00"
    logged = centre_db.execute(
        "SELECT before, after FROM audit_log WHERE table_name = 'r4_cases' AND record_id = ? "
        "AND action = 'correction'",
        [case_id],
    ).fetchall()
    assert len(logged) == 1 and "decision_to" in logged[0][1] and "reason" in logged[0][1]

    # the same package again, or the older one: nothing changes
    rows = _audit_rows(centre_db)
    assert preview_import(centre_db, second, PASS, kind="resolution").action == "nothing"
    older = preview_import(centre_db, first, PASS, kind="resolution")
    assert older.action == "nothing" and "starejši" in " ".join(older.notes)
    _import(centre_db, first, CORRECTED)
    assert get_record(centre_db, "r4_cases", case_id)["decision_to"] == new_end
    assert _audit_rows(centre_db) == rows


def test_a_case_decided_before_the_times_were_kept_is_told_not_changed(
    centre_db, coordinator_db, tmp_path
):
    case_id, first, second, new_end = _decided_and_corrected(centre_db, coordinator_db, tmp_path)
    _import(centre_db, first)
    centre_db.execute("UPDATE r4_cases SET package_created_at = NULL WHERE id = ?", [case_id])
    preview = preview_import(centre_db, second, PASS, kind="resolution")
    assert preview.action == "nothing"
    assert "razlikuje" in " ".join(preview.notes) and "obdobje" in " ".join(preview.notes)
    _import(centre_db, second, CORRECTED)
    assert get_record(centre_db, "r4_cases", case_id)["decision_to"] != new_end


def test_a_newer_resolution_with_nothing_new_keeps_its_time(centre_db, coordinator_db, tmp_path):
    """The coordinator corrected a resolution (package 2), then put it back and sent it
    again (package 3, the same as package 1). The centre opened 1 and 3 — nothing new in
    3, so the case kept 1's time — then the late package 2, which counted as newer and
    brought back the correction the coordinator had taken back. Now the case keeps 3's
    time and 2 is older than what it holds."""
    case_id, first, second, _new_end = _decided_and_corrected(centre_db, coordinator_db, tmp_path)
    coordinator_case = coordinator_db.execute(
        "SELECT id FROM r4_cases WHERE resolution_no IS NOT NULL"
    ).fetchone()[0]
    assert _import(centre_db, first).changed
    original_end = get_record(centre_db, "r4_cases", case_id)["decision_to"]
    corrected = get_record(coordinator_db, "r4_cases", coordinator_case)
    correct_decision(
        coordinator_db,
        coordinator_case,
        corrected["version"],
        {"decision_to": original_end},
        "Popravek je bil napačen",
        FixedClock(CORRECTED),
    )
    third_at = datetime(2026, 11, 27, 12, 0, 0, tzinfo=UTC)
    third = export_resolution(
        coordinator_db, coordinator_case, PASS, tmp_path / "sklep3.rejpaket", now=third_at
    )

    assert not _import(centre_db, third).changed  # nothing new in it …
    stored = get_record(centre_db, "r4_cases", case_id)
    assert stored["package_created_at"] == "2026-11-27T12:00:00+00:00"  # … but its time
    preview = preview_import(centre_db, second, PASS, kind="resolution")
    assert preview.action == "nothing" and "starejši" in " ".join(preview.notes)
    _import(centre_db, second)
    assert get_record(centre_db, "r4_cases", case_id)["decision_to"] == original_end
