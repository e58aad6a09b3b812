"""The one error type of the store: every bad situation becomes a Slovenian message."""

from __future__ import annotations

import errno
import sqlite3
from typing import Literal

from rejnistvo.rules.errors import RuleError

#: ``StoreError.kind``: "" for an error callers need not tell apart
StoreErrorKind = Literal[
    "",
    "not_database",
    "locked",
    "read_only",
    "disk_full",
    "io_error",
    "cannot_open",
    "referenced",  # a delete refused: other records refer to this one
    "held",  # another window (another clerk) has the file open for work
]


class StoreError(RuleError):
    """A database file the program cannot use, or a write that failed.

    `message` is Slovenian, says what happened and what the user can do; the window and
    the CLI show it as it is. When this is raised nothing in the file was changed.
    A RuleError without a field, so that every headless command (`print --db`, `register
    --db`, …) turns it into exit status 2 and one line, as the dispatcher does for bad input.
    """

    #: kind "held": who has the file open (»uporabnik ana na računalniku csd-pc1«;
    #: "" when the lock file does not say)
    holder: str = ""

    def __init__(self, message: str, kind: StoreErrorKind = "") -> None:
        super().__init__("", message)
        #: what went wrong, for callers that word it differently (a backup names the
        #: target folder): decided by this, never by reading the message
        self.kind: StoreErrorKind = kind


class StaleRecordError(StoreError):
    """A save made from a copy of a record that someone else has changed since.

    Nothing is written; the message says who changed it, when and which fields, and that
    the editor should reload the record (the window offers to)."""

    def __init__(self, table: str, record_id: int, who: str, when: str, fields: list[str]) -> None:
        self.table = table
        self.record_id = record_id
        self.who = who
        self.when = when
        self.fields = fields
        super().__init__(
            f"Zapis je medtem spremenil {self.changed_by}. Vaše spremembe niso shranjene, da "
            "ne bi prepisale novejših podatkov: znova naložite zapis in jih vnesite še enkrat."
        )

    @property
    def changed_by(self) -> str:
        """Who changed the record, when and which fields, as the message says it (a
        screen that words the rest of its own message uses this part)."""
        at = f" {self.when}" if self.when else ""
        what = f" ({', '.join(self.fields)})" if self.fields else ""
        return f"{self.who}{at}{what}"


def translate_sqlite_error(error: sqlite3.Error, path: object = None) -> StoreError:
    """Map an sqlite3 error to a StoreError with a message a caseworker understands."""
    text = str(error).lower()
    where = f" »{path}«" if path else ""
    if "not a database" in text or "file is encrypted" in text or "malformed" in text:
        return StoreError(
            f"Datoteka{where} ni podatkovna zbirka programa Rejništvo ali je poškodovana. "
            "Izberite drugo datoteko ali obnovite varnostno kopijo iz mape »backups«.",
            "not_database",
        )
    if "locked" in text or "busy" in text:
        return StoreError(
            f"Podatkovno zbirko{where} ima zaklenjeno drug program. Zaprite program, ki jo "
            "uporablja (npr. pregledovalnik SQLite), in poskusite znova.",
            "locked",
        )
    if "readonly" in text or "read-only" in text:
        return StoreError(
            f"Podatkovna zbirka{where} je samo za branje. Omogočite pisanje v datoteko in "
            "njeno mapo ali jo skopirajte v mapo, kamor lahko pišete.",
            "read_only",
        )
    # A full disk is also an I/O error where SQLite cannot make the WAL's index (-shm)
    # when the file is opened (tried: a full tmpfs).
    if "disk is full" in text or (_is_io_error(text) and _disk_full_at(path)):
        return StoreError(
            f"Na disku ni dovolj prostora za podatkovno zbirko{where}. V zbirko ni bilo nič "
            "zapisano; sprostite prostor in poskusite znova.",
            "disk_full",
        )
    if _is_io_error(text):
        # the disk or USB stick failed or went away under an open file (SQLITE_IOERR)
        return StoreError(
            f"Podatkovne zbirke{where} ni mogoče brati ali pisati: napaka diska ali pa je bil "
            "ključek USB odstranjen. V zbirko ni bilo nič zapisano. Zaprite program, preverite "
            "disk oziroma vrnite ključek in program zaženite znova.",
            "io_error",
        )
    if "unable to open" in text:
        return StoreError(
            f"Podatkovne zbirke{where} ni mogoče odpreti. Preverite, ali mapa obstaja in ali "
            "imate pravico pisanja vanjo.",
            "cannot_open",
        )
    return StoreError(f"Napaka podatkovne zbirke{where}: {error}. Sprememba ni bila shranjena.")


class sqlite_errors_as_store_errors:  # noqa: N801 - read as a ``with`` clause
    """``with sqlite_errors_as_store_errors(path):`` turns an sqlite3 error raised in the
    block into the StoreError of `translate_sqlite_error`, as ``raise … from None`` does.

    ``db=`` names the file by the connection's ``path`` (a plain sqlite3 connection or
    a database without one names no file). A class, not a generator, so that a read
    that runs per query pays no more than a try/except for it.
    """

    __slots__ = ("_path",)

    def __init__(self, path: object = None, *, db: object = None) -> None:
        self._path = path if db is None else getattr(db, "path", None)

    def __enter__(self) -> None:
        return None

    def __exit__(self, kind: object, error: BaseException | None, trace: object) -> None:
        if isinstance(error, sqlite3.Error):
            # The sqlite3 error is not shown to a user; its message is ours (from None).
            raise translate_sqlite_error(error, self._path) from None


def os_error_kind(error: BaseException) -> StoreErrorKind:
    """The kind of a StoreError made from an OS error (a full or read-only disk)."""
    code = getattr(error, "errno", None)
    if code == errno.ENOSPC:
        return "disk_full"
    if code == errno.EROFS:
        return "read_only"
    return ""


def _is_io_error(text: str) -> bool:
    return "disk i/o error" in text


#: less free space than this beside the file: an I/O error is a full disk
_FULL_BYTES = 1 << 20


def _disk_full_at(path: object) -> bool:
    import os
    import shutil

    if not isinstance(path, (str, os.PathLike)):
        return False
    folder = os.path.dirname(os.path.abspath(os.fspath(path)))
    try:
        return shutil.disk_usage(folder).free < _FULL_BYTES
    except (OSError, ValueError):
        return False


from rejnistvo.atomic_write import os_error_reason  # noqa: E402 - re-exported

__all__ = [
    "StaleRecordError",
    "StoreError",
    "StoreErrorKind",
    "os_error_kind",
    "os_error_reason",
    "sqlite_errors_as_store_errors",
    "translate_sqlite_error",
]
