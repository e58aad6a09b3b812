"""backup (SPEC 6): each refusal is one line that starts with the option at fault — the
database read (--db), the copy's target (--out) or the keys' folder (--keys) — and
writes nothing."""

from __future__ import annotations

from contextlib import contextmanager

import pytest

from rejnistvo.cli import main
from rejnistvo.store import open_db
from rejnistvo.store.connection import SQLITE_HEADER


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "zbirka.sqlite3"
    open_db(path).close()
    return path


def refused(capsys, *args):
    assert main(["backup", *args]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err, err
    return err


def test_a_folder_or_a_file_that_is_no_database_is_the_fault_of_db(tmp_path, capsys):
    out = tmp_path / "kopija.sqlite3"
    assert refused(capsys, "--db", str(tmp_path), "--out", str(out)).startswith("--db: ")
    text = tmp_path / "besedilo.txt"
    text.write_text("ni zbirka", encoding="utf-8")
    err = refused(capsys, "--db", str(text), "--out", str(out))
    assert err.startswith("--db: ") and str(text) in err
    assert not out.exists()


def test_a_damaged_database_is_named_as_the_db_not_as_the_copy(tmp_path, capsys):
    # the header of a database, then no pages: SQLite says so while copying
    damaged = tmp_path / "poskodovana.sqlite3"
    damaged.write_bytes(SQLITE_HEADER + b"\xff" * 200)
    out = tmp_path / "kopija.sqlite3"
    err = refused(capsys, "--db", str(damaged), "--out", str(out))
    assert err.startswith("--db: ") and str(damaged) in err and str(out) not in err
    assert not out.exists()


def test_the_database_itself_as_the_target_is_the_fault_of_out(db, capsys):
    err = refused(capsys, "--db", str(db), "--out", str(db))
    assert err.startswith("--out: ") and "podatkovna zbirka sama" in err


def test_a_target_that_cannot_be_written_is_the_fault_of_out(db, tmp_path, capsys, monkeypatch):
    @contextmanager
    def no_permission(path):
        raise PermissionError(13, "Permission denied", str(path))
        yield

    monkeypatch.setattr("rejnistvo.store.backup.atomic_path", no_permission)
    out = tmp_path / "kopija.sqlite3"
    err = refused(capsys, "--db", str(db), "--out", str(out))
    assert err.startswith("--out: ") and str(out) in err


def test_a_target_sqlite_cannot_open_names_its_folder(db, tmp_path, capsys, monkeypatch):
    import sqlite3

    connect = sqlite3.connect

    def refuse_the_copy(target, *args, **kwargs):
        if "?mode=" not in str(target):  # the copy; the database is read by its URI
            raise sqlite3.OperationalError("unable to open database file")
        return connect(target, *args, **kwargs)

    monkeypatch.setattr("rejnistvo.store.backup.sqlite3.connect", refuse_the_copy)
    out = tmp_path / "kopija.sqlite3"
    err = refused(capsys, "--db", str(db), "--out", str(out))
    assert err == f"--out: v mapo »{tmp_path}« ni mogoče pisati. Izberite drugo mapo.\n"


def test_a_missing_keys_folder_is_refused_before_the_copy_is_written(db, tmp_path, capsys):
    out = tmp_path / "kopija.sqlite3"
    err = refused(capsys, "--db", str(db), "--out", str(out), "--keys", str(tmp_path / "ni"))
    assert err.startswith("--keys: ")
    assert not out.exists()


def test_an_unwritable_keys_folder_is_refused_before_the_copy(db, tmp_path, capsys, monkeypatch):
    def no_permission(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr("tempfile.TemporaryFile", no_permission)
    out = tmp_path / "kopija.sqlite3"
    err = refused(capsys, "--db", str(db), "--out", str(out), "--keys", str(tmp_path))
    assert err.startswith(f"--keys: v mapo »{tmp_path}« ni mogoče pisati")
    assert not out.exists()
