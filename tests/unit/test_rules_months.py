"""months.py: SPEC 3.2 worked examples, edge cases and properties (Pravilnik čl. 26)."""

import calendar
from datetime import date, timedelta
from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rejnistvo.rules.errors import InputError
from rejnistvo.rules.money import round2
from rejnistvo.rules.months import (
    Adjustment,
    MonthPayment,
    PartTimePlacement,
    month_payment,
    month_payments,
    month_range,
)
from rejnistvo.rules.periods import Period
from rejnistvo.rules.rates import Rate, RateTable

# Our own table (never the shipped rows): the 2025 amounts of SPEC's worked examples.
RATES = RateTable([Rate(date(2025, 11, 1), Decimal("638.00"), Decimal("460.00"), "test")])
D = date


@pytest.mark.parametrize(
    ("start", "month", "uplift", "placed", "factor", "board", "fee", "total"),
    [
        (D(2026, 1, 1), D(2026, 3, 1), None, 31, Fraction(1), "638.00", "460.00", "1098.00"),
        (D(2026, 3, 10), D(2026, 3, 1), None, 22, Fraction(22, 30), "467.87", "337.33", "805.20"),
        (D(2026, 2, 1), D(2026, 2, 1), None, 28, Fraction(1), "638.00", "460.00", "1098.00"),
        (D(2026, 3, 2), D(2026, 3, 1), None, 30, Fraction(1), "638.00", "460.00", "1098.00"),
        (
            D(2026, 1, 1),
            D(2026, 3, 1),
            D(2026, 3, 16),
            31,
            Fraction(1),
            "638.00",
            "519.35",
            "1157.35",
        ),
    ],
)
def test_spec_worked_examples(start, month, uplift, placed, factor, board, fee, total):
    uplifts = [Adjustment(25, Period(uplift))] if uplift else []
    payment = month_payment(month, [Period(start)], RATES, fee_uplifts=uplifts)
    assert payment.days_placed == placed
    assert payment.factor == factor
    assert payment.board == Decimal(board)
    assert payment.fee == Decimal(fee)
    assert payment.total == Decimal(total)
    assert payment.rates == (RATES.rows[0],)


def test_last_worked_example_is_the_day_weighted_average():
    exact = (15 * Decimal(460) + 16 * Decimal(575)) / 31
    payment = month_payment(
        D(2026, 3, 1),
        [Period(D(2026, 1, 1))],
        RATES,
        fee_uplifts=[Adjustment(25, Period(D(2026, 3, 16)))],
    )
    assert payment.fee == round2(exact)
    assert payment.fee_without_uplift == Decimal("460.00")
    assert payment.fee_uplift == Decimal("59.35")


def test_board_increase_is_difference_of_rounded_sides():
    payment = month_payment(
        D(2026, 3, 1),
        [Period(D(2026, 3, 10))],
        RATES,
        board_increases=[Adjustment(25, Period(D(2026, 3, 15), D(2026, 8, 31)))],
    )
    # 5 days at 638.00 and 17 at 797.50, coverage 22/30: (3190 + 13557.50) / 30 = 558.25
    assert payment.board == Decimal("558.25")
    assert payment.board_without_increase == Decimal("467.87")
    assert payment.board_increase == Decimal("90.38")


def test_no_placed_days_means_nothing_due():
    payment = month_payment(D(2026, 2, 1), [Period(D(2026, 3, 1))], RATES)
    assert payment.days_placed == 0
    assert payment.total == Decimal("0.00")
    assert payment.rates == ()


def test_contract_and_annexes_add_up():
    # Contract to 10 March, annex from 21 March: P = 10 + 11 = 21 → f = 21/30.
    placement = [Period(D(2026, 3, 21)), Period(D(2026, 1, 1), D(2026, 3, 10))]
    payment = month_payment(D(2026, 3, 1), placement, RATES)
    assert payment.days_placed == 21
    assert payment.factor == Fraction(21, 30)
    assert payment.board == round2(Decimal(638) * 21 / 30)


def test_adjoining_annex_gives_a_whole_month():
    placement = [Period(D(2026, 1, 1), D(2026, 3, 15)), Period(D(2026, 3, 16))]
    assert month_payment(D(2026, 3, 1), placement, RATES).total == Decimal("1098.00")


def test_overlapping_placement_periods_refused():
    with pytest.raises(InputError) as caught:
        month_payment(D(2026, 3, 1), [Period(D(2026, 1, 1)), Period(D(2026, 3, 1))], RATES)
    assert caught.value.field.startswith("placement[")


def test_overlapping_adjustments_of_one_kind_refused():
    increases = [
        Adjustment(25, Period(D(2026, 1, 1), D(2026, 6, 30))),
        Adjustment(50, Period(D(2026, 6, 30), D(2026, 12, 31))),
    ]
    with pytest.raises(InputError) as caught:
        month_payment(D(2026, 3, 1), [Period(D(2026, 1, 1))], RATES, board_increases=increases)
    assert caught.value.field == "board_increases[1]"


def test_board_increase_and_fee_uplift_may_overlap_each_other():
    both = [Adjustment(50, Period(D(2026, 1, 1)))]
    payment = month_payment(
        D(2026, 3, 1), [Period(D(2026, 1, 1))], RATES, board_increases=both, fee_uplifts=both
    )
    assert payment.total == Decimal("1647.00")  # the highest payment of SPEC 3.1


@pytest.mark.parametrize("percent", [0, 10, 30, 100, "25", True])
def test_only_25_or_50_percent(percent):
    with pytest.raises(InputError):
        Adjustment(percent, Period(D(2026, 1, 1)))


def test_increase_past_the_placement_counts_only_placed_days():
    # The child left on 10 March; the increase was decided to the end of June.
    placement = [Period(D(2026, 1, 1), D(2026, 3, 10))]
    increase = [Adjustment(50, Period(D(2026, 3, 1), D(2026, 6, 30)))]
    march, april = month_payments([D(2026, 3, 1), D(2026, 4, 1)], placement, RATES, increase)
    assert march.days_placed == 10
    assert march.board == round2(Decimal(957) * 10 / 30)
    assert april.board == Decimal("0.00") and april.board_increase == Decimal("0.00")


def test_rate_change_inside_a_month_is_day_weighted():
    rates = RateTable(
        [
            Rate(D(2025, 11, 1), Decimal("638.00"), Decimal("460.00")),
            Rate(D(2026, 3, 1), Decimal("655.23"), Decimal("472.42")),
        ]
    )
    payment = month_payment(D(2026, 2, 1), [Period(D(2026, 1, 1))], rates)
    assert payment.board == Decimal("638.00")
    mid = RateTable([*rates.rows, Rate(D(2026, 4, 16), Decimal("700.00"), Decimal("500.00"))])
    april = month_payment(D(2026, 4, 1), [Period(D(2026, 1, 1))], mid)
    assert april.board == round2((15 * Decimal("655.23") + 15 * Decimal("700.00")) / 30)
    assert len(april.rates) == 2


def test_part_time_placement_board_75_and_fee_share():
    part = PartTimePlacement(Decimal("0.40"))
    payment = month_payment(D(2026, 3, 1), [Period(D(2026, 1, 1))], RATES, part_time=part)
    assert payment.part_time
    assert payment.board == Decimal("478.50")  # 75 % of 638.00
    assert payment.fee == Decimal("184.00")  # 40 % of 460.00
    assert payment.total == Decimal("662.50")


def test_part_time_share_must_be_a_decimal_between_0_and_1():
    for bad in (Decimal("1.5"), Decimal("-0.1"), 0.4):
        with pytest.raises(InputError):
            PartTimePlacement(bad)


def test_month_range():
    assert month_range(D(2025, 11, 15), D(2026, 2, 1)) == [
        D(2025, 11, 1), D(2025, 12, 1), D(2026, 1, 1), D(2026, 2, 1)
    ]  # fmt: skip


# --- properties ----------------------------------------------------------------------

cents = st.integers(min_value=1, max_value=500_000)
months = st.builds(D, st.integers(2026, 2030), st.integers(1, 12), st.just(1))
percents = st.sampled_from([0, 25, 50])


def _amounts(payment: MonthPayment) -> list[Decimal]:
    return [
        payment.board, payment.board_without_increase, payment.board_increase,
        payment.fee, payment.fee_without_uplift, payment.fee_uplift, payment.total,
    ]  # fmt: skip


def _adjust(percent: int, start: date) -> list[Adjustment]:
    return [Adjustment(percent, Period(start))] if percent else []


@settings(max_examples=300, deadline=None)
@given(board=cents, fee=cents, month=months, bp=percents, fp=percents, before=st.integers(0, 400))
def test_whole_month_with_constant_parameters_is_the_monthly_amount(
    board, fee, month, bp, fp, before
):
    rate = Rate(D(2026, 1, 1), Decimal(board).scaleb(-2), Decimal(fee).scaleb(-2))
    start = max(month - timedelta(days=before), D(2026, 1, 1))
    payment = month_payment(
        month, [Period(start)], RateTable([rate]), _adjust(bp, start), _adjust(fp, start)
    )
    assert payment.board == round2(rate.board * (100 + bp) / 100)
    assert payment.fee == round2(rate.fee * (100 + fp) / 100)
    assert payment.factor == 1


@settings(max_examples=300, deadline=None)
@given(
    board=cents, fee=cents, month=months, bp=percents, fp=percents,
    data=st.data(),
)  # fmt: skip
def test_amounts_never_grow_when_placed_days_are_removed(board, fee, month, bp, fp, data):
    # Parameters constant over the month (one rate, adjustments covering the whole month).
    rate = RateTable([Rate(D(2026, 1, 1), Decimal(board).scaleb(-2), Decimal(fee).scaleb(-2))])
    days = calendar.monthrange(month.year, month.month)[1]
    day = st.integers(1, days)
    a1, a2 = sorted((data.draw(day), data.draw(day)))
    b1, b2 = sorted((data.draw(st.integers(a1, a2)), data.draw(st.integers(a1, a2))))
    full = [Period(month.replace(day=a1), month.replace(day=a2))]
    # Remove days from the ends: keep [b1, b2] ⊆ [a1, a2].
    fewer = [Period(month.replace(day=b1), month.replace(day=b2))]
    adjust = {"board_increases": _adjust(bp, month), "fee_uplifts": _adjust(fp, month)}
    before = month_payment(month, full, rate, **adjust)
    after = month_payment(month, fewer, rate, **adjust)
    for name in ("board", "board_without_increase", "fee", "fee_without_uplift", "total"):
        assert getattr(after, name) <= getattr(before, name), name
    # The increase parts are differences of two rounded amounts (SPEC 3.2), so rounding
    # alone may move them up by one cent; never by more.
    for name in ("board_increase", "fee_uplift"):
        assert getattr(after, name) <= getattr(before, name) + Decimal("0.01"), name


@settings(max_examples=200, deadline=None)
@given(
    month=months,
    starts=st.lists(st.integers(0, 60), min_size=1, max_size=3, unique=True),
    length=st.integers(1, 40),
    bp=percents, fp=percents, shift=st.integers(-20, 20),
)  # fmt: skip
def test_no_float_reaches_an_amount(month, starts, length, bp, fp, shift):
    base = month - timedelta(days=30)
    offsets = sorted(starts)
    placement = []
    for i, offset in enumerate(offsets):
        end = base + timedelta(days=offset + length - 1)
        if i + 1 < len(offsets):
            end = min(end, base + timedelta(days=offsets[i + 1] - 1))
        placement.append(Period(base + timedelta(days=offset), end))
    payment = month_payment(
        month, placement, RATES, _adjust(bp, month + timedelta(days=shift)),
        _adjust(fp, month + timedelta(days=-shift)),
    )  # fmt: skip
    for amount in _amounts(payment):
        assert type(amount) is Decimal
        assert amount.as_tuple().exponent == -2
        assert amount >= 0
    assert isinstance(payment.factor, Fraction)
    assert payment.total == payment.board + payment.fee


def test_full_coverage_average_may_rise_when_a_plain_day_is_removed():
    # A consequence of SPEC 3.2 worth knowing: with f = 1 (P >= 30) the component is the
    # day-weighted average, so dropping a day without the increase raises the average.
    increase = [Adjustment(50, Period(D(2026, 3, 2), D(2026, 6, 30)))]
    whole = month_payment(D(2026, 3, 1), [Period(D(2026, 1, 1))], RATES, increase)
    from_2nd = month_payment(D(2026, 3, 1), [Period(D(2026, 3, 2))], RATES, increase)
    assert whole.board == Decimal("946.71")  # (638 + 30 × 957) / 31
    assert from_2nd.board == Decimal("957.00")


def _table() -> RateTable:
    """A new table each time: a new memo, so what it gives is computed, not shared."""
    return RateTable(
        [
            Rate(date(2024, 1, 1), Decimal("600.00"), Decimal("400.00")),
            Rate(date(2026, 3, 1), Decimal("655.23"), Decimal("472.42")),
        ]
    )


def test_placements_begun_before_the_months_share_one_list_of_them():
    rates = _table()
    months = month_range(date(2026, 1, 1), date(2026, 12, 1))
    early = month_payments(months, [Period(date(2025, 5, 3))], rates)
    earlier = month_payments(months, [Period(date(2024, 1, 17))], rates)
    assert all(x is y for x, y in zip(early, earlier, strict=True))  # one list shared
    fresh = [month_payment(m, [Period(date(2024, 1, 17))], _table()) for m in months]
    assert earlier == fresh
    # the days inside the months still tell placements apart
    ending = month_payments(months, [Period(date(2024, 1, 17), date(2026, 6, 14))], rates)
    assert (ending[5].days_placed, ending[6].days_placed) == (14, 0)
    late = month_payments(months, [Period(date(2026, 2, 10))], rates)
    assert late[0].days_placed == 0 and late[1].days_placed == 19


@settings(max_examples=150, deadline=None)
@given(
    spans=st.lists(
        st.tuples(
            st.dates(date(2024, 1, 1), date(2027, 12, 31)),
            st.one_of(st.none(), st.integers(0, 900)),
        ),
        min_size=1,
        max_size=30,
    ),
    first=st.dates(date(2025, 1, 1), date(2027, 6, 30)),
    count=st.integers(2, 14),
)
def test_a_list_of_months_from_the_shared_memo_is_each_month_computed_alone(spans, first, count):
    # many placements through one table (its memo shared between them), each compared
    # with its months computed alone through a table of their own
    rates = _table()
    months = month_range(first, date(2028, 12, 1))[:count]
    for start, length in spans:
        placement = [Period(start, None if length is None else start + timedelta(days=length))]
        shared = month_payments(months, placement, rates)
        assert shared == [month_payment(m, placement, _table()) for m in months]
