"""A backup restored beside the -wal the program left at a crash, when the log applies
to the copy page for page (README, Zanesljivost): SQLite applied it and the copy came out
sound with every change made after it, so the restore was silently undone. A copy the
program made (``backup_to``: a file in rollback-journal mode) and a -wal beside it
cannot belong together: the log is set aside and the opening says so."""

from __future__ import annotations

from pathlib import Path

from rejnistvo.store import check_db, list_records, open_db, save_record
from rejnistvo.store.backup import backup_to


def _crash_image(path: Path, names: list[str]) -> tuple[bytes, bytes]:
    """The file and its -wal as a crash leaves them, after ``names`` were saved."""
    db = open_db(path)
    try:
        db.execute("PRAGMA wal_autocheckpoint = 0")
        for name in names:
            save_record(db, "children", {"name": name})
        wal = path.with_name(path.name + "-wal")
        image = (path.read_bytes(), wal.read_bytes())
    finally:
        db.close()
    assert image[1]
    return image


def _restore(path: Path, copy: Path, wal: bytes) -> None:
    """The user copies the backup over the file; the crashed file's -wal stays."""
    path.write_bytes(copy.read_bytes())
    path.with_name(path.name + "-wal").write_bytes(wal)
    path.with_name(path.name + "-shm").unlink(missing_ok=True)


def _names(db) -> list[str]:
    return sorted(r["name"] for r in list_records(db, "children"))


def test_a_restored_copy_is_not_undone_by_the_old_files_log(tmp_path):
    path = tmp_path / "rejnistvo.sqlite3"
    db = open_db(path)
    save_record(db, "children", {"name": "Pred Kopijo"})
    db.close()
    copy = backup_to(path, tmp_path / "kopija.sqlite3")
    _main, wal = _crash_image(path, ["Po Kopiji Ena", "Po Kopiji Dve"])
    _restore(path, copy, wal)

    db = open_db(path)
    try:
        assert _names(db) == ["Pred Kopijo"]  # the restore holds
        said = [w for w in db.warnings if "dnevnik zapisovanja" in w]
        assert len(said) == 1 and "obnov" in said[0] and "ni bil uporabljen" in said[0]
    finally:
        db.close()
    aside = list((tmp_path / "backups").glob("*-tuji-dnevnik.sqlite3-wal"))
    assert len(aside) == 1 and aside[0].read_bytes() == wal  # kept, not lost
    assert not path.with_name(path.name + "-wal").exists() or not _wal_frames(path)


def _wal_frames(path: Path) -> int:
    wal = path.with_name(path.name + "-wal")
    return max(0, (wal.stat().st_size - 32) // (4096 + 24)) if wal.exists() else 0


def test_check_says_it_too_and_changes_nothing(tmp_path, digest):
    path = tmp_path / "rejnistvo.sqlite3"
    open_db(path).close()
    copy = backup_to(path, tmp_path / "kopija.sqlite3")
    _main, wal = _crash_image(path, ["Po Kopiji"])
    _restore(path, copy, wal)
    before = digest(path)
    said = check_db(path)
    assert len(said) == 1 and "dnevnik zapisovanja" in said[0]
    assert digest(path) == before


def test_the_files_own_log_after_a_crash_is_still_applied(tmp_path):
    """A file the program has used says so in its header (the first opening switches it
    to WAL and writes that into the file at once), so its own log is applied."""
    path = tmp_path / "rejnistvo.sqlite3"
    copy = tmp_path / "kopija.sqlite3"
    open_db(path).close()
    backup_to(path, copy)
    _restore(path, copy, b"")  # a restored copy, opened normally ...
    path.with_name(path.name + "-wal").unlink()
    main, wal = _crash_image(path, ["Ena"])  # ... then the program crashes on it
    assert main[18:20] == b"\x02\x02"  # WAL in the file's own header already
    _restore(path, path, wal)
    db = open_db(path)
    try:
        assert _names(db) == ["Ena"]
        # only the note that the file was checked after the crash (QA73), no foreign log
        assert len(db.warnings) == 1 and "ni pravilno zaprl" in db.warnings[0]
    finally:
        db.close()
