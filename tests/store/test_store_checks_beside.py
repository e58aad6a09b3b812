"""The window's open: quick_check and the daily backup beside it, on a clean current file."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from rejnistvo.store import open_db, save_record
from rejnistvo.store.backup import list_backups


def test_a_clean_file_is_checked_and_backed_up_beside_the_window(db_path):
    open_db(db_path).close()
    db = open_db(db_path, daily_backup=True, checks_beside=True)
    try:
        assert db.checks is not None
        result = db.checks.result(timeout=30)
        assert result is not None and result.damaged is None and result.warnings == []
        assert len(list_backups(db_path)) == 1
        save_record(db, "children", {"name": "Živa Golob"})  # the file is usable meanwhile
    finally:
        db.close()


def test_a_new_file_or_one_after_a_crash_is_checked_before_opening(db_path, monkeypatch):
    from rejnistvo.store import connection

    calls = []
    real = connection.integrity_problems
    monkeypatch.setattr(
        connection, "integrity_problems", lambda db, *, full=True: calls.append(full) or real(db)
    )
    db = open_db(db_path, checks_beside=True)  # new: checked at once, as before
    assert db.checks is None
    db.close()
    lock = db_path.with_name(db_path.name + ".lock")
    lock.write_bytes(lock.read_bytes().replace(b'"open": false', b'"open": true'))
    db = open_db(db_path, checks_beside=True)  # unclean: the full check, first
    assert db.checks is None and calls[-1] is True
    db.close()
    db = open_db(db_path, checks_beside=True)
    assert db.checks is not None and calls == [False, True]  # the clean one: beside
    db.close()


def test_a_reader_before_the_window_does_not_make_its_start_a_crash_recovery(db_path, monkeypatch):
    # `check`, `cases`, `print --db` of older versions read on a read-only connection,
    # which cannot remove the empty -wal and -shm it made (readers now leave none, QA62);
    # taken for a crash, the next window start ran the full integrity check in the
    # foreground (~0.3 s at 20k) instead of beside.
    from rejnistvo.store import connection

    open_db(db_path).close()
    reader = sqlite3.connect(f"{db_path.resolve().as_uri()}?mode=ro", uri=True)
    reader.execute("SELECT count(*) FROM sqlite_master").fetchone()
    reader.close()
    wal = db_path.with_name(db_path.name + "-wal")
    assert wal.exists() and wal.stat().st_size == 0  # what the older readers left
    calls = []
    real = connection.integrity_problems
    monkeypatch.setattr(
        connection, "integrity_problems", lambda db, *, full=True: calls.append(full) or real(db)
    )
    db = open_db(db_path, checks_beside=True)
    try:
        assert db.checks is not None and calls == []
    finally:
        db.close()


def test_damage_found_beside_stops_writes_and_no_backup_is_made(db_path, monkeypatch):
    from rejnistvo.store.background_checks import BackgroundChecks

    open_db(db_path).close()
    monkeypatch.setattr(
        BackgroundChecks, "_quick_check", lambda self: ["*** in database main *** Page 7"]
    )
    db = open_db(db_path, daily_backup=True, checks_beside=True)
    try:
        result = db.checks.result(timeout=30)
        assert result.damaged and "poškodovana (*** in database main *** Page 7)" in result.damaged
        assert list_backups(db_path) == []
        db.refuse_writes()
        with pytest.raises(sqlite3.OperationalError):
            db.execute("INSERT INTO children (name) VALUES ('x')")
    finally:
        db.close()


def test_a_failed_daily_backup_is_a_warning(db_path, monkeypatch):
    from rejnistvo.store import backup
    from rejnistvo.store.errors import StoreError

    open_db(db_path).close()

    def full_disk(*_args, **_kw):
        raise StoreError("Na disku ni dovolj prostora.")

    monkeypatch.setattr(backup, "daily_backup", full_disk)
    db = open_db(db_path, daily_backup=True, checks_beside=True)
    try:
        result = db.checks.result(timeout=30)
        assert result.damaged is None
        assert result.warnings == [
            "Dnevna varnostna kopija ni bila narejena. Na disku ni dovolj prostora."
        ]
    finally:
        db.close()


def test_checks_left_for_later_start_when_asked_or_when_waited_for(db_path, monkeypatch):
    from rejnistvo.store.background_checks import BackgroundChecks

    open_db(db_path).close()
    ran = []
    real = BackgroundChecks._quick_check
    monkeypatch.setattr(BackgroundChecks, "_quick_check", lambda self: ran.append(1) or real(self))
    db = open_db(db_path, daily_backup=True, checks_beside=True, start_checks=False)
    try:
        assert db.checks is not None and not db.checks.started and not db.checks.done()
        assert ran == [] and list_backups(db_path) == []  # nothing read or copied yet
        db.checks.start()
        db.checks.start()  # once
        result = db.checks.result(timeout=30)
        assert result is not None and result.damaged is None and ran == [1]
        assert db.checks.done() and len(list_backups(db_path)) == 1
    finally:
        db.close()
    # a caller waiting for checks never started gets them run, not a wait for nothing
    db = open_db(db_path, checks_beside=True, start_checks=False)
    try:
        result = db.checks.result(timeout=30)
        assert result is not None and result.damaged is None and ran == [1, 1]
    finally:
        db.close()


def test_a_long_integrity_report_is_cut_to_its_first_lines():
    # SQLite reports each damaged cell on a line of its own (~100 for one bad page): the
    # message at opening would be taller than a laptop's screen, its button out of reach
    from rejnistvo.store.background_checks import damaged_message

    report = "*** in database main ***\n" + "\n".join(
        f"Tree 2 page 7 cell {n}: invalid page number {n + 90}" for n in range(90)
    )
    message = damaged_message(Path("zbirka.sqlite3"), report)
    assert "cell 1:" in message and "cell 2:" not in message
    assert "(in še 88 vrstic poročila)" in message
    assert len(message) < 400 and "\n" not in message


def test_no_garbage_collection_starts_in_the_checks_thread(db_path, monkeypatch):
    """A collection started in the thread would free the window's Qt objects outside the
    GUI thread; automatic collection is off while the checks run, then on again."""
    import gc
    import threading

    from rejnistvo.store.background_checks import BackgroundChecks

    open_db(db_path).close()
    inside, release = threading.Event(), threading.Event()
    seen: list[bool] = []

    def held(self):
        seen.append(gc.isenabled())
        inside.set()
        release.wait(30)
        return []

    monkeypatch.setattr(BackgroundChecks, "_quick_check", held)
    assert gc.isenabled()
    db = open_db(db_path, checks_beside=True)
    try:
        assert inside.wait(30)
        assert seen == [False] and not gc.isenabled()
        release.set()
        result = db.checks.result(timeout=30)
        assert result is not None and result.damaged is None
        assert gc.isenabled()
    finally:
        release.set()
        db.close()
