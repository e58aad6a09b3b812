"""*Roki*'s first rows and the rest made in steps (issue 13) are the whole list: the first
rows (``first_deadlines``) are exactly the list's first reminders, in its order, on
many days of a demo-like file with the odd cases; the reminders due by a day
(``deadlines_until``) are the list's up to that day; the steps (``deadline_steps``)
make the whole list."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from _payment_fixtures import TODAY as RUN_TODAY
from _payment_fixtures import (
    D,
    run_db,  # noqa: F401 (fixture)
)
from test_deadlines_equal import DAY, DAYS, _odd_cases, _shown

from rejnistvo.clock import FixedClock
from rejnistvo.services import deadlines, lists, payment_run, rates
from rejnistvo.services.deadlines import (
    deadline_steps,
    deadlines_until,
    first_deadlines,
    list_deadlines,
)
from rejnistvo.store import StoreError, open_db, save_record
from rejnistvo.store.demo import fill_demo


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory):
    db = open_db(tmp_path_factory.mktemp("roki_head") / "demo.sqlite3")
    fill_demo(db, scale=300, today=DAY)
    _odd_cases(db)
    yield db
    db.close()


def _all_steps(db, day, span=deadlines.STEP_IDS) -> tuple[list, int]:
    steps = deadline_steps(db, day, span)
    count = 0
    while True:
        try:
            next(steps)
        except StopIteration as done:
            return done.value, count
        count += 1


@pytest.mark.parametrize("day", DAYS, ids=str)
def test_the_first_rows_are_the_lists_first_rows(demo_db, day):
    whole = _shown(list_deadlines(demo_db, day))
    for rows in (1, 5, 40, 100, 100_000):
        head = first_deadlines(demo_db, day, rows)
        shown = _shown(head.deadlines)
        assert shown == whole[: len(shown)]
        assert len(shown) >= min(rows, len(whole))
        if head.complete:
            assert shown == whole
    # the demo's own day has hundreds of reminders: its first rows are not all of them
    if day == DAY:
        assert not first_deadlines(demo_db, day, 5).complete


@pytest.mark.parametrize("day", [DAY, DAY + timedelta(days=29), date(2028, 2, 29)], ids=str)
def test_the_reminders_due_by_a_day_are_the_lists_up_to_that_day(demo_db, day):
    whole = list_deadlines(demo_db, day)
    dues = sorted({d.due for d in whole})
    for until in (
        dues[0] - timedelta(days=1),
        dues[0],
        dues[len(dues) // 3],
        dues[len(dues) // 2] - timedelta(days=1),
        day,
        day + timedelta(days=30),
        dues[-1],
    ):
        expected = _shown(d for d in whole if d.due <= until)
        assert _shown(deadlines_until(demo_db, day, until)) == expected


@pytest.mark.parametrize("day", DAYS[:4], ids=str)
def test_the_steps_make_the_whole_list(demo_db, day):
    whole, count = _all_steps(demo_db, day, span=7)
    assert _shown(whole) == _shown(list_deadlines(demo_db, day))
    carers = demo_db.execute("SELECT max(id) FROM carers").fetchone()[0]
    assert count > carers // 7  # one range of ids a step


def test_an_estimate_that_does_not_hold_gives_the_whole_list(demo_db, monkeypatch):
    # the day where the first rows end is estimated by SQL; the rules decide, and too
    # few reminders by that day mean the whole list (never a wrong first row)
    monkeypatch.setattr(lists, "nth_earliest", lambda *args: {"instalment": "1990-01-01"})
    head = first_deadlines(demo_db, DAY, 5)
    assert head.complete and _shown(head.deadlines) == _shown(list_deadlines(demo_db, DAY))


def test_an_empty_file_has_a_complete_empty_list(tmp_path):
    db = open_db(tmp_path / "empty.sqlite3")
    assert first_deadlines(db, DAY) == ([], True)
    assert _all_steps(db, DAY)[0] == []
    db.close()


def test_money_reminders_come_in_the_first_rows_and_the_steps(run_db):  # noqa: F811
    clock = FixedClock(RUN_TODAY)
    for month in ("2026-09-01", "2026-10-01", "2026-11-01"):
        payment_run.close_month(run_db, D(month), clock)
    rates.add_rate(run_db, "2026-10-01", "600.00", "450.00", "test: napačen")
    payment_run.close_month(run_db, D("2026-12-01"), clock)
    for day in (RUN_TODAY, D("2026-02-20"), D("2027-03-02")):
        whole = _shown(list_deadlines(run_db, day))
        assert _shown(_all_steps(run_db, day)[0]) == whole
        for rows in (1, 2, 3):
            shown = _shown(first_deadlines(run_db, day, rows).deadlines)
            assert shown == whole[: len(shown)]
        for due in {row[0] for row in whole}:
            assert _shown(deadlines_until(run_db, day, due)) == [r for r in whole if r[0] <= due]
    assert "overpayment" in {d.kind for d in list_deadlines(run_db, RUN_TODAY)}


def test_a_damaged_file_is_a_store_error_in_the_first_rows_and_the_steps(tmp_path):
    db = open_db(tmp_path / "damaged.sqlite3")
    save_record(db, "carers", {"name": "Ana Novak", "licence_date": date(2020, 1, 1)})
    db.execute("DROP TABLE carer_trainings")
    with pytest.raises(StoreError):
        first_deadlines(db, DAY)
    with pytest.raises(StoreError):
        _all_steps(db, DAY)
    db.close()
