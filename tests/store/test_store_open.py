"""open_db: WAL, foreign keys, and every bad situation refused without touching the file."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import textwrap

import pytest

from rejnistvo.store import StoreError, open_db, save_record
from rejnistvo.store.connection import default_db_path
from rejnistvo.store.schema import MIGRATION_SET


def test_new_file_has_wal_foreign_keys_and_seeded_catalogues(db):
    assert db.journal_mode == "wal"
    assert db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert db["centres"].count == 16
    assert db["units"].count == 63
    assert db["subgroup_centres"].count == 16
    assert db["rates"].count >= 1
    assert {row["key"] for row in db["settings"].rows} >= {
        "user_name",
        "waiting_days_threshold",
        "resolution_number_format",
    }


def test_default_path_is_in_the_user_data_folder():
    path = default_db_path()
    assert path.name == "rejnistvo.sqlite3"
    assert "Rejnistvo" in str(path)


def test_not_a_database_is_refused_untouched(tmp_path):
    path = tmp_path / "notes.sqlite3"
    path.write_text("To ni podatkovna zbirka.\n" * 50, encoding="utf-8")
    before = path.read_bytes()
    with pytest.raises(StoreError, match="ni podatkovna zbirka"):
        open_db(path)
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.sqlite3"]


def test_database_of_another_program_is_refused_untouched(tmp_path, digest):
    path = tmp_path / "other.sqlite3"
    raw = sqlite3.connect(path)
    raw.execute("CREATE TABLE photos (id INTEGER PRIMARY KEY, title TEXT)")
    raw.commit()
    raw.close()
    before = digest(path)
    with pytest.raises(StoreError, match="drugega programa"):
        open_db(path)
    assert digest(path) == before
    assert not (tmp_path / "backups").exists()
    # nothing left beside it: no »other.sqlite3.lock« (check and cases left one)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["other.sqlite3"]


def test_a_reader_refuses_another_programs_file_without_the_writers_lock(tmp_path, monkeypatch):
    from rejnistvo.store import lock as lock_module

    path = tmp_path / "other.sqlite3"
    raw = sqlite3.connect(path)
    raw.execute("CREATE TABLE t (a)")
    raw.commit()
    raw.close()

    def no_writer(self):
        raise AssertionError("a reader took the writer's lock")

    monkeypatch.setattr(lock_module.FileLock, "acquire", no_writer)
    with pytest.raises(StoreError, match="drugega programa"):
        open_db(path, read_only=True)
    with pytest.raises(StoreError, match="drugega programa"):
        open_db(path, lock=False)


def test_refused_file_keeps_a_lock_file_that_was_there(tmp_path):
    # only the lock file this copy made goes: one already there is another's business
    path = tmp_path / "other.sqlite3"
    raw = sqlite3.connect(path)
    raw.execute("CREATE TABLE t (a)")
    raw.commit()
    raw.close()
    (tmp_path / "other.sqlite3.lock").write_bytes(b"")
    with pytest.raises(StoreError, match="drugega programa"):
        open_db(path)
    assert (tmp_path / "other.sqlite3.lock").exists()


def test_a_lock_file_removed_while_waiting_is_not_taken(tmp_path, monkeypatch):
    # A copy refused removes its lock file while it still holds it; one that opened
    # that file meanwhile must not lock the removed file, but the one now at the name.
    from rejnistvo.store import lock as lock_module

    path = tmp_path / "cases.sqlite3"
    path.write_bytes(b"")
    real_try_lock = lock_module._try_lock
    removed = []

    def try_lock(fd):
        if not removed:  # the first holder's removal, between open and lock
            removed.append(True)
            lock_module.lock_path(path.resolve()).unlink()
        return real_try_lock(fd)

    monkeypatch.setattr(lock_module, "_try_lock", try_lock)
    held = lock_module.FileLock(path)
    held.acquire()
    try:
        assert lock_module.lock_path(path.resolve()).exists()
        assert lock_module.FileLock(path).is_held_elsewhere()
    finally:
        held.release()


def test_read_only_file_is_refused(db_path, digest):
    open_db(db_path).close()
    before = digest(db_path)
    db_path.chmod(0o444)
    try:
        with pytest.raises(StoreError, match="samo za branje"):
            open_db(db_path)
    finally:
        db_path.chmod(0o644)
    assert digest(db_path) == before


def test_second_copy_of_the_program_is_refused(db):
    with pytest.raises(StoreError, match="že odprta v drugem oknu"):
        open_db(db.path)


def test_second_process_is_refused_and_lock_is_released_on_close(db_path):
    code = textwrap.dedent(
        f"""
        from rejnistvo.store import StoreError, open_db
        try:
            open_db({str(db_path)!r})
        except StoreError as error:
            print("REFUSED", error.message)
        else:
            print("OPENED")
        """
    )
    first = open_db(db_path)
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.startswith("REFUSED")
    first.close()
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.startswith("OPENED")


def test_file_locked_by_another_program_is_refused(db_path):
    open_db(db_path).close()
    other = sqlite3.connect(db_path)
    other.execute("PRAGMA locking_mode = EXCLUSIVE")
    other.execute("BEGIN EXCLUSIVE")
    other.execute("UPDATE settings SET value = value")
    try:
        with pytest.raises(StoreError, match="zaklenjeno drug program"):
            open_db(db_path, busy_timeout=0.1)
    finally:
        other.rollback()
        other.close()
    open_db(db_path).close()  # and the lock file of the refused attempt was released


def test_schema_newer_than_the_program_is_refused(db_path, digest):
    open_db(db_path).close()
    raw = sqlite3.connect(db_path)
    raw.execute(
        "INSERT INTO _sqlite_migrations (migration_set, name, applied_at) VALUES (?, ?, ?)",
        [MIGRATION_SET, "m999_from_the_future", "2030-01-01"],
    )
    raw.commit()
    raw.close()
    before = digest(db_path)
    with pytest.raises(StoreError, match="novejša različica"):
        open_db(db_path)
    assert digest(db_path) == before


def test_missing_folder_is_refused(tmp_path):
    with pytest.raises(StoreError, match="ne obstaja"):
        open_db(tmp_path / "nope" / "x.sqlite3")


def test_disk_full_is_a_store_error_and_nothing_is_written(db):
    pages = db.execute("PRAGMA page_count").fetchone()[0]
    db.execute(f"PRAGMA max_page_count = {pages}")
    count = db["carers"].count
    with pytest.raises(StoreError, match="ni dovolj prostora"):
        save_record(db, "carers", {"name": "Ana Novak", "address": "x" * 200_000})
    assert db["carers"].count == count


def test_damaged_file_is_refused(tmp_path, digest):
    path = tmp_path / "damaged.sqlite3"
    raw = sqlite3.connect(path)
    raw.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT)")
    raw.executemany("INSERT INTO t (v) VALUES (?)", [("x" * 300,) for _ in range(200)])
    raw.commit()
    raw.close()
    data = bytearray(path.read_bytes())
    data[4096 * 2 : 4096 * 2 + 200] = b"\xff" * 200  # scribble over a b-tree page
    path.write_bytes(bytes(data))
    before = digest(path)
    with pytest.raises(StoreError, match="poškodovana"):
        open_db(path)
    assert digest(path) == before


# --- issue 15: creation, readers, fast open, leftovers, full disk -------------------------


def test_a_new_file_is_built_aside_and_renamed(tmp_path, monkeypatch):
    from rejnistvo.store import connection, schema

    path = tmp_path / "nova.sqlite3"
    seen = []

    def spy(db):
        # While the steps run, the target name does not exist yet: a crash now leaves nothing.
        seen.append(path.exists())
        raise sqlite3.OperationalError("disk I/O error")

    monkeypatch.setattr(schema.migrations, "apply", spy)
    with pytest.raises(StoreError):
        open_db(path)
    assert seen == [False]
    assert not path.exists()
    assert not (tmp_path / "nova.sqlite3.creating").exists()
    monkeypatch.undo()
    with open_db(path) as db:
        assert db["centres"].count == 16
    assert connection.check_db(path) == []


def test_a_half_made_file_of_an_older_version_is_finished(tmp_path):
    """An older version crashed while creating the file: our tables, no steps, no data."""
    from rejnistvo.store import check_db

    path = tmp_path / "napol.sqlite3"
    raw = sqlite3.connect(path)
    raw.execute("CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
    raw.execute("CREATE TABLE centres (id INTEGER PRIMARY KEY, code TEXT, name TEXT)")
    raw.commit()
    raw.close()
    # check says what open will do, never "open it" for a file open would refuse
    (problem,) = check_db(path)
    assert "ni bilo dokončano" in problem and "ustvari znova" in problem
    with open_db(path) as db:
        assert db["centres"].count == 16
    assert check_db(path) == []


def test_a_foreign_file_is_called_foreign_by_check_too(tmp_path):
    from rejnistvo.store import check_db

    path = tmp_path / "tuja.sqlite3"
    raw = sqlite3.connect(path)
    raw.execute("CREATE TABLE photos (id INTEGER PRIMARY KEY, title TEXT)")
    raw.execute("INSERT INTO photos (title) VALUES ('morje')")
    raw.commit()
    raw.close()
    (problem,) = check_db(path)
    assert "drugega programa" in problem and "odprite" not in problem


def test_a_zero_byte_file_is_refused_unless_confirmed(tmp_path):
    from rejnistvo.store import check_db
    from rejnistvo.store.connection import EmptyFileError

    path = tmp_path / "prazna.sqlite3"
    path.write_bytes(b"")
    with pytest.raises(EmptyFileError, match="prazna"):
        open_db(path)
    assert path.read_bytes() == b""
    assert "prazna" in check_db(path)[0]
    with open_db(path, replace_empty=True) as db:  # the window asked and the user agreed
        assert db["centres"].count == 16


def test_missing_file_is_refused_when_not_creating(tmp_path):
    with pytest.raises(StoreError, match="ne obstaja"):
        open_db(tmp_path / "ni.sqlite3", create=False)
    assert not (tmp_path / "ni.sqlite3").exists()


def test_readers_work_while_a_writer_has_the_file_open(db):
    save_record(db, "children", {"name": "Živa Golob"})
    with open_db(db.path, read_only=True) as reader:
        assert reader.execute("SELECT name FROM children").fetchall() == [("Živa Golob",)]
        with pytest.raises(sqlite3.OperationalError, match="readonly|read-only"):
            reader.execute("DELETE FROM children")
    # a short writer beside the window (export-case) takes no lock either
    with open_db(db.path, lock=False) as beside:
        save_record(beside, "children", {"name": "Tine Golob"})
    assert db["children"].count == 2


def test_a_reader_never_creates_a_file(tmp_path):
    with pytest.raises(StoreError, match="ne obstaja"):
        open_db(tmp_path / "ni.sqlite3", read_only=True)
    assert list(tmp_path.iterdir()) == []


def test_the_lock_holds_on_the_resolved_path(db, tmp_path):
    link = tmp_path / "povezava.sqlite3"
    link.symlink_to(db.path)
    with pytest.raises(StoreError, match="že odprta"):
        open_db(link)
    other_name = tmp_path / "sub" / ".." / db.path.name
    (tmp_path / "sub").mkdir()
    with pytest.raises(StoreError, match="že odprta"):
        open_db(other_name)


def test_open_runs_quick_check_and_the_full_check_after_a_crash(db_path, monkeypatch):
    from rejnistvo.store import connection

    open_db(db_path).close()
    pragmas = []
    real = connection.integrity_problems

    def spy(db, *, full=True):
        pragmas.append(full)
        return real(db, full=full)

    monkeypatch.setattr(connection, "integrity_problems", spy)
    open_db(db_path).close()
    assert pragmas == [False]
    # A holder that never released the lock (killed): the lock file still says "open".
    lock = db_path.with_name(db_path.name + ".lock")
    lock.write_bytes(lock.read_bytes().replace(b'"open": false', b'"open": true'))
    open_db(db_path).close()
    assert pragmas == [False, True]
    open_db(db_path, full_check=True).close()
    assert pragmas[-1] is True


def test_leftovers_of_a_crash_are_removed_at_the_next_start(db_path):
    from rejnistvo.atomic_write import atomic_os_path, clean_leftovers

    open_db(db_path).close()
    folder = db_path.parent / "backups"
    folder.mkdir(exist_ok=True)
    (folder / "rejnistvo-2026-01-01-dnevna.sqlite3.tmp").write_bytes(b"half")
    (db_path.parent / (db_path.name + ".creating")).write_bytes(b"half")
    # an export interrupted by a crash: its <out>.tmp is noted outside, the process gone
    out = db_path.parent / "izvoz.xlsx"
    with pytest.raises(RuntimeError), atomic_os_path(out) as tmp:
        tmp.write_bytes(b"half")
        raise RuntimeError("crash")
    assert not tmp.exists()  # a failure in-process cleans up at once
    tmp.write_bytes(b"half")
    from rejnistvo.atomic_write import _note

    _note(tmp)
    pending = clean_leftovers()  # this process is alive: its entry stays
    assert pending == [] and tmp.exists()
    import os

    from rejnistvo import atomic_write

    monkey_pid = os.getpid() + 10_000_000  # a pid that cannot be running
    note = atomic_write.config_dir() / atomic_write.PENDING_FILE
    note.write_text(f"{monkey_pid}\t{tmp.resolve()}\n", encoding="utf-8")
    open_db(db_path).close()
    assert list(folder.glob("*.tmp")) == []
    assert not (db_path.parent / (db_path.name + ".creating")).exists()
    assert not tmp.exists()


def test_full_disk_opens_the_file_and_says_the_backup_failed(db_path, monkeypatch):
    import contextlib
    import errno

    from rejnistvo.store import backup

    open_db(db_path).close()

    @contextlib.contextmanager
    def full_disk(path):
        raise OSError(errno.ENOSPC, "No space left on device")
        yield path

    monkeypatch.setattr(backup, "atomic_path", full_disk)
    with open_db(db_path, daily_backup=True) as db:
        assert db["centres"].count == 16
        (warning,) = db.warnings
        assert "varnostna kopija ni bila narejena" in warning
        assert "ni prostora" in warning and "No space" not in warning


def test_opening_and_checking_never_load_sqlite_utils_plugins(tmp_path, monkeypatch):
    """Plugin discovery reads every installed package's metadata (tens of ms at every
    start), and a plugin found there could change our connections: never asked for."""
    import sqlite_utils.plugins

    from rejnistvo.store import check_db
    from rejnistvo.store.schema import known_steps

    def refuse(*_args, **_kwargs):
        raise AssertionError("sqlite-utils plugins were looked up")

    monkeypatch.setattr(sqlite_utils.plugins, "_plugins_loaded", False)
    monkeypatch.setattr(sqlite_utils.plugins.pm, "load_setuptools_entrypoints", refuse)
    path = tmp_path / "plugins.sqlite3"
    open_db(path).close()
    open_db(path).close()
    assert check_db(path) == []
    assert known_steps()
