"""The window's own SQLite locks survive what the program does to its open file beside it.

On POSIX, closing any descriptor of a file drops every lock the process holds on it. QA10
(round 14) found *Preveri bazo* (``check_db``) reading the header with ``open()``/``close()``
while the window had the file open: afterwards the window held no lock, and another SQLite
client that opened and closed the file deleted the -wal the window was still writing to
(a save shown as »Shranjeno.« lived only in a deleted -wal)."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from rejnistvo.store import file_start, open_db
from rejnistvo.store.backup import backup_to
from rejnistvo.store.connection import SQLITE_HEADER, check_db

pytestmark = pytest.mark.skipif(
    not sys.platform.startswith("linux"), reason="reads /proc/locks (POSIX locks)"
)


def locks_held_on(path: Path) -> int:
    inode, pid = os.stat(path).st_ino, str(os.getpid())
    with open("/proc/locks", encoding="ascii") as locks:
        fields = [line.split() for line in locks]
    return sum(1 for f in fields if f[4] == pid and f[5].endswith(f":{inode}"))


def test_checking_the_open_database_keeps_its_lock(db, db_path: Path) -> None:
    db.execute("SELECT 1").fetchall()
    assert locks_held_on(db_path) >= 1  # the connection's shared lock (WAL mode)
    assert check_db(db_path) == []
    assert locks_held_on(db_path) >= 1


def test_backing_up_the_open_database_by_its_path_keeps_its_lock(db, db_path, tmp_path):
    db.execute("SELECT 1").fetchall()
    backup_to(db_path, tmp_path / "copy.sqlite3")
    assert locks_held_on(db_path) >= 1


def test_a_reader_of_the_same_file_closed_keeps_the_windows_lock(db, db_path: Path) -> None:
    db.execute("SELECT 1").fetchall()
    open_db(db_path, read_only=True).close()
    assert locks_held_on(db_path) >= 1


def test_another_program_cannot_take_the_wal_of_a_save_after_a_check(db, db_path: Path):
    # The whole failure: a save in the -wal, a check, then another SQLite client opens
    # and closes the file. With the window's lock dropped, that client checkpointed and
    # deleted the -wal under the open window.
    db.execute("PRAGMA wal_autocheckpoint = 0")
    with db.atomic():
        db.execute("CREATE TABLE qa10 (note TEXT)")
        db.execute("INSERT INTO qa10 VALUES ('shranjeno')")
    wal = db_path.with_name(db_path.name + "-wal")
    assert wal.stat().st_size > 0
    assert check_db(db_path) == []
    code = (
        "import sqlite3, sys; c = sqlite3.connect(sys.argv[1]); "
        "c.execute('SELECT count(*) FROM sqlite_master').fetchall(); c.close()"
    )
    subprocess.run([sys.executable, "-c", code, str(db_path)], check=True)
    assert wal.exists()  # the other client saw the window's lock: not the last one
    with db.atomic():
        db.execute("INSERT INTO qa10 VALUES ('še ena')")
    db.close()
    reopened = sqlite3.connect(db_path)
    assert [r[0] for r in reopened.execute("SELECT note FROM qa10")] == ["shranjeno", "še ena"]
    reopened.close()


def test_the_kept_descriptor_goes_with_the_last_connection(db_path: Path) -> None:
    first = open_db(db_path)
    second = open_db(db_path, read_only=True)
    key = first.kept
    assert key is not None and key == second.kept
    assert file_start.read_start(db_path, len(SQLITE_HEADER)) == SQLITE_HEADER
    second.close()
    assert key in file_start._kept  # the window's connection still uses it
    first.close()
    assert key not in file_start._kept
    # a file no connection has open is read by opening it
    assert file_start.read_start(db_path, 1, offset=18) in (b"\x01", b"\x02")
