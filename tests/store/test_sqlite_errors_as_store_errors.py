"""``sqlite_errors_as_store_errors``: an sqlite3 error in the block becomes the store's
Slovenian StoreError (its kind decided as `translate_sqlite_error` decides it), and the
store's reads and writes that use it still raise nothing but StoreError."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from rejnistvo.store import save_record
from rejnistvo.store.errors import StoreError, sqlite_errors_as_store_errors
from rejnistvo.store.reads import read_rows, read_tuples
from rejnistvo.store.repository import get_record, list_records, set_setting


def raised_in_block(error: sqlite3.Error, path: object = None, **kwargs: object) -> StoreError:
    with pytest.raises(StoreError) as caught:
        with sqlite_errors_as_store_errors(path, **kwargs):  # type: ignore[arg-type]
            raise error
    return caught.value


@pytest.mark.parametrize(
    ("error", "kind", "words"),
    [
        (sqlite3.OperationalError("database or disk is full"), "disk_full", "ni dovolj prostora"),
        (
            sqlite3.OperationalError("attempt to write a readonly database"),
            "read_only",
            "samo za branje",
        ),
        (sqlite3.OperationalError("database is locked"), "locked", "zaklenjeno drug program"),
        (sqlite3.DatabaseError("file is not a database"), "not_database", "ni podatkovna zbirka"),
        (sqlite3.ProgrammingError("Cannot operate on a closed database."), "", "Napaka"),
    ],
)
def test_each_sqlite_error_becomes_the_store_error_of_its_kind(error, kind, words):
    raised = raised_in_block(error, "C:/rejnistvo.sqlite3")
    assert raised.kind == kind
    assert words in raised.message and "»C:/rejnistvo.sqlite3«" in raised.message
    # as ``raise … from None``: the sqlite3 text is not shown as a second traceback
    assert raised.__cause__ is None and raised.__suppress_context__
    assert raised.__context__ is error


def test_the_file_is_named_by_the_connection_given_as_db():
    class Connection:
        path = Path("rejnistvo.sqlite3")

    named = raised_in_block(sqlite3.OperationalError("database is locked"), db=Connection())
    assert "»rejnistvo.sqlite3«" in named.message
    plain = raised_in_block(sqlite3.OperationalError("database is locked"), db=object())
    assert "»" not in plain.message


def test_other_errors_and_a_quiet_block_pass_through():
    with pytest.raises(ValueError):
        with sqlite_errors_as_store_errors("x"):
            raise ValueError("not the database's")
    own = StoreError("Že slovensko.", "referenced")
    with pytest.raises(StoreError) as caught:
        with sqlite_errors_as_store_errors("x"):
            raise own
    assert caught.value is own
    with sqlite_errors_as_store_errors("x"):
        value = 1
    assert value == 1


def test_reads_of_a_closed_connection_raise_store_errors(db):
    db.conn.close()
    for read in (
        lambda: read_rows(db, "SELECT 1"),
        lambda: read_tuples(db, "SELECT 1"),
        lambda: list_records(db, "carers"),
        lambda: get_record(db, "carers", 1),
    ):
        with pytest.raises(StoreError, match="Napaka podatkovne zbirke"):
            read()


def test_writes_to_a_locked_file_raise_the_locked_store_error(db, db_path):
    db.execute("PRAGMA busy_timeout = 50")
    other = sqlite3.connect(db_path)
    other.execute("BEGIN EXCLUSIVE")
    try:
        for write in (
            lambda: save_record(db, "carers", {"name": "Ana Novak"}),
            lambda: set_setting(db, "fee_percent", "50"),
        ):
            with pytest.raises(StoreError) as caught:
                write()
            assert caught.value.kind == "locked"
    finally:
        other.rollback()
        other.close()


def test_a_write_refused_by_the_file_keeps_its_own_message(db):
    """An IntegrityError is worded by the write itself, inside the manager."""
    with pytest.raises(StoreError) as caught:
        save_record(db, "centres", {"code": None, "name": None})
    assert caught.value.kind == "" and "Napaka podatkovne zbirke" not in caught.value.message
