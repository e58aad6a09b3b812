"""SPEC 3.2 and 3.4 read literally, one day at a time, against `rules.months` and `rules.refund`.

The rules compute per segment of constant parameters in integer cents; this reference walks
every day of the month with Fractions, the rate in force and the percentages of that day,
exactly as SPEC writes it (amount(d) = base(d) × mult(d); component = round2(f × Σ / P)),
and takes its holidays from the `holidays` package directly. Each side is written without
the other, so a shortcut in the rules that is not the rule fails here.
"""

import calendar
import math
from datetime import date, timedelta
from decimal import Decimal
from fractions import Fraction

import holidays
import pytest
from dateutil.relativedelta import relativedelta
from hypothesis import example, given, settings
from hypothesis import strategies as st

from rejnistvo.rules.errors import InputError
from rejnistvo.rules.months import Adjustment, month_payments
from rejnistvo.rules.periods import Period
from rejnistvo.rules.rates import Rate, RateTable
from rejnistvo.rules.refund import RefundMethod, refund_plan

FIRST = date(2025, 11, 1)
LAST = date(2028, 12, 31)
SI_HOLIDAYS = holidays.country_holidays("SI", years=range(2025, 2032))


def round2(value: Fraction) -> Decimal:
    """Half-up to the cent, exactly (SPEC 3: money)."""
    cents = math.floor(value * 100 + Fraction(1, 2))
    return Decimal(cents).scaleb(-2)


def rate_on(rates: list[Rate], day: date) -> Rate:
    return max((r for r in rates if r.valid_from <= day), key=lambda r: r.valid_from)


def percent_on(adjustments: list[Adjustment], day: date) -> int:
    for a in adjustments:
        if a.period.start <= day and (a.period.end is None or day <= a.period.end):
            return a.percent
    return 0


def placed(placement: list[Period], day: date) -> bool:
    return any(p.start <= day and (p.end is None or day <= p.end) for p in placement)


def reference_month(
    month: date,
    placement: list[Period],
    rates: list[Rate],
    board_increases: list[Adjustment],
    fee_uplifts: list[Adjustment],
) -> tuple[int, Decimal, Decimal, Decimal]:
    """(P, board, board increase, fee) of SPEC 3.2, day by day."""
    days_in_month = calendar.monthrange(month.year, month.month)[1]
    days = [month.replace(day=d) for d in range(1, days_in_month + 1)]
    days = [d for d in days if placed(placement, d)]
    p = len(days)
    if p == 0:
        return 0, Decimal("0.00"), Decimal("0.00"), Decimal("0.00")
    f = Fraction(1) if p >= 30 or p == days_in_month else Fraction(p, 30)
    board = sum(
        Fraction(rate_on(rates, d).board) * (1 + Fraction(percent_on(board_increases, d), 100))
        for d in days
    )
    board_without = sum(Fraction(rate_on(rates, d).board) for d in days)
    fee = sum(
        Fraction(rate_on(rates, d).fee) * (1 + Fraction(percent_on(fee_uplifts, d), 100))
        for d in days
    )
    rounded_board = round2(f * board / p)
    return p, rounded_board, rounded_board - round2(f * board_without / p), round2(f * fee / p)


def next_working(day: date) -> date:
    while day.weekday() >= 5 or day in SI_HOLIDAYS:
        day += timedelta(days=1)
    return day


# --- strategies --------------------------------------------------------------------------

days_in_range = st.dates(min_value=FIRST, max_value=LAST)
amounts = st.integers(min_value=30_000, max_value=90_000).map(lambda c: Decimal(c).scaleb(-2))


@st.composite
def rate_tables(draw: st.DrawFn) -> list[Rate]:
    rows = [Rate(FIRST, Decimal("638.00"), Decimal("460.00"), "test")]
    for valid_from in draw(st.sets(days_in_range.filter(lambda d: d > FIRST), max_size=3)):
        rows.append(Rate(valid_from, draw(amounts), draw(amounts), "test"))
    return sorted(rows, key=lambda r: r.valid_from)


@st.composite
def periods(draw: st.DrawFn, count: int, open_end: bool = True) -> list[Period]:
    """Up to `count` periods in order, never overlapping; the last may be open."""
    start = draw(days_in_range)
    result = []
    for i in range(count):
        length = draw(st.integers(min_value=0, max_value=200))
        end = start + timedelta(days=length)
        if i == count - 1 and open_end and draw(st.booleans()):
            result.append(Period(start))
            break
        result.append(Period(start, end))
        start = end + timedelta(days=draw(st.integers(min_value=1, max_value=60)))
    return result


@st.composite
def adjustments(draw: st.DrawFn) -> list[Adjustment]:
    count = draw(st.integers(min_value=0, max_value=2))
    if count == 0:
        return []
    return [Adjustment(draw(st.sampled_from([25, 50])), p) for p in draw(periods(count))]


# --- SPEC 3.2 ------------------------------------------------------------------------------


@settings(max_examples=300, deadline=None)
@given(
    placement=st.integers(min_value=1, max_value=3).flatmap(lambda n: periods(n)),
    rates=rate_tables(),
    board_increases=adjustments(),
    fee_uplifts=adjustments(),
    shifts=st.lists(st.integers(min_value=-2, max_value=8), min_size=1, max_size=4),
)
def test_spec_3_2_each_month_is_the_day_by_day_formula(
    placement, rates, board_increases, fee_uplifts, shifts
):
    first = placement[0].start.replace(day=1)
    months = sorted({first + relativedelta(months=s) for s in shifts})
    months = [m for m in months if m >= FIRST.replace(day=1)]
    if not months:
        return
    got = month_payments(months, placement, RateTable(rates), board_increases, fee_uplifts)
    for month, payment in zip(months, got, strict=True):
        days, board, increase, fee = reference_month(
            month, placement, rates, board_increases, fee_uplifts
        )
        assert (payment.days_placed, payment.board, payment.board_increase, payment.fee) == (
            days,
            board,
            increase,
            fee,
        ), month
        assert payment.total == board + fee


# --- SPEC 3.4 ------------------------------------------------------------------------------


def reference_refund(increase, placement, rates, call_date, deadline, method):
    """(received, months, latest deadline, deadline in force, moved from, instalments) of
    SPEC 3.4 for a refund of all that was received; None where SPEC refuses."""
    if call_date <= increase.period.start:
        return None
    before_call = call_date - timedelta(days=1)
    # the month of the call is cut only where the increase runs on to the call date: one
    # that ended before it was paid whole, its last month as SPEC 3.2 paid it (QA56)
    cut = (
        [
            Period(p.start, before_call if p.end is None else min(p.end, before_call))
            for p in placement
            if p.start <= before_call
        ]
        if increase.period.end >= call_date
        else placement
    )
    last_paid = min(increase.period.end, before_call)
    paid = [
        increase.period.start + timedelta(days=i)
        for i in range((last_paid - increase.period.start).days + 1)
    ]
    paid_days = sum(1 for d in paid if placed(cut, d))
    if paid_days == 0:
        return None
    latest = next_working(call_date + timedelta(days=paid_days))
    months = []
    month = increase.period.start.replace(day=1)
    while month <= last_paid:
        _, _, received, _ = reference_month(month, cut, rates, [increase], [])
        if received > 0:
            months.append((month, received))
        month += relativedelta(months=1)
    moved_from = None
    if deadline is None:
        in_force = latest
    else:
        if deadline <= call_date or deadline > latest:
            return None
        in_force = next_working(deadline)
        moved_from = deadline if in_force != deadline else None
    received = sum((amount for _, amount in months), Decimal("0.00"))
    if method == "lump_sum":
        instalments = [(in_force, received)]
    else:
        n = len(months)
        dues = [in_force - relativedelta(months=n - k) for k in range(1, n + 1)]
        if dues[0] <= call_date:
            span = (in_force - call_date).days
            dues = [call_date + timedelta(days=math.ceil(k * span / n)) for k in range(1, n + 1)]
        instalments = [
            (next_working(d), amount) for d, (_, amount) in zip(dues, months, strict=True)
        ]
    return received, months, latest, in_force, moved_from, instalments


SPEC_EXAMPLE = {
    "placement": [Period(date(2025, 11, 1))],
    "rates": [Rate(FIRST, Decimal("638.00"), Decimal("460.00"), "test")],
    "percent": 25,
    "start_after": 61,
    "length": 180,
    "call_after": 190,
    "method": "as_received",
}


@settings(max_examples=300, deadline=None)
@given(
    placement=st.integers(min_value=1, max_value=2).flatmap(lambda n: periods(n)),
    rates=rate_tables(),
    percent=st.sampled_from([25, 50]),
    start_after=st.integers(min_value=0, max_value=200),
    length=st.one_of(st.integers(0, 40), st.integers(0, 400)),
    call_after=st.integers(min_value=1, max_value=460),
    deadline_after=st.one_of(st.none(), st.integers(min_value=-3, max_value=420)),
    method=st.sampled_from(["lump_sum", "as_received"]),
)
# SPEC 3.4's example (increase 1. 1.–30. 6. 2026, call 10. 7. 2026), as received:
# 7 November 2026 is a Saturday; a typed deadline on Christmas (26 December is a
# holiday, the 27th a Sunday).
@example(**SPEC_EXAMPLE, deadline_after=None)
@example(**SPEC_EXAMPLE, deadline_after=168)
def test_spec_3_4_received_deadline_and_instalments_are_the_literal_rule(
    placement, rates, percent, start_after, length, call_after, deadline_after, method
):
    start = placement[0].start + timedelta(days=start_after)
    increase = Adjustment(percent, Period(start, start + timedelta(days=length)))
    call_date = start + timedelta(days=call_after)
    deadline = None if deadline_after is None else call_date + timedelta(days=deadline_after)
    expected = reference_refund(increase, placement, rates, call_date, deadline, method)
    if expected is None:  # the messages are test_rules_refund's
        with pytest.raises(InputError):
            refund_plan(increase, placement, RateTable(rates), call_date, None, deadline, method)
        return
    received, months, latest, in_force, moved_from, instalments = expected
    plan = refund_plan(
        increase, placement, RateTable(rates), call_date, None, deadline, RefundMethod(method)
    )
    assert plan.received == received
    assert [(m.month, m.increase) for m in plan.months] == months
    assert (plan.latest_deadline, plan.deadline, plan.deadline_moved_from) == (
        latest,
        in_force,
        moved_from,
    )
    assert [(i.due, i.amount) for i in plan.instalments] == instalments
