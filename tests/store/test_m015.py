"""Store step m015_roki_head_indexes: a file made by the steps up to m014 gets the five
narrow indexes of *Roki*'s first rows and keeps its data; running the step again
changes nothing; a file that has one of them already (made by hand) is upgraded too.
That the queries read them: tests/services/test_deadlines_plans.py."""

from __future__ import annotations

import sqlite3

from sqlite_utils import Database
from step_files import table_contents

from rejnistvo.store import check_db, open_db
from rejnistvo.store.schema import (
    ROKI_HEAD_INDEXES,
    known_steps,
    m015_roki_head_indexes,
    migrations,
)

STEP = "m015_roki_head_indexes"

#: each index: its table, its column (or expression) and its WHERE, as SQLite keeps it
EXPECTED = {
    "refund_instalments_unpaid": ("refund_instalments", "(due)", "WHERE paid_on IS NULL"),
    "r4_cases_waiting": (
        "r4_cases",
        "(coalesce(received_on, sent_on))",
        "WHERE decided_on IS NULL OR decided_on = ''",
    ),
    "r4_cases_uplift_to": ("r4_cases", "(decision_to)", "WHERE outcome = 'increase'"),
    "carers_licence": ("carers", "(licence_date)", ""),
}


def _indexes(db) -> dict[str, tuple[str, str]]:
    """{name: (table, sql)} of the file's own indexes."""
    rows = db.execute(
        "SELECT name, tbl_name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL"
    ).fetchall()
    return {name: (table, sql) for name, table, sql in rows}


def _m014_file(path) -> None:
    """A file made by the steps before m015, with a row in each table m015 indexes."""
    raw = Database(path)
    migrations.apply(raw, stop_before=STEP)
    assert [m.name for m in migrations.applied(raw)][-1] == "m014_overpayment_undoings"
    raw.execute(
        "INSERT INTO carers (id, name, name_key, surname_key, licence_date) "
        "VALUES (1, 'Špela Žagar', 'špela žagar', ?, '2021-03-04')",
        ["z{agar\x00s{pela z{agar"],  # as the program writes it (m019's order)
    )
    raw.conn.commit()
    raw.close()


def test_the_step_follows_m014():
    steps = known_steps()
    assert STEP in steps
    assert steps.index(STEP) == steps.index("m014_overpayment_undoings") + 1
    assert set(ROKI_HEAD_INDEXES) == set(EXPECTED)


def test_an_m014_file_gets_the_indexes_and_keeps_its_data(tmp_path):
    path = tmp_path / "old.sqlite3"
    _m014_file(path)
    raw = sqlite3.connect(path)
    assert not set(EXPECTED) & set(_indexes(raw))
    before = table_contents(raw)
    raw.close()

    with open_db(path) as db:
        assert [m.name for m in migrations.applied(db)] == known_steps()
        found = _indexes(db)
        for name, (table, column, where) in EXPECTED.items():
            assert found[name][0] == table
            assert f"ON {table}{column}" in " ".join(found[name][1].split())
            assert found[name][1].rstrip().endswith(where)
        after = table_contents(db)
        assert "placement_order" not in after  # m016's list keys: no placements here
    assert after == before
    assert after["carers"][0][1] == "Špela Žagar"
    assert check_db(path) == []


def test_a_second_run_changes_nothing(tmp_path):
    path = tmp_path / "new.sqlite3"
    with open_db(path) as db:
        before = _indexes(db)
        m015_roki_head_indexes(db)  # IF NOT EXISTS: no error, nothing new
        assert _indexes(db) == before
        assert set(EXPECTED) <= set(before)


def test_a_file_with_one_index_made_by_hand_is_upgraded(tmp_path):
    path = tmp_path / "measured.sqlite3"
    _m014_file(path)
    raw = sqlite3.connect(path)
    raw.execute("CREATE INDEX carers_licence ON carers(licence_date)")
    raw.commit()
    raw.close()
    with open_db(path) as db:
        assert [m.name for m in migrations.applied(db)][-1] == known_steps()[-1]
        assert set(EXPECTED) <= set(_indexes(db))
