"""One regression test per item of issue 15 that the headless interface shows: each ran
wrong (hang, traceback, English, wrong success) before, and must now be one Slovenian
line with exit 2, or work. Fast: part of the default run."""

from __future__ import annotations

import json
import sqlite3
import time
from datetime import date
from pathlib import Path

import pytest

from rejnistvo.cli import main
from rejnistvo.store import open_db, save_record

ENGLISH = ("usage", "error:", "invalid", "required", "No such file", "Permission", "Traceback")


def _run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def _one_slovenian_line(err: str) -> None:
    assert err.count("\n") == 1, err
    assert not any(word in err for word in ENGLISH), err


@pytest.fixture
def demo_file(tmp_path):
    from rejnistvo.store.demo import fill_demo

    path = tmp_path / "demo.sqlite3"
    with open_db(path) as db:
        fill_demo(db, today=date(2026, 6, 15))
    return path


# --- 4. hangs and tracebacks --------------------------------------------------------------


@pytest.mark.parametrize(
    "argv",
    [
        [],
        ["nope"],
        ["calc", "--nope"],
        ["demo", "--scale", "veliko"],
        ["backup"],
        ["register", "--subgroup", "x"],
        ["print", "r9", "--out", "x.pdf"],
    ],
)
def test_command_line_mistakes_are_slovenian(capsys, argv):
    with pytest.raises(SystemExit) as stop:
        main(argv)
    assert stop.value.code == 2
    _one_slovenian_line(capsys.readouterr().err)


def test_json_with_a_byte_order_mark_is_read(tmp_path, capsys):
    document = tmp_path / "vhod.json"
    payload = json.dumps({"reasons": ["dolgotrajna bolezen"], "workload": "moderate"})
    document.write_bytes(b"\xef\xbb\xbf" + payload.encode())
    code, out, err = _run(capsys, "uplift", "--input", str(document))
    assert (code, err) == (0, "") and json.loads(out)["eligible"] is True


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("[" * 100_000, "pregloboko gnezden"),
        ('{"a": ' + "9" * 5000 + "}", "preveliko celo število"),
        ('{"a": 1e999999999}', "zunaj smiselnega obsega"),
        ('{"a": NaN}', "ni število"),
    ],
)
def test_hostile_json_is_one_line_and_exit_2(tmp_path, capsys, text, words):
    document = tmp_path / "vhod.json"
    document.write_text(text, encoding="utf-8")
    code, _, err = _run(capsys, "calc", "--input", str(document))
    assert code == 2 and words in err
    _one_slovenian_line(err)


def test_an_unreadable_input_is_described_in_slovenian(tmp_path, capsys):
    code, _, err = _run(capsys, "calc", "--input", str(tmp_path / "ni.json"))
    assert code == 2 and "ne obstaja" in err
    _one_slovenian_line(err)


def test_backup_gives_up_under_an_exclusive_lock(tmp_path, capsys, monkeypatch):
    from rejnistvo.store import backup

    monkeypatch.setattr(backup, "BUSY_SECONDS", 0.5)
    monkeypatch.setattr(backup.backup_to, "__kwdefaults__", {"busy_seconds": 0.5})
    path = tmp_path / "z.sqlite3"
    open_db(path).close()
    other = sqlite3.connect(path)
    other.execute("PRAGMA journal_mode = DELETE")
    other.execute("PRAGMA locking_mode = EXCLUSIVE")
    other.execute("BEGIN EXCLUSIVE")
    other.execute("UPDATE settings SET value = value")
    started = time.monotonic()
    try:
        code, _, err = _run(capsys, "backup", "--db", str(path), "--out", str(tmp_path / "k"))
    finally:
        other.rollback()
        other.close()
    assert code == 2 and "zaklenjeno drug program" in err
    assert time.monotonic() - started < 5
    _one_slovenian_line(err)


# --- 2. backup --out onto the open database -------------------------------------------------


def test_backup_out_onto_the_open_database_is_refused(tmp_path, capsys):
    path = tmp_path / "z.sqlite3"
    link = tmp_path / "povezava.sqlite3"
    with open_db(path) as db:
        save_record(db, "children", {"name": "Živa Golob"})
        link.symlink_to(path)
        for out in (path, tmp_path / "." / "z.sqlite3", link):
            code, _, err = _run(capsys, "backup", "--db", str(path), "--out", str(out))
            assert code == 2 and "zbirka sama" in err
            _one_slovenian_line(err)
        assert db["children"].count == 1
    code, out, _ = _run(capsys, "check", "--db", str(path))
    assert code == 0


# --- 5. wrong successes ------------------------------------------------------------------


def test_print_refuses_a_missing_folder(tmp_path, capsys):
    from tests.forms.conftest import FORMS_DIR

    out = tmp_path / "ni" / "r1.pdf"
    code, _, err = _run(
        capsys, "print", "r1", "--input", str(FORMS_DIR / "r1.example.json"), "--out", str(out)
    )
    assert code == 2 and "mapa ne obstaja" in err
    assert not out.parent.exists()


@pytest.mark.parametrize(
    "argv",
    [
        ["cases"],
        ["demo"],
        ["backup", "--out", "{tmp}/k.sqlite3"],
        ["register", "--subgroup", "3", "--year", "2026", "--format", "csv", "--out", "{tmp}/r"],
    ],
)
def test_a_zero_byte_file_is_refused_by_the_command_line(tmp_path, capsys, argv):
    empty = tmp_path / "prazna.sqlite3"
    empty.write_bytes(b"")
    argv = [a.replace("{tmp}", str(tmp_path)) for a in argv]
    code, _, err = _run(capsys, *argv[:1], "--db", str(empty), *argv[1:])
    assert code == 2 and "prazna" in err
    _one_slovenian_line(err)
    assert empty.read_bytes() == b""


def test_import_without_subgroup_uses_the_files_own_or_refuses(tmp_path, capsys):
    from tests.exchange.test_exchange_package import PASS, make

    package = tmp_path / "p.rejpaket"
    package.write_bytes(make(subgroup=3))
    secret = tmp_path / "geslo.txt"
    secret.write_text(PASS + "\n", encoding="utf-8")
    path = tmp_path / "koordinator.sqlite3"
    open_db(path).close()
    argv = ["import-case", "--db", str(path), "--package", str(package)]
    argv += ["--passphrase-file", str(secret), "--kind", "proposal"]
    code, _, err = _run(capsys, *argv)
    assert code == 2 and "--subgroup" in err  # the file knows no subgroup: refuse
    with open_db(path) as db:
        save_record(
            db,
            "coordinators",
            {
                "subgroup_id": 4,
                "name": "Ana Kos",
                "term_from": "2026-01-01",
                "term_to": "2026-12-31",
            },
        )
    code, _, err = _run(capsys, *argv)
    assert code == 2 and "podskupini 3" in err  # the file is subgroup 4's
    with open_db(path) as db:
        assert db["r4_cases"].count == 0


# --- 7. readers while the window has the file open ---------------------------------------


def test_readers_are_not_refused_while_the_window_has_the_file(demo_file, tmp_path, capsys):
    secret = tmp_path / "geslo.txt"
    secret.write_text("zelena žaba skače\n", encoding="utf-8")
    with open_db(demo_file) as window:  # holds the one-copy lock
        case_id = window.execute("SELECT id FROM r4_cases ORDER BY id LIMIT 1").fetchone()[0]
        undecided = window.execute(
            "SELECT id FROM r4_cases WHERE decided_on IS NULL ORDER BY id LIMIT 1"
        ).fetchone()[0]
        db = str(demo_file)
        for argv in (
            ["cases", "--db", db],
            ["print", "r4", "--db", db, "--case", str(case_id), "--out", str(tmp_path / "a.pdf")],
            [
                "register",
                "--db",
                db,
                "--subgroup",
                "1",
                "--year",
                "2026",
                "--format",
                "csv",
                "--out",
                str(tmp_path / "r.csv"),
            ],
            [
                "export-case",
                "--db",
                db,
                "--case",
                str(undecided),
                "--out",
                str(tmp_path / "p.rejpaket"),
                "--passphrase-file",
                str(secret),
            ],
        ):
            code, _, err = _run(capsys, *argv)
            assert (code, err) == (0, ""), (argv[0], err)
        # and a second writer is still refused
        code, _, err = _run(capsys, "demo", "--db", db)
        assert code == 2 and "že odprta" in err


def test_check_is_fine_after_the_readers(demo_file, capsys):
    code, out, _ = _run(capsys, "check", "--db", str(demo_file))
    assert code == 0, out
    assert isinstance(Path(demo_file).stat().st_size, int)
