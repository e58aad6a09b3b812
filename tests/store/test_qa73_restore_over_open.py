"""A backup restored over the file while the window has it open (QA73, found by hand).

The IT person copies yesterday's backup onto the file's place (``cp``, a file manager's
»Replace«: the same inode, so the identity check before a save passed). The window's
log then lay over the copy: a save said »Shranjeno«, and closing the window copied the
old file's pages into the copy — ``integrity_check`` then listed »Page … is never used«
(a hundred lines) and the restore was a damaged mixture. Now the save is refused in
Slovenian, the close leaves the copy as it was restored, and the next opening sets the
old log aside into ``backups/`` and says so."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from rejnistvo.store import StoreError, check_db, list_records, open_db, save_record
from rejnistvo.store.backup import backup_to


def _names(db) -> list[str]:
    return sorted(r["name"] for r in list_records(db, "children"))


def _damage(path: Path) -> list[str]:
    """What ``check`` finds beyond the log being shorter than this computer knew, which
    any restored older copy rightly is (README, Zanesljivost)."""
    return [p for p in check_db(path) if not p.startswith("Dnevnik sprememb je krajši")]


def _window_with_yesterdays_backup(tmp_path: Path):
    """The file with a backup made yesterday, work checkpointed since, the window open
    today with unsaved-to-the-file work in its log."""
    path = tmp_path / "rejnistvo.sqlite3"
    db = open_db(path)
    save_record(db, "children", {"name": "Pred Kopijo"})
    db.close()
    copy = backup_to(path, tmp_path / "kopija.sqlite3")
    db = open_db(path)  # yesterday: many changes, written into the file at its close
    for i in range(300):
        save_record(db, "carers", {"name": f"Včeraj {i:03}", "address": "x" * 200})
    db.close()
    db = open_db(path)  # today: the window is open, its changes in the log
    db.execute("PRAGMA wal_autocheckpoint = 0")
    for i in range(100):
        save_record(db, "carers", {"name": f"Danes {i:03}", "address": "y" * 200})
    return path, copy, db


def test_a_save_after_a_backup_was_copied_over_the_open_file_is_refused(tmp_path):
    path, copy, db = _window_with_yesterdays_backup(tmp_path)
    try:
        shutil.copyfile(copy, path)  # the same inode: the identity check alone passes
        with pytest.raises(StoreError, match="zamenjala druga datoteka") as refused:
            save_record(db, "children", {"name": "Po Obnovi"})
        said = refused.value.message
        assert "Sprememba ni bila shranjena" in said and "ostane na zaslonu" in said
        assert "Zaprite program" in said
    finally:
        db.close()
    # the close wrote nothing into the restored copy and left the old log beside it
    assert path.read_bytes() == copy.read_bytes()
    assert path.with_name(path.name + "-wal").stat().st_size > 0

    db = open_db(path)
    try:
        assert _names(db) == ["Pred Kopijo"]  # the restore holds, undamaged
        said = [w for w in db.warnings if "dnevnik zapisovanja" in w]
        assert len(said) == 1 and "medtem ko je bil program odprt" in said[0]
    finally:
        db.close()
    assert len(list((tmp_path / "backups").glob("*-tuji-dnevnik.sqlite3-wal"))) == 1
    assert _damage(path) == []


def test_closing_the_window_after_the_restore_leaves_the_copy_sound(tmp_path):
    """No save tried: only the close, which used to checkpoint the old log into it."""
    path, copy, db = _window_with_yesterdays_backup(tmp_path)
    shutil.copyfile(copy, path)
    db.close()
    assert path.read_bytes() == copy.read_bytes()
    reopened = open_db(path)
    try:
        assert _names(reopened) == ["Pred Kopijo"]
    finally:
        reopened.close()
    assert _damage(path) == []


def test_the_windows_own_file_is_not_taken_for_a_copy(tmp_path):
    """Saves and closes as before, also after a checkpoint rewrote the header page."""
    path = tmp_path / "rejnistvo.sqlite3"
    db = open_db(path)
    try:
        for i in range(3):
            save_record(db, "children", {"name": f"Otrok {i}"})
            db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        assert not db.replaced_by_copy()
    finally:
        db.close()
    assert not path.with_name(path.name + "-wal").exists()
    db = open_db(path)
    try:
        assert len(_names(db)) == 3 and not db.warnings
    finally:
        db.close()


def test_the_readmes_restore_done_with_the_window_open_is_said_as_a_replacement(tmp_path):
    """The file moved aside and the backup copied in (README, »Obnovljena varnostna
    kopija«) while a clerk still works: the refusal used to speak of a pulled USB stick
    and say »Vrnite … datoteko na njeno mesto«, the opposite of what was meant."""
    path, copy, db = _window_with_yesterdays_backup(tmp_path)
    aside = tmp_path / "stara"
    aside.mkdir()
    try:
        path.rename(aside / path.name)
        shutil.copyfile(copy, path)
        with pytest.raises(StoreError, match="zamenjala druga datoteka") as refused:
            save_record(db, "children", {"name": "Po Obnovi"})
        assert "ključek" not in refused.value.message
    finally:
        db.close()
    assert path.read_bytes() == copy.read_bytes()
    reopened = open_db(path)
    try:
        assert _names(reopened) == ["Pred Kopijo"]
    finally:
        reopened.close()
    assert _damage(path) == []
