"""QA74: a second clerk opens the file another window holds for work, only to look at
it (»Odpri samo za branje«): nothing is written, no lock is taken, no -wal/-shm is made,
every write is refused in Slovenian words naming who has the file."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from rejnistvo.store import StoreError, list_records, open_db, save_record
from rejnistvo.store.connection import open_to_view
from rejnistvo.store.lock import FileLock, holder_of


def _state(path: Path) -> tuple[bytes, int, list[str]]:
    beside = sorted(p.name for p in path.parent.iterdir() if p.name != path.name)
    return path.read_bytes(), path.stat().st_mtime_ns, beside


@pytest.fixture
def held(tmp_path):
    """A file in WAL mode whose lock another program (a colleague's window) holds."""
    path = tmp_path / "skupna.sqlite3"
    db = open_db(path)
    save_record(db, "children", {"name": "Ana Novak"})
    db.close()
    lock = FileLock(path)
    lock.acquire()
    yield path
    lock.release()


def test_the_refusal_says_held_and_who(held):
    with pytest.raises(StoreError) as refused:
        open_db(held)
    assert refused.value.kind == "held"
    assert refused.value.holder.startswith("uporabnik ")
    assert " na računalniku " in refused.value.holder


def test_viewing_beside_a_held_lock_writes_nothing(held):
    before = _state(held)
    db = open_to_view(held, "uporabnik ana na računalniku csd-pc1")
    try:
        assert db.read_only and db.viewing == "uporabnik ana na računalniku csd-pc1"
        assert [c["name"] for c in list_records(db, "children")] == ["Ana Novak"]
        with pytest.raises(StoreError) as refused:
            save_record(db, "children", {"name": "Bine Kos"})
        assert refused.value.kind == "read_only"
        assert "samo za branje" in refused.value.message
        assert "uporabnik ana na računalniku csd-pc1" in refused.value.message
        assert "Odpri za delo" in refused.value.message
        # a write past the store's functions is refused by SQLite too
        with pytest.raises(Exception, match="readonly"):
            db.execute("DELETE FROM children")
    finally:
        db.close()
    # file bytes, time and the folder as they were: no -wal/-shm left, no lock file made
    assert _state(held) == before
    assert holder_of(held) is not None  # the colleague's lock was never taken


def test_a_view_sees_the_colleagues_later_saves(tmp_path):
    path = tmp_path / "skupna.sqlite3"
    writer = open_db(path)
    try:
        view = open_to_view(path, "uporabnik ana na računalniku csd-pc1")
        try:
            assert list_records(view, "children") == []
            save_record(writer, "children", {"name": "Cene Bitenc"})
            assert [c["name"] for c in list_records(view, "children")] == ["Cene Bitenc"]
        finally:
            view.close()
    finally:
        writer.close()


def test_holder_of_a_free_file_is_none_and_then_it_opens_for_work(held, tmp_path):
    assert holder_of(held) is not None
    free = tmp_path / "prosta.sqlite3"
    open_db(free).close()
    assert holder_of(free) is None
    assert not os.path.exists(str(free) + "-wal")


_VIEWER = """
import sys
from rejnistvo.store import list_records
from rejnistvo.store.connection import open_to_view
view = open_to_view(sys.argv[1], "uporabnik ana na računalniku csd-pc1")
list_records(view, "children")
print("odprto", flush=True)
sys.stdin.readline()
print(len(list_records(view, "children")), flush=True)
sys.stdin.readline()
view.close()
"""


def test_the_colleague_closing_beside_a_view_is_no_crash_at_the_next_start(tmp_path):
    """Found by hand: the colleague saved and closed the program while the read-only
    window (another process) was open; its »Odpri za delo« then said »Program se ob
    zadnjem delu … ni pravilno zaprl (sesutje …)« and ran the full check — the closing
    writer, not the last connection, had left its log's frames beside the file. It now
    writes them into the file at its close."""
    import subprocess
    import sys

    path = tmp_path / "skupna.sqlite3"
    writer = open_db(path)
    viewer = subprocess.Popen(
        [sys.executable, "-c", _VIEWER, str(path)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert viewer.stdout is not None and viewer.stdin is not None
        assert viewer.stdout.readline().strip() == "odprto"
        save_record(writer, "children", {"name": "Cene Bitenc"})
        writer.close()  # the colleague closes the program
        viewer.stdin.write("\n")
        viewer.stdin.flush()
        assert viewer.stdout.readline().strip() == "1"  # the view sees the save
        again = open_db(path)  # »Odpri za delo«, the view still open
        try:
            assert not any("ni pravilno zaprl" in line for line in again.warnings)
            assert [c["name"] for c in list_records(again, "children")] == ["Cene Bitenc"]
        finally:
            again.close()
        viewer.stdin.write("\n")
        viewer.stdin.flush()
        assert viewer.wait(timeout=30) == 0
    finally:
        if viewer.poll() is None:
            viewer.kill()
