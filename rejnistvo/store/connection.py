"""Opening a database file: checks first, then WAL, foreign keys and migrations.

The order matters so that a bad file is refused before anything is written to it:
header check → read-only check → one-copy lock → connect → integrity check → newer
schema check → backup copy → pending migrations.

A writer (the window, `demo`, `import-case`) holds the one-copy lock on the file's
resolved path. A new file is built aside (``<file>.creating``) and renamed into place
when complete, so a crash during creation leaves nothing or a whole file; a file left
half-made by an older version (only our tables, no data, steps missing) is rebuilt the
same way. Opening runs ``PRAGMA quick_check`` and the schema check; the full
``integrity_check`` runs after an unclean shutdown (the lock file says the last holder
never closed, or a ``-wal`` is left), when asked, and in ``check_db``. The audit chain
is verified from the last row this installation verified (``audit.verify_since_last``).

Readers (``read_only=True``: `cases`, `print --db`, `register`) take no lock and
write nothing, so they work beside an open window; ``lock=False`` is a short writer
beside the window (`export-case`), whose writes are guarded by record versions.
What a writer could not do but did not need to refuse the file for (the daily backup on
a full disk, an audit chain that does not verify) is in ``db.warnings``.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from sqlite_utils import Database

from rejnistvo.store import schema
from rejnistvo.store.errors import StoreError, sqlite_errors_as_store_errors, translate_sqlite_error
from rejnistvo.store.errors import os_error_reason as reason
from rejnistvo.store.file_start import keep_open, let_go, read_start
from rejnistvo.store.lock import FileLock

if TYPE_CHECKING:
    from rejnistvo.store.background_checks import BackgroundChecks

APP_NAME = "Rejnistvo"
DB_FILE_NAME = "rejnistvo.sqlite3"
SQLITE_HEADER = b"SQLite format 3\x00"
CREATING_SUFFIX = ".creating"
# Tables whose rows are what the user entered; the others are seeded by m001.
_SEEDED_TABLES = frozenset(
    {"settings", "subgroups", "rates", "centres", "units", "subgroup_centres", "birth_grants"}
)


class EmptyFileError(StoreError):
    """A 0-byte file: the window asks before making it a new database; the CLI refuses."""


class StoreDatabase(Database):
    """A sqlite_utils.Database that knows its file and holds the one-copy lock."""

    path: Path
    _lock: FileLock | None = None
    read_only: bool = False
    # Slovenian lines the window shows after opening (e.g. the daily backup failed).
    warnings: list[str]
    #: the quick_check and daily backup running beside the window (open_db checks_beside)
    checks: BackgroundChecks | None = None

    #: (device, inode) of the file when it was opened: a save compares it with what is
    #: at ``path`` now (see ``atomic``); None for a reader
    identity: tuple[int, int] | None = None
    #: this connection's hold on the file's kept descriptor (``file_start.keep_open``)
    kept: tuple[int, int] | None = None
    #: ``open_db`` switched the file to WAL (its header says so, ``in_rollback_mode``):
    #: a header saying rollback journal later is a program-made copy copied over it
    wal_header: bool = False
    #: opened only to look at while another window has it for work (``open_to_view``):
    #: who has it (»uporabnik ana na računalniku csd-pc1«, "" when not known); None when
    #: this is no such view
    viewing: str | None = None

    @contextlib.contextmanager
    def atomic(self) -> Iterator[Database]:
        """One transaction, as sqlite-utils does it; the outermost one first makes sure
        the file at ``path`` is still the one this connection writes to.

        A USB stick pulled, or the folder moved or deleted while the window is open: in
        WAL mode SQLite keeps writing to the open, now unreachable file and every save
        "succeeds" into nothing (tried: a folder deleted, then a save). One ``stat`` per
        transaction (a few µs) turns that into a Slovenian refusal, nothing written."""
        outermost = not self.conn.in_transaction
        if outermost:
            if self.read_only:
                # every save, delete, month's closing … goes through here: refused in the
                # clerk's words, not as SQLite's »attempt to write a readonly database«
                raise StoreError(self.refused_write_message(), "read_only")
            self.ensure_in_place()
        body_failed = False
        try:
            with super().atomic() as db:
                try:
                    yield db
                except BaseException:
                    body_failed = True
                    raise
        except sqlite3.Error as error:
            # The COMMIT failed (rolled back), or the disk did under the block: a full
            # disk when the change is written out. It escaped as sqlite3's English error:
            # `run --close` on a full disk ended in »Notranja napaka programa
            # (OperationalError)«, status 70, and Izplačila → Zaključi mesec in
            # »Nepričakovana napaka« (QA73, a full tmpfs); now it is the Slovenian
            # StoreError of a save. Any other error of the block (a constraint it broke,
            # a bug) stays as it was: callers word those themselves.
            if not outermost:
                raise
            translated = translate_sqlite_error(error, self.path)
            if body_failed and not translated.kind:
                raise
            raise translated from None

    def ensure_in_place(self) -> None:
        """Raise StoreError when the opened file is no longer at ``path``."""
        if self.identity is None:
            return
        try:
            now: tuple[int, int] | None = file_identity(self.path)
        except OSError:
            now = None
        if now is None:
            raise StoreError(moved_message(self.path))
        # Another file at the path: moved aside and a backup copied in (the README's way
        # to restore, done with the window still open) — not a pulled USB stick.
        if now != self.identity or self.replaced_by_copy():
            raise StoreError(replaced_message(self.path))

    def replaced_by_copy(self) -> bool:
        """A backup the program made was copied over the open file, into the same inode
        (``cp``, a file manager's »Replace«), so the identity still matches.

        Found by hand (QA73): the IT person restores yesterday's backup while a clerk
        has the window open. The window's log then lay over the copy: saves said
        »Shranjeno«, and closing the window wrote the old file's pages into the copy
        (integrity_check: »Page … is never used«, a hundred lines). The copy says
        rollback journal in its header (``in_rollback_mode``); this file said WAL."""
        return self.wal_header and in_rollback_mode(self.path)

    def refused_write_message(self, outcome: str = "Sprememba ni shranjena.") -> str:
        """Why nothing can be written into this connection's file, said to the clerk;
        ``outcome``: what did not happen."""
        if self.viewing is not None:
            who = self.viewing or "drug program"
            return (
                f"Zbirka »{self.path}« je odprta samo za branje, ker jo ima za delo odprto "
                f"{who}. {outcome} Ko jo ta zapre, izberite Datoteka → Odpri za delo (ali "
                "gumb »Odpri za delo« v vrstici stanja)."
            )
        return f"Zbirka »{self.path}« je odprta samo za branje. {outcome}"

    def refuse_writes(self) -> None:
        """A damaged file found after opening: nothing more is written to it."""
        with contextlib.suppress(sqlite3.Error):
            self.execute("PRAGMA query_only = ON")
        self.read_only = True

    def close(self) -> None:
        if self.checks is not None:
            # the daily backup, if it is still copying, finishes before the file is let go
            self.checks.result(timeout=120)
        replaced = self.replaced_by_copy()
        # The log is not this copy's: a reader held open keeps SQLite, closing the last
        # writer, from copying it into the copy; the next opening sets it aside.
        holder = _log_holder(self.path) if replaced else None
        try:
            if self._lock is not None and not self.read_only and not replaced:
                from rejnistvo.store.audit import remember_head

                with contextlib.suppress(sqlite3.Error, StoreError):
                    remember_head(self)
                # Its log into the file now: SQLite does that at the close of the last
                # connection only, and beside a reader (a read-only window, QA74) the
                # log's frames stayed; the next writer took them for a crash (»Program
                # se ob zadnjem delu … ni pravilno zaprl«, and the full check).
                with contextlib.suppress(sqlite3.Error):
                    self.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()
            super().close()
        finally:
            if holder is not None:
                with contextlib.suppress(sqlite3.Error):
                    holder.close()
            let_go(self.kept)  # after the connection: closing it earlier drops its locks
            self.kept = None
            if self._lock is not None:
                self._lock.release()
                self._lock = None


def _log_holder(db_path: Path) -> sqlite3.Connection | None:
    """A read-only connection in a read transaction: while it is open, the closing
    writer is not the last one, so it neither checkpoints its log into the file nor
    removes it; a read-only connection cannot do either at its own close."""
    try:
        holder = sqlite3.connect(f"{db_path.resolve().as_uri()}?mode=ro", uri=True)
    except sqlite3.Error:
        return None
    try:
        holder.execute("BEGIN")
        holder.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlite3.Error:
        holder.close()
        return None
    return holder


def after_crash_message(path: Path) -> str:
    return (
        f"Program se ob zadnjem delu z zbirko »{path}« ni pravilno zaprl (sesutje, izpad "
        "elektrike ali prisilna zaustavitev). Zbirka je bila zato zdaj v celoti preverjena in "
        "je cela. Kar je bilo takrat vpisano, a ne shranjeno, v njej ni: preverite zadnje vnose."
    )


def replaced_message(path: Path) -> str:
    return (
        f"Podatkovno zbirko »{path}« je med delom zamenjala druga datoteka (npr. varnostna "
        "kopija, obnovljena, medtem ko je bil program odprt). Sprememba ni bila shranjena; "
        "kar ste vpisali, ostane na zaslonu. Zaprite program in ga zaženite znova: odprl bo "
        "datoteko, ki je zdaj na tem mestu."
    )


def file_identity(path: Path) -> tuple[int, int]:
    status = path.stat()
    return status.st_dev, status.st_ino


def moved_message(path: Path) -> str:
    return (
        f"Podatkovne zbirke »{path}« ni več na njenem mestu (ključek USB je bil odstranjen ali "
        "pa je bila mapa premaknjena, preimenovana ali izbrisana). Sprememba ni bila "
        "shranjena; kar ste vpisali, ostane na zaslonu. Vrnite ključek oziroma datoteko na "
        "njeno mesto, zaprite program in ga zaženite znova."
    )


def default_db_path() -> Path:
    """The program's file in the user's data folder (platformdirs, "Rejnistvo")."""
    from platformdirs import user_data_dir

    return Path(user_data_dir(APP_NAME, appauthor=False)) / DB_FILE_NAME


def _check_file(path: Path, *, create: bool, replace_empty: bool) -> bool:
    """Refuse what is surely not usable; True when the file exists with content."""
    if path.is_dir():
        raise StoreError(f"»{path}« je mapa, ne datoteka podatkovne zbirke.")
    exists = path.exists()
    if not exists or path.stat().st_size == 0:
        if not path.parent.exists():
            raise StoreError(
                f"Mapa »{path.parent}« ne obstaja. Izberite obstoječo mapo za podatkovno zbirko."
            )
        if not exists and not create:
            raise StoreError(f"Podatkovna zbirka »{path}« ne obstaja.")
        if exists and not replace_empty:
            raise EmptyFileError(
                f"Datoteka »{path}« je prazna (0 bajtov). Če želite vanjo ustvariti novo "
                "podatkovno zbirko, to potrdite v programu; sicer izberite pravo datoteko ali "
                "obnovite varnostno kopijo iz mape »backups«."
            )
        return False
    try:
        header = read_start(path, len(SQLITE_HEADER))
    except OSError as error:
        raise StoreError(f"Datoteke »{path}« ni mogoče brati: {reason(error)}.") from None
    if header != SQLITE_HEADER:
        raise StoreError(
            f"Datoteka »{path}« ni podatkovna zbirka programa Rejništvo. Izberite drugo "
            "datoteko ali obnovite varnostno kopijo iz mape »backups«."
        )
    return True


def _refuse_read_only(path: Path) -> None:
    if is_read_only(path):
        raise StoreError(
            f"Podatkovna zbirka »{path}« je samo za branje. Omogočite pisanje v datoteko "
            "in njeno mapo ali jo skopirajte v mapo, kamor lahko pišete.",
            "read_only",
        )


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
    read_only: bool = False,
    lock: bool = True,
    create: bool = True,
    replace_empty: bool = False,
    full_check: bool = False,
    checks_beside: bool = False,
    start_checks: bool = True,
) -> StoreDatabase:
    """Open (or create) the program's database file, ready for use.

    Raises StoreError (Slovenian message) and leaves the file as it was when the file is
    not a database, is locked, read-only, newer than this program, or open elsewhere.
    ``read_only``: a reader (no lock, nothing written, the file must exist);
    ``lock=False``: a writer beside the window; ``create=False``: a missing file is
    refused; a 0-byte file raises ``EmptyFileError`` unless ``replace_empty``;
    ``full_check``: the full integrity check instead of ``quick_check``;
    ``checks_beside`` (the window): on a clean, current file the ``quick_check`` and the
    daily backup run in a thread (``db.checks``, see ``background_checks``);
    ``start_checks=False`` leaves them for ``db.checks.start()`` (the window: once its
    first screen is painted).
    """
    db_path = Path(path) if path is not None else default_db_path()
    if path is None and not read_only:
        db_path.parent.mkdir(parents=True, exist_ok=True)
    if not read_only:
        from rejnistvo.store.backup import refuse_kept_backup

        refuse_kept_backup(db_path)
    if read_only or not lock:
        return _open_beside(db_path, busy_timeout, read_only=read_only)
    _check_file(db_path, create=create, replace_empty=replace_empty)
    file_lock = FileLock(db_path)
    unclean = file_lock.acquire()
    db: StoreDatabase | None = None
    try:
        with sqlite_errors_as_store_errors(db_path):
            _remove_leftovers(db_path)
            # Checked again under the lock: another process may have created it meanwhile.
            existed = _check_file(db_path, create=create, replace_empty=replace_empty)
            if existed:
                _refuse_read_only(db_path)
            else:
                _create_aside(db_path)
            # A log with frames is a writer's that did not close; an empty one is what
            # any reader (`check`, `cases`, `print --db`) leaves: SQLite cannot remove it
            # from a read-only connection. Taken for a crash, it cost the next window
            # start a full integrity check in the foreground (~0.3 s at 20k).
            wal = _wal_of(db_path)
            unclean = unclean or wal is not None
            set_aside, checked, restored = None, False, False
            if existed and wal is not None:
                # A copy the program made beside a -wal: never this file's log (see
                # in_rollback_mode), applied it would undo the restore silently.
                restored = in_rollback_mode(db_path)
                # The check after a crash runs first on a read-only connection: a writer's
                # that found damage would, at its close, copy a foreign WAL into the file.
                problems = [] if restored else _ro_problems(db_path, with_wal=True, full=True)
                checked = not problems and not restored
                if problems or restored:
                    set_aside = _set_aside_foreign_wal(db_path)
                    if set_aside is None:  # refused as it is: no writer's close changes it
                        from rejnistvo.store.background_checks import damaged_message

                        problems = problems or _ro_problems(db_path, with_wal=False) or ["?"]
                        raise StoreError(damaged_message(db_path, problems[0]))
            db = _connect_store(db_path, busy_timeout, file_lock)
            if set_aside is not None:
                db.warnings.append(foreign_wal_message(db_path, set_aside, restored=restored))
            # the steps recorded in the file, read once for all the checks below (a read
            # is three statements, ~0.2 ms; they read it six times at every start)
            applied = applied_steps(db)
            # Beside the window only when nothing else needs a sound file first: no crash
            # to recover from, no new file, no schema step to apply.
            beside = (
                checks_beside
                and existed
                and not (full_check or unclean)
                and not pending_steps(applied)
            )
            if not beside and not checked:
                _check_integrity(db, db_path, full=full_check or unclean)
            if existed and unclean and set_aside is None:
                # the full check passed: said, or the clerk never learns why the start
                # took longer and that what was typed but not saved is gone (QA73)
                db.warnings.append(after_crash_message(db_path))
            db.execute("PRAGMA foreign_keys = ON")
            if existed and is_unfinished(db, applied):
                db.close()
                db = None
                _create_aside(db_path)
                db = _connect_store(db_path, busy_timeout, file_lock)
                db.execute("PRAGMA foreign_keys = ON")
                applied = applied_steps(db)
            refuse_foreign_database(db, db_path, applied)
            refuse_newer_schema(db, applied)
            pending = pending_steps(applied)
            if pending and not migrate:
                raise StoreError(
                    f"Podatkovna zbirka »{db_path}« potrebuje posodobitev ({', '.join(pending)})."
                )
            db.enable_wal()
            db.wal_header = True
            if pending and _has_tables(db):
                from rejnistvo.store.backup import backup_before_migrations

                backup_before_migrations(db)
            if pending:
                schema.migrations.apply(db)  # every step, or it raises
            _check_schema(db, db_path, applied=schema.known_steps())
            _verify_audit(db)
            if beside:
                from rejnistvo.store.background_checks import BackgroundChecks

                db.checks = BackgroundChecks(
                    db_path,
                    daily_backup=daily_backup,
                    busy_timeout=busy_timeout,
                    start=start_checks,
                )
            elif daily_backup:
                _daily_backup(db, db_path)
    except BaseException:
        file_lock.refused = True  # a refused file keeps no lock file this copy made
        if db is not None:
            db.close()
        else:
            file_lock.release()
        raise
    return db


def refuse_if_read_only(db: object, outcome: str = "Sprememba ni shranjena.") -> None:
    """StoreError (kind "read_only") before a use case that would write asks anything
    (Zaključi mesec's question, the SEPA file's dialog), when ``db`` is read-only."""
    if isinstance(db, StoreDatabase) and db.read_only:
        raise StoreError(db.refused_write_message(outcome), "read_only")


def open_to_view(path: str | os.PathLike[str], holder: str = "") -> StoreDatabase:
    """The file opened only to look at, beside the window (another clerk's, ``holder``)
    that has it for work: a reader as ``read_only=True`` is — no lock, no daily backup,
    no migration, no audit head remembered, no -wal/-shm made (``reader_uri``), every
    write refused (``atomic``, ``PRAGMA query_only``) with ``refused_write_message``."""
    db = open_db(path, read_only=True)
    db.viewing = holder
    return db


def _connect_store(db_path: Path, busy_timeout: float, file_lock: FileLock | None) -> StoreDatabase:
    # No sqlite-utils plugins: what runs on a case file is only this program.
    db = StoreDatabase(connect(db_path, busy_timeout), execute_plugins=False)
    db.path = db_path
    db._lock = file_lock
    db.warnings = []
    db.identity = file_identity(db_path)
    db.kept = keep_open(db_path)
    if file_lock is not None:
        file_lock.follow_identity()  # a file made or rebuilt aside is a new inode
    return db


def _open_beside(db_path: Path, busy_timeout: float, *, read_only: bool) -> StoreDatabase:
    """A reader, or a short writer beside an open window: no lock, no migrations."""
    _check_file(db_path, create=False, replace_empty=False)
    if not read_only:
        _refuse_read_only(db_path)
    for attempt in range(2):
        uri = reader_uri(db_path) if read_only else f"{db_path.resolve().as_uri()}?mode=rw"
        with sqlite_errors_as_store_errors(db_path):
            conn = sqlite3.connect(uri, uri=True, timeout=busy_timeout)
        db = StoreDatabase(conn, execute_plugins=False)
        db.path = db_path
        db.read_only = read_only
        db.warnings = []
        db.kept = keep_open(db_path)
        if not read_only:
            db.identity = file_identity(db_path)
        try:
            with sqlite_errors_as_store_errors(db_path):
                if read_only:
                    db.execute("PRAGMA query_only = ON")
                db.execute("PRAGMA foreign_keys = ON")
                unfinished = is_unfinished(db)
                if not unfinished:
                    # refused here, before an older schema calls the writer below: that
                    # one took the lock of another program's file to refuse it the same
                    refuse_foreign_database(db, db_path)
                if attempt == 0 and (unfinished or schema.migrations.pending(db)):
                    # Older schema: the one who may change it is a writer. If the window has
                    # it open, the window brought it up to date already, so this is rare.
                    db.close()
                    open_db(db_path, create=False).close()
                    continue
                refuse_foreign_database(db, db_path)
                refuse_newer_schema(db)
                _check_schema(db, db_path)
        except BaseException:
            db.close()
            raise
        return db
    raise StoreError(f"Podatkovne zbirke »{db_path}« ni mogoče posodobiti.")  # pragma: no cover


def _create_aside(db_path: Path) -> None:
    """Build a complete new database beside the target, then rename it into place."""
    tmp = db_path.with_name(db_path.name + CREATING_SUFFIX)
    _unlink_with_journals(tmp)
    try:
        conn = sqlite3.connect(str(tmp))
        try:
            db = Database(conn, execute_plugins=False)
            db.execute("PRAGMA foreign_keys = ON")
            schema.migrations.apply(db)
            conn.commit()
        finally:
            conn.close()
        _fsync(tmp)
        # A stale -wal/-shm of an earlier file of this name would be applied to the new
        # one; the lock is held, so nothing else uses them.
        for suffix in ("-wal", "-shm", "-journal"):
            db_path.with_name(db_path.name + suffix).unlink(missing_ok=True)
        os.replace(tmp, db_path)
        _fsync_dir(db_path.parent)
    except sqlite3.Error as error:  # not the manager: the half-made file goes first
        _unlink_with_journals(tmp)
        raise translate_sqlite_error(error, db_path) from None
    except OSError as error:
        _unlink_with_journals(tmp)
        raise StoreError(
            f"Nove podatkovne zbirke »{db_path}« ni mogoče ustvariti: {reason(error)}."
        ) from None


def reader_uri(db_path: Path) -> str:
    """The URI of a connection that only reads (with ``PRAGMA query_only``), such that it
    leaves the folder as it found it.

    A read-only connection (``mode=ro``) to a file in WAL mode makes ``-wal`` and
    ``-shm`` beside it and may not remove them at its close; a connection that may write
    does, when it is the last one open (SQLite's own locks tell: beside an open window it
    removes nothing, and the window keeps its log). So a reader opens ``mode=rw`` — and
    ``mode=ro`` where its close could change the file: a log with frames beside it (a
    crashed writer's, or a foreign one beside a restored copy: the window's start checks
    it first), a rollback journal (a writer would roll it back), or a file or folder it
    may not write (a read-only medium, where ``rw`` would fail or fall back to ``ro``).
    The journal mode is never changed."""
    folder = db_path.parent
    journal = db_path.with_name(db_path.name + "-journal")
    writable = os.access(db_path, os.W_OK) and os.access(folder, os.W_OK | os.X_OK)
    if not writable and not _beside(db_path, "-wal").exists() and not journal.exists():
        # A read-only medium (a write-protected stick, a CD, a share one may only read):
        # a file the program has opened is in WAL mode, and SQLite cannot make its index
        # (-shm) there — `check`, `cases` and `backup` said »… ni mogoče odpreti« (QA73).
        # No -wal beside it: no program has the file open (a WAL writer keeps one while
        # it is open), so it is read as the unchanging file it is.
        return f"{db_path.resolve().as_uri()}?mode=ro&immutable=1"
    mode = "rw" if writable and _wal_of(db_path) is None and not journal.exists() else "ro"
    return f"{db_path.resolve().as_uri()}?mode={mode}"


def _beside(db_path: Path, suffix: str) -> Path:
    return db_path.with_name(db_path.name + suffix)


def _wal_of(db_path: Path) -> Path | None:
    """The file's write-ahead log when one with frames is beside it."""
    wal = db_path.with_name(db_path.name + "-wal")
    try:
        return wal if wal.stat().st_size > 0 else None
    except OSError:
        return None


def _ro_problems(db_path: Path, *, with_wal: bool, full: bool = False) -> list[str]:
    """``quick_check`` (``full``: ``integrity_check``) on a read-only connection (never
    a checkpoint at its close); without the WAL (``immutable``: the file alone)."""
    uri = f"{db_path.resolve().as_uri()}?mode=ro" + ("" if with_wal else "&immutable=1")
    pragma = "integrity_check" if full else "quick_check"
    try:
        conn = sqlite3.connect(uri, uri=True, timeout=2.0)
        try:
            rows = [row[0] for row in conn.execute(f"PRAGMA {pragma}").fetchall()]
        finally:
            conn.close()
    except sqlite3.Error as error:
        return [str(error)]
    return [] if rows == ["ok"] else rows


def _sound(db_path: Path, *, with_wal: bool) -> bool:
    return not _ro_problems(db_path, with_wal=with_wal)


def is_foreign_wal(db_path: Path) -> bool:
    """A WAL left by a crash beside a file that was then replaced (a backup restored,
    as the damage message advises): SQLite would apply the old file's pages to the new
    one. Damaged with the WAL, sound without it (a WAL of this very file never damages
    it: its frames are checksummed), so the WAL is not this file's."""
    return (
        _wal_of(db_path) is not None
        and not _sound(db_path, with_wal=True)
        and _sound(db_path, with_wal=False)
    )


def in_rollback_mode(db_path: Path) -> bool:
    """The file's header says rollback journal (bytes 18-19 are 1), not WAL (2).

    Every file the program has opened says WAL: switching to it writes the version into
    the file itself at once (not into the log). A copy made by ``backup_to`` (the daily
    backups, *Varnostna kopija*, ``backup``) says rollback journal. So such a file with
    a ``-wal`` beside it is a restored copy next to the log of the file it replaced:
    when that log applies to it page for page, SQLite would bring back every change made
    after the copy and nothing would look wrong (README, Zanesljivost)."""
    try:
        return read_start(db_path, 1, offset=18) == b"\x01"
    except OSError:
        return False


def _set_aside_foreign_wal(db_path: Path) -> Path | None:
    """A file found damaged with its WAL: when it is sound without it, the WAL is not
    its own (see ``is_foreign_wal``) and moves into ``backups/`` before the file is
    opened (the lock is held); where it went, or None (the file is damaged itself).

    Found by hand (round 8): a backup copied over the file after a crash came out
    "damaged", and the refusing writer's connection, closing, copied the foreign pages
    into the file for good (the file changed although it was refused); or, on the same
    pages, the backup silently had every change made after it."""
    if not _sound(db_path, with_wal=False):  # damaged with the WAL (the caller found)
        return None
    from rejnistvo.store.backup import backups_dir, local_now

    wal = db_path.with_name(db_path.name + "-wal")
    stamp = f"{local_now():%Y-%m-%d-%H%M%S}"  # as the backups beside it are named
    target = backups_dir(db_path) / f"{db_path.stem}-{stamp}-tuji-dnevnik.sqlite3-wal"
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        os.replace(wal, target)
        db_path.with_name(db_path.name + "-shm").unlink(missing_ok=True)
    except OSError:
        return None  # left where it is: the integrity check then says the file is damaged
    return target


def foreign_wal_message(db_path: Path, set_aside: Path | None, *, restored: bool = False) -> str:
    """What the opening says (``set_aside``: where the WAL went) or `check` (None);
    ``restored``: the file is a copy the program made (``in_rollback_mode``)."""
    what = (
        f"Ob podatkovni zbirki »{db_path}« je ostal dnevnik zapisovanja (»{db_path.name}-wal«) "
        "druge datoteke z istim imenom: datoteka je bila zamenjana z varnostno kopijo, najbrž "
        "po sesutju programa ali medtem ko je bil program odprt. "
        + (
            "Z njim bi se v obnovljeno kopijo tiho vrnile spremembe stare datoteke in obnova "
            "bi bila razveljavljena"
            if restored
            else "Z njim bi bila zbirka poškodovana"
        )
    )
    if set_aside is None:
        return (
            what + "; datoteka sama je cela. Program ga ob naslednjem odprtju odloži v mapo "
            "»backups« in ga ne uporabi."
        )
    return what + f", zato ni bil uporabljen; zbirka je cela. Shranjen je v »{set_aside}«."


def _unlink_with_journals(path: Path) -> None:
    for suffix in ("", "-journal", "-wal", "-shm"):
        path.with_name(path.name + suffix).unlink(missing_ok=True)


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _fsync_dir(folder: Path) -> None:
    if os.name == "nt":  # pragma: no cover - directories cannot be fsynced on Windows
        return
    with contextlib.suppress(OSError):
        _fsync(folder)


def _remove_leftovers(db_path: Path) -> None:
    """Temporary files a crash left behind (the lock is held: none of them is in use)."""
    from rejnistvo.atomic_write import clean_leftovers
    from rejnistvo.store.backup import backups_dir

    _unlink_with_journals(db_path.with_name(db_path.name + CREATING_SUFFIX))
    folder = backups_dir(db_path)
    if folder.is_dir():
        for tmp in folder.glob("*.tmp"):
            with contextlib.suppress(OSError):
                tmp.unlink()
    clean_leftovers()


def _daily_backup(db: StoreDatabase, db_path: Path) -> None:
    from rejnistvo.store.backup import daily_backup as make_daily_backup

    try:
        make_daily_backup(db_path, source=db)
    except StoreError as error:
        # A full disk must not lock the user out of their cases: open, and say so.
        db.warnings.append(f"Dnevna varnostna kopija ni bila narejena. {error.message}")


def _verify_audit(db: StoreDatabase) -> None:
    from rejnistvo.store.audit import verify_since_last

    try:
        problems = verify_since_last(db)
    except (sqlite3.Error, StoreError):
        return
    if problems:
        # each problem names the change log itself ("Dnevnik sprememb je krajši …")
        db.warnings.append(
            " ".join(problems[:3])
            + (f" (in še {len(problems) - 3})" if len(problems) > 3 else "")
            + " Preverite bazo (Datoteka → Preveri bazo ali ukaz check)."
        )


def _has_tables(db: Database) -> bool:
    return bool(db.execute("SELECT count(*) FROM sqlite_master").fetchone()[0])


def _check_integrity(db: Database, path: Path, *, full: bool) -> None:
    from rejnistvo.store.background_checks import damaged_message

    problems = integrity_problems(db, full=full)
    if problems:
        raise StoreError(damaged_message(path, problems[0]))


def integrity_problems(db: Database, *, full: bool = True) -> list[str]:
    pragma = "integrity_check" if full else "quick_check"
    rows = [row[0] for row in db.execute(f"PRAGMA {pragma}").fetchall()]
    return [] if rows == ["ok"] else rows


_expected: dict[str, set[str]] | None = None


def expected_schema() -> dict[str, set[str]]:
    """Every table and its columns after all steps.

    Building it runs every step in memory (~0.3 s), too slow for each start, so it is
    kept in the installation folder under a name that changes with the steps' code."""
    global _expected
    if _expected is not None:
        return _expected
    import json
    from importlib.util import source_hash  # Python's own .pyc hash: no OpenSSL at start

    from rejnistvo.config_dir import config_dir

    source = Path(schema.__file__).read_bytes() + "|".join(schema.known_steps()).encode()
    cache = config_dir() / f"schema-{source_hash(source).hex()}.json"
    try:
        loaded = json.loads(cache.read_text(encoding="utf-8"))
        _expected = {str(table): set(columns) for table, columns in loaded.items()}
        return _expected
    except (OSError, ValueError, AttributeError, TypeError):
        pass
    memory = Database(memory=True, execute_plugins=False)
    schema.migrations.apply(memory)
    _expected = {
        name: set(memory[name].columns_dict)
        for name in memory.table_names()
        if not name.startswith("_")
    }
    memory.close()
    with contextlib.suppress(OSError):
        for old in cache.parent.glob("schema-*.json"):
            old.unlink()
        cache.write_text(json.dumps({t: sorted(c) for t, c in _expected.items()}), encoding="utf-8")
    return _expected


def applied_steps(db: Database) -> list[str]:
    """The names of the schema steps recorded in the file, in the order applied."""
    return [migration.name for migration in schema.migrations.applied(db)]


def pending_steps(applied: list[str]) -> list[str]:
    """The names of this program's steps not among ``applied``, in order."""
    done = set(applied)
    return [name for name in schema.known_steps() if name not in done]


def _check_schema(db: Database, path: Path, applied: list[str] | None = None) -> None:
    """Tables or columns missing although every step is recorded: edited outside.
    ``applied``: the file's steps (``applied_steps``) when the caller has read them."""
    if pending_steps(applied_steps(db) if applied is None else applied):
        return
    present: dict[str, set[str]] = {}
    for table, column in db.execute(
        "SELECT m.name, p.name FROM sqlite_master m, pragma_table_info(m.name) p "
        "WHERE m.type = 'table'"
    ):
        present.setdefault(table, set()).add(column)
    missing = [
        f"{table}.{column}" if table in present else table
        for table, columns in expected_schema().items()
        for column in (sorted(columns - present[table]) if table in present else [""])
    ]
    if missing:
        raise StoreError(
            f"Podatkovni zbirki »{path}« manjkajo tabele ali stolpci "
            f"({', '.join(m.rstrip('.') for m in missing[:5])}); spremenjena je bila zunaj "
            "programa. Obnovite zadnjo varnostno kopijo iz mape »backups«."
        )


def is_unfinished(db: Database, applied: list[str] | None = None) -> bool:
    """A file whose creation never finished (an older version crashed while making it):
    only this program's tables, steps missing, and nothing the user entered.
    ``applied``: the file's steps (``applied_steps``) when the caller has read them."""
    if not pending_steps(applied_steps(db) if applied is None else applied):
        return False
    names = [row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
    known = set(expected_schema()) | {"_sqlite_migrations", "sqlite_sequence", "exchange_cases"}
    if not names or any(name not in known for name in names):
        return False
    for name in names:
        if name in _SEEDED_TABLES or name.startswith("_") or name == "sqlite_sequence":
            continue
        if db.execute(f"SELECT 1 FROM [{name}] LIMIT 1").fetchone():
            return False
    return True


def refuse_foreign_database(db: Database, path: Path, applied: list[str] | None = None) -> None:
    """An SQLite file of another program: adding our tables to it would mix two programs.
    ``applied``: the file's steps (``applied_steps``) when the caller has read them."""
    if _has_tables(db) and not (applied_steps(db) if applied is None else applied):
        raise StoreError(
            f"Datoteka »{path}« je podatkovna zbirka drugega programa, ne programa Rejništvo. "
            "Izberite drugo datoteko ali ime nove datoteke."
        )


def refuse_newer_schema(db: Database, applied: list[str] | None = None) -> None:
    """A file written by a newer program may hold data this one would damage.
    ``applied``: the file's steps (``applied_steps``) when the caller has read them."""
    known = set(schema.known_steps())
    if applied is None:
        applied = applied_steps(db)
    unknown = [name for name in applied if name not in known]
    if unknown:
        raise StoreError(
            "Podatkovno zbirko je ustvarila novejša različica programa Rejništvo "
            f"(neznani koraki sheme: {', '.join(unknown)}). Namestite najnovejšo različico "
            "programa; ta različica zbirke ne sme spreminjati."
        )


class CheckProblem(str):
    """One line of `check_db`, with its kind: "unreadable" when the file could not be
    opened or read (locked, a read-only medium, missing) and "not_ours" when it is no
    database of this program (another file, another program's, a newer version's) —
    nothing in it was checked and it may be healthy, so a caller does not call it damaged
    (`check` answers exit 2, not 1, and a script restores no backup over it); "" for a
    problem found in the file."""

    kind: str

    def __new__(cls, text: str, kind: str = "") -> CheckProblem:
        problem = super().__new__(cls, text)
        problem.kind = kind
        return problem


#: StoreError kinds of a file that could not be read, so was not checked
_UNREADABLE_KINDS = frozenset({"locked", "read_only", "cannot_open", "io_error", "disk_full"})


def _sqlite_problem(error: sqlite3.Error, path: Path) -> CheckProblem:
    store_error = translate_sqlite_error(error, path)
    unreadable = store_error.kind in _UNREADABLE_KINDS
    return CheckProblem(store_error.message, "unreadable" if unreadable else "")


def older_schema_note(path: Path, pending: list[str]) -> str:
    """What `check` says of a sound file an older version made (its missing steps)."""
    return (
        f"Datoteko »{path.name}« je zapisala starejša različica programa (manjkajoči "
        f"koraki sheme: {', '.join(pending)}). Program jo posodobi, ko jo odpre; "
        "preverjanje je ni spremenilo."
    )


def check_db(path: str | os.PathLike[str], notes: list[str] | None = None) -> list[str]:
    """Everything `check` reports: empty when the file is healthy; each line a
    CheckProblem, whose kind tells a file that could not be checked from a damaged one.

    Opens read-only with no lock and no migrations, so it can run beside an open window.
    Runs the full integrity check and verifies the whole audit chain. It says the same as
    `open_db` would: a file the program refuses is never called fine or "to be opened".
    ``notes``, when given, gets what is no problem but worth saying: a file an older
    version wrote, which the program updates when it opens it.
    """
    from rejnistvo.store.audit import verify_audit_chain
    from rejnistvo.store.value_checks import value_problems

    db_path = Path(path)
    if not db_path.exists():
        return [CheckProblem(f"Datoteka »{db_path}« ne obstaja.", "unreadable")]
    if db_path.is_dir():
        return [CheckProblem(f"»{db_path}« je mapa, ne datoteka podatkovne zbirke.", "unreadable")]
    if db_path.stat().st_size == 0:
        return [
            f"Datoteka »{db_path}« je prazna (0 bajtov): ni podatkovna zbirka. Obnovite "
            "varnostno kopijo iz mape »backups« ali ustvarite novo zbirko."
        ]
    try:
        if read_start(db_path, len(SQLITE_HEADER)) != SQLITE_HEADER:
            return [
                CheckProblem(
                    f"Datoteka »{db_path}« ni podatkovna zbirka programa Rejništvo.", "not_ours"
                )
            ]
        if _wal_of(db_path) is not None and in_rollback_mode(db_path):
            return [foreign_wal_message(db_path, None, restored=True)]
        conn = sqlite3.connect(reader_uri(db_path), uri=True, timeout=2.0)
        conn.execute("PRAGMA query_only = ON")
    except (OSError, sqlite3.Error) as error:
        if isinstance(error, sqlite3.Error):  # a check lists its problems, raises none
            return [_sqlite_problem(error, db_path)]
        return [
            CheckProblem(f"Datoteke »{db_path}« ni mogoče brati: {reason(error)}.", "unreadable")
        ]
    db = Database(conn, execute_plugins=False)
    problems: list[str] = []
    try:
        try:
            problems += [f"Celovitost: {p}" for p in integrity_problems(db)]
        except sqlite3.DatabaseError as error:  # pages so bad that the check stops
            problems.append(_sqlite_problem(error, db_path))
        if problems:
            if is_foreign_wal(db_path):
                return [foreign_wal_message(db_path, None)]
            return problems
        if is_unfinished(db):
            return [
                "Ustvarjanje zbirke ni bilo dokončano (program se je prej ustavil); v njej ni "
                "vpisanih podatkov. Ob naslednjem odprtju jo program ustvari znova."
            ]
        try:
            refuse_foreign_database(db, db_path)
            refuse_newer_schema(db)
        except StoreError as error:
            return [CheckProblem(error.message, "not_ours")]
        pending = schema.migrations.pending(db)
        if pending:
            # a file of an older version is healthy: the program brings it up to date
            # when it opens it (a backup copy, another centre's file) — a remark, not a
            # problem, or a script would restore a backup over a sound file
            if notes is not None:
                notes.append(older_schema_note(db_path, [m.name for m in pending]))
        else:
            try:
                _check_schema(db, db_path)
            except StoreError as error:
                problems.append(error.message)
        if db["audit_log"].exists():
            problems += verify_audit_chain(db, db_path)
        problems += value_problems(conn)
        fk = db.execute("PRAGMA foreign_key_check").fetchall()
        if fk:
            problems.append(f"Neveljavne povezave med zapisi: {len(fk)} (npr. tabela {fk[0][0]}).")
    except sqlite3.Error as error:  # listed with the other problems, not raised
        problems.append(_sqlite_problem(error, db_path))
    finally:
        conn.close()
    return problems
