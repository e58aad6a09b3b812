"""`check --db`: a file that could not be read, or is no database of this program, was
answered exit 1 »ima težave« — a script would restore a backup over a file that may be
healthy. SPEC 6: exit 1 lists problems found in the database; a file that cannot be
checked is bad input, exit 2 with one line naming --db."""

from __future__ import annotations

import sqlite3

import pytest

from rejnistvo.cli import main
from rejnistvo.store import connection, open_db


@pytest.fixture
def database(tmp_path):
    path = tmp_path / "zbirka.sqlite3"
    open_db(path).close()
    return path


def _check(capsys, path):
    code = main(["check", "--db", str(path)])
    out, err = capsys.readouterr()
    return code, out, err


def test_a_file_locked_by_another_program_is_exit_2_naming_db(database, capsys):
    holder = sqlite3.connect(database, isolation_level=None)
    holder.execute("PRAGMA locking_mode = EXCLUSIVE")
    holder.execute("BEGIN EXCLUSIVE")
    try:
        code, out, err = _check(capsys, database)
    finally:
        holder.close()
    assert (code, out) == (2, "")
    assert err.startswith("--db: ") and "zaklenjeno" in err and err.count("\n") == 1
    assert _check(capsys, database)[0] == 0  # once let go, the same file is healthy


def test_a_file_that_cannot_be_opened_is_exit_2(database, capsys, monkeypatch):
    # a live database on a read-only medium: SQLite cannot make its »-shm« beside it
    def cannot_open(*_args, **_kwargs):
        raise sqlite3.OperationalError("unable to open database file")

    monkeypatch.setattr(connection.sqlite3, "connect", cannot_open)
    code, out, err = _check(capsys, database)
    assert (code, out) == (2, "")
    assert err.startswith("--db: ") and "ni mogoče odpreti" in err


def test_a_file_that_is_no_database_is_exit_2(tmp_path, capsys):
    text = tmp_path / "zapiski.sqlite3"
    text.write_text("to ni zbirka", encoding="utf-8")
    other = tmp_path / "drug.sqlite3"
    raw = sqlite3.connect(other)
    raw.execute("CREATE TABLE songs (title TEXT)")
    raw.commit()
    raw.close()
    for path, said in ((text, "ni podatkovna zbirka"), (other, "drugega programa")):
        code, out, err = _check(capsys, path)
        assert (code, out) == (2, ""), path
        assert err.startswith("--db: ") and said in err and err.count("\n") == 1


def test_problems_found_in_the_file_stay_exit_1(database, capsys):
    raw = sqlite3.connect(database)
    raw.execute("DROP TABLE audit_log")
    raw.commit()
    raw.close()
    code, out, err = _check(capsys, database)
    assert code == 1 and "težave" in out and err == ""


def test_check_db_says_which_lines_are_no_check_at_all(tmp_path, database):
    text = tmp_path / "zapiski.sqlite3"
    text.write_text("to ni zbirka", encoding="utf-8")
    (problem,) = connection.check_db(text)
    assert getattr(problem, "kind", "") == "not_ours"
    assert connection.check_db(database) == []
