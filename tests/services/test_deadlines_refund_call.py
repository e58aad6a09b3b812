"""Roki: a finding of an amount to refund (čl. 28/4) with no call yet was reminded
nowhere — the centre's next step, calling the carer to refund, could be forgotten. It is
now listed from the day of the finding until the call is dated (QA24 found it)."""

from __future__ import annotations

from datetime import date

from _r4_fixtures import r4_db  # noqa: F401 (fixtures)

from rejnistvo.services.deadlines import deadline_steps, deadlines_until, list_deadlines
from rejnistvo.store import save_record

DAY = date(2026, 12, 1)
FOUND = date(2026, 11, 20)


def _increase_with_finding(db, unjustified: str) -> int:
    increase = save_record(
        db,
        "board_increases",
        {
            "placement_id": db.ids["placement"],
            "percent": 25,
            "from_date": date(2026, 1, 1),
            "to_date": date(2026, 6, 30),
            "categories": [{"category": "health"}],
        },
    )
    save_record(
        db,
        "r5_reports",
        {
            "increase_id": increase,
            "report_date": date(2026, 11, 10),
            "finding_date": FOUND,
            "justified": "700.00",
            "unjustified": unjustified,
        },
    )
    return increase


def _calls(items, increase: int, kind: str = "refund_call") -> list[tuple]:
    return [
        (d.due, d.days, d.what, d.open_kind)
        for d in items
        if d.kind == kind and d.open_id == increase
    ]


def _all_ways(
    db, increase: int, kind: str = "refund_call", until: date = FOUND
) -> list[list[tuple]]:
    """The reminders of `kind` for the increase in the whole list, in the first rows up
    to `until` and in the steps: the three must agree."""
    steps = deadline_steps(db, DAY)
    while True:
        try:
            next(steps)
        except StopIteration as done:
            stepped = done.value
            break
    return [
        _calls(list_deadlines(db, DAY), increase, kind),
        _calls(deadlines_until(db, DAY, until), increase, kind),
        _calls(stepped, increase, kind),
    ]


def test_a_finding_to_refund_is_reminded_until_the_call(r4_db):  # noqa: F811
    increase = _increase_with_finding(r4_db, "157.00")
    reminder = (
        FOUND,
        -11,
        "Ugotovljeno nenamensko porabljenih 157,00 EUR: pozovite rejnika k vračilu",
        "r5_refund",  # opens the case at the refund, where the call is dated
    )
    assert _all_ways(r4_db, increase) == [[reminder]] * 3
    assert _calls(deadlines_until(r4_db, DAY, date(2026, 11, 19)), increase) == []
    save_record(
        r4_db,
        "refunds",
        {
            "increase_id": increase,
            "call_date": date(2026, 11, 25),
            "deadline": date(2027, 2, 1),
            "method": "lump_sum",
            "amount": "157.00",
        },
    )
    assert _all_ways(r4_db, increase) == [[]] * 3


def test_nothing_to_refund_is_no_reminder(r4_db):  # noqa: F811
    increase = _increase_with_finding(r4_db, "0.00")
    assert _all_ways(r4_db, increase) == [[]] * 3
