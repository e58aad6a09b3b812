"""refund.py: R-5 money of SPEC 3.4 (Pravilnik čl. 28; ZUP 100, 101)."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from hypothesis import assume, example, given, settings
from hypothesis import strategies as st

from rejnistvo.rules.errors import InputError
from rejnistvo.rules.months import Adjustment
from rejnistvo.rules.periods import Period
from rejnistvo.rules.rates import Rate, RateTable
from rejnistvo.rules.refund import (
    Instalment,
    RefundMethod,
    check_instalment_dates,
    instalment_due_dates,
    latest_refund_deadline,
    paid_days,
    refund_plan,
    report_due_date,
    split_as_received,
)
from rejnistvo.rules.workdays import is_working_day, next_working_day

# Our own table (never the shipped rows): the 2025 amounts only, as in SPEC's examples.
RATES = RateTable([Rate(date(2025, 11, 1), Decimal("638.00"), Decimal("460.00"), "test")])
D = date
SPEC_INCREASE = Adjustment(25, Period(D(2026, 1, 1), D(2026, 6, 30)))
SPEC_PLACEMENT = [Period(D(2025, 6, 1))]


def test_report_due_is_30_days_before_the_end():
    assert report_due_date(SPEC_INCREASE.period) == D(2026, 5, 31)


def test_open_increase_period_refused():
    with pytest.raises(InputError) as caught:
        report_due_date(Period(D(2026, 1, 1)))
    assert caught.value.field == "increase.to"


def test_paid_days_only_inside_the_placement():
    assert paid_days(SPEC_INCREASE.period, SPEC_PLACEMENT) == 181
    left_early = [Period(D(2025, 6, 1), D(2026, 3, 10))]
    assert paid_days(SPEC_INCREASE.period, left_early) == 31 + 28 + 10


def test_latest_deadline_moves_to_next_working_day():
    # 2026-07-10 + 181 days = Thursday 2027-01-07: a working day.
    assert latest_refund_deadline(D(2026, 7, 10), 181) == D(2027, 1, 7)
    # 2026-12-01 + 24 = Friday 25 December (Christmas) → 26th holiday, 27th Sunday → 28th.
    assert latest_refund_deadline(D(2026, 12, 1), 24) == D(2026, 12, 28)
    # Saturday → Monday.
    assert latest_refund_deadline(D(2026, 3, 1), 6) == D(2026, 3, 9)


def test_workdays():
    assert not is_working_day(D(2026, 2, 8))  # Prešernov dan (Sunday anyway)
    assert not is_working_day(D(2026, 4, 6))  # velikonočni ponedeljek
    assert not is_working_day(D(2026, 10, 31))  # dan reformacije, Saturday
    assert not is_working_day(D(2027, 6, 25))  # dan državnosti, Friday
    assert is_working_day(D(2026, 6, 24))
    assert next_working_day(D(2026, 4, 4)) == D(2026, 4, 7)  # Sat → Sun, Easter Mon → Tue


def test_spec_example_lump_sum():
    plan = refund_plan(SPEC_INCREASE, SPEC_PLACEMENT, RATES, D(2026, 7, 10), None, None, "lump_sum")
    assert plan.received == Decimal("957.00")  # 6 × 159.50
    assert plan.report_due == D(2026, 5, 31)
    assert plan.latest_deadline == D(2027, 1, 7)
    assert plan.deadline == plan.latest_deadline
    assert plan.refund == Decimal("957.00")
    assert [(m.month, m.increase) for m in plan.months] == [
        (D(2026, m, 1), Decimal("159.50")) for m in range(1, 7)
    ]
    assert plan.instalments == [Instalment(D(2027, 1, 7), Decimal("957.00"))]
    assert plan.method is RefundMethod.LUMP_SUM


def test_as_received_monthly_counting_back_from_the_deadline():
    plan = refund_plan(
        SPEC_INCREASE, SPEC_PLACEMENT, RATES, D(2026, 7, 10), None, D(2027, 1, 7), "as_received"
    )
    assert [i.due for i in plan.instalments] == [
        D(2026, 8, 7), D(2026, 9, 7), D(2026, 10, 7), D(2026, 11, 9), D(2026, 12, 7), D(2027, 1, 7)
    ]  # fmt: skip
    assert all(i.amount == Decimal("159.50") for i in plan.instalments)


def test_partial_refund_scaled_with_remainder_on_the_last():
    plan = refund_plan(
        SPEC_INCREASE, SPEC_PLACEMENT, RATES, D(2026, 7, 10), Decimal("157.00"), None, "as_received"
    )
    amounts = [i.amount for i in plan.instalments]
    assert amounts == [Decimal("26.17")] * 5 + [Decimal("26.15")]
    assert sum(amounts) == Decimal("157.00")


def test_even_spread_when_monthly_dates_would_start_before_the_call():
    plan = refund_plan(
        SPEC_INCREASE, SPEC_PLACEMENT, RATES, D(2026, 7, 10), None, D(2026, 8, 15), "as_received"
    )
    dues = [i.due for i in plan.instalments]
    assert dues[-1] == D(2026, 8, 17)  # 15 Aug: Saturday and a holiday
    assert plan.deadline_moved_from == D(2026, 8, 15)
    assert dues[0] > D(2026, 7, 10)
    assert dues == sorted(dues)
    gaps = {(b - a).days for a, b in zip(dues, dues[1:], strict=False)}
    assert gaps <= {6, 7}


def test_month_length_clamp():
    dues = instalment_due_dates(3, D(2026, 1, 1), D(2026, 5, 31))
    assert dues == [D(2026, 3, 31), D(2026, 4, 30), D(2026, 5, 31)]
    assert instalment_due_dates(2, D(2025, 1, 1), D(2025, 3, 31)) == [
        D(2025, 2, 28),
        D(2025, 3, 31),
    ]
    # 28 Feb 2026 is a Saturday: moved to Monday 2 March
    assert instalment_due_dates(2, D(2026, 1, 1), D(2026, 3, 31))[0] == D(2026, 3, 2)


def test_refund_above_received_refused():
    with pytest.raises(InputError) as caught:
        refund_plan(
            SPEC_INCREASE,
            SPEC_PLACEMENT,
            RATES,
            D(2026, 7, 10),
            Decimal("957.01"),
            None,
            "lump_sum",
        )
    assert caught.value.field == "unjustified"
    assert "957,00" in caught.value.message


def test_deadline_past_the_cap_names_the_latest_allowed_date():
    with pytest.raises(InputError) as caught:
        refund_plan(
            SPEC_INCREASE, SPEC_PLACEMENT, RATES, D(2026, 7, 10), None, D(2027, 1, 8), "lump_sum"
        )
    assert caught.value.field == "deadline"
    assert "7. 1. 2027" in caught.value.message


def test_deadline_before_call_refused():
    with pytest.raises(InputError) as caught:
        refund_plan(
            SPEC_INCREASE, SPEC_PLACEMENT, RATES, D(2026, 7, 10), None, D(2026, 7, 9), "lump_sum"
        )
    assert caught.value.field == "deadline"


def test_child_left_early_shortens_the_cap_and_the_months():
    placement = [Period(D(2025, 6, 1), D(2026, 3, 10))]
    plan = refund_plan(SPEC_INCREASE, placement, RATES, D(2026, 4, 1), None, None, "as_received")
    assert [m.month.month for m in plan.months] == [1, 2, 3]
    # 265.83 − 212.67: the difference of the rounded sides, not round2(159.50 × 10/30)
    assert plan.months[-1].increase == Decimal("53.16")
    assert plan.latest_deadline == next_working_day(D(2026, 4, 1) + timedelta(days=69))
    assert sum(i.amount for i in plan.instalments) == plan.received


def test_increase_outside_placement_refused():
    with pytest.raises(InputError):
        refund_plan(
            SPEC_INCREASE, [Period(D(2026, 7, 1))], RATES, D(2026, 7, 10), None, None, "lump_sum"
        )


def test_nothing_to_refund_has_no_instalments():
    plan = refund_plan(
        SPEC_INCREASE, SPEC_PLACEMENT, RATES, D(2026, 7, 10), Decimal("0"), None, "as_received"
    )
    assert plan.refund == Decimal("0.00") and plan.instalments == []


def test_split_never_negative_for_tiny_refunds():
    from rejnistvo.rules.refund import merge_non_positive

    amounts = merge_non_positive(split_as_received([Decimal("10.00")] * 6, Decimal("0.03")))
    assert sum(amounts) == Decimal("0.03")
    assert all(a > 0 for a in amounts)


def test_check_instalment_dates():
    call, deadline = D(2026, 7, 10), D(2026, 12, 31)
    ok = [Instalment(D(2026, 8, 1), Decimal(1)), Instalment(D(2026, 12, 31), Decimal(1))]
    check_instalment_dates(ok, call, deadline)
    for bad, index in (
        ([Instalment(D(2026, 7, 9), Decimal(1))], 0),
        ([ok[0], Instalment(D(2027, 1, 1), Decimal(1))], 1),
        ([ok[1], ok[0]], 1),
    ):
        with pytest.raises(InputError) as caught:
            check_instalment_dates(bad, call, deadline)
        assert caught.value.field == f"instalments[{index}].due"


# --- properties ----------------------------------------------------------------------

days = st.integers(min_value=0, max_value=700)


@settings(max_examples=200, deadline=None)
@given(
    start=days, length=st.integers(1, 400), percent=st.sampled_from([25, 50]),
    placed_from=days, placed_len=st.one_of(st.none(), st.integers(1, 900)),
    call_after=st.integers(-100, 200), share=st.fractions(0, 1), use_deadline=st.booleans(),
    deadline_frac=st.fractions(0, 1), method=st.sampled_from(list(RefundMethod)),
)  # fmt: skip
def test_instalments_sum_to_the_refund_inside_call_and_deadline(
    start, length, percent, placed_from, placed_len, call_after, share, use_deadline,
    deadline_frac, method,
):  # fmt: skip
    base = D(2025, 11, 1)
    period = Period(base + timedelta(days=start), base + timedelta(days=start + length - 1))
    p_start = base + timedelta(days=placed_from)
    p_end = None if placed_len is None else p_start + timedelta(days=placed_len - 1)
    placement = [Period(p_start, p_end)]
    call = period.end + timedelta(days=call_after)
    assume(call > period.start and paid_days(period, placement, before=call) > 0)
    probe = refund_plan(Adjustment(percent, period), placement, RATES, call, None, None, method)
    unjustified = (probe.received * share.numerator / share.denominator).quantize(Decimal("0.01"))
    unjustified = min(unjustified, probe.received)
    span = (probe.latest_deadline - call).days
    deadline = call + timedelta(days=max(1, int(span * deadline_frac))) if use_deadline else None
    plan = refund_plan(
        Adjustment(percent, period), placement, RATES, call, unjustified, deadline, method
    )
    total = sum((i.amount for i in plan.instalments), Decimal("0.00"))
    assert total == plan.refund == unjustified
    for instalment in plan.instalments:
        assert call < instalment.due <= plan.deadline <= plan.latest_deadline
        assert is_working_day(instalment.due)
        assert type(instalment.amount) is Decimal and instalment.amount.as_tuple().exponent == -2
        assert instalment.amount > 0
    check_instalment_dates(plan.instalments, call, plan.deadline)
    assert plan.received == sum((m.increase for m in plan.months), Decimal("0.00"))
    if plan.instalments:
        assert plan.instalments[-1].due == plan.deadline
    assert is_working_day(plan.deadline)
    assert plan.months == [m for m in plan.months if m.month < call]
    if method is RefundMethod.AS_RECEIVED and unjustified == plan.received:
        assert [i.amount for i in plan.instalments] == [m.increase for m in plan.months]


def test_days_text_and_bad_method():
    from rejnistvo.rules.refund import days_text

    assert [days_text(n) for n in (1, 2, 3, 5, 101, 181)] == [
        "1 dan", "2 dneva", "3 dnevi", "5 dni", "101 dan", "181 dni"
    ]  # fmt: skip
    with pytest.raises(InputError) as caught:
        refund_plan(SPEC_INCREASE, SPEC_PLACEMENT, RATES, D(2026, 7, 10), None, None, "monthly")
    assert caught.value.field == "method"
    with pytest.raises(InputError) as caught:
        refund_plan(
            SPEC_INCREASE, SPEC_PLACEMENT, RATES, D(2026, 7, 10), Decimal("1.001"), None, "lump_sum"
        )
    assert caught.value.field == "unjustified"


# --- issue 11: the revised SPEC 3.4 ------------------------------------------------------


def test_call_before_the_increase_starts_is_refused():
    # The case: a call of 1 Dec 2025 for an increase from 1 Jan 2026.
    for call in (D(2025, 12, 1), D(2026, 1, 1)):
        with pytest.raises(InputError) as caught:
            refund_plan(SPEC_INCREASE, SPEC_PLACEMENT, RATES, call, None, None, "lump_sum")
        assert caught.value.field == "call_date"
        assert "2. 1. 2026" in caught.value.message  # the earliest possible call


def test_only_days_before_the_call_count_as_received():
    # Call on 16 April: January–March whole, April only 1–15 (P = 15, f = 15/30).
    plan = refund_plan(
        SPEC_INCREASE, SPEC_PLACEMENT, RATES, D(2026, 4, 16), None, None, "as_received"
    )
    assert [(m.month, m.increase) for m in plan.months] == [
        (D(2026, 1, 1), Decimal("159.50")),
        (D(2026, 2, 1), Decimal("159.50")),
        (D(2026, 3, 1), Decimal("159.50")),
        (D(2026, 4, 1), Decimal("79.75")),  # 398.75 − 319.00
    ]
    assert plan.received == Decimal("558.25")
    assert plan.paid_days == 31 + 28 + 31 + 15
    assert plan.latest_deadline == D(2026, 7, 30)  # 16 Apr + 105 days, a Thursday
    assert sum(i.amount for i in plan.instalments) == Decimal("558.25")
    with pytest.raises(InputError) as caught:
        refund_plan(
            SPEC_INCREASE,
            SPEC_PLACEMENT,
            RATES,
            D(2026, 4, 16),
            Decimal("957.00"),
            None,
            "lump_sum",
        )
    assert caught.value.field == "unjustified" and "558,25" in caught.value.message


def test_call_on_the_second_day_receives_one_day():
    plan = refund_plan(SPEC_INCREASE, SPEC_PLACEMENT, RATES, D(2026, 1, 2), None, None, "lump_sum")
    assert plan.paid_days == 1
    # one day: board 638 × 1.25 / 30 = 26.58, without 21.27
    assert plan.received == Decimal("5.31")
    assert plan.latest_deadline == D(2026, 1, 5)  # 3 Jan is Saturday → Monday 5 Jan


def test_typed_deadline_on_a_holiday_moves_and_says_so():
    # 25 Dec 2026 (Friday, Christmas) → 26th (Saturday, holiday) → 27th Sunday → Monday 28th
    plan = refund_plan(
        SPEC_INCREASE, SPEC_PLACEMENT, RATES, D(2026, 7, 10), None, D(2026, 12, 25), "lump_sum"
    )
    assert plan.deadline == D(2026, 12, 28)
    assert plan.deadline_moved_from == D(2026, 12, 25)
    assert plan.instalments == [Instalment(D(2026, 12, 28), Decimal("957.00"))]
    plan = refund_plan(
        SPEC_INCREASE, SPEC_PLACEMENT, RATES, D(2026, 7, 10), None, D(2026, 12, 23), "lump_sum"
    )
    assert plan.deadline == D(2026, 12, 23) and plan.deadline_moved_from is None


def test_instalments_on_sunday_25_october_move_to_monday():
    # Typed deadline Sunday 25 Oct 2026 → Monday 26 Oct. Monthly on the 26th back from
    # October would start on 26 May, before the call: spread evenly over 108 days.
    plan = refund_plan(
        SPEC_INCREASE, SPEC_PLACEMENT, RATES, D(2026, 7, 10), None, D(2026, 10, 25), "as_received"
    )
    assert plan.deadline_moved_from == D(2026, 10, 25)
    assert [i.due for i in plan.instalments] == [
        D(2026, 7, 28),  # call + 18
        D(2026, 8, 17),  # + 36 = 15 Aug, Saturday and a holiday → Monday
        D(2026, 9, 2),  # + 54
        D(2026, 9, 21),  # + 72 = Sunday 20 Sep → Monday
        D(2026, 10, 8),  # + 90
        D(2026, 10, 26),  # + 108 = the deadline in force
    ]
    assert all(is_working_day(i.due) for i in plan.instalments)


def test_monthly_due_dates_move_off_weekends_and_keep_the_deadline_day():
    plan = refund_plan(
        SPEC_INCREASE, SPEC_PLACEMENT, RATES, D(2026, 7, 10), None, D(2026, 12, 25), "as_received"
    )
    # Deadline in force: Monday 28 Dec; monthly on the 28th, 28 Nov is a Saturday.
    assert [i.due for i in plan.instalments] == [
        D(2026, 7, 28), D(2026, 8, 28), D(2026, 9, 28), D(2026, 10, 28), D(2026, 11, 30),
        D(2026, 12, 28),
    ]  # fmt: skip


def test_even_spread_never_on_the_call_date():
    # The case: call 10 July, deadline 12 July (a Sunday → Monday 13 July).
    plan = refund_plan(
        SPEC_INCREASE, SPEC_PLACEMENT, RATES, D(2026, 7, 10), None, D(2026, 7, 12), "as_received"
    )
    assert plan.deadline == D(2026, 7, 13) and plan.deadline_moved_from == D(2026, 7, 12)
    assert all(D(2026, 7, 10) < i.due <= D(2026, 7, 13) for i in plan.instalments)
    assert all(is_working_day(i.due) for i in plan.instalments)
    # call + ceil(k × 3 / 6): 11, 11, 12, 12, 13, 13 July → weekend days to Monday 13th
    assert instalment_due_dates(6, D(2026, 7, 10), D(2026, 7, 13)) == [D(2026, 7, 13)] * 6
    assert instalment_due_dates(3, D(2026, 7, 6), D(2026, 7, 10)) == [
        D(2026, 7, 8), D(2026, 7, 9), D(2026, 7, 10)
    ]  # fmt: skip


def test_deadline_on_or_before_the_call_refused():
    for bad in (D(2026, 7, 10), D(2026, 7, 9)):
        with pytest.raises(InputError) as caught:
            refund_plan(SPEC_INCREASE, SPEC_PLACEMENT, RATES, D(2026, 7, 10), None, bad, "lump_sum")
        assert caught.value.field == "deadline"
        assert "11. 7. 2026" in caught.value.message


def test_no_zero_instalment_merged_into_the_next():
    from rejnistvo.rules.refund import merge_non_positive

    assert merge_non_positive([Decimal("0.00"), Decimal("0.01"), Decimal("0.00")]) == [
        Decimal("0.01")
    ]
    assert merge_non_positive([Decimal("0.01"), Decimal("0.01"), Decimal("-0.01")]) == [
        Decimal("0.01")
    ]
    # 0.02 of 957.00 over six months: 0.00 each but the last — one instalment of 0.02
    plan = refund_plan(
        SPEC_INCREASE, SPEC_PLACEMENT, RATES, D(2026, 7, 10), Decimal("0.02"), None, "as_received"
    )
    assert [i.amount for i in plan.instalments] == [Decimal("0.02")]
    assert plan.instalments[0].due == plan.deadline
    # 0.03 of three equal months: 0.01 each (round2(0.01)), remainder 0.01 on the last
    amounts = split_as_received([Decimal("1.00")] * 3, Decimal("0.02"))
    assert amounts == [Decimal("0.01"), Decimal("0.01"), Decimal("0.00")]
    assert merge_non_positive(amounts) == [Decimal("0.01"), Decimal("0.01")]


def test_short_increase_report_due_on_its_last_day_with_the_reason():
    from rejnistvo.rules.refund import report_due_reason

    short = Period(D(2026, 3, 1), D(2026, 3, 20))
    assert report_due_date(short) == D(2026, 3, 20)
    reason = report_due_reason(short)
    assert reason is not None and "20 dni" in reason and "20. 3. 2026" in reason
    exactly = Period(D(2026, 3, 1), D(2026, 3, 31))  # 31 days: 30 before the end is day 1
    assert report_due_date(exactly) == D(2026, 3, 1) and report_due_reason(exactly) is None
    assert report_due_reason(SPEC_INCREASE.period) is None


@pytest.mark.parametrize(
    ("increase", "call"),
    [
        (Adjustment(25, Period(D(2026, 1, 1), D(9999, 12, 31))), D(9999, 12, 31)),
        (Adjustment(25, Period(D(9999, 1, 1), D(9999, 12, 31))), D(9999, 12, 1)),
        (Adjustment(25, Period(D(1, 1, 1), D(1, 1, 31))), D(1, 1, 1)),
    ],
)
def test_extreme_dates_give_a_clean_input_error(increase, call):
    table = RateTable([Rate(D(1, 1, 1), Decimal("638.00"), Decimal("460.00"), "test")])
    with pytest.raises(InputError):
        refund_plan(increase, [Period(D(1, 1, 1))], table, call, None, None, "as_received")


def test_earliest_dates_work():
    table = RateTable([Rate(D(1, 1, 1), Decimal("638.00"), Decimal("460.00"), "test")])
    increase = Adjustment(50, Period(D(1, 1, 1), D(1, 3, 31)))
    plan = refund_plan(
        increase, [Period(D(1, 1, 1))], table, D(1, 2, 15), None, None, "as_received"
    )
    assert plan.paid_days == 45
    assert sum(i.amount for i in plan.instalments) == plan.received
    assert report_due_date(Period(D(1, 1, 1), D(1, 1, 10))) == D(1, 1, 10)


# Issue 15: whatever the dates, the rule answers or refuses with a RuleError — never an
# OverflowError or a ValueError from the calendar's edges.
any_day = st.dates(min_value=D(1, 1, 1), max_value=D(9999, 12, 31))
EDGE_RATES = RateTable([Rate(D(1, 1, 1), Decimal("638.00"), Decimal("460.00"), "test")])


@settings(max_examples=150, deadline=None)
@given(
    a=any_day, b=any_day, call=any_day, placed=any_day,
    deadline=st.one_of(st.none(), any_day), method=st.sampled_from(list(RefundMethod)),
    unjustified=st.one_of(st.none(), st.decimals(0, 5000, places=2)),
    near_end=st.booleans(),
)  # fmt: skip
@example(  # both ends of the calendar with a short period (the test once overflowed there)
    a=D(1, 1, 1), b=D(1, 1, 2), call=D(1, 1, 1), placed=D(1, 1, 1), deadline=None,
    method=RefundMethod.AS_RECEIVED, unjustified=None, near_end=True,
)  # fmt: skip
@example(
    a=D(9999, 12, 30), b=D(9999, 12, 31), call=D(9999, 12, 31), placed=D(1, 1, 1),
    deadline=None, method=RefundMethod.AS_RECEIVED, unjustified=None, near_end=True,
)  # fmt: skip
def test_refund_never_crashes_at_the_calendar_edges(
    a, b, call, placed, deadline, method, unjustified, near_end
):
    from rejnistvo.rules.errors import RuleError

    start, end = min(a, b), max(a, b)
    if near_end:  # short periods near the edges, where the arithmetic overflows
        # (the test's own arithmetic kept inside the calendar: ordinals, not timedelta)
        start = max(start, D.fromordinal(max(1, end.toordinal() - 400)))
        last = D(9999, 12, 31).toordinal()
        call = D.fromordinal(min(last, end.toordinal() + call.toordinal() % 60))
    try:
        plan = refund_plan(
            Adjustment(25, Period(start, end)), [Period(min(placed, start))], EDGE_RATES,
            call, unjustified, deadline, method,
        )  # fmt: skip
    except RuleError:
        return
    assert sum((i.amount for i in plan.instalments), Decimal("0.00")) == plan.refund
    assert all(call < i.due <= plan.deadline for i in plan.instalments)
