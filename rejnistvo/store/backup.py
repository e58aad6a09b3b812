"""Backups with SQLite's online backup API (consistent even while the file is open).

Kept in `backups/` beside the database file: one at start at most once a day
(`daily_backup`) and one before pending migrations run; the ten newest are kept.
"""

from __future__ import annotations

import os
import re
import sqlite3
import time
from datetime import datetime
from pathlib import Path

from sqlite_utils import Database

from rejnistvo.atomic_write import atomic_path
from rejnistvo.store.errors import StoreError, os_error_kind, translate_sqlite_error
from rejnistvo.store.errors import os_error_reason as reason

KEEP = 10
_PREFIX_SEP = "-"
# How long a backup waits for another program's exclusive lock before giving up.
BUSY_SECONDS = 5.0
_SQLITE_BUSY, _SQLITE_LOCKED = 5, 6


class _GaveUp(Exception):
    pass


class BackupSourceError(StoreError):
    """The database to copy cannot be read: missing, not a database, locked (the CLI's
    ``--db``). Every other StoreError of ``backup_to`` is about where the copy goes."""


#: what SQLite says about the file it reads: the rest fails writing the copy
_SOURCE_KINDS = ("not_database", "locked")


def backups_dir(db_path: Path) -> Path:
    return Path(db_path).parent / "backups"


#: the labels of ``_backup_name`` (daily, before a schema step, an accepted restore)
_LABELS = ("dnevna", "pred-posodobitvijo", "sprejeta-obnova")
_BACKUP_NAME = re.compile(
    r".+"
    + re.escape(_PREFIX_SEP)
    + r"\d{4}-\d{2}-\d{2}-\d{6}"
    + re.escape(_PREFIX_SEP)
    + "("
    + "|".join(_LABELS)
    + r")\.sqlite3"
)


def is_kept_backup(path: Path) -> bool:
    """A copy the program keeps in a ``backups/`` folder (``_backup_name``)."""
    return path.parent.name == "backups" and bool(_BACKUP_NAME.fullmatch(path.name))


def refuse_kept_backup(path: Path) -> None:
    """A kept backup is not opened to work in (QA73, found by hand: *Odpri drugo zbirko*
    on ``backups/…-dnevna.sqlite3``). Opened, the program upgraded and changed the copy
    in place, the clerk's work went into it, and the file it belongs to deleted it with
    its oldest backups (``_prune``, ten kept). Readers (`cases`, `check`) still read it."""
    if is_kept_backup(path):
        raise StoreError(
            f"Datoteka »{path}« je varnostna kopija iz mape »backups«. Program je ne odpre "
            "za delo: spremenil bi jo, program pa najstarejše kopije iz te mape sam briše. "
            "Če jo želite obnoviti, jo pri zaprtem programu skopirajte na mesto zbirke; "
            "če jo želite le pogledati, jo skopirajte v drugo mapo in odprite kopijo."
        )


def backup_to(
    source: Path | str | Database, out: Path | str, *, busy_seconds: float = BUSY_SECONDS
) -> Path:
    """Copy the database to `out` (a new file, replaced if it exists) and return it.

    Refused when `out` is the database itself (under any name, link or hard link) or a
    database open in a copy of the program; gives up after `busy_seconds` when another
    program holds the file locked."""
    out_path = Path(out)
    own = not isinstance(source, Database)
    src_path = Path(source) if own else getattr(source, "path", None)  # type: ignore[arg-type]
    _refuse_target(src_path, out_path)
    try:
        if own:
            assert src_path is not None
            _require_database(src_path)
            from rejnistvo.store.connection import reader_uri

            # a reader that leaves no -wal/-shm beside the file it copies (reader_uri)
            src = sqlite3.connect(reader_uri(src_path), uri=True, timeout=busy_seconds)
            src.execute("PRAGMA query_only = ON")
        else:
            src = source.conn  # type: ignore[union-attr]
        try:
            # Through a temporary file noted outside, so a crash leaves no half copy.
            with atomic_path(out_path) as tmp:
                tmp.unlink(missing_ok=True)
                dst = sqlite3.connect(str(tmp))
                try:
                    _copy(src, dst, busy_seconds)
                    # A backup is one self-contained file: no -wal beside it.
                    dst.execute("PRAGMA journal_mode = DELETE")
                finally:
                    dst.close()
                    # A copy that failed on a full disk left SQLite's journal of the
                    # temporary file beside it (»….tmp-journal«, found by hand, QA73);
                    # the temporary file itself goes, so its journal is nothing.
                    tmp.with_name(tmp.name + "-journal").unlink(missing_ok=True)
        finally:
            if own:
                src.close()
    except _GaveUp:
        raise BackupSourceError(
            f"Varnostne kopije ni mogoče narediti: podatkovno zbirko »{src_path}« ima že več "
            f"kot {busy_seconds:.0f} s zaklenjeno drug program. Zaprite program, ki jo "
            "uporablja (npr. pregledovalnik SQLite), in poskusite znova."
        ) from None
    except sqlite3.Error as error:  # not the manager: one try words its three failures
        raise _translated(error, src_path, out_path) from None
    except OSError as error:
        raise StoreError(
            f"Varnostne kopije »{out_path}« ni mogoče zapisati: {reason(error)}.",
            os_error_kind(error),
        ) from None
    if not own:
        # The chain's head as of this copy, kept outside the file too.
        from rejnistvo.store.audit import remember_head

        try:
            remember_head(source)  # type: ignore[arg-type]
        except sqlite3.Error:
            pass
    return out_path


def _translated(error: sqlite3.Error, src_path: Path | None, out_path: Path) -> StoreError:
    """SQLite's error named by the file it is about: the database read or the copy."""
    target = translate_sqlite_error(error, out_path)
    if target.kind == "disk_full":
        # not the store's »za podatkovno zbirko … V zbirko ni bilo nič zapisano«: the file
        # that did not fit is the copy, and the database is as it was
        return StoreError(
            f"Na disku ni dovolj prostora za varnostno kopijo »{out_path}«. Kopija ni bila "
            "zapisana, podatkovna zbirka pa je nespremenjena; sprostite prostor ali izberite "
            "drug disk.",
            "disk_full",
        )
    if target.kind not in _SOURCE_KINDS:
        return target
    source = translate_sqlite_error(error, src_path)
    return BackupSourceError(source.message, source.kind)


def _copy(src: sqlite3.Connection, dst: sqlite3.Connection, busy_seconds: float) -> None:
    deadline = time.monotonic() + busy_seconds

    def progress(status: int, remaining: int, total: int) -> None:
        # sqlite3's backup() retries a busy source forever; this bounds the wait.
        if status in (_SQLITE_BUSY, _SQLITE_LOCKED) and time.monotonic() > deadline:
            raise _GaveUp

    src.backup(dst, pages=256, progress=progress, sleep=0.05)


def _same_file(a: Path, b: Path) -> bool:
    try:
        if a.resolve() == b.resolve():
            return True
        return a.exists() and b.exists() and os.path.samefile(a, b)
    except OSError:
        return False


def _refuse_target(src_path: Path | None, out_path: Path) -> None:
    """Writing the copy over the database (or its journal) would destroy it."""
    from rejnistvo.store.lock import FileLock

    if src_path is not None:
        for suffix in ("", "-wal", "-shm", "-journal", ".lock"):
            if _same_file(out_path, src_path.with_name(src_path.name + suffix)):
                raise StoreError(
                    f"Varnostne kopije ni mogoče zapisati v »{out_path}«: to je podatkovna "
                    "zbirka sama (ali njena pomožna datoteka). Izberite drugo ime datoteke."
                )
    if out_path.exists() and FileLock(out_path).is_held_elsewhere():
        raise StoreError(
            f"Varnostne kopije ni mogoče zapisati v »{out_path}«: ta datoteka je podatkovna "
            "zbirka, odprta v programu Rejništvo. Izberite drugo ime datoteke."
        )
    if not out_path.parent.is_dir():
        raise StoreError(
            f"Mapa »{out_path.parent}« ne obstaja. Izberite obstoječo mapo za varnostno kopijo."
        )


def _require_database(path: Path) -> None:
    from rejnistvo.store.connection import SQLITE_HEADER
    from rejnistvo.store.file_start import read_start  # the window may have it open

    try:
        ok = read_start(path, len(SQLITE_HEADER)) == SQLITE_HEADER
    except OSError as error:
        raise BackupSourceError(
            f"Datoteke »{path}« ni mogoče brati: {reason(error)}.", os_error_kind(error)
        ) from None
    if not ok:
        raise BackupSourceError(f"Datoteka »{path}« ni podatkovna zbirka programa Rejništvo.")


def _backup_name(db_path: Path, when: datetime, label: str) -> str:
    return f"{db_path.stem}{_PREFIX_SEP}{when:%Y-%m-%d-%H%M%S}{_PREFIX_SEP}{label}.sqlite3"


def list_backups(db_path: Path) -> list[Path]:
    """This file's backups, oldest first (names sort by time)."""
    folder = backups_dir(db_path)
    if not folder.exists():
        return []
    return sorted(folder.glob(f"{Path(db_path).stem}{_PREFIX_SEP}*.sqlite3"))


def _prune(db_path: Path) -> None:
    for old in list_backups(db_path)[:-KEEP]:
        old.unlink(missing_ok=True)


def local_now() -> datetime:
    """The clock's time on this computer's wall (backup names, "once a day")."""
    from rejnistvo.clock import SystemClock

    return SystemClock().now().astimezone()


def _make(db_path: Path, source: Path | Database, label: str, now: datetime | None) -> Path:
    now = now or local_now()
    folder = backups_dir(db_path)
    try:
        folder.mkdir(exist_ok=True)
    except OSError as error:
        raise StoreError(
            f"Mape za varnostne kopije »{folder}« ni mogoče ustvariti: {reason(error)}.",
            os_error_kind(error),
        ) from None
    out = backup_to(source, folder / _backup_name(db_path, now, label))
    _prune(db_path)
    return out


def daily_backup(
    db_path: Path | str, *, source: Database | None = None, now: datetime | None = None
) -> Path | None:
    """Back the file up unless it was already backed up today; returns the new copy."""
    db_path = Path(db_path)
    now = now or local_now()
    today = f"{db_path.stem}{_PREFIX_SEP}{now:%Y-%m-%d}-"
    if any(p.name.startswith(today) for p in list_backups(db_path)):
        return None
    return _make(db_path, source if source is not None else db_path, "dnevna", now)


def backup_accepted_copy(db: Database) -> Path:
    """A copy of a restored older file the user accepted: the newest backup then holds
    its chain's head, as ``check`` compares the chain with the newest backup's head."""
    return _make(db.path, db, "sprejeta-obnova", None)  # type: ignore[attr-defined]


def backup_before_migrations(db: Database) -> Path:
    """Copy the file before its schema changes; the copy opens in the older program."""
    db_path = db.path  # type: ignore[attr-defined]
    return _make(db_path, db, "pred-posodobitvijo", None)
