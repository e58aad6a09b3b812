"""Centre → coordinator → centre with two database files, and every refusal on the way."""

from __future__ import annotations

import json
from datetime import date

import pytest

from rejnistvo.cli import main as cli_main
from rejnistvo.exchange import links
from rejnistvo.exchange.cases import (
    apply_import,
    export_proposal,
    export_resolution,
    preview_import,
)
from rejnistvo.exchange.errors import PackageError
from rejnistvo.exchange.package import build_package, read_package
from rejnistvo.register import workflow
from rejnistvo.register.queries import register_row
from rejnistvo.services.cases import list_cases
from rejnistvo.store import get_record
from rejnistvo.store.case_documents import r4_form_data

PASS = "modra hiša ob reki"
# Every day is pinned: the exchange takes "today" from its caller, never the machine's
# clock, so these tests give the same answer on any date (CI runs them under faketime).
SENT = date(2026, 11, 21)
RECEIVED = date(2026, 11, 21)
IMPORTED = date(2026, 11, 26)
LATER = date(2026, 11, 30)


def snapshot(db) -> str:
    """Everything in the file, to prove that a refused package changed nothing."""
    return "\n".join(db.conn.iterdump())


def prepared_case(db) -> dict:
    """A demo R-4 case that is prepared but not yet sent."""
    row = db.execute(
        "SELECT id, subgroup_id FROM r4_cases WHERE sent_on IS NULL ORDER BY id LIMIT 1"
    ).fetchone()
    return {"id": row[0], "subgroup": row[1]}


def _decide(db, case_id, subgroup):
    workflow.accept_proposal(db, case_id, date(2026, 11, 22))
    candidates = workflow.active_candidates(db, subgroup, date(2026, 11, 23))
    workflow.name_commission(db, case_id, [c.id for c in candidates[:3]], date(2026, 11, 23))
    case = get_record(db, "r4_cases", case_id)
    return workflow.record_decision(
        db,
        case_id,
        on=date(2026, 11, 25),
        outcome="increase",
        percent=case["proposed_percent"],
        rationale="Predlog je utemeljen.",
    )


def _send(centre_db, tmp_path):
    case = prepared_case(centre_db)
    path = export_proposal(
        centre_db, case["id"], PASS, tmp_path / "predlog.rejpaket", today=date(2026, 11, 21)
    )
    return case, path


def _decide_and_export(db, case_id, subgroup, tmp_path):
    """The coordinator decides the case and exports the resolution: (number, package)."""
    number = _decide(db, case_id, subgroup)
    return number, export_resolution(db, case_id, PASS, tmp_path / "sklep.rejpaket")


def _resolution_of_sent_case(centre_db, coordinator_db, tmp_path):
    """A proposal sent, imported by the coordinator and decided: its resolution package."""
    case, proposal = _send(centre_db, tmp_path)
    imported = apply_import(
        coordinator_db,
        preview_import(coordinator_db, proposal, PASS, kind="proposal"),
        today=RECEIVED,
    )
    _, resolution = _decide_and_export(coordinator_db, imported.case_id, case["subgroup"], tmp_path)
    return resolution


def _forged_resolution(contents, subgroup, decision):
    """The package's case with another decision, sealed as a resolution of `subgroup`."""
    return build_package(
        kind="resolution",
        subgroup=subgroup,
        case_uuid=contents.case_uuid,
        case=dict(contents.case, decision=decision),
        pdf=contents.pdf,
        passphrase=PASS,
    )


def test_full_round_trip(centre_db, coordinator_db, tmp_path):
    case, proposal = _send(centre_db, tmp_path)
    sent = get_record(centre_db, "r4_cases", case["id"])
    assert sent["sent_on"] == date(2026, 11, 21)

    preview = preview_import(
        coordinator_db, proposal, PASS, kind="proposal", subgroups={case["subgroup"]}
    )
    assert preview.action == "create"
    form = r4_form_data(centre_db, case["id"])
    assert preview.contents.case == form
    assert preview.contents.pdf.startswith(b"%PDF-")
    assert ("Otrok", form["child"]["name"]) in preview.contents.summary()
    result = apply_import(coordinator_db, preview, today=date(2026, 11, 21))
    assert result.created
    imported = get_record(coordinator_db, "r4_cases", result.case_id)
    assert imported["subgroup_id"] == case["subgroup"]
    assert imported["sent_on"] == date(2026, 11, 21)
    assert (
        len(imported["reasons"]) == len(sent["reasons"])
        and imported["workload"] == sent["workload"]
    )
    assert r4_form_data(coordinator_db, result.case_id) == form

    number, resolution = _decide_and_export(
        coordinator_db, result.case_id, case["subgroup"], tmp_path
    )

    back = preview_import(centre_db, resolution, PASS, kind="resolution")
    assert back.action == "decide" and back.existing_case_id == case["id"]
    outcome = apply_import(centre_db, back, today=date(2026, 11, 26))
    assert outcome.changed
    decided = get_record(centre_db, "r4_cases", case["id"])
    assert decided["resolution_no"] == number
    assert decided["decided_on"] == date(2026, 11, 25)
    assert decided["accepted_on"] == date(2026, 11, 22)
    assert decided["commission_named_on"] == date(2026, 11, 23)
    assert [m["name"] for m in decided["members"]] == [
        m["name"] for m in get_record(coordinator_db, "r4_cases", result.case_id)["members"]
    ]
    status = {c.id: c.status for c in list_cases(centre_db, LATER) if c.kind == "r4"}
    assert status[case["id"]] == "decided"
    assert (
        r4_form_data(centre_db, case["id"])["decision"]
        == r4_form_data(coordinator_db, result.case_id)["decision"]
    )


def test_importing_twice_creates_nothing(centre_db, coordinator_db, tmp_path):
    case, proposal = _send(centre_db, tmp_path)
    stale = preview_import(coordinator_db, proposal, PASS, kind="proposal")
    first = apply_import(coordinator_db, stale, today=RECEIVED)
    before = snapshot(coordinator_db)
    again = preview_import(coordinator_db, proposal, PASS, kind="proposal")
    assert again.action == "nothing" and again.existing_case_id == first.case_id
    second = apply_import(coordinator_db, again, today=LATER)
    assert not second.created and second.case_id == first.case_id
    # Even a stale preview (made before the first import) applied again adds nothing.
    assert not apply_import(coordinator_db, stale, today=LATER).created
    assert snapshot(coordinator_db) == before

    number, resolution = _decide_and_export(
        coordinator_db, first.case_id, case["subgroup"], tmp_path
    )
    apply_import(
        centre_db, preview_import(centre_db, resolution, PASS, kind="resolution"), today=IMPORTED
    )
    before = snapshot(centre_db)
    repeat = preview_import(centre_db, resolution, PASS, kind="resolution")
    assert repeat.action == "nothing" and number in repeat.notes[0]
    assert not apply_import(centre_db, repeat, today=LATER).changed
    assert snapshot(centre_db) == before


def test_re_export_keeps_the_same_case_uuid(centre_db, tmp_path):
    case, first = _send(centre_db, tmp_path)
    second = export_proposal(centre_db, case["id"], PASS, tmp_path / "znova.rejpaket", today=LATER)
    assert read_package(first, PASS).case_uuid == read_package(second, PASS).case_uuid
    # The first sending date stays.
    assert get_record(centre_db, "r4_cases", case["id"])["sent_on"] == date(2026, 11, 21)


@pytest.mark.parametrize("damage", ["flip", "truncate", "passphrase", "subgroup", "kind", "append"])
def test_bad_packages_refused_and_nothing_changed(centre_db, coordinator_db, tmp_path, damage):
    case, proposal = _send(centre_db, tmp_path)
    data = proposal.read_bytes()
    passphrase, subgroups, kind = PASS, {case["subgroup"]}, "proposal"
    if damage == "flip":
        altered = bytearray(data)
        altered[len(altered) // 2] ^= 0x10
        data = bytes(altered)
        expected = "spremenjen ali poškodovan"
    elif damage == "truncate":
        data = data[: len(data) - 1000]
        expected = "nepopoln"
    elif damage == "passphrase":
        passphrase = "napačno geslo, skoraj pravo"
        expected = "Geslo ni pravilno"
    elif damage == "subgroup":
        subgroups = {case["subgroup"] % 6 + 1}
        expected = f"namenjen podskupini {case['subgroup']}"
    elif damage == "kind":
        kind = "resolution"
        expected = "vsebuje predlog R-4"
    else:
        data += b"\x00" * 5
        expected = "dodani tuji podatki"
    before = snapshot(coordinator_db)
    with pytest.raises(PackageError, match=expected):
        preview_import(coordinator_db, data, passphrase, kind=kind, subgroups=subgroups)
    assert snapshot(coordinator_db) == before


def test_resolution_for_a_case_not_here_refused(centre_db, coordinator_db, tmp_path):
    resolution = _resolution_of_sent_case(centre_db, coordinator_db, tmp_path)
    # The coordinator's own file has the case; a third centre's file does not.
    before = snapshot(coordinator_db)
    other = tmp_path / "other"
    other.mkdir()
    from rejnistvo.store import open_db

    with open_db(other / "tretji.sqlite3") as third:
        with pytest.raises(PackageError, match="v tej evidenci ni"):
            preview_import(third, resolution, PASS, kind="resolution")
    assert snapshot(coordinator_db) == before


def test_resolution_from_other_subgroup_refused(centre_db, tmp_path):
    case, proposal = _send(centre_db, tmp_path)
    contents = read_package(proposal, PASS)
    other = case["subgroup"] % 6 + 1
    decision = {
        "resolution_no": f"{other}-001/2026",
        "date": "2026-11-25",
        "subgroup": other,
        "outcome": "no_increase",
        "rationale": "Ni razlogov.",
        "members": ["Ana Kos", "Bor Lah", "Cene Mrak"],
    }
    forged = _forged_resolution(contents, other, decision)
    before = snapshot(centre_db)
    with pytest.raises(PackageError, match=f"podskupina {other}"):
        preview_import(centre_db, forged, PASS, kind="resolution")
    assert snapshot(centre_db) == before


def test_other_resolution_over_a_decided_case_refused(centre_db, coordinator_db, tmp_path):
    resolution = _resolution_of_sent_case(centre_db, coordinator_db, tmp_path)
    apply_import(
        centre_db, preview_import(centre_db, resolution, PASS, kind="resolution"), today=IMPORTED
    )
    contents = read_package(resolution, PASS)
    decision = dict(contents.case["decision"], resolution_no="9-999/2026")
    forged = _forged_resolution(contents, contents.subgroup, decision)
    with pytest.raises(PackageError, match="že ima sklep"):
        preview_import(centre_db, forged, PASS, kind="resolution")


def test_failed_export_changes_nothing(centre_db, tmp_path):
    case = prepared_case(centre_db)
    before = snapshot(centre_db)
    with pytest.raises(PackageError, match="ni mogoče zapisati"):
        export_proposal(
            centre_db, case["id"], PASS, tmp_path / "ni-mape" / "p.rejpaket", today=SENT
        )
    assert snapshot(centre_db) == before
    assert links.uuid_for_case(centre_db, case["id"]) is None


def test_undecided_case_has_no_resolution_to_export(centre_db, tmp_path):
    case = prepared_case(centre_db)
    with pytest.raises(PackageError, match="še ni odločen"):
        export_resolution(centre_db, case["id"], PASS, tmp_path / "s.rejpaket")


def test_exchange_writes_are_audited(centre_db, tmp_path):
    from rejnistvo.store.audit import audit_rows, verify_audit_chain

    case, _ = _send(centre_db, tmp_path)
    after = audit_rows(centre_db, "r4_cases", case["id"])[-1]["after"]
    assert after["sent_on"] == "2026-11-21" and after["case_uuid"]
    assert verify_audit_chain(centre_db) == []


def test_cli_export_and_import(centre_db, coordinator_db, tmp_path, capsys):
    case = prepared_case(centre_db)
    secret = tmp_path / "geslo.txt"
    secret.write_text(PASS + "\n", encoding="utf-8")
    centre_path, coordinator_path = centre_db.path, coordinator_db.path
    centre_db.close()
    coordinator_db.close()
    package = tmp_path / "p.rejpaket"
    # Saved by Notepad with a BOM: the BOM is not part of the passphrase.
    with_bom = tmp_path / "geslo-bom.txt"
    with_bom.write_text("\ufeff" + PASS + "\r\n", encoding="utf-8")
    assert (
        cli_main(
            [
                "export-case",
                "--db",
                str(centre_path),
                "--case",
                str(case["id"]),
                "--out",
                str(package),
                "--passphrase-file",
                str(with_bom),
            ]
        )
        == 0
    )
    assert json.loads(capsys.readouterr().out)["kind"] == "proposal"
    args = [
        "import-case",
        "--db",
        str(coordinator_path),
        "--package",
        str(package),
        "--passphrase-file",
        str(secret),
        "--kind",
        "proposal",
        "--subgroup",
        str(case["subgroup"]),
    ]
    assert cli_main(args + ["--preview"]) == 0
    preview = json.loads(capsys.readouterr().out)
    assert preview["action"] == "create" and "case" not in preview
    assert cli_main(args) == 0
    assert json.loads(capsys.readouterr().out)["created"] is True
    assert cli_main(args) == 0
    assert json.loads(capsys.readouterr().out)["created"] is False
    wrong = tmp_path / "napacno.txt"
    wrong.write_text("to ni pravo geslo\n", encoding="utf-8")
    assert cli_main(args[:-4] + ["--passphrase-file", str(wrong), "--kind", "proposal"]) == 2
    error = capsys.readouterr().err
    assert "Geslo ni pravilno" in error and error.count("\n") == 1


def test_re_sent_changed_proposal_is_flagged_not_taken(centre_db, coordinator_db, tmp_path):
    """Once decided (undecided, the correction is taken over: test_qa20_resent_correction)."""
    case, proposal = _send(centre_db, tmp_path)
    imported = apply_import(
        coordinator_db,
        preview_import(coordinator_db, proposal, PASS, kind="proposal"),
        today=RECEIVED,
    )
    _decide(coordinator_db, imported.case_id, case["subgroup"])
    record = get_record(centre_db, "r4_cases", case["id"])
    record["rationale"] = "Dopolnjena obrazložitev."
    from rejnistvo.store import save_record

    save_record(centre_db, "r4_cases", record)
    again = export_proposal(
        centre_db, case["id"], PASS, tmp_path / "dopolnjen.rejpaket", today=LATER
    )
    before = snapshot(coordinator_db)
    preview = preview_import(coordinator_db, again, PASS, kind="proposal")
    assert preview.action == "nothing"
    assert "razlikuje" in preview.notes[-1] and "obrazložitev" in preview.notes[-1]
    apply_import(coordinator_db, preview, today=LATER)
    assert snapshot(coordinator_db) == before


def test_store_and_exchange_load_no_qt():
    import subprocess
    import sys

    code = (
        "import sys, rejnistvo.exchange.cases, rejnistvo.register.workflow, rejnistvo.register.export,"
        " rejnistvo.cli.register_commands; print(any(m.startswith('PySide6') for m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_exchange_keeps_identity_author_and_dates(centre_db, coordinator_db, tmp_path):
    from rejnistvo.store import set_setting

    set_setting(centre_db, "user_name", "Sandra Škof")  # who exports, not who wrote it
    case, proposal = _send(centre_db, tmp_path)
    sent = get_record(centre_db, "r4_cases", case["id"])
    assert sent["case_uuid"] and links.uuid_for_case(centre_db, case["id"]) == sent["case_uuid"]
    assert sent["prepared_by"] and sent["prepared_by"] != "Sandra Škof"

    preview = preview_import(coordinator_db, proposal, PASS, kind="proposal")
    result = apply_import(coordinator_db, preview, today=date(2026, 11, 24))
    imported = get_record(coordinator_db, "r4_cases", result.case_id)
    assert imported["case_uuid"] == sent["case_uuid"]
    assert links.case_for_uuid(coordinator_db, sent["case_uuid"]) == result.case_id
    assert imported["prepared_by"] == sent["prepared_by"]  # not the coordinator's user
    assert imported["received_on"] == date(2026, 11, 24)
    assert imported["sent_on"] == date(2026, 11, 21)
    row = register_row(coordinator_db, result.case_id)
    assert row is not None and row.received == date(2026, 11, 24)

    workflow.accept_proposal(coordinator_db, result.case_id, date(2026, 11, 24))
    candidates = workflow.active_candidates(coordinator_db, case["subgroup"], date(2026, 11, 25))
    author = workflow.Candidate(id=0, name=sent["prepared_by"], centre_id=None, centre="")
    assert any(
        "je predlog napisal" in w
        for w in workflow.commission_warnings(coordinator_db, result.case_id, [author])
    )
    workflow.name_commission(
        coordinator_db, result.case_id, [c.id for c in candidates[:3]], date(2026, 11, 25)
    )
    workflow.record_decision(
        coordinator_db,
        result.case_id,
        on=date(2026, 11, 26),
        outcome="increase",
        percent=imported["proposed_percent"],
        rationale="Predlog je utemeljen.",
    )
    resolution = export_resolution(
        coordinator_db, result.case_id, PASS, tmp_path / "sklep.rejpaket"
    )
    back = preview_import(centre_db, resolution, PASS, kind="resolution")
    apply_import(centre_db, back, today=date(2026, 11, 28))
    decided = get_record(centre_db, "r4_cases", case["id"])
    assert decided["resolution_received_on"] == date(2026, 11, 28)
    assert decided["case_uuid"] == sent["case_uuid"]


def test_hand_entered_case_gets_its_uuid_when_the_resolution_is_exported(coordinator_db, tmp_path):
    row = coordinator_db.execute(
        "SELECT id, subgroup_id FROM r4_cases WHERE decided_on IS NOT NULL ORDER BY id LIMIT 1"
    ).fetchone()
    assert links.uuid_for_case(coordinator_db, row[0]) is None
    path = export_resolution(coordinator_db, row[0], PASS, tmp_path / "s.rejpaket")
    case_uuid = links.uuid_for_case(coordinator_db, row[0])
    assert case_uuid and read_package(path.read_bytes(), PASS).case_uuid == case_uuid
