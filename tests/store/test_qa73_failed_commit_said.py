"""A transaction the disk cannot take (QA73, found by hand on a full tmpfs).

``run --close`` on a full disk ended in »Notranja napaka programa (OperationalError)«,
status 70, and Izplačila → *Zaključi mesec* in the window in »Nepričakovana napaka«:
the COMMIT of ``close_month`` failed with »database or disk is full« and escaped as
sqlite3's English error (a save of a record was worded, by its own wrapper). The
outermost ``atomic`` now turns a failed COMMIT, and the disk failing under the block,
into the Slovenian StoreError; a constraint the block breaks stays sqlite3's, as
callers word those themselves."""

from __future__ import annotations

import sqlite3

import pytest

from rejnistvo.store import StoreError, open_db, save_record


@pytest.fixture
def db(tmp_path):
    database = open_db(tmp_path / "rejnistvo.sqlite3")
    yield database
    database.close()


def _children(db) -> int:
    return db.execute("SELECT count(*) FROM children").fetchone()[0]


def _trainings(db) -> int:
    return db.execute("SELECT count(*) FROM carer_trainings").fetchone()[0]


def test_a_disk_that_fills_under_a_transaction_is_said_in_slovenian(db):
    carer = save_record(db, "carers", {"name": "Ana Novak", "address": "Trubarjeva 1"})
    pages = db.execute("PRAGMA page_count").fetchone()[0]
    db.execute(f"PRAGMA max_page_count = {pages}")  # the disk is full: no page more
    try:
        with pytest.raises(StoreError) as refused, db.atomic():
            for i in range(2000):
                db.execute(
                    "INSERT INTO carer_trainings (carer_id, date, description) VALUES (?, ?, ?)",
                    [carer, "2026-12-01", f"Usposabljanje {i:04} " * 20],
                )
    finally:
        db.execute("PRAGMA max_page_count = 1073741823")
    assert refused.value.kind == "disk_full"
    assert "ni dovolj prostora" in refused.value.message
    assert not db.conn.in_transaction and _trainings(db) == 0  # rolled back
    save_record(db, "children", {"name": "Po Sprostitvi"})  # and the file works on
    assert _children(db) == 1


def test_a_commit_that_fails_is_said_in_slovenian(db):
    with pytest.raises(StoreError) as refused, db.atomic():
        # checked at COMMIT: the commit itself fails, as on a full disk
        db.execute("PRAGMA defer_foreign_keys = ON")
        db.execute("INSERT INTO carer_trainings (carer_id, date) VALUES (424242, '2026-12-01')")
    assert "Sprememba ni bila shranjena" in refused.value.message
    assert not db.conn.in_transaction
    assert _trainings(db) == 0


def test_a_constraint_the_block_breaks_stays_sqlites(db):
    with pytest.raises(sqlite3.IntegrityError), db.atomic():
        db.execute("INSERT INTO carer_trainings (carer_id, date) VALUES (424242, '2026-12-01')")
    with pytest.raises(sqlite3.OperationalError, match="no such table"), db.atomic():
        db.execute("SELECT * FROM ni_take_tabele")  # a bug stays a bug (logged, not worded)
