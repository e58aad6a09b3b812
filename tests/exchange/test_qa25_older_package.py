"""QA25: a proposal corrected and sent again, then the OLDER package imported after the
newer one (two files in a mail folder, opened in the wrong order) brought the old text
back over the correction. The coordinator's case now keeps when the package it holds was
made (``r4_cases.package_created_at``, store step m018); an older package is not taken
over, and the preview says which package is newer and when each was made."""

from __future__ import annotations

from datetime import UTC, date, datetime

from test_exchange_roundtrip import PASS, RECEIVED, prepared_case

from rejnistvo.exchange.cases import apply_import, export_proposal, preview_import
from rejnistvo.store import get_record, save_record

FIRST_AT = datetime(2026, 11, 21, 6, 20, 5, tzinfo=UTC)  # 7.20 in Ljubljana
SECOND_AT = datetime(2026, 11, 22, 9, 5, 0, tzinfo=UTC)  # 10.05
RESENT = date(2026, 11, 22)
CORRECTED = "Popravljena obrazložitev: otrok potrebuje nočni nadzor."


def _two_packages(centre_db, tmp_path):
    """The proposal as first sent (older) and as corrected and sent again (newer)."""
    case = prepared_case(centre_db)
    older = export_proposal(
        centre_db, case["id"], PASS, tmp_path / "a.rejpaket", today=RECEIVED, now=FIRST_AT
    )
    stored = get_record(centre_db, "r4_cases", case["id"])
    save_record(centre_db, "r4_cases", {**stored, "rationale": CORRECTED})
    newer = export_proposal(
        centre_db, case["id"], PASS, tmp_path / "b.rejpaket", today=RESENT, now=SECOND_AT
    )
    return older, newer


def _import(db, path, today=RESENT):
    return apply_import(db, preview_import(db, path, PASS, kind="proposal"), today=today)


def test_the_older_package_after_the_newer_changes_nothing(
    centre_db, coordinator_db, tmp_path, in_ljubljana
):
    older, newer = _two_packages(centre_db, tmp_path)
    case_id = _import(coordinator_db, older, RECEIVED).case_id
    assert _import(coordinator_db, newer).changed
    stored = get_record(coordinator_db, "r4_cases", case_id)
    assert stored["rationale"] == CORRECTED
    assert stored["package_created_at"] == "2026-11-22T09:05:00+00:00"
    audit_rows = coordinator_db.execute("SELECT count(*) FROM audit_log").fetchone()[0]

    preview = preview_import(coordinator_db, older, PASS, kind="proposal")
    assert preview.action == "nothing"
    note = " ".join(preview.notes)
    assert "starejši" in note
    # to the second: two packages of one minute read alike otherwise
    assert "21. 11. 2026 ob 7.20.05" in note and "22. 11. 2026 ob 10.05.00" in note
    result = apply_import(coordinator_db, preview, today=RESENT)
    assert not result.changed
    assert get_record(coordinator_db, "r4_cases", case_id)["rationale"] == CORRECTED
    assert coordinator_db.execute("SELECT count(*) FROM audit_log").fetchone()[0] == audit_rows


def test_the_newer_package_first_then_the_older_one(
    centre_db, coordinator_db, tmp_path, in_ljubljana
):
    older, newer = _two_packages(centre_db, tmp_path)
    case_id = _import(coordinator_db, newer).case_id
    stored = get_record(coordinator_db, "r4_cases", case_id)
    assert stored["package_created_at"] == "2026-11-22T09:05:00+00:00"
    preview = preview_import(coordinator_db, older, PASS, kind="proposal")
    assert preview.action == "nothing" and "starejši" in " ".join(preview.notes)
    _import(coordinator_db, older)
    assert get_record(coordinator_db, "r4_cases", case_id)["rationale"] == CORRECTED


def test_a_case_imported_before_the_times_were_kept_takes_the_correction(
    centre_db, coordinator_db, tmp_path
):
    """A case without a stored time (imported by an earlier version) takes a correction
    as before, and keeps the package's time from then on."""
    older, newer = _two_packages(centre_db, tmp_path)
    case_id = _import(coordinator_db, older, RECEIVED).case_id
    coordinator_db.execute("UPDATE r4_cases SET package_created_at = NULL WHERE id = ?", [case_id])
    assert preview_import(coordinator_db, newer, PASS, kind="proposal").action == "update"
    _import(coordinator_db, newer)
    stored = get_record(coordinator_db, "r4_cases", case_id)
    assert stored["rationale"] == CORRECTED
    assert stored["package_created_at"] == "2026-11-22T09:05:00+00:00"


def test_a_correction_is_taken_over_from_the_case_read_once(
    centre_db, coordinator_db, tmp_path, monkeypatch
):
    """The take-over writes from the case the preview read in the same transaction (it
    read the case once more)."""
    import rejnistvo.exchange.cases as cases

    older, newer = _two_packages(centre_db, tmp_path)
    case_id = _import(coordinator_db, older, RECEIVED).case_id
    preview = preview_import(coordinator_db, newer, PASS, kind="proposal")
    reads: list[tuple[str, int]] = []
    real = cases.get_record
    monkeypatch.setattr(
        cases,
        "get_record",
        lambda db, table, rid: reads.append((table, rid)) or real(db, table, rid),
    )
    assert apply_import(coordinator_db, preview, today=RESENT).changed
    assert reads == [("r4_cases", case_id)]


def test_the_notes_name_the_changed_fields_in_slovenian(centre_db, coordinator_db, tmp_path):
    """»spremenjeno: rationale« was the program's own word in a Slovenian sentence."""
    older, newer = _two_packages(centre_db, tmp_path)
    _import(coordinator_db, older, RECEIVED)
    note = " ".join(preview_import(coordinator_db, newer, PASS, kind="proposal").notes)
    assert "(spremenjeno: obrazložitev)" in note and "rationale" not in note


def test_a_newer_package_with_nothing_new_keeps_its_time(
    centre_db, coordinator_db, tmp_path, in_ljubljana
):
    """The centre corrected a proposal (package 2), then took the correction back and sent
    it again (package 3, the same text as package 1). The coordinator opened 1 and 3 —
    nothing new in 3, so the case kept 1's time — and then the late package 2, which
    counted as newer than 1 and brought back the correction the centre had taken back.
    Now the case keeps 3's time, and 2 is older than what it holds."""
    case = prepared_case(centre_db)
    first = export_proposal(
        centre_db, case["id"], PASS, tmp_path / "1.rejpaket", today=RECEIVED, now=FIRST_AT
    )
    stored = get_record(centre_db, "r4_cases", case["id"])
    original = stored["rationale"]
    save_record(centre_db, "r4_cases", {**stored, "rationale": CORRECTED})
    corrected = export_proposal(
        centre_db, case["id"], PASS, tmp_path / "2.rejpaket", today=RESENT, now=SECOND_AT
    )
    stored = get_record(centre_db, "r4_cases", case["id"])
    save_record(centre_db, "r4_cases", {**stored, "rationale": original})
    third_at = datetime(2026, 11, 22, 11, 30, 0, tzinfo=UTC)
    taken_back = export_proposal(
        centre_db, case["id"], PASS, tmp_path / "3.rejpaket", today=RESENT, now=third_at
    )

    case_id = _import(coordinator_db, first, RECEIVED).case_id
    result = _import(coordinator_db, taken_back)
    assert not result.changed  # nothing new in it …
    stored = get_record(coordinator_db, "r4_cases", case_id)
    assert stored["package_created_at"] == "2026-11-22T11:30:00+00:00"  # … but its time

    preview = preview_import(coordinator_db, corrected, PASS, kind="proposal")
    assert preview.action == "nothing" and "starejši" in " ".join(preview.notes)
    _import(coordinator_db, corrected)
    assert get_record(coordinator_db, "r4_cases", case_id)["rationale"] == original
