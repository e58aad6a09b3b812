"""import-case (SPEC 6's one line naming the option): a package that cannot be read or
is not a package starts with --package; the database is left as it was."""

from __future__ import annotations

import pytest

from rejnistvo.cli import main
from rejnistvo.store import open_db


@pytest.mark.parametrize("package", ["missing", "folder", "text"])
def test_a_package_that_is_none_names_package(tmp_path, capsys, package):
    db = tmp_path / "koordinator.sqlite3"
    open_db(db).close()
    passphrase = tmp_path / "geslo.txt"
    passphrase.write_text("dolgo-geslo-za-preskus-123\n", encoding="utf-8")
    path = {"missing": tmp_path / "ni.rejpaket", "folder": tmp_path, "text": passphrase}[package]
    before = db.read_bytes()
    argv = ["import-case", "--db", str(db), "--package", str(path)]
    argv += ["--passphrase-file", str(passphrase), "--kind", "proposal", "--subgroup", "3"]
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert err.startswith("--package: ") and err.count("\n") == 1, err
    assert db.read_bytes() == before
