"""Roki: "Podaljšanje?" of a board increase goes away once it is no longer needed — an
adjoining extension is recorded (SPEC 3.4), or the child is not placed the day after."""

from __future__ import annotations

from datetime import date

from _r4_fixtures import r4_db  # noqa: F401 (fixtures)

from rejnistvo.services.deadlines import deadline_steps, deadlines_until, list_deadlines
from rejnistvo.store import get_record, save_record

DAY = date(2026, 12, 1)  # the increase below ends within 60 days


def _increase(db, start: date, end: date) -> int:
    return save_record(
        db,
        "board_increases",
        {
            "placement_id": db.ids["placement"],
            "percent": 25,
            "from_date": start,
            "to_date": end,
            "categories": [{"category": "health"}],
        },
    )


def _ending(items, increase: int) -> list[str]:
    return [
        d.kind
        for d in items
        if (d.open_kind, d.open_id, d.kind) == ("r5", increase, "increase_ending")
    ]


def _all_ways(db, increase: int) -> list[list[str]]:
    steps = deadline_steps(db, DAY)
    while True:
        try:
            next(steps)
        except StopIteration as done:
            stepped = done.value
            break
    return [
        _ending(list_deadlines(db, DAY), increase),
        _ending(deadlines_until(db, DAY, date(2027, 1, 31)), increase),
        _ending(stepped, increase),
    ]


def test_extended_increase_no_longer_asks_for_an_extension(r4_db):  # noqa: F811
    first = _increase(r4_db, date(2026, 7, 1), date(2026, 12, 31))
    assert _all_ways(r4_db, first) == [["increase_ending"]] * 3
    second = _increase(r4_db, date(2027, 1, 1), date(2027, 6, 30))
    assert _all_ways(r4_db, first) == [[]] * 3
    assert _all_ways(r4_db, second) == [[]] * 3  # ends in more than 60 days


def test_no_extension_asked_when_the_child_leaves_at_the_end(r4_db):  # noqa: F811
    increase = _increase(r4_db, date(2026, 7, 1), date(2026, 12, 31))
    placement = get_record(r4_db, "placements", r4_db.ids["placement"])
    period = dict(placement["periods"][0], to_date=date(2026, 12, 31))
    save_record(r4_db, "placements", {"id": placement["id"], "periods": [period]})
    assert _all_ways(r4_db, increase) == [[]] * 3


def _uplift(db, start: date, end: date, resolution: str) -> int:
    return save_record(
        db,
        "r4_cases",
        {
            "placement_id": db.ids["placement"],
            "case_no": f"1220-{resolution}",
            "proposed_percent": 25,
            "period_from": start,
            "period_to": end,
            "decided_on": date(2026, 6, 1),
            "subgroup_id": 3,
            "resolution_no": resolution,
            "resolution_year": 2026,
            "outcome": "increase",
            "decision_percent": 25,
            "decision_from": start,
            "decision_to": end,
        },
    )


def _uplift_ending(db, case: int) -> list[list[str]]:
    steps = deadline_steps(db, DAY)
    while True:
        try:
            next(steps)
        except StopIteration as done:
            stepped = done.value
            break
    return [
        [d.kind for d in items if (d.open_kind, d.open_id, d.kind) == ("r4", case, "uplift_ending")]
        for items in (
            list_deadlines(db, DAY),
            deadlines_until(db, DAY, date(2027, 1, 31)),
            stepped,
        )
    ]


def test_extended_fee_uplift_no_longer_asks_for_an_extension(r4_db):  # noqa: F811
    first = _uplift(r4_db, date(2026, 7, 1), date(2026, 12, 31), "3-001/2026")
    assert _uplift_ending(r4_db, first) == [["uplift_ending"]] * 3
    _uplift(r4_db, date(2027, 1, 1), date(2027, 12, 31), "3-002/2026")
    assert _uplift_ending(r4_db, first) == [[]] * 3
