"""services.prefetch: the first screen's rows read on their own connection beside the
window, taken once; a failed read leaves the screen to read itself."""

from __future__ import annotations

from datetime import date

from _r4_fixtures import r4_db  # noqa: F401 (fixtures)

from rejnistvo.services.deadlines import list_deadlines
from rejnistvo.services.prefetch import Prefetch

DAY = date(2026, 9, 1)


def test_rows_read_beside_equal_a_read_of_the_open_file_and_are_taken_once(r4_db):  # noqa: F811
    def read(db):
        assert db is not r4_db and db.read_only  # its own connection, reading only
        return list_deadlines(db, DAY)

    prefetch = Prefetch(r4_db.path, read)
    assert prefetch.take() == list_deadlines(r4_db, DAY)
    assert prefetch.take() is None  # a later refresh reads afresh


def test_a_failed_read_is_none_not_an_error(tmp_path):
    assert Prefetch(tmp_path / "missing.sqlite3", lambda db: ["never"]).take() is None

    def broken(db):
        raise RuntimeError("boom")

    path = tmp_path / "x.sqlite3"
    from rejnistvo.store import open_db

    open_db(path).close()
    assert Prefetch(path, broken).take() is None
