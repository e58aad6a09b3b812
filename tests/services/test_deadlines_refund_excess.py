"""Roki: a carer who paid back more than the refund (a payment above its instalment, a
finding corrected down after payments) is owed the excess; that was refused before and
had no place. It is reminded from the day of the last payment until the day the centre
gave it back is entered (m020), the same in the first rows, the whole list and the steps."""

from __future__ import annotations

from datetime import date

from _r4_fixtures import r4_db  # noqa: F401 (fixtures)
from test_deadlines_refund_call import DAY, _calls, _increase_with_finding
from test_deadlines_refund_call import _all_ways as all_ways

from rejnistvo.services.deadlines import deadlines_until
from rejnistvo.store import get_record, save_record

LAST_PAID = date(2026, 11, 27)


def _all_ways(db, increase: int) -> list[list[tuple]]:
    return all_ways(db, increase, "refund_excess", LAST_PAID)


def _excesses(items, increase: int) -> list[tuple]:
    return _calls(items, increase, "refund_excess")


def _refund(
    db, increase: int, paid: list[tuple[str, date | None]], excess: str | None = None
) -> int:
    """A refund as the service stores it: ``excess`` is what it found paid beyond it."""
    return save_record(
        db,
        "refunds",
        {
            "increase_id": increase,
            "call_date": date(2026, 11, 21),
            "deadline": date(2027, 2, 1),
            "method": "as_received",
            "amount": "157.00",
            "excess": excess,
            "instalments": [
                {"due": date(2026, 12, 21 + k), "amount": amount, "paid_on": on}
                for k, (amount, on) in enumerate(paid)
            ],
        },
    )


def test_paid_beyond_the_refund_is_reminded_until_given_back(r4_db):  # noqa: F811
    increase = _increase_with_finding(r4_db, "157.00")
    refund = _refund(
        r4_db, increase, [("100.00", date(2026, 11, 24)), ("60.10", LAST_PAID)], "3.10"
    )
    reminder = (
        LAST_PAID,
        -4,
        "Rejnik je vrnil 3,10 EUR preveč: vrnite mu jih",
        "r5_refund",  # opens the case at the refund, where the day is entered
    )
    assert _all_ways(r4_db, increase) == [[reminder]] * 3
    assert _excesses(deadlines_until(r4_db, DAY, date(2026, 11, 26)), increase) == []
    stored = get_record(r4_db, "refunds", refund)
    save_record(r4_db, "refunds", {**stored, "excess_returned_on": date(2026, 11, 30)})
    assert _all_ways(r4_db, increase) == [[]] * 3


def test_paid_exactly_is_no_reminder(r4_db):  # noqa: F811
    exact = _increase_with_finding(r4_db, "157.00")
    _refund(r4_db, exact, [("100.00", date(2026, 11, 24)), ("57.00", LAST_PAID)])
    assert _all_ways(r4_db, exact) == [[]] * 3


def test_the_service_stores_the_excess_it_finds(r4_db):  # noqa: F811
    """What Roki reads (``refunds.excess``) is what the save found: paid beyond the
    refund, then back to exactly the refund (a payment corrected)."""
    import dataclasses
    from decimal import Decimal

    from rejnistvo.services.board_increases import load_case, save_case

    increase = _increase_with_finding(r4_db, "157.00")
    _refund(r4_db, increase, [("157.00", None)])
    case = load_case(r4_db, increase)
    (only,) = case.refund.instalments
    over = dataclasses.replace(only, amount=Decimal("160.10"), paid_on=LAST_PAID)
    case = save_case(
        r4_db,
        dataclasses.replace(case, refund=dataclasses.replace(case.refund, instalments=(over,))),
        DAY,
    )
    assert case.refund.excess == Decimal("3.10")
    assert [d[2] for d in _all_ways(r4_db, increase)[0]] == [
        "Rejnik je vrnil 3,10 EUR preveč: vrnite mu jih"
    ]
    exact = dataclasses.replace(over, amount=Decimal("157.00"))
    case = save_case(
        r4_db,
        dataclasses.replace(case, refund=dataclasses.replace(case.refund, instalments=(exact,))),
        DAY,
    )
    assert case.refund.excess is None and _all_ways(r4_db, increase) == [[]] * 3
