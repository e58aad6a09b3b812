"""A backup that does not fit on the disk (QA73, found by hand on a full 1.4 MB tmpfs:
``backup --db … --out stick/velika.sqlite3``).

It left »velika.sqlite3.tmp-journal« (SQLite's journal of the temporary copy) on the
stick, and said »Na disku ni dovolj prostora za podatkovno zbirko »…velika.sqlite3«. V
zbirko ni bilo nič zapisano« — as if the copy were the database. Now nothing is left
beside it and the words name the copy and say the database is unchanged."""

from __future__ import annotations

import sqlite3

import pytest

from rejnistvo.store import StoreError, open_db, save_record
from rejnistvo.store import backup as backup_module
from rejnistvo.store.backup import backup_to, daily_backup


def _full_disk(monkeypatch) -> None:
    """The copy fails as SQLite does when the disk fills: its journal left behind."""

    def copy(src, dst, busy_seconds):
        target = dst.execute("PRAGMA database_list").fetchone()[2]
        with open(f"{target}-journal", "wb") as journal:  # what the full disk left
            journal.write(b"\0" * 1024)
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(backup_module, "_copy", copy)


@pytest.fixture
def database(tmp_path):
    path = tmp_path / "rejnistvo.sqlite3"
    db = open_db(path)
    save_record(db, "children", {"name": "Ana Novak"})
    db.close()
    return path


def test_a_copy_that_does_not_fit_leaves_nothing_and_names_the_copy(
    database, tmp_path, monkeypatch
):
    stick = tmp_path / "kljucek"
    stick.mkdir()
    _full_disk(monkeypatch)
    with pytest.raises(StoreError) as refused:
        backup_to(database, stick / "velika.sqlite3")
    said = refused.value.message
    assert refused.value.kind == "disk_full"
    assert f"za varnostno kopijo »{stick / 'velika.sqlite3'}«" in said
    assert "podatkovna zbirka pa je nespremenjena" in said
    assert "V zbirko ni bilo nič zapisano" not in said
    assert list(stick.iterdir()) == []


def test_the_daily_backup_on_a_full_disk_leaves_nothing_in_backups(database, monkeypatch):
    _full_disk(monkeypatch)
    with pytest.raises(StoreError, match="za varnostno kopijo"):
        daily_backup(database)
    assert list((database.parent / "backups").iterdir()) == []


def test_a_backup_killed_mid_copy_leaves_no_journal_after_the_next_start(tmp_path):
    """``kill -9`` of ``backup`` (by hand, 43 MB): the next command removed the noted
    »kopija.sqlite3.tmp« but never its journal »kopija.sqlite3.tmp-journal«."""
    import os

    from rejnistvo import atomic_write

    tmp = tmp_path / "kopija.sqlite3.tmp"
    tmp.write_bytes(b"half")
    journal = tmp_path / "kopija.sqlite3.tmp-journal"
    journal.write_bytes(b"\0" * 1024)
    gone_pid = os.getpid() + 10_000_000  # a pid that cannot be running
    note = atomic_write.config_dir() / atomic_write.PENDING_FILE
    note.parent.mkdir(parents=True, exist_ok=True)
    note.write_text(f"{gone_pid}\t{tmp.resolve()}\n", encoding="utf-8")

    removed = atomic_write.clean_leftovers()

    assert not tmp.exists() and not journal.exists()
    assert set(removed) == {tmp.resolve(), journal.resolve()}
    assert list(tmp_path.iterdir()) == []
