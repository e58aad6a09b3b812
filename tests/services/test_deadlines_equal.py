"""The fast *Roki* list (issue 13) is exactly the list it replaced: the same reminders,
kinds, due dates, days, Slovenian texts and order, on a demo-like database with the odd
cases added (a report asked for early, a period shorter than 31 days, 29 February, an
unpaid instalment, an overpayment, a missing indexation), on days around the windows."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from _deadlines_reference import reference_deadlines
from _payment_fixtures import (
    TODAY as RUN_TODAY,
)
from _payment_fixtures import (
    D,
    run_db,  # noqa: F401 (fixture)
)

from rejnistvo.clock import FixedClock
from rejnistvo.services import payment_run, rates
from rejnistvo.services.deadlines import list_deadlines
from rejnistvo.store import StoreError, open_db, save_record
from rejnistvo.store.demo import fill_demo

DAY = date(2026, 11, 30)
# The demo's own day, days just before and after the windows' edges, a leap day, and
# days far enough away that other rows fall inside (or outside) every window.
DAYS = [
    DAY,
    DAY - timedelta(days=1),
    DAY + timedelta(days=1),
    DAY - timedelta(days=30),
    DAY + timedelta(days=29),
    DAY + timedelta(days=31),
    DAY + timedelta(days=60),
    DAY - timedelta(days=200),
    DAY - timedelta(days=100),
    date(2027, 3, 1),
    date(2028, 2, 29),
    date(2030, 6, 15),
]


def _shown(items) -> list[tuple]:
    return [
        (d.due, d.days, d.kind, d.what, d.carer, d.child, d.open_kind, d.open_id, d.late)
        for d in items
    ]


def _odd_cases(db) -> None:
    placements = [r[0] for r in db.execute("SELECT id FROM placements ORDER BY id LIMIT 6")]
    increase = {"percent": 25, "categories": [{"category": "health"}]}
    # asked for the report early; a period shorter than 31 days; reported but ending
    for placement, start, end, asked in (
        (placements[0], DAY - timedelta(days=90), DAY + timedelta(days=150), DAY - timedelta(3)),
        (placements[1], DAY - timedelta(days=5), DAY + timedelta(days=15), None),
        (placements[2], DAY - timedelta(days=5), DAY + timedelta(days=40), DAY + timedelta(20)),
        (placements[3], date(2027, 1, 1), date(2027, 1, 30), None),
    ):
        save_record(
            db,
            "board_increases",
            {
                **increase,
                "placement_id": placement,
                "from_date": start,
                "to_date": end,
                "report_requested_on": asked,
            },
        )
    # 29 February: a licence on it (no training), a training on it
    for name, licence, training in (
        ("Prestopna Rejnica", date(2024, 2, 29), None),
        ("Prestopni Rejnik", date(2023, 3, 1), date(2024, 2, 29)),
        ("Stara Rejnica", date(2019, 5, 5), date(2025, 11, 1)),
        ("Brez Dovoljenja", None, None),
    ):
        trainings = [{"date": training, "description": "usposabljanje"}] if training else []
        save_record(db, "carers", {"name": name, "licence_date": licence, "trainings": trainings})


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory):
    db = open_db(tmp_path_factory.mktemp("roki") / "demo.sqlite3")
    fill_demo(db, scale=300, today=DAY)
    _odd_cases(db)
    yield db
    db.close()


@pytest.mark.parametrize("day", DAYS, ids=str)
def test_the_fast_list_is_the_old_list(demo_db, day):
    expected = _shown(reference_deadlines(demo_db, day))
    assert expected  # the demo always has something to remind of
    assert _shown(list_deadlines(demo_db, day)) == expected


def test_the_demo_day_lists_every_kind_it_has(demo_db):
    kinds = {d.kind for d in list_deadlines(demo_db, DAY)}
    assert {"r5_overdue", "r5_due_soon", "increase_ending", "r4_waiting", "training"} <= kinds
    assert {"coordinator_term", "refund_instalment"} <= kinds


def _same_money(db, kind: str) -> None:
    for day in (RUN_TODAY, D("2026-02-20"), D("2027-03-02")):
        expected = _shown(reference_deadlines(db, day))
        assert _shown(list_deadlines(db, day)) == expected
    assert kind in {d.kind for d in list_deadlines(db, RUN_TODAY)}


def test_money_reminders_are_the_old_ones(run_db):  # noqa: F811
    _same_money(run_db, "indexation")
    clock = FixedClock(RUN_TODAY)
    for month in ("2026-09-01", "2026-10-01", "2026-11-01"):
        payment_run.close_month(run_db, D(month), clock)
    rates.add_rate(run_db, "2026-10-01", "600.00", "450.00", "test: napačen")
    payment_run.close_month(run_db, D("2026-12-01"), clock)
    _same_money(run_db, "overpayment")


def test_a_damaged_file_is_a_store_error_not_a_traceback(tmp_path):
    db = open_db(tmp_path / "damaged.sqlite3")
    save_record(db, "carers", {"name": "Ana Novak", "licence_date": date(2020, 1, 1)})
    db.execute("DROP TABLE carer_trainings")
    with pytest.raises(StoreError) as caught:
        list_deadlines(db, DAY)
    assert caught.value.message
    db.close()


def test_the_collector_is_left_as_it_was(demo_db):
    import gc

    assert gc.isenabled()
    list_deadlines(demo_db, DAY)
    assert gc.isenabled()
    gc.disable()
    try:
        list_deadlines(demo_db, DAY)
        assert not gc.isenabled()
    finally:
        gc.enable()
