"""Headless export-case/import-case: a passphrase refused (unreadable file, too short,
wrong) names the option it came from, on one line, before the database is touched."""

from __future__ import annotations

from datetime import date

import pytest

from rejnistvo.cli import main as cli_main
from rejnistvo.exchange.cases import export_proposal

PASS = "modra hiša ob reki"


def _case_id(db) -> int:
    return db.execute(
        "SELECT id FROM r4_cases WHERE sent_on IS NULL ORDER BY id LIMIT 1"
    ).fetchone()[0]


@pytest.mark.parametrize("content", [None, "", "kratko\n", b"\xff\xfe\x00bad"])
def test_export_case_passphrase_refusals_name_the_option(centre_db, tmp_path, capsys, content):
    case = _case_id(centre_db)
    path = centre_db.path
    centre_db.close()
    secret = tmp_path / "geslo.txt"
    if isinstance(content, bytes):
        secret.write_bytes(content)
    elif content is not None:
        secret.write_text(content, encoding="utf-8")
    out = tmp_path / "p.rejpaket"
    args = ["export-case", "--db", str(path), "--case", str(case), "--out", str(out)]
    assert cli_main([*args, "--passphrase-file", str(secret)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("--passphrase-file: ") and err.count("\n") == 1
    assert str(secret) in err and not out.exists()


def test_import_case_wrong_passphrase_names_the_option(centre_db, coordinator_db, tmp_path, capsys):
    package = export_proposal(
        centre_db, _case_id(centre_db), PASS, tmp_path / "p.rejpaket", today=date(2026, 11, 21)
    )
    path = coordinator_db.path
    coordinator_db.close()
    wrong = tmp_path / "napacno.txt"
    wrong.write_text("to ni pravo geslo\n", encoding="utf-8")
    args = ["import-case", "--db", str(path), "--package", str(package), "--kind", "proposal"]
    assert cli_main([*args, "--passphrase-file", str(wrong), "--preview"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("--passphrase-file: Geslo ni pravilno") and err.count("\n") == 1


def test_export_case_of_a_missing_case_names_the_option_not_the_table(centre_db, tmp_path, capsys):
    path = centre_db.path
    centre_db.close()
    secret = tmp_path / "geslo.txt"
    secret.write_text(PASS + "\n", encoding="utf-8")
    args = ["export-case", "--db", str(path), "--case", "999", "--out", str(tmp_path / "p.x")]
    assert cli_main([*args, "--passphrase-file", str(secret)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("--case: primera R-4 s številko 999 ni") and "r4_cases" not in err
