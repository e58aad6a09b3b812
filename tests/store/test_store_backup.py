"""Backups: online API copies, at most one a day, the last ten kept."""

from __future__ import annotations

import sqlite3
from datetime import datetime, timedelta

import pytest

from rejnistvo.store import StoreError, open_db, save_record
from rejnistvo.store.backup import backup_to, backups_dir, daily_backup, list_backups


def test_backup_of_an_open_file_is_a_complete_database(db, tmp_path):
    save_record(db, "children", {"name": "Živa Golob"})  # only in the WAL so far
    out = backup_to(db.path, tmp_path / "kopija.sqlite3")
    copy = sqlite3.connect(out)
    assert copy.execute("SELECT name FROM children").fetchall() == [("Živa Golob",)]
    assert copy.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    copy.close()


def test_daily_backup_once_a_day_keeps_ten(db_path):
    open_db(db_path).close()
    start = datetime(2026, 1, 1, 8, 0)
    assert daily_backup(db_path, now=start) is not None
    assert daily_backup(db_path, now=start + timedelta(hours=5)) is None
    for day in range(1, 15):
        daily_backup(db_path, now=start + timedelta(days=day))
    kept = list_backups(db_path)
    assert len(kept) == 10
    assert kept[-1].name.startswith("rejnistvo-2026-01-15")
    assert kept[0].parent == backups_dir(db_path) == db_path.parent / "backups"


def test_open_db_makes_the_daily_backup_when_asked(db_path):
    open_db(db_path).close()
    with open_db(db_path, daily_backup=True):
        pass
    with open_db(db_path, daily_backup=True):
        pass
    assert len(list_backups(db_path)) == 1


def test_backup_of_a_non_database_is_refused(tmp_path):
    bad = tmp_path / "bad.sqlite3"
    bad.write_bytes(b"nothing here" * 10)
    with pytest.raises(StoreError, match="ni podatkovna zbirka"):
        backup_to(bad, tmp_path / "out.sqlite3")
    assert not (tmp_path / "out.sqlite3").exists()


# --- issue 15: never onto the open file, never waiting forever ------------------------------


def _names(db, tmp_path):
    link = tmp_path / "povezava.sqlite3"
    link.symlink_to(db.path)
    hard = tmp_path / "trdna.sqlite3"
    import os

    os.link(db.path, hard)
    return [db.path, tmp_path / "." / db.path.name, link, hard]


def test_backup_onto_the_database_itself_is_refused(db, tmp_path):
    save_record(db, "children", {"name": "Živa Golob"})
    for target in _names(db, tmp_path):
        with pytest.raises(StoreError, match="zbirka sama"):
            backup_to(db.path, target)
        with pytest.raises(StoreError, match="zbirka sama"):
            backup_to(db, target)
    assert db["children"].count == 1
    assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_backup_onto_a_database_open_in_the_program_is_refused(db, tmp_path):
    other = tmp_path / "druga.sqlite3"
    open_db(other).close()
    with pytest.raises(StoreError, match="odprta v programu"):
        backup_to(other, db.path)


def test_backup_gives_up_under_another_programs_exclusive_lock(db_path, tmp_path):
    import time

    open_db(db_path).close()
    other = sqlite3.connect(db_path)
    other.execute("PRAGMA journal_mode = DELETE")
    other.execute("PRAGMA locking_mode = EXCLUSIVE")
    other.execute("BEGIN EXCLUSIVE")
    other.execute("UPDATE settings SET value = value")
    started = time.monotonic()
    try:
        with pytest.raises(StoreError, match="zaklenjeno drug program"):
            backup_to(db_path, tmp_path / "kopija.sqlite3", busy_seconds=0.5)
    finally:
        other.rollback()
        other.close()
    assert time.monotonic() - started < 5
    assert not (tmp_path / "kopija.sqlite3").exists()
    assert not (tmp_path / "kopija.sqlite3.tmp").exists()


def test_backup_into_a_missing_folder_is_refused(db, tmp_path):
    with pytest.raises(StoreError, match="ne obstaja"):
        backup_to(db, tmp_path / "ni" / "kopija.sqlite3")
    assert not (tmp_path / "ni").exists()
