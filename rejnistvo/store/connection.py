"""Opening a database file: checks first, then WAL, foreign keys and migrations.

The order matters so that a bad file is refused before anything is written to it:
header check → read-only check → one-copy lock → connect → integrity check → newer
schema check → backup copy → pending migrations.
"""

from __future__ import annotations

import os
import sqlite3
import stat
from pathlib import Path

from sqlite_utils import Database

from rejnistvo.store import schema
from rejnistvo.store.errors import StoreError, translate_sqlite_error
from rejnistvo.store.lock import FileLock

APP_NAME = "Rejnistvo"
DB_FILE_NAME = "rejnistvo.sqlite3"
SQLITE_HEADER = b"SQLite format 3\x00"


class StoreDatabase(Database):
    """A sqlite_utils.Database that knows its file and holds the one-copy lock."""

    path: Path
    _lock: FileLock | None = None

    def close(self) -> None:
        try:
            super().close()
        finally:
            if self._lock is not None:
                self._lock.release()
                self._lock = None


def default_db_path() -> Path:
    """The program's file in the user's data folder (platformdirs, "Rejnistvo")."""
    from platformdirs import user_data_dir

    return Path(user_data_dir(APP_NAME, appauthor=False)) / DB_FILE_NAME


def _check_file(path: Path) -> bool:
    """Refuse what is surely not usable; True when the file exists with content."""
    if path.is_dir():
        raise StoreError(f"»{path}« je mapa, ne datoteka podatkovne zbirke.")
    if not path.exists() or path.stat().st_size == 0:
        if not path.parent.exists():
            raise StoreError(
                f"Mapa »{path.parent}« ne obstaja. Izberite obstoječo mapo za podatkovno zbirko."
            )
        return False
    try:
        with path.open("rb") as handle:
            header = handle.read(len(SQLITE_HEADER))
    except OSError as error:
        raise StoreError(f"Datoteke »{path}« ni mogoče brati: {error.strerror}.") from None
    if header != SQLITE_HEADER:
        raise StoreError(
            f"Datoteka »{path}« ni podatkovna zbirka programa Rejništvo. Izberite drugo "
            "datoteko ali obnovite varnostno kopijo iz mape »backups«."
        )
    if is_read_only(path):
        raise StoreError(
            f"Podatkovna zbirka »{path}« je samo za branje. Omogočite pisanje v datoteko "
            "in njeno mapo ali jo skopirajte v mapo, kamor lahko pišete."
        )
    return True


def is_read_only(path: Path) -> bool:
    # The mode bit too: an administrator's os.access says yes even to a read-only file.
    mode = path.stat().st_mode
    return not (mode & stat.S_IWUSR) or not os.access(path, os.W_OK)


def connect(path: Path, busy_timeout: float = 2.0) -> sqlite3.Connection:
    return sqlite3.connect(str(path), timeout=busy_timeout)


def open_db(
    path: str | os.PathLike[str] | None = None,
    *,
    daily_backup: bool = False,
    busy_timeout: float = 2.0,
    migrate: bool = True,
) -> StoreDatabase:
    """Open (or create) the program's database file, ready for use.

    Raises StoreError (Slovenian message) and leaves the file as it was when the file is
    not a database, is locked, read-only, newer than this program, or open elsewhere.
    """
    db_path = Path(path) if path is not None else default_db_path()
    if path is None:
        db_path.parent.mkdir(parents=True, exist_ok=True)
    existed = _check_file(db_path)
    lock = FileLock(db_path)
    lock.acquire()
    db: StoreDatabase | None = None
    try:
        try:
            # No sqlite-utils plugins: what runs on a case file is only this program.
            db = StoreDatabase(connect(db_path, busy_timeout), execute_plugins=False)
            db.path = db_path
            db._lock = lock
            _check_integrity(db, db_path)
            db.execute("PRAGMA foreign_keys = ON")
            if existed:
                refuse_foreign_database(db, db_path)
                refuse_newer_schema(db)
            pending = schema.migrations.pending(db)
            if pending and not migrate:
                raise StoreError(
                    f"Podatkovna zbirka »{db_path}« potrebuje posodobitev "
                    f"({', '.join(m.name for m in pending)})."
                )
            db.enable_wal()
            if pending and existed and _has_tables(db):
                from rejnistvo.store.backup import backup_before_migrations

                backup_before_migrations(db)
            if pending:
                schema.migrations.apply(db)
            if daily_backup:
                from rejnistvo.store.backup import daily_backup as make_daily_backup

                make_daily_backup(db_path, source=db)
        except sqlite3.Error as error:
            raise translate_sqlite_error(error, db_path) from None
    except BaseException:
        if db is not None:
            db.close()
        else:
            lock.release()
        raise
    return db


def _has_tables(db: Database) -> bool:
    return bool(db.execute("SELECT count(*) FROM sqlite_master").fetchone()[0])


def _check_integrity(db: Database, path: Path) -> None:
    problems = integrity_problems(db)
    if problems:
        raise StoreError(
            f"Podatkovna zbirka »{path}« je poškodovana ({problems[0]}). Obnovite zadnjo "
            "varnostno kopijo iz mape »backups«."
        )


def integrity_problems(db: Database) -> list[str]:
    rows = [row[0] for row in db.execute("PRAGMA integrity_check").fetchall()]
    return [] if rows == ["ok"] else rows


def refuse_foreign_database(db: Database, path: Path) -> None:
    """An SQLite file of another program: adding our tables to it would mix two programs."""
    if _has_tables(db) and not schema.migrations.applied(db):
        raise StoreError(
            f"Datoteka »{path}« je podatkovna zbirka drugega programa, ne programa Rejništvo. "
            "Izberite drugo datoteko ali ime nove datoteke."
        )


def refuse_newer_schema(db: Database) -> None:
    """A file written by a newer program may hold data this one would damage."""
    known = set(schema.known_steps())
    applied = [m.name for m in schema.migrations.applied(db)]
    unknown = [name for name in applied if name not in known]
    if unknown:
        raise StoreError(
            "Podatkovno zbirko je ustvarila novejša različica programa Rejništvo "
            f"(neznani koraki sheme: {', '.join(unknown)}). Namestite najnovejšo različico "
            "programa; ta različica zbirke ne sme spreminjati."
        )


def check_db(path: str | os.PathLike[str]) -> list[str]:
    """Everything `check` reports: empty when the file is healthy.

    Opens read-only with no lock and no migrations, so it can run beside an open window.
    """
    from rejnistvo.store.audit import verify_audit_chain

    db_path = Path(path)
    if not db_path.exists():
        return [f"Datoteka »{db_path}« ne obstaja."]
    try:
        with db_path.open("rb") as handle:
            if handle.read(len(SQLITE_HEADER)) != SQLITE_HEADER:
                return [f"Datoteka »{db_path}« ni podatkovna zbirka programa Rejništvo."]
        conn = sqlite3.connect(f"{db_path.resolve().as_uri()}?mode=ro", uri=True, timeout=2.0)
    except (OSError, sqlite3.Error) as error:
        return [translate_sqlite_error(error, db_path).message]  # type: ignore[arg-type]
    db = Database(conn)
    problems: list[str] = []
    try:
        problems += [f"Celovitost: {p}" for p in integrity_problems(db)]
        try:
            refuse_newer_schema(db)
        except StoreError as error:
            problems.append(error.message)
        pending = schema.migrations.pending(db)
        if pending:
            problems.append(
                "Shema ni posodobljena; manjkajoči koraki: "
                + ", ".join(m.name for m in pending)
                + " (odprite zbirko v programu, da se posodobi)."
            )
        if db["audit_log"].exists():
            problems += verify_audit_chain(db)
        fk = db.execute("PRAGMA foreign_key_check").fetchall()
        if fk:
            problems.append(f"Neveljavne povezave med zapisi: {len(fk)} (npr. tabela {fk[0][0]}).")
    except sqlite3.Error as error:
        problems.append(translate_sqlite_error(error, db_path).message)
    finally:
        conn.close()
    return problems
