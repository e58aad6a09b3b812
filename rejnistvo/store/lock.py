"""One copy of the program per database file.

Why an OS lock on a side file rather than `PRAGMA locking_mode=EXCLUSIVE` or a lock
table: an exclusive SQLite lock would also block the online backup and `check` run
from the command line, and a lock row or a plain lock file stays behind after a crash
and then wrongly refuses the next start. `flock` (POSIX) / `msvcrt.locking` (Windows)
on `<file>.lock` is held by the open file handle and released by the OS when the
process ends, however it ends. The lock file records who holds it, for the message.
The file itself is left in place on close: deleting it would let two processes lock
two different inodes of the same name.
"""

from __future__ import annotations

import contextlib
import json
import os
import sys
from pathlib import Path

from rejnistvo.store.errors import StoreError
from rejnistvo.store.errors import os_error_reason as reason

# sys.platform (not os.name) so mypy checks only the branch of the platform it runs on.
if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
    import msvcrt

    def _try_lock(fd: int) -> bool:
        try:
            os.lseek(fd, 0, os.SEEK_SET)
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True

    def _unlock(fd: int) -> None:
        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _try_lock(fd: int) -> bool:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            return False
        return True

    def _unlock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)


def lock_path(db_path: Path) -> Path:
    return db_path.with_name(db_path.name + ".lock")


class FileLock:
    """Held while a database file is open in this program."""

    def __init__(self, db_path: Path) -> None:
        # The resolved path: another name or a symbolic link of the same file must meet
        # the same lock (a hard link is caught by comparing files in backup_to).
        self.path = lock_path(Path(db_path).resolve())
        self._fd: int | None = None

    def is_held_elsewhere(self) -> bool:
        """True when another open copy (this process or another) holds the lock."""
        if self._fd is not None:
            return False
        try:
            fd = os.open(self.path, os.O_RDWR)
        except OSError:
            return False
        try:
            if not _try_lock(fd):
                return True
            _unlock(fd)
            return False
        finally:
            os.close(fd)

    def acquire(self) -> bool:
        """Take the lock; True when the previous holder never released it (a crash)."""
        try:
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        except OSError as error:
            raise StoreError(
                f"Ob podatkovni zbirki »{self.path.with_suffix('')}« ni mogoče ustvariti "
                f"datoteke zaklepa ({reason(error)}). Mapa mora dovoliti pisanje."
            ) from None
        if not _try_lock(fd):
            holder = _read_holder(fd)
            os.close(fd)
            raise StoreError(
                "Podatkovna zbirka je že odprta v drugem oknu programa Rejništvo"
                f"{holder}. Uporabite že odprto okno ali ga zaprite in poskusite znova."
            )
        unclean = _read_info(fd).get("open") is True
        # Who holds it, for the message another copy will show; written after locking.
        # "open" stays true until a clean close: found true, the last holder crashed.
        info: dict[str, object] = {
            "pid": os.getpid(),
            "host": _host(),
            "user": _user(),
            "open": True,
        }
        with contextlib.suppress(OSError):  # a full disk: the lock holds without the note
            _write_info(fd, info)
        self._fd = fd
        return unclean

    def release(self) -> None:
        if self._fd is not None:
            try:
                info = _read_info(self._fd)
                info["open"] = False
                try:
                    _write_info(self._fd, info)
                except OSError:
                    pass
                _unlock(self._fd)
            finally:
                os.close(self._fd)
                self._fd = None


def _user() -> str:
    from rejnistvo.store.audit import os_user

    return os_user()


def _read_info(fd: int) -> dict[str, object]:
    try:
        os.lseek(fd, 1, os.SEEK_SET)
        info = json.loads(os.read(fd, 4096).decode("utf-8"))
    except (OSError, ValueError):
        return {}
    return info if isinstance(info, dict) else {}


def _write_info(fd: int, info: dict[str, object]) -> None:
    data = json.dumps(info).encode("utf-8")
    # Leave byte 0 alone on Windows (it is the locked byte); keep the text after it.
    os.lseek(fd, 1, os.SEEK_SET)
    os.write(fd, data)
    os.ftruncate(fd, 1 + len(data))


def _read_holder(fd: int) -> str:
    info = _read_info(fd)
    if "user" not in info or "host" not in info:
        return ""
    return f" (uporabnik {info['user']} na računalniku {info['host']})"


def _host() -> str:
    """This computer's name. ``os.uname`` gives what ``socket.gethostname`` does on
    POSIX without importing ``socket`` (~6 ms of every start); Windows has no uname."""
    if hasattr(os, "uname"):
        return os.uname().nodename
    import socket

    return socket.gethostname()
