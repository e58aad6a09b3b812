"""Backups with SQLite's online backup API (consistent even while the file is open).

Kept in `backups/` beside the database file: one at start at most once a day
(`daily_backup`) and one before pending migrations run; the ten newest are kept.
"""

from __future__ import annotations

import os
import sqlite3
from datetime import datetime
from pathlib import Path

from sqlite_utils import Database

from rejnistvo.store.errors import StoreError, translate_sqlite_error

KEEP = 10
_PREFIX_SEP = "-"


def backups_dir(db_path: Path) -> Path:
    return Path(db_path).parent / "backups"


def backup_to(source: Path | str | Database, out: Path | str) -> Path:
    """Copy the database to `out` (a new file, replaced if it exists) and return it."""
    out_path = Path(out)
    tmp = out_path.with_name(out_path.name + ".tmp")
    own = not isinstance(source, Database)
    try:
        if own:
            src_path = Path(source)  # type: ignore[arg-type]
            _require_database(src_path)
            src = sqlite3.connect(f"{src_path.resolve().as_uri()}?mode=ro", uri=True, timeout=5)
        else:
            src = source.conn  # type: ignore[union-attr]
        try:
            if tmp.exists():
                tmp.unlink()
            dst = sqlite3.connect(str(tmp))
            try:
                src.backup(dst)
                # A backup is one self-contained file: no -wal beside it.
                dst.execute("PRAGMA journal_mode = DELETE")
            finally:
                dst.close()
        finally:
            if own:
                src.close()
        os.replace(tmp, out_path)
    except sqlite3.Error as error:
        tmp.unlink(missing_ok=True)
        raise translate_sqlite_error(error, out_path) from None
    except OSError as error:
        tmp.unlink(missing_ok=True)
        raise StoreError(
            f"Varnostne kopije »{out_path}« ni mogoče zapisati: {error.strerror}."
        ) from None
    return out_path


def _require_database(path: Path) -> None:
    from rejnistvo.store.connection import SQLITE_HEADER

    try:
        with path.open("rb") as handle:
            ok = handle.read(len(SQLITE_HEADER)) == SQLITE_HEADER
    except OSError as error:
        raise StoreError(f"Datoteke »{path}« ni mogoče brati: {error.strerror or error}.") from None
    if not ok:
        raise StoreError(f"Datoteka »{path}« ni podatkovna zbirka programa Rejništvo.")


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


def _make(db_path: Path, source: Path | Database, label: str, now: datetime | None) -> Path:
    now = now or datetime.now()
    folder = backups_dir(db_path)
    try:
        folder.mkdir(exist_ok=True)
    except OSError as error:
        raise StoreError(
            f"Mape za varnostne kopije »{folder}« ni mogoče ustvariti: {error.strerror}."
        ) from None
    out = backup_to(source, folder / _backup_name(db_path, now, label))
    _prune(db_path)
    return out


def daily_backup(
    db_path: Path | str, *, source: Database | None = None, now: datetime | None = None
) -> Path | None:
    """Back the file up unless it was already backed up today; returns the new copy."""
    db_path = Path(db_path)
    now = now or datetime.now()
    today = f"{db_path.stem}{_PREFIX_SEP}{now:%Y-%m-%d}-"
    if any(p.name.startswith(today) for p in list_backups(db_path)):
        return None
    return _make(db_path, source if source is not None else db_path, "dnevna", now)


def backup_before_migrations(db: Database) -> Path:
    """Copy the file before its schema changes; the copy opens in the older program."""
    db_path = db.path  # type: ignore[attr-defined]
    return _make(db_path, db, "pred-posodobitvijo", None)
