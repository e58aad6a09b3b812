"""The latest allowed refund deadline keeps the day it was moved from (ZUP 101), so a
screen says "moved" only when it was (QA17)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from rejnistvo.rules.months import Adjustment
from rejnistvo.rules.periods import Period
from rejnistvo.rules.rates import Rate, RateTable
from rejnistvo.rules.refund import refund_plan

RATES = RateTable([Rate(date(2025, 3, 1), Decimal("638.00"), Decimal("460.00"), "test")])
INCREASE = Adjustment(25, Period(date(2026, 1, 1), date(2026, 6, 30)))
PLACEMENT = [Period(date(2025, 6, 1), None)]


def _plan(call: date):
    return refund_plan(INCREASE, PLACEMENT, RATES, call, None, None, "lump_sum")


def test_latest_deadline_on_a_working_day_was_not_moved():
    plan = _plan(date(2026, 7, 10))  # + 181 days = Thursday 7. 1. 2027
    assert plan.latest_deadline == date(2027, 1, 7)
    assert plan.latest_deadline_moved_from is None


def test_latest_deadline_on_a_saturday_keeps_the_day_it_moved_from():
    plan = _plan(date(2026, 7, 12))  # + 181 days = Saturday 9. 1. 2027
    assert plan.latest_deadline == date(2027, 1, 11)
    assert plan.latest_deadline_moved_from == date(2027, 1, 9)
