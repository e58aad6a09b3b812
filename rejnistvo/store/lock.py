"""One copy of the program per database file.

Why an OS lock on a side file rather than `PRAGMA locking_mode=EXCLUSIVE` or a lock
table: an exclusive SQLite lock would also block the online backup and `check` run
from the command line, and a lock row or a plain lock file stays behind after a crash
and then wrongly refuses the next start. `flock` (POSIX) / `msvcrt.locking` (Windows)
on `<file>.lock` is held by the open file handle and released by the OS when the
process ends, however it ends. The lock file records who holds it, for the message.
The file itself is left in place on close: deleting it would let two processes lock
two different inodes of the same name.

A second name of the same file is locked too. The name's lock is on the resolved path,
so another spelling or a symbolic link meets it; a **hard link** is another name of the
same inode, and its ``.lock`` would be another file. So on POSIX the holder also locks
a file named after the database's identity (device and inode number) in a folder of
this computer's temporary directory (``rejnistvo-locks``, writable by every user, like
``/tmp``; the holder removes it on release, checking at each lock that the file it
locked is still the one at the name): two names of one file meet there. This catches
hard links made on this computer; two computers on a shared drive meet only at the name's lock (an inode number
is per file system and a device number per computer). If that folder cannot be used
(e.g. made by another user without write permission), the name's lock alone holds, as
before. Windows keeps the name's lock only: NTFS hard links exist (``mklink /H``) but
its file IDs need a handle per file, and no user makes them by accident.
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import sys
import tempfile
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
        # the same lock; a hard link meets it at the identity's lock (module docstring).
        self.db_path = Path(db_path)
        self.path = lock_path(self.db_path.resolve())
        self._fd: int | None = None
        self._identity_fd: int | None = None
        self._identity_path: Path | None = None
        self._info: dict[str, object] = {}
        #: this copy made the lock file (none was there): a refused open removes it
        self.created = False
        #: the open was refused: ``release`` removes the lock file this copy made
        self.refused = False

    def is_held_elsewhere(self) -> bool:
        """True when another open copy (this process or another) holds the lock, under
        this name or another name of the same file."""
        if self._fd is not None:
            return False
        return any(_held(path) for path in (self.path, identity_lock_path(self.db_path)))

    def acquire(self) -> bool:
        """Take the lock; True when the previous holder never released it (a crash)."""
        fd = self._open_locked()
        try:
            self._identity_path = identity_lock_path(self.db_path)
            self._identity_fd = _lock_identity(self.db_path)
        except StoreError:
            _unlock(fd)
            os.close(fd)
            raise
        if self._identity_fd is None:
            self._identity_path = None
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
        if self._identity_fd is not None:
            with contextlib.suppress(OSError):
                _write_info(self._identity_fd, info)
        self._fd = fd
        self._info = info
        return unclean

    def _open_locked(self) -> int:
        """The name's lock file, opened and locked. Whether this call made it is kept
        (``created``): a file refused (another program's database) leaves none behind."""
        for _attempt in range(5):
            try:
                try:
                    fd = os.open(self.path, os.O_RDWR | os.O_CREAT | os.O_EXCL, 0o644)
                    created = True
                except FileExistsError:
                    fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
                    created = False
            except OSError as error:
                if error.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
                    # a read-only medium (a CD, a share without the right to write):
                    # said as a read-only file is, with what to do (QA73: it only said
                    # »Mapa mora dovoliti pisanje«, with no way to look at the file)
                    raise StoreError(
                        f"Podatkovna zbirka »{self.path.with_suffix('')}« je v mapi samo za "
                        f"branje ({reason(error)}), zato je program ne more odpreti. Omogočite "
                        "pisanje v mapo ali zbirko skopirajte v mapo, kamor lahko pišete.",
                        "read_only",
                    ) from None
                raise StoreError(
                    f"Ob podatkovni zbirki »{self.path.with_suffix('')}« ni mogoče ustvariti "
                    f"datoteke zaklepa ({reason(error)}). Mapa mora dovoliti pisanje."
                ) from None
            if not _try_lock(fd):
                holder = _read_holder(fd)
                os.close(fd)
                raise _refusal(holder)
            # A refused open removes the file it made (``refused``), still
            # locked: locked, it must still be the file at the name, or the next one
            # locks a new file there — try again (as at the identity's lock).
            try:
                if os.fstat(fd).st_ino == os.stat(self.path).st_ino:
                    self.created = created
                    return fd
            except OSError:
                pass
            _unlock(fd)
            os.close(fd)
        raise _refusal(None)

    def follow_identity(self) -> None:
        """Lock the identity of the file now at the name (call after it was created or
        rebuilt aside and renamed into place: a new inode)."""
        if self._fd is None:
            return
        wanted = identity_lock_path(self.db_path)
        if wanted is not None and wanted == self._identity_path:
            return
        self._release_identity()
        self._identity_fd = _lock_identity(self.db_path)
        self._identity_path = wanted if self._identity_fd is not None else None
        if self._identity_fd is not None:
            with contextlib.suppress(OSError):  # who holds it, for the other name's message
                _write_info(self._identity_fd, self._info)

    def _release_identity(self) -> None:
        if self._identity_fd is not None:
            fd, path = self._identity_fd, self._identity_path
            self._identity_fd = self._identity_path = None
            try:
                if path is not None:
                    # removed while still locked (see _lock_identity); another user's
                    # file in the sticky folder stays
                    with contextlib.suppress(OSError):
                        path.unlink()
                with contextlib.suppress(OSError):
                    _unlock(fd)
            finally:
                os.close(fd)

    def release(self) -> None:
        """Let go. Once ``refused`` (e.g. another program's database) the lock file this
        copy made is removed: nothing is left beside a file the program did not open."""
        self._release_identity()
        if self._fd is not None:
            remove = self.refused and self.created
            try:
                if remove:
                    # removed while still locked: one waiting on it finds a file gone
                    # from the name and tries again (``_open_locked``); Windows cannot
                    # remove an open file, so there it goes after the close below
                    with contextlib.suppress(OSError):
                        self.path.unlink()
                else:
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
            if remove and sys.platform == "win32":  # pragma: no cover - Windows only
                with contextlib.suppress(OSError):
                    self.path.unlink()


def _refusal(holder: dict[str, object] | None) -> StoreError:
    """Who holds the file, for the one who is refused. Another person or computer (two
    clerks sharing the file on a shared disk) cannot »use the open window or close it«:
    the window is theirs, so they are named and asked to close it (QA73). Kind "held":
    the window offers to open the file read-only beside it (QA74)."""
    if holder and (holder["user"], holder["host"]) != (_user(), _host()):
        error = StoreError(
            f"Podatkovno zbirko ima odprto uporabnik {holder['user']} na računalniku "
            f"{holder['host']}. Naenkrat jo lahko uporablja le en program: prosite ga, naj "
            "program zapre, ali počakajte in poskusite znova.",
            "held",
        )
    else:
        named = f" (uporabnik {holder['user']} na računalniku {holder['host']})" if holder else ""
        error = StoreError(
            "Podatkovna zbirka je že odprta v drugem oknu programa Rejništvo"
            f"{named}. Uporabite že odprto okno ali ga zaprite in poskusite znova.",
            "held",
        )
    error.holder = _holder_words(holder)
    return error


def _holder_words(holder: dict[str, object] | None) -> str:
    if not holder:
        return ""
    return f"uporabnik {holder['user']} na računalniku {holder['host']}"


def holder_of(db_path: Path) -> str | None:
    """Who has the file open for work now: None when nobody does (its lock is free);
    »uporabnik … na računalniku …«, or "" when the lock file does not say. Takes no lock
    and writes nothing (a read-only window asks it for »Odpri za delo«)."""
    lock = FileLock(db_path)
    if not lock.is_held_elsewhere():
        return None
    try:
        fd = os.open(lock.path, os.O_RDONLY)
    except OSError:
        return ""
    try:
        return _holder_words(_read_holder(fd))
    finally:
        os.close(fd)


def _held(path: Path | None) -> bool:
    if path is None:
        return False
    try:
        fd = os.open(path, os.O_RDWR)
    except OSError:
        return False
    try:
        if not _try_lock(fd):
            return True
        _unlock(fd)
        return False
    finally:
        os.close(fd)


def identity_locks_dir() -> Path:
    return Path(tempfile.gettempdir()) / "rejnistvo-locks"


def identity_lock_path(db_path: Path) -> Path | None:
    """The lock every name of the file meets (POSIX); None on Windows or when the file
    is not there yet (a new file has no other name)."""
    if sys.platform == "win32":  # pragma: no cover - see the module docstring
        return None
    try:
        status = os.stat(db_path)
    except OSError:
        return None
    return identity_locks_dir() / f"{status.st_dev}-{status.st_ino}.lock"


def _lock_identity(db_path: Path) -> int | None:
    """Lock the file's identity; its fd, or None when that folder cannot be used (the
    name's lock alone then holds). StoreError when another name of it is open."""
    path = identity_lock_path(db_path)
    if path is None:
        return None
    for _attempt in range(5):
        try:
            folder = path.parent
            if not folder.is_dir():
                folder.mkdir(exist_ok=True)
                # every user's copies meet here, as in /tmp (sticky: none deletes another's)
                os.chmod(folder, 0o1777)
            fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o666)
        except OSError:
            return None
        with contextlib.suppress(OSError):  # the umask must not shut the next user out
            if os.fstat(fd).st_uid == os.getuid():
                os.fchmod(fd, 0o666)
        if not _try_lock(fd):
            holder = _read_holder(fd)
            os.close(fd)
            raise _refusal(holder)
        # Its holder removes this file on release (one file per database ever opened
        # would pile up): locked, it must still be the file at the name, or a holder
        # removed it meanwhile and the next one locks a new file there — try again.
        try:
            if os.fstat(fd).st_ino == os.stat(path).st_ino:
                return fd
        except OSError:
            pass
        _unlock(fd)
        os.close(fd)
    return None


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


def _read_holder(fd: int) -> dict[str, object] | None:
    info = _read_info(fd)
    if "user" not in info or "host" not in info:
        return None
    return info


def _host() -> str:
    """This computer's name. ``os.uname`` gives what ``socket.gethostname`` does on
    POSIX without importing ``socket`` (~6 ms of every start); Windows has no uname."""
    if hasattr(os, "uname"):
        return os.uname().nodename
    import socket

    return socket.gethostname()
