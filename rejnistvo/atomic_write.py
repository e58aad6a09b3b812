"""THE one way this program writes a file the user asked for (exports, PDFs, packages).

The bytes go to ``<out>.tmp`` beside the target, are flushed to disk, then renamed over
the target: a crash or a full disk leaves either the old file or the new one, never half
a file. The temporary name is noted in the installation's folder first
(``pending-temp-files.txt``), so that a ``<out>.tmp`` left by a crash is removed at the
next start (``clean_leftovers``, called when a database is opened for writing and by
the command line).

A missing folder is refused rather than created: the user chose a place that is not
there (a typo, an unplugged drive), and a new folder would hide the mistake.

    from rejnistvo.atomic_write import write_atomic
    write_atomic(path, data)            # bytes; raises WriteError (Slovenian message)
    replace_bytes(path, data)           # the same, raising OSError (printing.write_atomic)
    with atomic_path(path) as tmp: ...  # for writers that need a path (openpyxl, reportlab)
"""

from __future__ import annotations

import contextlib
import errno
import os
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

from rejnistvo.config_dir import config_dir
from rejnistvo.rules.errors import InputError, RuleError

PENDING_FILE = "pending-temp-files.txt"
TMP_SUFFIX = ".tmp"


class WriteError(RuleError):
    """A file could not be written; nothing was left half-written. (No field: the CLI
    turns it into one line and exit 2, like a StoreError.)"""

    def __init__(self, message: str) -> None:
        super().__init__("", message)


_OS_REASONS = {
    errno.ENOENT: "mapa ali datoteka ne obstaja",
    errno.ENOTDIR: "del poti ni mapa",
    errno.EACCES: "ni dovoljenja",
    errno.EPERM: "ni dovoljenja",
    errno.EROFS: "disk je samo za branje",
    errno.ENOSPC: "na disku ni prostora",
    errno.EDQUOT: "porabljena je kvota diska",
    errno.EISDIR: "na tem mestu je mapa",
    errno.ENAMETOOLONG: "ime je predolgo",
    errno.EEXIST: "datoteka že obstaja",
    errno.EBUSY: "datoteko uporablja drug program",
    errno.EIO: "napaka diska",
}


#: A failed write says what the user can change (another folder, close the other program).
_WRITE_REASONS = {
    errno.ENOENT: "mapa ne obstaja",
    errno.EACCES: "ni dovoljenja za pisanje (nimate pravice pisanja v to mapo ali datoteko)",
    errno.EPERM: "dejanje ni dovoljeno (datoteka je morda odprta v drugem programu ali zaščitena)",
}


def os_error_reason(error: BaseException, *, writing: bool = False) -> str:
    """A Slovenian reason for an OS error (the OS's own text is English): the one table
    the window, the CLI and the store word OS errors with. ``writing``: the error came
    from writing a file the user chose."""
    code = getattr(error, "errno", None)
    if writing and code in _WRITE_REASONS:
        return _WRITE_REASONS[code]
    if code in _OS_REASONS:
        return _OS_REASONS[code]
    if isinstance(error, PermissionError):
        return _OS_REASONS[errno.EACCES]
    # the number lets whoever supports the user look the error up
    return (
        f"napaka pri delu z datoteko (sistemska napaka št. {code})"
        if code
        else ("napaka pri delu z datoteko")
    )


def require_folder(path: str | os.PathLike[str]) -> Path:
    """The target's folder must exist; refuse instead of creating it."""
    target = Path(path)
    if target.is_dir():
        raise WriteError(f"»{target}« je mapa; navedite ime datoteke.")
    if not target.parent.is_dir():
        raise WriteError(
            f"Mapa »{target.parent}« ne obstaja. Izberite obstoječo mapo (program map ne "
            "ustvarja, da se tipkarska napaka ne bi skrila)."
        )
    return target


@contextlib.contextmanager
def atomic_os_path(path: str | os.PathLike[str]) -> Iterator[Path]:
    """Yield the temporary path to write; on success it replaces `path`. Raises OSError
    (a missing folder: FileNotFoundError), for callers that word OS errors themselves."""
    target = Path(path)
    if not target.parent.is_dir():
        raise FileNotFoundError(errno.ENOENT, "folder does not exist", str(target.parent))
    tmp = target.with_name(target.name + TMP_SUFFIX)
    _note(tmp)
    try:
        yield tmp
        _fsync(tmp)
        os.replace(tmp, target)
    except BaseException:
        try:
            tmp.unlink(missing_ok=True)
        except OSError:
            # a read-only disk refuses the unlink too: the write's own refusal is what the
            # user reads; a file left stays noted and goes at the next start
            pass
        else:
            _forget(tmp)
        raise
    _forget(tmp)


@contextlib.contextmanager
def atomic_path(path: str | os.PathLike[str]) -> Iterator[Path]:
    """As ``atomic_os_path``, but a failure is a WriteError with a Slovenian message."""
    target = require_folder(path)
    try:
        with atomic_os_path(target) as tmp:
            yield tmp
    except OSError as error:
        raise WriteError(
            f"Datoteke »{target}« ni mogoče zapisati: {os_error_reason(error)}. Izberite mapo, v "
            "katero lahko pišete."
        ) from None


def write_output(path: str | os.PathLike[str], write: Callable[[Path], None]) -> Path:
    """An export the user asked for: `write` fills a temporary file beside `path`, which
    then replaces it. A refusal is an InputError of the output (field ``out``, what the
    command line names ``--out`` and the window shows) that names the file the user chose,
    never the temporary one; a cancel or an error leaves no file."""
    try:
        with atomic_path(path) as temporary:
            write(temporary)
    except WriteError as error:
        raise InputError("out", error.message) from None
    return Path(path)


def replace_bytes(path: str | os.PathLike[str], data: bytes) -> Path:
    """Write `data` to `path` through a temporary file; OSError on failure."""
    with atomic_os_path(path) as tmp:
        tmp.write_bytes(data)
    return Path(path)


def write_atomic(path: str | os.PathLike[str], data: bytes) -> Path:
    """Write `data` to `path` through a temporary file; return the path."""
    with atomic_path(path) as tmp:
        tmp.write_bytes(data)
    return Path(path)


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _pending() -> Path | None:
    try:
        return config_dir() / PENDING_FILE
    except OSError:
        return None


def _note(tmp: Path) -> None:
    pending = _pending()
    if pending is None:
        return
    with contextlib.suppress(OSError), pending.open("a", encoding="utf-8") as handle:
        handle.write(f"{os.getpid()}\t{tmp.resolve()}\n")


def _forget(tmp: Path) -> None:
    pending = _pending()
    if pending is None:
        return
    me = f"{os.getpid()}\t{tmp.resolve()}"
    with contextlib.suppress(OSError):
        lines = pending.read_text(encoding="utf-8").splitlines()
        kept = [line for line in lines if line != me]
        if len(kept) != len(lines):
            pending.write_text("".join(f"{line}\n" for line in kept), encoding="utf-8")


def _alive(pid: int) -> bool:
    """Whether a process with this id still runs (its temporary file may be in use)."""
    if pid == os.getpid():
        return True
    if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
        import ctypes

        kernel32 = ctypes.windll.kernel32
        handle = kernel32.OpenProcess(0x1000, False, pid)  # QUERY_LIMITED_INFORMATION
        if not handle:
            return False
        try:
            code = ctypes.c_ulong()
            kernel32.GetExitCodeProcess(handle, ctypes.byref(code))
            return bool(code.value == 259)  # STILL_ACTIVE
        finally:
            kernel32.CloseHandle(handle)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True
    return True


#: what SQLite keeps beside a file it writes
_SQLITE_SIDES = ("-journal", "-wal", "-shm")


def clean_leftovers() -> list[Path]:
    """Remove temporary files of writes that a crash interrupted; return them."""
    pending = _pending()
    if pending is None or not pending.exists():
        return []
    removed: list[Path] = []
    kept: list[str] = []
    with contextlib.suppress(OSError):
        for line in pending.read_text(encoding="utf-8").splitlines():
            pid_text, _, name = line.partition("\t")
            if not name or not pid_text.isdigit():
                continue
            if _alive(int(pid_text)):
                kept.append(line)
                continue
            tmp = Path(name)
            if tmp.name.endswith(TMP_SUFFIX) and tmp.is_file():
                with contextlib.suppress(OSError):
                    tmp.unlink()
                    removed.append(tmp)
            if tmp.name.endswith(TMP_SUFFIX):
                # a backup's temporary copy is an SQLite file: a crash while it was
                # written left its journal too (»….tmp-journal«, QA73: kill -9 of
                # `backup`), which nothing else ever removed
                for side in _SQLITE_SIDES:
                    companion = tmp.with_name(tmp.name + side)
                    if companion.is_file():
                        with contextlib.suppress(OSError):
                            companion.unlink()
                            removed.append(companion)
        pending.write_text("".join(f"{line}\n" for line in kept), encoding="utf-8")
    return removed
