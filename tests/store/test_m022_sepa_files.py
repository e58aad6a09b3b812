"""Store step m022_sepa_files: a file of m021 gets the empty tables of the bank files made
of a month and their transfers (QA70), its data otherwise unchanged."""

from __future__ import annotations

import sqlite3

from sqlite_utils import Database
from step_files import table_contents, write_people_and_placements

from rejnistvo.store import open_db
from rejnistvo.store.schema import known_steps, migrations

STEP = "m022_sepa_files"


def test_the_step_follows_m021():
    steps = known_steps()
    assert steps.index(STEP) == steps.index("m021_earlier_reports") + 1


def test_an_m021_file_gets_the_tables_and_keeps_its_data(tmp_path):
    path = tmp_path / "old.sqlite3"
    raw = Database(path)
    migrations.apply(raw, stop_before=STEP)
    assert [m.name for m in migrations.applied(raw)][-1] == "m021_earlier_reports"
    people = {
        "carers": [(1, "Zala Čuk", "c{uk\x00zala c{uk")],
        "children": [(1, "Maks Zupan", "zupan\x00maks zupan")],
    }
    write_people_and_placements(raw, people, placements=((1, 1, 1),))
    raw.conn.commit()
    raw.close()
    raw = sqlite3.connect(path)
    before = table_contents(raw)
    raw.close()
    with open_db(path) as db:
        assert [m.name for m in migrations.applied(db)] == known_steps()
        assert db.execute("SELECT count(*) FROM sepa_files").fetchone() == (0,)
        assert db.execute("SELECT count(*) FROM sepa_file_transfers").fetchone() == (0,)
        after = table_contents(db)
    assert {t: rows for t, rows in after.items() if t in before} == before
