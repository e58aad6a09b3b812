"""Monthly payment of one placement (SPEC 3.2; Pravilnik čl. 26 as amended in 2025).

For month M of D days with P placed days (over all periods of the contract and its
annexes), coverage f = 1 if P >= 30 or P = D, else P/30; each component is
round2(f × Σ_d base(d)·mult(d) / P), half-up. The sums are kept in integer cents ×
percent so the result is exact without floats or Fractions on the hot path.
"""

from __future__ import annotations

import calendar
import weakref
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from fractions import Fraction
from typing import cast

from rejnistvo.rules.errors import InputError
from rejnistvo.rules.money import cents_to_decimal
from rejnistvo.rules.periods import Period, add_months, check_no_overlap, first_of_month
from rejnistvo.rules.rates import Rate, RateTable, missing_rate

ALLOWED_PERCENTS = (25, 50)
# Weekend/holiday-only placement: 75 % of the board in force (ZIRD as amended in 2025).
PART_TIME_BOARD_SHARE = Fraction(3, 4)
FULL_COVERAGE_DAYS = 30
_OPEN_END = date.max.toordinal()


@dataclass(frozen=True, slots=True)
class Adjustment:
    """A board increase (čl. 27, 28) or a fee uplift (čl. 30): +25 % or +50 % for a period."""

    percent: int
    period: Period

    def __post_init__(self) -> None:
        check_percent(self.percent, "percent")


def check_percent(value: object, field: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value not in ALLOWED_PERCENTS:
        raise InputError(field, f"odstotek »{value}« ni dovoljen; dovoljena sta 25 in 50.")
    return value


def fee_share_text(share: Decimal) -> str:
    """The contract's share of the fee (0.40) as printed: »40 %«, »37,5 %«."""
    percent = (share * 100).normalize()
    text = f"{percent:f}".replace(".", ",")
    return f"{text} %"


@dataclass(frozen=True, slots=True)
class PartTimePlacement:
    """Placement on weekends, holidays and school holidays only: board 75 %, fee × the
    share set in the contract (`fee_share`, entered by the user, never guessed)."""

    fee_share: Decimal

    def __post_init__(self) -> None:
        share = self.fee_share
        if not isinstance(share, Decimal) or not share.is_finite() or not 0 <= share <= 1:
            raise InputError(
                "fee_share",
                f"delež plačila dela »{share}« ni dovoljen; vnesite delež med 0 in 1 "
                "(npr. 0.40) iz rejniške pogodbe.",
            )


@dataclass(frozen=True, slots=True)
class MonthPayment:
    """What is due for one placement in one calendar month; amounts rounded to cents."""

    month: date  # first day of the month
    days_in_month: int
    days_placed: int
    factor: Fraction
    board: Decimal
    board_without_increase: Decimal
    board_increase: Decimal
    fee: Decimal
    fee_without_uplift: Decimal
    fee_uplift: Decimal
    total: Decimal
    rates: tuple[Rate, ...]
    part_time: bool


def check_placement(placement: Sequence[Period], field: str = "placement") -> None:
    if not placement:
        raise InputError(field, "namestitev mora imeti vsaj eno obdobje (pogodba ali aneks).")
    check_no_overlap(placement, field, "obdobja namestitve")


def check_adjustments(adjustments: Sequence[Adjustment], field: str) -> None:
    what = "zvišanja oskrbnine" if field == "board_increases" else "zvišanja plačila dela"
    check_no_overlap([a.period for a in adjustments], field, what)


def month_range(first: date, last: date) -> list[date]:
    """First days of the months from the month of `first` to the month of `last`."""
    start = first_of_month(first)
    count = (last.year - start.year) * 12 + last.month - start.month + 1
    return [add_months(start, i) for i in range(max(count, 0))]


def month_payment(
    month: date,
    placement: Sequence[Period],
    rates: RateTable,
    board_increases: Sequence[Adjustment] = (),
    fee_uplifts: Sequence[Adjustment] = (),
    part_time: PartTimePlacement | None = None,
) -> MonthPayment:
    """The payment of `month` (any day of it) — SPEC 3.2, Pravilnik čl. 26."""
    return month_payments([month], placement, rates, board_increases, fee_uplifts, part_time)[0]


def month_payments(
    months: Iterable[date],
    placement: Sequence[Period],
    rates: RateTable,
    board_increases: Sequence[Adjustment] = (),
    fee_uplifts: Sequence[Adjustment] = (),
    part_time: PartTimePlacement | None = None,
) -> list[MonthPayment]:
    """The payments of several months of one placement; inputs are checked once."""
    return list(
        shared_month_payments(
            tuple(months), placement, rates, board_increases, fee_uplifts, part_time
        )
    )


def shared_month_payments(
    months: tuple[date, ...],
    placement: Sequence[Period],
    rates: RateTable,
    board_increases: Sequence[Adjustment] = (),
    fee_uplifts: Sequence[Adjustment] = (),
    part_time: PartTimePlacement | None = None,
) -> tuple[MonthPayment, ...]:
    """``month_payments`` as a tuple that placements with the same months share (the same
    object while the rate table's memo holds it): a payment run compares each distinct
    tuple with what was paid once, keyed by its identity. Never mutated."""
    # The checks of one item cannot fail (nothing to overlap): most placements have one
    # period and no adjustment, and a run checks 20,000 of them.
    if len(placement) != 1:
        check_placement(placement)
    if len(board_increases) > 1:
        check_adjustments(board_increases, "board_increases")
    if len(fee_uplifts) > 1:
        check_adjustments(fee_uplifts, "fee_uplifts")
    # Placements with the same periods and adjustments (many start on the same day) get
    # the same months: the whole tuple is shared through the rate table's memo, looked
    # up before anything else is made.
    placed = _spans(placement)
    board_adj = tuple([(*_span(a.period), a.percent) for a in board_increases])
    fee_adj = tuple([(*_span(a.period), a.percent) for a in fee_uplifts])
    adjusted = (board_adj, fee_adj, None if part_time is None else part_time.fee_share)
    memo = _memo_for(rates)
    key: tuple[object, ...] = ()
    if len(months) > 1:
        # Only the placed days within the months count (``month`` cuts each span to its
        # month): placements that began on different days before the first of them
        # share one tuple (a run's arrears: fourteen months of 18,000 placements).
        lo, hi = _bounds(months)
        cut = tuple(
            (s if s > lo else lo, e if e < hi else hi) for s, e in placed if s <= hi and e >= lo
        )
        key = (cut, adjusted, months)
        known = memo.get(key)
        if known is not None:
            return cast("tuple[MonthPayment, ...]", known)
    calc = _MonthCalculator(placed, board_adj, fee_adj, adjusted, rates, part_time, memo)
    if len(months) == 1:
        return (calc.month(months[0]),)  # the month's own memo serves it
    payments = tuple([calc.month(m) for m in months])
    if len(memo) < _MEMO_LIMIT:
        memo[key] = payments
    return payments


_BOUNDS: dict[tuple[date, ...], tuple[int, int]] = {}


def _bounds(months: tuple[date, ...]) -> tuple[int, int]:
    """Ordinals of the first day of the earliest month and the last day of the latest."""
    found = _BOUNDS.get(months)
    if found is None:
        first, last = _month_info(min(months)), _month_info(max(months))
        found = (first[1], last[1] + last[2] - 1)
        if len(_BOUNDS) < 1000:
            _BOUNDS[months] = found
    return found


def _spans(periods: Sequence[Period]) -> list[tuple[int, int]]:
    if len(periods) == 1:  # the usual placement: nothing to sort
        return [_span(periods[0])]
    return [_span(p) for p in sorted(periods, key=lambda p: p.start)]


def _span(period: Period) -> tuple[int, int]:
    """(first, last ordinal) of a period; an open end is ``_OPEN_END``."""
    return (period.start.toordinal(), _OPEN_END if period.end is None else period.end.toordinal())


def _round_div(numerator: int, denominator: int) -> int:
    """numerator / denominator rounded half-up, both non-negative."""
    return (2 * numerator + denominator) // (2 * denominator)


_ZERO = Decimal("0.00")
_FACTORS = {p: Fraction(p, FULL_COVERAGE_DAYS) for p in range(FULL_COVERAGE_DAYS)}
_ONE = Fraction(1)
_NO_FACTOR = Fraction(0)
_DECIMALS: dict[int, Decimal] = {}
_MONTHS: dict[date, tuple[date, int, int]] = {}
# A month's payment depends only on its placed days, the adjustments, the part-time
# share and the rate table: thousands of placements share each result (a payment run
# recomputes 20,000 placements × the closed months). MonthPayment is immutable, so one
# object serves them all; the memo lives as long as its rate table.
_MEMO: weakref.WeakKeyDictionary[RateTable, dict[tuple[object, ...], object]] = (
    weakref.WeakKeyDictionary()
)
_MEMO_LIMIT = 200_000


def _memo_for(rates: RateTable) -> dict[tuple[object, ...], object]:
    memo = _MEMO.get(rates)
    if memo is None:
        memo = _MEMO[rates] = {}
    return memo


def _decimal(cents: int) -> Decimal:
    # Amounts repeat a lot across placements; Decimals are immutable, so share them.
    value = _DECIMALS.get(cents)
    if value is None:
        value = cents_to_decimal(cents)
        if len(_DECIMALS) < 100_000:
            _DECIMALS[cents] = value
    return value


def _month_info(month: date) -> tuple[date, int, int]:
    """(first day, its ordinal, days in month) for any day of a month."""
    info = _MONTHS.get(month)
    if info is None:
        first = first_of_month(month)
        info = (first, first.toordinal(), calendar.monthrange(first.year, first.month)[1])
        if len(_MONTHS) < 10_000:
            _MONTHS[month] = info
    return info


class _MonthCalculator:
    """Pre-digested inputs of one placement. `month()` works per segment of constant
    parameters (rate, increase, uplift), not per day."""

    __slots__ = (
        "placed", "board_adj", "fee_adj", "rates", "part_time", "fee_share", "cuts", "memo",
        "key",
    )  # fmt: skip

    def __init__(
        self,
        placed: list[tuple[int, int]],
        board_adj: tuple[tuple[int, int, int], ...],
        fee_adj: tuple[tuple[int, int, int], ...],
        key: tuple[object, ...],
        rates: RateTable,
        part_time: PartTimePlacement | None,
        memo: dict[tuple[object, ...], object],
    ) -> None:
        """`placed`: the placement's spans (``_spans``); `board_adj`, `fee_adj`: each
        adjustment as (first, last ordinal, percent); `key`: what besides the placed days
        a month depends on (adjustments, part-time share)."""
        self.placed = placed
        self.board_adj = board_adj
        self.fee_adj = fee_adj
        self.rates = rates
        self.part_time = part_time
        self.fee_share = Fraction(part_time.fee_share) if part_time else _ONE
        # Days on which a parameter may change: made when a month is first computed (most
        # placements find their months in the memo and never need them).
        self.cuts: list[int] | None = None
        self.memo = memo
        self.key = key

    def _cuts(self) -> list[int]:
        """Days on which a parameter may change: a rate starts, an adjustment starts or ends."""
        if self.cuts is None:
            cuts = {r.valid_from.toordinal() for r in self.rates.rows}
            for s, e, _ in self.board_adj + self.fee_adj:
                cuts.add(s)
                if e != _OPEN_END:
                    cuts.add(e + 1)
            self.cuts = sorted(cuts)
        return self.cuts

    def month(self, month: date) -> MonthPayment:
        month, ms, days_in_month = _month_info(month)
        me = ms + days_in_month - 1

        pieces = []
        placed = 0
        for s, e in self.placed:
            lo = s if s > ms else ms
            hi = e if e < me else me
            if lo <= hi:
                pieces.append((lo, hi))
                placed += hi - lo + 1
        if placed == 0:
            return MonthPayment(month, days_in_month, 0, _NO_FACTOR, _ZERO, _ZERO, _ZERO,
                                _ZERO, _ZERO, _ZERO, _ZERO, (), self.part_time is not None)  # fmt: skip
        key = (ms, tuple(pieces), self.key)
        known = self.memo.get(key)
        if known is not None:
            return cast(MonthPayment, known)
        payment = self._compute(month, days_in_month, ms, me, pieces, placed)
        if len(self.memo) < _MEMO_LIMIT:
            self.memo[key] = payment
        return payment

    def _compute(
        self,
        month: date,
        days_in_month: int,
        ms: int,
        me: int,
        pieces: list[tuple[int, int]],
        placed: int,
    ) -> MonthPayment:
        rates = self.rates
        rows = rates.rows
        cuts = self._cuts()
        month_cuts = cuts[bisect_right(cuts, ms) : bisect_right(cuts, me)]
        if not month_cuts:
            # Nothing changes inside the month (the usual case): one segment.
            index = rates.index_on(ms)
            if index < 0:
                raise missing_rate(month)
            rate = rows[index]
            used: list[Rate] = [rate]
            bp = _percent_on(self.board_adj, ms)
            fp = _percent_on(self.fee_adj, ms)
            board_sum = rate.board_cents * (100 + bp) * placed
            board_base = rate.board_cents * 100 * placed
            fee_sum = rate.fee_cents * (100 + fp) * placed
            fee_base = rate.fee_cents * 100 * placed
        else:
            board_sum = board_base = fee_sum = fee_base = 0
            used = []
            for lo, hi in pieces:
                starts = [lo, *(c for c in month_cuts if lo < c <= hi)]
                for i, a in enumerate(starts):
                    n = (starts[i + 1] if i + 1 < len(starts) else hi + 1) - a
                    index = rates.index_on(a)
                    if index < 0:
                        raise missing_rate(date.fromordinal(a))
                    rate = rows[index]
                    if not any(r is rate for r in used):
                        used.append(rate)
                    bp = _percent_on(self.board_adj, a)
                    fp = _percent_on(self.fee_adj, a)
                    board_sum += rate.board_cents * (100 + bp) * n
                    board_base += rate.board_cents * 100 * n
                    fee_sum += rate.fee_cents * (100 + fp) * n
                    fee_base += rate.fee_cents * 100 * n

        # f × Σ / P, with Σ in cents × 100: the divisor is 100·P (f = 1) or 100·30 (f = P/30).
        if placed >= FULL_COVERAGE_DAYS or placed == days_in_month:
            factor = _ONE
            divisor = 100 * placed
        else:
            factor = _FACTORS[placed]
            divisor = 100 * FULL_COVERAGE_DAYS
        board_div = fee_div = divisor
        if self.part_time is not None:
            b = PART_TIME_BOARD_SHARE
            board_sum, board_base, board_div = (
                board_sum * b.numerator, board_base * b.numerator, divisor * b.denominator
            )  # fmt: skip
            f = self.fee_share
            fee_sum, fee_base, fee_div = (
                fee_sum * f.numerator, fee_base * f.numerator, divisor * f.denominator
            )  # fmt: skip

        board = _round_div(board_sum, board_div)
        board_without = _round_div(board_base, board_div)
        fee = _round_div(fee_sum, fee_div)
        fee_without = _round_div(fee_base, fee_div)
        return MonthPayment(
            month,
            days_in_month,
            placed,
            factor,
            _decimal(board),
            _decimal(board_without),
            _decimal(board - board_without),
            _decimal(fee),
            _decimal(fee_without),
            _decimal(fee - fee_without),
            _decimal(board + fee),
            tuple(used),
            self.part_time is not None,
        )


def _percent_on(adjustments: Sequence[tuple[int, int, int]], ordinal: int) -> int:
    for s, e, percent in adjustments:
        if s <= ordinal <= e:
            return percent
    return 0
