"""The first bytes of a database file (its header), read without dropping the SQLite locks
this process holds on it.

On POSIX, closing any descriptor of a file releases every lock the process holds on that
file — SQLite's too (sqlite.org/howtocorrupt.html, 2.2). A plain ``open()``/``close()``
of the window's own database (*Preveri bazo*, a backup, a second opening) left the window
with no lock: another SQLite client then believed it was the last one, checkpointed and
deleted the -wal the window was still writing to (QA10, round 14). SQLite itself never
closes a descriptor while a connection of the process holds a lock on the file; this does
the same: each opened database keeps one descriptor of its own (``keep_open``) until its
connection is closed (``let_go``), and ``read_start`` reads through it while it is open.

Windows has no such rule (its locks go with the handle), so there nothing is kept."""

from __future__ import annotations

import os
import threading
from pathlib import Path


class _Kept:
    """The descriptors kept of one file (one; two only if it was replaced while being
    opened) and how many connections of this process use it."""

    __slots__ = ("descriptors", "users")

    def __init__(self, fd: int) -> None:
        self.descriptors = [fd]
        self.users = 1


_kept: dict[tuple[int, int], _Kept] = {}  # by (device, inode)
_guard = threading.Lock()
_KEEPS = hasattr(os, "pread")  # POSIX


def _identity(path: Path) -> tuple[int, int]:
    status = os.stat(path)
    return status.st_dev, status.st_ino


def keep_open(path: Path) -> tuple[int, int] | None:
    """One descriptor of the database at ``path`` kept while a connection of this process
    uses it; the key to give back to ``let_go``. None where nothing needs keeping, or the
    file is gone already (the connection's next statement says so in Slovenian)."""
    if not _KEEPS:
        return None
    with _guard:
        try:
            key = _identity(path)
            kept = _kept.get(key)
            fd = os.open(path, os.O_RDONLY) if kept is None else -1
        except OSError:
            return None
        if kept is None:
            opened = os.fstat(fd)
            key = opened.st_dev, opened.st_ino
            kept = _kept.get(key)
            if kept is None:
                _kept[key] = _Kept(fd)
                return key
            # replaced while opening by a file that is kept: closing this descriptor now
            # would drop the locks it came to keep, so it goes with the others
            kept.descriptors.append(fd)
        kept.users += 1
        return key


def let_go(key: tuple[int, int] | None) -> None:
    """A connection from ``keep_open`` is closed: the last one closes the descriptor."""
    if key is None:
        return
    with _guard:
        kept = _kept.get(key)
        if kept is None:
            return
        kept.users -= 1
        if kept.users > 0:
            return
        del _kept[key]
        for fd in kept.descriptors:
            os.close(fd)


def read_start(path: Path, size: int, offset: int = 0) -> bytes:
    """``size`` bytes of the file at ``offset``: through the kept descriptor when this
    process has the file open, else by opening it (raises OSError as ``open`` does)."""
    if _KEEPS:
        with _guard:
            try:
                kept = _kept.get(_identity(path))
            except OSError:
                kept = None
            if kept is not None:
                return os.pread(kept.descriptors[0], size, offset)
    with open(path, "rb") as handle:
        handle.seek(offset)
        return handle.read(size)
