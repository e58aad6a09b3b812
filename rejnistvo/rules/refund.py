"""R-5 money: report due date, what was received, the refund and its plan (SPEC 3.4;
Pravilnik čl. 28 as amended by Uradni list RS 78/2025; ZUP 100 and 101 for the term)."""

from __future__ import annotations

import calendar
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from enum import StrEnum

from rejnistvo.rules.errors import InputError
from rejnistvo.rules.money import ZERO, format_amount, round2
from rejnistvo.rules.months import (
    Adjustment,
    MonthPayment,
    check_placement,
    month_payments,
    month_range,
)
from rejnistvo.rules.periods import Period, add_months, format_date
from rejnistvo.rules.rates import RateTable
from rejnistvo.rules.workdays import next_working_day

REPORT_DAYS_BEFORE_END = 30  # čl. 28/3: "najkasneje 30 dni pred iztekom"


class RefundMethod(StrEnum):
    LUMP_SUM = "lump_sum"  # v enkratnem znesku
    AS_RECEIVED = "as_received"  # v posameznih zneskih, kot jih je prejel


@dataclass(frozen=True, slots=True)
class Instalment:
    due: date
    amount: Decimal


@dataclass(frozen=True, slots=True)
class RefundMonth:
    """The board increase paid in one month of the increase period (SPEC 3.2)."""

    month: date
    increase: Decimal
    payment: MonthPayment | None = field(default=None, compare=False, repr=False)


@dataclass(frozen=True, slots=True)
class RefundPlan:
    received: Decimal
    report_due: date
    latest_deadline: date
    deadline: date
    refund: Decimal
    months: list[RefundMonth]
    instalments: list[Instalment]
    method: RefundMethod
    paid_days: int = 0


def days_text(count: int) -> str:
    """`1 dan`, `2 dneva`, `3 dnevi`, `5 dni` — Slovenian dual and plural."""
    rest = count % 100
    word = {1: "dan", 2: "dneva", 3: "dnevi", 4: "dnevi"}.get(rest, "dni")
    return f"{count} {word}"


def _closed(period: Period, field_name: str) -> date:
    if period.end is None:
        raise InputError(
            field_name,
            "zvišanje oskrbnine je začasno (28. člen pravilnika): obdobje mora imeti končni datum.",
        )
    return period.end


def report_due_date(increase_period: Period) -> date:
    """Čl. 28/3: the R-5 report is due 30 days before the increase period ends."""
    return _closed(increase_period, "increase.to") - timedelta(days=REPORT_DAYS_BEFORE_END)


def paid_days(increase_period: Period, placement: Sequence[Period]) -> int:
    """L: days of the increase period inside the placement (the days it was paid for)."""
    end = _closed(increase_period, "increase.to")
    total = 0
    for period in placement:
        part = period.clip(increase_period.start, end)
        if part is not None:
            total += (part[1] - part[0]).days + 1
    return total


def latest_refund_deadline(call_date: date, paid_days: int) -> date:
    """Čl. 28/4: the term may not be longer than the period of receipt. It runs from the
    day after the call is served (ZUP 100), so the last day is call_date + L; a
    Saturday, Sunday or holiday moves it to the next working day (ZUP 101)."""
    return next_working_day(call_date + timedelta(days=paid_days))


def refund_plan(
    increase: Adjustment,
    placement: Sequence[Period],
    rates: RateTable,
    call_date: date,
    unjustified: Decimal | None,
    deadline: date | None,
    method: RefundMethod,
) -> RefundPlan:
    """What was received, what is refunded by when and how (čl. 28/4).

    `unjustified` None means all that was received."""
    check_placement(placement)
    end = _closed(increase.period, "increase.to")
    try:
        method = RefundMethod(method)
    except ValueError:
        raise InputError(
            "method", "način vračila je »lump_sum« (v enkratnem znesku) ali »as_received«."
        ) from None
    payments = month_payments(
        month_range(increase.period.start, end), placement, rates, board_increases=[increase]
    )
    months = [RefundMonth(p.month, p.board_increase, p) for p in payments if p.board_increase > 0]
    received = sum((m.increase for m in months), ZERO)
    days = paid_days(increase.period, placement)
    if days == 0:
        raise InputError(
            "increase",
            "obdobje zvišanja oskrbnine ne seže v obdobje namestitve, zato zvišana oskrbnina "
            "ni bila prejeta in je ni mogoče vračati.",
        )

    if unjustified is None:
        refund = received
    else:
        if unjustified < 0:
            raise InputError("unjustified", "znesek za vračilo ne sme biti negativen.")
        if unjustified > received:
            raise InputError(
                "unjustified",
                f"znesek za vračilo ({format_amount(unjustified)} EUR) presega prejeta sredstva "
                f"zvišane oskrbnine; dovoljeno je od 0,00 do {format_amount(received)} EUR.",
            )
        if unjustified != round2(unjustified):
            raise InputError("unjustified", "znesek za vračilo ima več kot dve decimalki.")
        refund = round2(unjustified)

    latest = latest_refund_deadline(call_date, days)
    if deadline is None:
        deadline = latest
    elif deadline > latest:
        raise InputError(
            "deadline",
            f"rok vračila ne sme biti daljši od obdobja prejemanja zvišane oskrbnine ({days_text(days)}); "
            f"najpozneje dovoljeni rok je {format_date(latest)}.",
        )
    elif deadline < call_date:
        raise InputError(
            "deadline",
            f"rok vračila ({format_date(deadline)}) je pred dnem poziva "
            f"({format_date(call_date)}); dovoljen je rok od {format_date(call_date)} "
            f"do {format_date(latest)}.",
        )

    if refund == 0:
        instalments: list[Instalment] = []
    elif method is RefundMethod.LUMP_SUM:
        instalments = [Instalment(deadline, refund)]
    else:
        # A tiny partial refund can scale a month down to 0.00: no payment for that month.
        amounts = [a for a in split_as_received([m.increase for m in months], refund) if a > 0]
        dues = instalment_due_dates(len(amounts), call_date, deadline)
        instalments = [Instalment(d, a) for d, a in zip(dues, amounts, strict=True)]

    return RefundPlan(
        received=received,
        report_due=report_due_date(increase.period),
        latest_deadline=latest,
        deadline=deadline,
        refund=refund,
        months=months,
        instalments=instalments,
        method=method,
        paid_days=days,
    )


def split_as_received(increases: Sequence[Decimal], refund: Decimal) -> list[Decimal]:
    """One amount per month, each that month's increase, scaled to `refund`; the rounding
    remainder goes to the last one so that they sum to `refund` exactly."""
    received = sum(increases, ZERO)
    if not increases or received == 0:
        return []
    if refund == received:
        return list(increases)
    amounts = [round2(i * refund / received) for i in increases[:-1]]
    last = refund - sum(amounts, ZERO)
    if last >= 0:
        return [*amounts, last]
    # Only for a few cents spread over many months can half-up rounding overshoot; then
    # round the running totals instead, which never gives a negative instalment.
    result, previous, running = [], ZERO, ZERO
    for increase in increases:
        running += increase
        cumulative = round2(running * refund / received)
        result.append(cumulative - previous)
        previous = cumulative
    return result


def _same_day_in_month(month: date, day: int) -> date:
    return month.replace(day=min(day, calendar.monthrange(month.year, month.month)[1]))


def instalment_due_dates(count: int, call_date: date, deadline: date) -> list[date]:
    """Monthly on the deadline's day of the month, counting back from the deadline (the
    last one is due on the deadline); if the first would fall before the call date, the
    dates are spread evenly between the call date and the deadline instead."""
    if count <= 0:
        return []
    first_of_deadline_month = deadline.replace(day=1)
    monthly = [
        _same_day_in_month(add_months(first_of_deadline_month, k - (count - 1)), deadline.day)
        for k in range(count)
    ]
    if monthly[0] >= call_date:
        return monthly
    span = (deadline - call_date).days
    return [call_date + timedelta(days=span * (k + 1) // count) for k in range(count)]


def check_instalment_dates(
    instalments: Sequence[Instalment], call_date: date, deadline: date
) -> None:
    """Dates the user edited: in order, none before the call date, none after the deadline."""
    previous: date | None = None
    for i, instalment in enumerate(instalments):
        where = f"instalments[{i}].due"
        if instalment.due < call_date:
            raise InputError(
                where,
                f"obrok ne sme zapasti pred dnem poziva ({format_date(call_date)}); "
                f"dovoljeni so dnevi od {format_date(call_date)} do {format_date(deadline)}.",
            )
        if instalment.due > deadline:
            raise InputError(
                where,
                f"obrok ne sme zapasti po roku vračila ({format_date(deadline)}); "
                f"dovoljeni so dnevi od {format_date(call_date)} do {format_date(deadline)}.",
            )
        if previous is not None and instalment.due < previous:
            raise InputError(
                where,
                f"obroki morajo biti po vrsti: ta zapade pred prejšnjim ({format_date(previous)}).",
            )
        previous = instalment.due
