"""rules.refund.keep_typed_dues: a plan made again over due days the user typed keeps
each still allowed (after the call, by the deadline, in order) and says why another
could not be kept; paid instalments are never touched."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from rejnistvo.rules.refund import Instalment, keep_typed_dues

CALL, DEADLINE = date(2026, 7, 20), date(2026, 12, 30)
PLAN = [
    Instalment(date(2026, 8, 31), Decimal("100.00")),
    Instalment(date(2026, 9, 30), Decimal("100.00")),
    Instalment(date(2026, 12, 30), Decimal("100.00")),
]


def test_typed_days_still_allowed_stay_and_the_plans_fill_the_rest():
    rows, notes = keep_typed_dues(PLAN, [date(2026, 8, 3), None, None], CALL, DEADLINE)
    assert [r.due for r in rows] == [date(2026, 8, 3), date(2026, 9, 30), date(2026, 12, 30)]
    assert [r.amount for r in rows] == [r.amount for r in PLAN] and notes == []


def test_a_day_no_longer_allowed_takes_the_plans_and_is_named():
    rows, notes = keep_typed_dues(PLAN, [date(2026, 7, 15), date(2027, 1, 5), None], CALL, DEADLINE)
    assert [r.due for r in rows] == [r.due for r in PLAN]
    assert notes == [
        "Obrok 1: vpisani rok 15. 7. 2026 ni po dnevu poziva (20. 7. 2026), zato zapade "
        "31. 8. 2026.",
        "Obrok 2: vpisani rok 5. 1. 2027 je po roku vračila (30. 12. 2026), zato zapade "
        "30. 9. 2026.",
    ]


def test_a_day_past_the_next_instalment_is_out_of_order():
    rows, notes = keep_typed_dues(PLAN, [date(2026, 10, 15), None, None], CALL, DEADLINE)
    assert rows[0].due == date(2026, 8, 31)
    assert notes == [
        "Obrok 1: vpisani rok 15. 10. 2026 ni več po vrsti z drugimi obroki, zato zapade "
        "31. 8. 2026."
    ]


def test_paid_instalments_are_left_as_paid():
    paid = [Instalment(date(2026, 7, 1), Decimal("50.00"), date(2026, 7, 1)), *PLAN[1:]]
    rows, notes = keep_typed_dues(paid, [date(2026, 7, 10), None, None], CALL, DEADLINE)
    assert rows == paid and notes == []
