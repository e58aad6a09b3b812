"""A backup kept in ``backups/`` is not opened to work in (QA73, found by hand).

*Datoteka → Odpri drugo zbirko* on ``backups/…-dnevna.sqlite3`` (to look at yesterday)
opened it as the working file: its schema was upgraded and its header switched to WAL
in place (a copy inside ``backups/backups/``), everything typed went into the backup,
and the file it belongs to deletes its oldest backups (ten kept) — with the work in it.
Writers are refused with what to do instead; readers still read it."""

from __future__ import annotations

import pytest

from rejnistvo.store import StoreError, check_db, list_records, open_db, save_record
from rejnistvo.store.backup import daily_backup, is_kept_backup


@pytest.fixture
def kept(tmp_path):
    path = tmp_path / "rejnistvo.sqlite3"
    db = open_db(path)
    save_record(db, "children", {"name": "Ana Novak"})
    db.close()
    copy = daily_backup(path)
    assert copy is not None and is_kept_backup(copy)
    return copy


def test_a_kept_backup_is_not_opened_to_work_in(kept):
    before = kept.read_bytes()
    for lock in (True, False):  # the window, and a writer beside it
        with pytest.raises(StoreError, match="je varnostna kopija iz mape »backups«") as no:
            open_db(kept, lock=lock)
        assert "skopirajte v drugo mapo" in no.value.message
    assert kept.read_bytes() == before  # not upgraded, not switched to WAL
    assert sorted(p.name for p in kept.parent.iterdir()) == [kept.name]


def test_a_kept_backup_is_still_read(kept):
    db = open_db(kept, read_only=True)
    try:
        assert [r["name"] for r in list_records(db, "children")] == ["Ana Novak"]
    finally:
        db.close()
    assert check_db(kept) == []


def test_a_copy_of_it_elsewhere_opens(kept, tmp_path):
    elsewhere = tmp_path / "pregled"
    elsewhere.mkdir()
    copy = elsewhere / kept.name
    copy.write_bytes(kept.read_bytes())
    db = open_db(copy)
    try:
        assert [r["name"] for r in list_records(db, "children")] == ["Ana Novak"]
    finally:
        db.close()


def test_only_the_programs_own_names_in_a_backups_folder_count(tmp_path):
    folder = tmp_path / "backups"
    folder.mkdir()
    assert not is_kept_backup(folder / "rejnistvo.sqlite3")
    assert not is_kept_backup(tmp_path / "rejnistvo-2026-12-05-101010-dnevna.sqlite3")
    assert is_kept_backup(folder / "moja zbirka-2026-12-05-101010-pred-posodobitvijo.sqlite3")
