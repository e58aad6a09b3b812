"""open_db: WAL, foreign keys, and every bad situation refused without touching the file."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import textwrap

import pytest

from rejnistvo.store import StoreError, open_db, save_record
from rejnistvo.store.connection import default_db_path
from rejnistvo.store.schema import MIGRATION_SET


def test_new_file_has_wal_foreign_keys_and_seeded_catalogues(db):
    assert db.journal_mode == "wal"
    assert db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert db["centres"].count == 16
    assert db["units"].count == 63
    assert db["subgroup_centres"].count == 16
    assert db["rates"].count >= 1
    assert {row["key"] for row in db["settings"].rows} >= {
        "user_name",
        "waiting_days_threshold",
        "resolution_number_format",
    }


def test_default_path_is_in_the_user_data_folder():
    path = default_db_path()
    assert path.name == "rejnistvo.sqlite3"
    assert "Rejnistvo" in str(path)


def test_not_a_database_is_refused_untouched(tmp_path):
    path = tmp_path / "notes.sqlite3"
    path.write_text("To ni podatkovna zbirka.\n" * 50, encoding="utf-8")
    before = path.read_bytes()
    with pytest.raises(StoreError, match="ni podatkovna zbirka"):
        open_db(path)
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.sqlite3"]


def test_database_of_another_program_is_refused_untouched(tmp_path, digest):
    path = tmp_path / "other.sqlite3"
    raw = sqlite3.connect(path)
    raw.execute("CREATE TABLE photos (id INTEGER PRIMARY KEY, title TEXT)")
    raw.commit()
    raw.close()
    before = digest(path)
    with pytest.raises(StoreError, match="drugega programa"):
        open_db(path)
    assert digest(path) == before
    assert not (tmp_path / "backups").exists()


def test_read_only_file_is_refused(db_path, digest):
    open_db(db_path).close()
    before = digest(db_path)
    db_path.chmod(0o444)
    try:
        with pytest.raises(StoreError, match="samo za branje"):
            open_db(db_path)
    finally:
        db_path.chmod(0o644)
    assert digest(db_path) == before


def test_second_copy_of_the_program_is_refused(db):
    with pytest.raises(StoreError, match="že odprta v drugem oknu"):
        open_db(db.path)


def test_second_process_is_refused_and_lock_is_released_on_close(db_path):
    code = textwrap.dedent(
        f"""
        from rejnistvo.store import StoreError, open_db
        try:
            open_db({str(db_path)!r})
        except StoreError as error:
            print("REFUSED", error.message)
        else:
            print("OPENED")
        """
    )
    first = open_db(db_path)
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.startswith("REFUSED")
    first.close()
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.startswith("OPENED")


def test_file_locked_by_another_program_is_refused(db_path):
    open_db(db_path).close()
    other = sqlite3.connect(db_path)
    other.execute("PRAGMA locking_mode = EXCLUSIVE")
    other.execute("BEGIN EXCLUSIVE")
    other.execute("UPDATE settings SET value = value")
    try:
        with pytest.raises(StoreError, match="zaklenjeno drug program"):
            open_db(db_path, busy_timeout=0.1)
    finally:
        other.rollback()
        other.close()
    open_db(db_path).close()  # and the lock file of the refused attempt was released


def test_schema_newer_than_the_program_is_refused(db_path, digest):
    open_db(db_path).close()
    raw = sqlite3.connect(db_path)
    raw.execute(
        "INSERT INTO _sqlite_migrations (migration_set, name, applied_at) VALUES (?, ?, ?)",
        [MIGRATION_SET, "m999_from_the_future", "2030-01-01"],
    )
    raw.commit()
    raw.close()
    before = digest(db_path)
    with pytest.raises(StoreError, match="novejša različica"):
        open_db(db_path)
    assert digest(db_path) == before


def test_missing_folder_is_refused(tmp_path):
    with pytest.raises(StoreError, match="ne obstaja"):
        open_db(tmp_path / "nope" / "x.sqlite3")


def test_disk_full_is_a_store_error_and_nothing_is_written(db):
    pages = db.execute("PRAGMA page_count").fetchone()[0]
    db.execute(f"PRAGMA max_page_count = {pages}")
    count = db["carers"].count
    with pytest.raises(StoreError, match="ni dovolj prostora"):
        save_record(db, "carers", {"name": "Ana Novak", "address": "x" * 200_000})
    assert db["carers"].count == count


def test_damaged_file_is_refused(tmp_path, digest):
    path = tmp_path / "damaged.sqlite3"
    raw = sqlite3.connect(path)
    raw.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT)")
    raw.executemany("INSERT INTO t (v) VALUES (?)", [("x" * 300,) for _ in range(200)])
    raw.commit()
    raw.close()
    data = bytearray(path.read_bytes())
    data[4096 * 2 : 4096 * 2 + 200] = b"\xff" * 200  # scribble over a b-tree page
    path.write_bytes(bytes(data))
    before = digest(path)
    with pytest.raises(StoreError, match="poškodovana"):
        open_db(path)
    assert digest(path) == before
