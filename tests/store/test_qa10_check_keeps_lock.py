"""Datoteka → Preveri bazo runs ``check_db(path)`` while the window's own connection is
open. ``check_db`` reads the file's header with ``open()``/``close()``; on POSIX, closing
any descriptor of a file drops every lock this process holds on it, so afterwards the
window holds no SQLite lock on its database: another SQLite client that opens and closes
the file thinks it is the last one, checkpoints and deletes the -wal the window is still
writing to (QA10, round 14: a save shown as »Shranjeno.« lived only in a deleted -wal).

Found by QA10; the fix belongs to store/connection.check_db (not QA10's file), hence
xfail(strict): it fails loudly once fixed, so the marker can go."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from rejnistvo.store.connection import check_db


def _locks_held_on(path: Path) -> int:
    inode, pid = os.stat(path).st_ino, str(os.getpid())
    with open("/proc/locks", encoding="ascii") as locks:
        return sum(
            1 for line in locks if line.split()[4] == pid and line.split()[5].endswith(f":{inode}")
        )


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc/locks")
@pytest.mark.xfail(strict=True, reason="check_db's open()/close() drops the window's lock")
def test_checking_the_open_database_keeps_its_lock(db, db_path: Path) -> None:
    db.execute("SELECT 1").fetchall()
    assert _locks_held_on(db_path) >= 1  # the connection's shared lock (WAL mode)
    assert check_db(db_path) == []
    assert _locks_held_on(db_path) >= 1
