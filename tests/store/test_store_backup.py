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
