"""A file that goes away under an open window (a USB stick pulled, its folder moved or
deleted) and a disk that fails: a save is refused in Slovenian, never "saved" into an
unreachable file.

In WAL mode SQLite keeps writing to the open file after its folder is deleted, and every
save then reported success while the changes went nowhere (found by hand, round 8)."""

from __future__ import annotations

import shutil
import sqlite3

import pytest

from rejnistvo.store import StoreError, open_db, save_record
from rejnistvo.store.errors import translate_sqlite_error

CARER = {"name": "Ana Novak", "address": "Trubarjeva 1, Ljubljana"}


@pytest.fixture
def stick(tmp_path):
    """A folder standing for the USB stick, with the program's file on it."""
    folder = tmp_path / "kljucek"
    folder.mkdir()
    return folder


def _save(db):
    return save_record(db, "carers", dict(CARER))


def test_a_save_goes_on_while_the_file_is_in_place(stick):
    db = open_db(stick / "rejnistvo.sqlite3")
    try:
        first = _save(db)
        with db.atomic(), db.atomic():  # nested: savepoints, one check
            _save(db)
        assert first and db["carers"].count == 2
    finally:
        db.close()


@pytest.mark.parametrize("how", ["deleted", "renamed"])
def test_a_save_after_the_folder_went_away_is_refused(stick, tmp_path, how):
    db = open_db(stick / "rejnistvo.sqlite3")
    try:
        _save(db)
        if how == "deleted":
            shutil.rmtree(stick)
        else:
            stick.rename(tmp_path / "drugo-ime")
        with pytest.raises(StoreError, match="ni več na njenem mestu") as refused:
            _save(db)
        assert "Sprememba ni bila shranjena" in refused.value.message
    finally:
        db.close()
    if how == "renamed":  # the file that moved holds only the save made before
        moved = open_db(tmp_path / "drugo-ime" / "rejnistvo.sqlite3", read_only=True)
        assert moved["carers"].count == 1
        moved.close()


def test_a_file_replaced_under_the_window_is_not_written(stick, tmp_path):
    """Someone copies another file over the open one: the save would go to the old one."""
    path = stick / "rejnistvo.sqlite3"
    db = open_db(path)
    try:
        other = tmp_path / "druga.sqlite3"
        open_db(other).close()
        shutil.copyfile(other, tmp_path / "kopija")
        (tmp_path / "kopija").replace(path)
        # another file at the path is said as such (QA73), not as a pulled USB stick
        with pytest.raises(StoreError, match="zamenjala druga datoteka") as refused:
            _save(db)
        assert "ključek" not in refused.value.message
        assert "Sprememba ni bila shranjena" in refused.value.message
    finally:
        db.close()


def test_the_short_writer_beside_the_window_is_guarded_too(stick):
    path = stick / "rejnistvo.sqlite3"
    open_db(path).close()
    beside = open_db(path, lock=False)
    try:
        shutil.rmtree(stick)
        with pytest.raises(StoreError, match="ni več na njenem mestu"):
            _save(beside)
    finally:
        beside.close()


def _io_error_message(monkeypatch, free: int) -> str:
    import shutil
    from collections import namedtuple

    usage = namedtuple("usage", "total used free")
    monkeypatch.setattr(shutil, "disk_usage", lambda _folder: usage(1 << 30, 0, free))
    error = sqlite3.OperationalError("disk I/O error")
    return translate_sqlite_error(error, "x.sqlite3").message


def test_a_failing_disk_is_said_in_slovenian(monkeypatch):
    message = _io_error_message(monkeypatch, free=1 << 30)
    assert "napaka diska" in message and "ključek USB" in message
    assert "nič zapisano" in message
    assert "I/O" not in message and "error" not in message


def test_an_io_error_on_a_full_disk_is_called_a_full_disk(monkeypatch):
    """Opening a file whose WAL index (-shm) cannot be made on a full disk is an I/O
    error to SQLite (tried: a full tmpfs); the user is told to free space."""
    message = _io_error_message(monkeypatch, free=4096)
    assert "ni dovolj prostora" in message and "napaka diska" not in message
