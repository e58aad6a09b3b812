"""SPEC 6, nothing written on bad input: an --out that names a file the command reads
(its --db, its --input) or any database is refused with one line that starts with
--out, and the file stays as it was (a register »written over« the database replaced it
with a CSV, exit status 0). Any other existing file is replaced, as a report written again."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from rejnistvo.cli import main
from rejnistvo.store import open_db

FORMS = Path(__file__).resolve().parents[2] / "forms"


@pytest.fixture
def db(tmp_path, own_rates):
    path = tmp_path / "zbirka.sqlite3"
    with open_db(path) as database:
        own_rates(database)
    return path


def refused_out(capsys, argv, kept: Path):
    before = kept.read_bytes()
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert err.startswith("--out: ") and err.count("\n") == 1, err
    assert kept.read_bytes() == before
    return err


@pytest.mark.parametrize(
    "argv",
    [
        ["register", "--subgroup", "1", "--year", "2026", "--format", "csv"],
        ["candidate-changes", "--subgroup", "1", "--since", "2026-01-01"],
        ["run", "--month", "2026-01", "--format", "csv"],
        ["run", "--month", "2026-01"],
    ],
)
def test_a_report_over_its_own_database_is_refused(db, capsys, argv):
    err = refused_out(capsys, [*argv, "--db", str(db), "--out", str(db)], db)
    assert "ukaz bere" in err


def test_a_report_over_another_database_is_refused(db, tmp_path, capsys):
    other = tmp_path / "druga.sqlite3"
    shutil.copyfile(db, other)
    argv = ["register", "--db", str(db), "--subgroup", "1", "--year", "2026", "--format", "csv"]
    err = refused_out(capsys, [*argv, "--out", str(other)], other)
    assert "podatkovna zbirka" in err


def test_a_form_over_its_own_input_is_refused(tmp_path, capsys):
    data = tmp_path / "r4.json"
    shutil.copyfile(FORMS / "r4.example.json", data)
    refused_out(capsys, ["print", "r4", "--input", str(data), "--out", str(data)], data)


def test_an_existing_report_is_replaced(db, tmp_path, capsys):
    out = tmp_path / "evidenca.csv"
    out.write_text("stara evidenca", encoding="utf-8")
    argv = ["register", "--db", str(db), "--subgroup", "1", "--year", "2026", "--format", "csv"]
    assert main([*argv, "--out", str(out)]) == 0
    assert json.loads(capsys.readouterr().out)["out"] == str(out)
    assert out.read_text(encoding="utf-8-sig") != "stara evidenca"


def test_a_form_that_cannot_be_written_names_out(tmp_path, capsys):
    out = tmp_path / "mapa"
    out.mkdir()
    argv = ["print", "r4", "--input", str(FORMS / "r4.example.json"), "--out", str(out)]
    assert main(argv) == 2
    assert capsys.readouterr().err.startswith("--out: ")


@pytest.mark.parametrize("where", ["no_folder", "folder"])
def test_a_package_into_no_folder_names_out(db, tmp_path, capsys, where):
    passphrase = tmp_path / "geslo.txt"
    passphrase.write_text("dolgo-geslo-za-preskus-123\n", encoding="utf-8")
    out = tmp_path / "ni" / "paket.rejpaket" if where == "no_folder" else tmp_path
    argv = ["export-case", "--db", str(db), "--case", "1", "--passphrase-file", str(passphrase)]
    assert main([*argv, "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("--out: ") and err.count("\n") == 1, err


def test_a_package_that_cannot_be_written_names_out(tmp_path, capsys, monkeypatch):
    import errno

    import rejnistvo.atomic_write

    demo = tmp_path / "demo.sqlite3"
    assert main(["demo", "--db", str(demo), "--scale", "2"]) == 0
    capsys.readouterr()
    passphrase = tmp_path / "geslo.txt"
    passphrase.write_text("dolgo-geslo-za-preskus-123\n", encoding="utf-8")

    def disk_full(target, data):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(rejnistvo.atomic_write, "replace_bytes", disk_full)
    out = tmp_path / "paket.rejpaket"
    argv = ["export-case", "--db", str(demo), "--case", "1", "--passphrase-file", str(passphrase)]
    assert main([*argv, "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("--out: Paketa ni mogoče zapisati") and err.count("\n") == 1, err
