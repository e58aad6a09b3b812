"""A hard link (a second name of the same inode) meets the lock of the first name
(store/lock.py: the identity's lock beside the name's). POSIX only: Windows keeps the
name's lock (see the module docstring)."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from rejnistvo.store import StoreError, open_db
from rejnistvo.store.lock import FileLock, identity_lock_path

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="no inode lock on Windows")


@pytest.fixture
def own_tmp(tmp_path, monkeypatch):
    """The identity locks in this test's folder, not the machine's temporary folder."""
    monkeypatch.setenv("TMPDIR", str(tmp_path / "tmp"))
    (tmp_path / "tmp").mkdir()
    import tempfile

    monkeypatch.setattr(tempfile, "tempdir", None)  # read TMPDIR again
    return tmp_path


def test_a_hard_link_of_an_open_file_is_refused(own_tmp, db_path):
    db = open_db(db_path)
    link = db_path.with_name("drugo-ime.sqlite3")
    os.link(db_path, link)
    try:
        with pytest.raises(StoreError, match="že odprta v drugem oknu") as refused:
            open_db(link)
        assert "uporabnik" in refused.value.message  # who holds it, as for the name
        assert FileLock(link).is_held_elsewhere()
    finally:
        db.close()
    # closed: the other name opens, and then the first name is refused in turn
    other = open_db(link)
    try:
        with pytest.raises(StoreError, match="že odprta"):
            open_db(db_path)
        assert not FileLock(own_tmp / "ni.sqlite3").is_held_elsewhere()
    finally:
        other.close()
    open_db(db_path).close()
    # each holder removed its identity's lock file on closing: none pile up
    assert list((own_tmp / "tmp" / "rejnistvo-locks").iterdir()) == []


def test_a_hard_link_in_another_folder_and_another_process(own_tmp, db_path):
    db = open_db(db_path)
    (own_tmp / "drugje").mkdir()
    link = own_tmp / "drugje" / "kopija.sqlite3"
    os.link(db_path, link)
    code = (
        "import sys\n"
        "from rejnistvo.store import StoreError, open_db\n"
        "try:\n"
        "    open_db(sys.argv[1]).close()\n"
        "except StoreError as e:\n"
        "    print(e.message); sys.exit(3)\n"
    )
    try:
        env = dict(os.environ, TMPDIR=str(own_tmp / "tmp"))
        done = subprocess.run(
            [sys.executable, "-c", code, str(link)], capture_output=True, text=True, env=env
        )
        assert done.returncode == 3, done.stderr
        assert "že odprta v drugem oknu" in done.stdout
    finally:
        db.close()


def test_a_new_file_locks_its_identity_once_made(own_tmp, db_path):
    db = open_db(db_path)  # made aside and renamed in: a new inode, locked after
    try:
        assert identity_lock_path(db_path) is not None
        link = db_path.with_name("druga.sqlite3")
        os.link(db_path, link)
        with pytest.raises(StoreError, match="že odprta"):
            open_db(link)
    finally:
        db.close()


def test_an_unusable_identity_folder_leaves_the_name_lock(own_tmp, db_path):
    from rejnistvo.store import lock

    blocked = own_tmp / "tmp" / "rejnistvo-locks"
    blocked.write_text("ni mapa")  # a file where the folder should be
    db = open_db(db_path)
    try:
        with pytest.raises(StoreError, match="že odprta"):
            open_db(db_path)  # the name's lock still holds
        assert lock.identity_lock_path(db_path) is not None
    finally:
        db.close()
