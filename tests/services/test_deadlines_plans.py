"""*Roki*'s first rows are read through store step m015's narrow indexes, and the whole
list keeps its scans in id order (issue 13). Each query *Roki* runs is caught as SQLite
runs it and its EXPLAIN QUERY PLAN read: a query that stops using its index (or a whole
list's query that starts using one, which made it slower at 80,000 placements) fails
here. SQLite keeps no statistics in these files (no ANALYZE), so the plans are the same
for this small file as for the 80,000-placement demo."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

import pytest

from rejnistvo.services import lists
from rejnistvo.services.deadlines import deadline_steps, deadlines_until, list_deadlines
from rejnistvo.store import open_db
from rejnistvo.store.demo import fill_demo
from rejnistvo.store.schema import ROKI_HEAD_INDEXES

DAY = date(2026, 11, 30)

#: the table each part of Roki reads (as its query names it) and the indexes of m015
#: its first rows are read through (the board increases are scanned: which lack a
#: report only r5_reports can say; ``lists.increases_to_remind``)
HEAD_INDEXES = {
    "FROM refund_instalments i": ["refund_instalments_unpaid"],
    "FROM r4_cases t": ["r4_cases_waiting", "r4_cases_uplift_to"],
    "FROM carers t": ["carers_licence"],
}


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory):
    db = open_db(tmp_path_factory.mktemp("roki_plans") / "demo.sqlite3")
    fill_demo(db, scale=60, today=DAY)
    yield db
    db.close()


def _plans(db, call: Callable[[], object]) -> dict[str, str]:
    """{SQL: its query plan, one line} of every SELECT `call` runs (bound values in)."""
    seen: list[str] = []
    db.conn.set_trace_callback(seen.append)
    try:
        call()
    finally:
        db.conn.set_trace_callback(None)
    return {
        sql: " | ".join(row[-1] for row in db.execute("EXPLAIN QUERY PLAN " + sql))
        for sql in dict.fromkeys(" ".join(text.split()) for text in seen)
        if sql.upper().startswith("SELECT") and "sqlite_master" not in sql
    }


def _of(plans: dict[str, str], table: str) -> list[str]:
    found = [plan for sql, plan in plans.items() if table in sql]
    assert found, f"no query {table}"
    return found


def _all_steps(db, day: date) -> list:
    steps = deadline_steps(db, day)
    while True:
        try:
            next(steps)
        except StopIteration as done:
            return done.value


@pytest.mark.parametrize("until", [DAY - timedelta(days=40), DAY + timedelta(days=20)], ids=str)
def test_the_first_rows_are_read_through_each_index(demo_db, until):
    plans = _plans(demo_db, lambda: deadlines_until(demo_db, DAY, until))
    for table, indexes in HEAD_INDEXES.items():
        (plan,) = _of(plans, table)
        for index in indexes:
            assert f" INDEX {index} " in plan, (table, index, plan)
        assert f"SCAN {table.split()[-1]}" not in plan.split(" | ")[0], plan


def test_where_the_first_rows_end_is_read_from_indexes(demo_db):
    # asked for more rows than there are: all four queries run, each finds nothing
    plans = _plans(demo_db, lambda: lists.nth_earliest(demo_db, 10**6, DAY, DAY, DAY))
    assert len(plans) == 4
    for index in (
        "refund_instalments_unpaid",
        "r4_cases_waiting",
        "board_increases_to",
        "r4_cases_uplift_to",
    ):
        (plan,) = [plan for plan in plans.values() if f" INDEX {index} " in plan]
        # read in the index's order and cut after n entries: no table scan, no sorting
        assert "SCAN" not in plan and "TEMP B-TREE" not in plan, plan


@pytest.mark.parametrize("whole", ["list_deadlines", "deadline_steps"])
def test_the_whole_list_keeps_its_scans(demo_db, whole):
    if whole == "list_deadlines":
        plans = _plans(demo_db, lambda: list_deadlines(demo_db, DAY))
    else:
        plans = _plans(demo_db, lambda: _all_steps(demo_db, DAY))
    for plan in plans.values():
        assert not [index for index in ROKI_HEAD_INDEXES if index in plan], plan
    if whole == "list_deadlines":
        # the old plans: each table once in id order, its rows' names by primary key
        for table in HEAD_INDEXES:
            for plan in _of(plans, table):
                assert plan.startswith(f"SCAN {table.split()[-1]}"), plan
