"""A file on a read-only medium (QA73, found by hand: a tmpfs remounted read-only, as a
write-protected USB stick, a CD or a share one may only read).

Every file the program has opened is in WAL mode, and a read-only connection to it
needs the WAL index (``-shm``), which SQLite cannot make there: ``check``, ``cases``,
``run`` and ``backup`` all said »Podatkovne zbirke … ni mogoče odpreti«, although the
README says readers read such a medium. With no ``-wal`` beside the file no program
has it open, so a reader now opens it as the unchanging file it is (``immutable``)."""

from __future__ import annotations

import os

import pytest

from rejnistvo.store import check_db, connection, list_records, open_db, save_record


@pytest.fixture
def closed_file(tmp_path):
    path = tmp_path / "kljucek" / "rejnistvo.sqlite3"
    path.parent.mkdir()
    db = open_db(path)
    save_record(db, "children", {"name": "Ana Novak"})
    db.close()
    assert path.read_bytes()[18:20] == b"\x02\x02"  # WAL mode, as every opened file
    return path


def _read_only_medium(monkeypatch, folder) -> None:
    real = os.access

    def access(path, mode, *args, **kwargs):
        if mode & os.W_OK and str(path).startswith(str(folder)):
            return False  # what os.access says on a read-only mount, also to root
        return real(path, mode, *args, **kwargs)

    monkeypatch.setattr(connection.os, "access", access)


def test_a_closed_file_on_a_read_only_medium_is_read_as_it_is(closed_file, monkeypatch):
    _read_only_medium(monkeypatch, closed_file.parent)
    assert connection.reader_uri(closed_file).endswith("?mode=ro&immutable=1")
    db = open_db(closed_file, read_only=True)
    try:
        assert [r["name"] for r in list_records(db, "children")] == ["Ana Novak"]
    finally:
        db.close()
    assert check_db(closed_file) == []
    # nothing made beside it (SQLite could not make -shm on the medium itself)
    assert not closed_file.with_name(closed_file.name + "-shm").exists()
    assert not closed_file.with_name(closed_file.name + "-wal").exists()


def test_a_file_open_elsewhere_is_not_taken_for_unchanging(closed_file, monkeypatch):
    """A -wal beside it: a program has it open (a colleague with the right to write)."""
    _read_only_medium(monkeypatch, closed_file.parent)
    closed_file.with_name(closed_file.name + "-wal").write_bytes(b"")
    assert connection.reader_uri(closed_file).endswith("?mode=ro")


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into a read-only folder")
def test_readers_read_a_read_only_folder(closed_file):
    folder = closed_file.parent
    folder.chmod(0o555)
    try:
        db = open_db(closed_file, read_only=True)
        try:
            assert [r["name"] for r in list_records(db, "children")] == ["Ana Novak"]
        finally:
            db.close()
        assert check_db(closed_file) == []
        assert sorted(p.name for p in folder.iterdir()) == [
            closed_file.name,
            closed_file.name + ".lock",
        ]
    finally:
        folder.chmod(0o755)


def test_the_window_on_a_read_only_medium_says_what_to_do(closed_file, monkeypatch):
    """The window (a writer) cannot open it there: it said only »… ni mogoče ustvariti
    datoteke zaklepa (disk je samo za branje). Mapa mora dovoliti pisanje.«"""
    import errno

    from rejnistvo.store import StoreError
    from rejnistvo.store.lock import lock_path

    real = os.open
    lock = str(lock_path(closed_file))

    def read_only_open(path, flags, *args, **kwargs):
        if str(path) == lock:
            raise OSError(errno.EROFS, "Read-only file system", lock)
        return real(path, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", read_only_open)
    with pytest.raises(StoreError) as refused:
        open_db(closed_file)
    assert refused.value.kind == "read_only"
    assert "v mapi samo za branje" in refused.value.message
    assert "skopirajte v mapo, kamor lahko pišete" in refused.value.message
