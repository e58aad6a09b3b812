"""Store step m020_refund_excess: a file of m019 gets ``refunds.excess`` and
``refunds.excess_returned_on``, NULL for its refunds (nothing paid beyond them, nothing
given back), and the partial index Roki reads them through; its data otherwise unchanged."""

from __future__ import annotations

import sqlite3

from sqlite_utils import Database
from step_files import table_contents, write_people_and_placements

from rejnistvo.store import check_db, get_record, open_db
from rejnistvo.store.schema import known_steps, migrations

STEP = "m020_refund_excess"


def _m019_file(path) -> None:
    raw = Database(path)
    migrations.apply(raw, stop_before=STEP)
    assert [m.name for m in migrations.applied(raw)][-1] == "m019_slovenian_order"
    people = {
        "carers": [(1, "Zala Čuk", "c{uk\x00zala c{uk")],
        "children": [(1, "Maks Zupan", "zupan\x00maks zupan")],
    }
    write_people_and_placements(raw, people, placements=((1, 1, 1),))
    raw.execute(
        "INSERT INTO board_increases (id, placement_id, percent, from_date, to_date) "
        "VALUES (1, 1, 25, '2026-01-01', '2026-06-30')"
    )
    raw.execute(
        "INSERT INTO refunds (id, increase_id, call_date, deadline, method, amount) "
        "VALUES (1, 1, '2026-07-10', '2027-01-08', 'lump_sum', '157.00')"
    )
    raw.conn.commit()
    raw.close()


def test_the_step_follows_m019():
    steps = known_steps()
    assert steps.index(STEP) == steps.index("m019_slovenian_order") + 1


def test_an_m019_file_gets_the_column_and_keeps_its_data(tmp_path):
    path = tmp_path / "old.sqlite3"
    _m019_file(path)
    raw = sqlite3.connect(path)
    before = table_contents(raw)
    raw.close()
    with open_db(path) as db:
        assert [m.name for m in migrations.applied(db)] == known_steps()
        refund = get_record(db, "refunds", 1)
        assert refund["excess_returned_on"] is None and refund["excess"] is None
        assert str(refund["amount"]) == "157.00"
        plan = db.execute(
            "EXPLAIN QUERY PLAN SELECT id FROM refunds "
            "WHERE excess IS NOT NULL AND excess_returned_on IS NULL"
        ).fetchall()
        assert "refunds_excess_owed" in str(plan)
        after = table_contents(db)
    assert [row[:-2] for row in after.pop("refunds")] == before.pop("refunds")
    assert after == before
    assert check_db(path) == []
