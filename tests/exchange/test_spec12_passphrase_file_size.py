"""export-case/import-case read only the start of --passphrase-file: a large file or an
endless device (/dev/zero) chosen by mistake was read whole, until memory ran out."""

from __future__ import annotations

import pytest

from rejnistvo.cli import main as cli_main
from rejnistvo.cli.register_commands import MAX_PASSPHRASE_FILE_BYTES


def _case_id(db) -> int:
    return db.execute(
        "SELECT id FROM r4_cases WHERE sent_on IS NULL ORDER BY id LIMIT 1"
    ).fetchone()[0]


@pytest.mark.parametrize("source", ["big file", "/dev/zero"])
def test_a_passphrase_file_too_large_is_refused_naming_the_option(
    centre_db, tmp_path, capsys, source
):
    if source == "/dev/zero":
        if not __import__("os").path.exists(source):
            pytest.skip("a POSIX device")
        secret = source
    else:
        big = tmp_path / "geslo.txt"
        big.write_bytes(b"modra hisa ob reki\n" + b"x" * MAX_PASSPHRASE_FILE_BYTES)
        secret = str(big)
    case = _case_id(centre_db)
    path = centre_db.path
    centre_db.close()
    out = tmp_path / "p.rejpaket"
    args = ["export-case", "--db", str(path), "--case", str(case), "--out", str(out)]
    assert cli_main([*args, "--passphrase-file", secret]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"--passphrase-file: datoteka »{secret}« je prevelika")
    assert err.count("\n") == 1 and not out.exists()


def test_a_short_passphrase_file_still_reads(centre_db, tmp_path, capsys):
    secret = tmp_path / "geslo.txt"
    secret.write_text("modra hiša ob reki\nnekaj drugega\n", encoding="utf-8")
    case = _case_id(centre_db)
    path = centre_db.path
    centre_db.close()
    out = tmp_path / "p.rejpaket"
    args = ["export-case", "--db", str(path), "--case", str(case), "--out", str(out)]
    assert cli_main([*args, "--passphrase-file", str(secret)]) == 0
    assert out.exists()
