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
    PartTimePlacement,
    check_placement,
    month_payments,
    month_range,
)
from rejnistvo.rules.periods import Period, format_date
from rejnistvo.rules.plural import accusative_phrase, count_phrase
from rejnistvo.rules.rates import RateTable
from rejnistvo.rules.workdays import is_working_day, next_working_day

REPORT_DAYS_BEFORE_END = 30  # čl. 28/3: "najkasneje 30 dni pred iztekom"
# An increase is temporary (čl. 28/1); a century bounds the work for absurd input.
MAX_RECEIVED_DAYS = 36_525


class RefundMethod(StrEnum):
    LUMP_SUM = "lump_sum"  # v enkratnem znesku
    AS_RECEIVED = "as_received"  # v posameznih zneskih, kot jih je prejel


@dataclass(frozen=True, slots=True)
class Instalment:
    """One instalment of a refund: the day it is due and its amount; once marked paid,
    the day it was marked, and the amount is what was paid."""

    due: date
    amount: Decimal
    paid_on: date | None = None


@dataclass(frozen=True, slots=True)
class RefundMonth:
    """The board increase paid in one month of the increase period, counting only the
    days before the call (SPEC 3.2 for that part of the month)."""

    month: date
    increase: Decimal
    payment: MonthPayment | None = field(default=None, compare=False, repr=False)


@dataclass(frozen=True, slots=True)
class RefundPlan:
    """What an R-5 case's refund comes to: the amount received, the report's and the
    refund's deadlines, the refund and its months."""

    received: Decimal
    report_due: date
    latest_deadline: date
    deadline: date
    refund: Decimal
    months: list[RefundMonth]
    instalments: list[Instalment]
    method: RefundMethod
    paid_days: int = 0
    # The deadline as typed, when it fell on a non-working day and was moved (ZUP 101).
    deadline_moved_from: date | None = None
    # Why the report is due on the period's last day (a period shorter than 31 days).
    report_due_reason: str | None = None
    # Call date + L when that was a non-working day and the latest deadline moved (ZUP 101).
    latest_deadline_moved_from: date | None = None
    # Due days the user had typed that the plan made again could not keep, and why.
    due_notes: tuple[str, ...] = ()
    # What the instalments marked paid hold beyond the refund (``excess_paid``).
    excess: Decimal = ZERO


def days_text(count: int) -> str:
    """`1 dan`, `2 dneva`, `3 dnevi`, `5 dni` — Slovenian dual and plural."""
    return count_phrase(count, "dan")


def _shift(day: date, days: int, field_name: str) -> date:
    """`day` + `days`, or a clean InputError when that leaves the calendar (year 1–9999)."""
    ordinal = day.toordinal() + days
    if not date.min.toordinal() <= ordinal <= date.max.toordinal():
        raise InputError(
            field_name,
            f"datum {format_date(day)} je preblizu roba koledarja: izračunani rok bi padel "
            "izven let 1–9999; vnesite resničen datum.",
        )
    return date.fromordinal(ordinal)


def _working_day(day: date, field_name: str) -> date:
    """next_working_day, refused cleanly when no working day is left before year 10000."""
    try:
        return next_working_day(day)
    except OverflowError:
        raise InputError(
            field_name,
            f"po {format_date(day)} v koledarju ni več delovnega dne; vnesite resničen datum.",
        ) from None


def _closed(period: Period, field_name: str) -> date:
    if period.end is None:
        raise InputError(
            field_name,
            "zvišanje oskrbnine je začasno (28. člen pravilnika): obdobje mora imeti končni datum.",
        )
    return period.end


def report_due_date(increase_period: Period) -> date:
    """Čl. 28/3: the R-5 report is due "najkasneje 30 dni pred iztekom" of the increase.
    For a period shorter than 31 days that day falls before the period starts; the report
    is then due on the period's last day (`report_due_reason` says why)."""
    end = _closed(increase_period, "increase.to")
    if end.toordinal() - REPORT_DAYS_BEFORE_END < increase_period.start.toordinal():
        return end
    return end - timedelta(days=REPORT_DAYS_BEFORE_END)


def report_due_reason(increase_period: Period) -> str | None:
    """Why the report is due on the last day, or None when it is due 30 days before."""
    end = _closed(increase_period, "increase.to")
    if end.toordinal() - REPORT_DAYS_BEFORE_END >= increase_period.start.toordinal():
        return None
    return (
        # "traja" takes the accusative: "traja 3 dni", not "traja 3 dnevi"
        f"Zvišanje traja le {accusative_phrase(increase_period.days(), 'dan')}: 30 dni pred "
        "iztekom (28. člen pravilnika) bi bilo pred začetkom obdobja, zato je poročilo R-5 "
        f"treba oddati najpozneje zadnji dan zvišanja, {format_date(end)}."
    )


def paid_days(
    increase_period: Period, placement: Sequence[Period], before: date | None = None
) -> int:
    """L: days of the increase period inside the placement (the days it was paid for),
    and, given a call date `before`, only the days before it."""
    end = _closed(increase_period, "increase.to")
    if before is not None:
        if before <= increase_period.start:
            return 0
        end = min(end, before - timedelta(days=1))
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
    return _working_day(_shift(call_date, paid_days, "call_date"), "call_date")


def _cut_before(placement: Sequence[Period], call_date: date) -> list[Period]:
    """The placement as it stood on the eve of the call: money for later days is unpaid."""
    eve = call_date - timedelta(days=1)
    cut = []
    for period in placement:
        if period.start <= eve:
            end = eve if period.end is None or period.end > eve else period.end
            cut.append(Period(period.start, end))
    return cut


def received_months(
    increase: Adjustment,
    placement: Sequence[Period],
    rates: RateTable,
    call_date: date,
    part_time: PartTimePlacement | None = None,
) -> list[RefundMonth]:
    """The board increase paid month by month before the call (SPEC 3.4): a month cut by
    the call counts its days before the call, computed by SPEC 3.2 for that part (a
    placement on weekends and holidays only was paid 75 % of the board, its increase too).

    Only an increase that runs on to the call date cuts its month: one that ended before
    the call was paid whole, and its last month is the increase paid for that month
    (SPEC 3.2). Cutting it too would count days before the call as a part of a month
    (P / 30), more than the whole month paid (P / D) in a month of 31 days."""
    last = _closed(increase.period, "increase.to")
    end = min(last, call_date - timedelta(days=1))
    cut = _cut_before(placement, call_date) if last >= call_date else list(placement)
    if end < increase.period.start or not cut:
        return []
    payments = month_payments(
        month_range(increase.period.start, end),
        cut,
        rates,
        board_increases=[increase],
        part_time=part_time,
    )
    return [RefundMonth(p.month, p.board_increase, p) for p in payments if p.board_increase > 0]


def refund_plan(
    increase: Adjustment,
    placement: Sequence[Period],
    rates: RateTable,
    call_date: date,
    unjustified: Decimal | None,
    deadline: date | None,
    method: RefundMethod | str,
    part_time: PartTimePlacement | None = None,
) -> RefundPlan:
    """What was received, what is refunded by when and how (čl. 28/4).

    `unjustified` None means all that was received; `part_time` as for the payment (a
    placement on weekends and holidays only)."""
    check_placement(placement)
    _closed(increase.period, "increase.to")
    try:
        method = RefundMethod(method)
    except ValueError:
        raise InputError(
            "method", "način vračila je »lump_sum« (v enkratnem znesku) ali »as_received«."
        ) from None
    if call_date <= increase.period.start:
        raise InputError(
            "call_date",
            f"poziv z dne {format_date(call_date)} ni po prvem dnevu zvišanja "
            f"({format_date(increase.period.start)}): do tedaj zvišana oskrbnina še ni bila "
            "prejeta, zato je ni mogoče vračati. Poziv je lahko datiran najprej "
            f"{format_date(_shift(increase.period.start, 1, 'call_date'))}.",
        )
    days = paid_days(increase.period, placement, before=call_date)
    if days == 0:
        raise InputError(
            "increase",
            "pred dnem poziva obdobje zvišanja oskrbnine ne seže v obdobje namestitve, zato "
            "zvišana oskrbnina ni bila prejeta in je ni mogoče vračati.",
        )
    if days > MAX_RECEIVED_DAYS:
        raise InputError(
            "increase",
            f"zvišanje oskrbnine je začasno (28. člen pravilnika); pred pozivom bi bilo "
            f"prejeto za {accusative_phrase(days, 'dan')}, kar je več kot sto let. Preverite datume.",
        )
    # Before the months: an absurd date fails here at once, not after a century of months.
    latest = latest_refund_deadline(call_date, days)
    months = received_months(increase, placement, rates, call_date, part_time)
    received = sum((m.increase for m in months), ZERO)

    if unjustified is None:
        refund = received
    else:
        if unjustified < 0:
            raise InputError("unjustified", "znesek za vračilo ne sme biti negativen.")
        if unjustified != round2(unjustified):
            raise InputError("unjustified", "znesek za vračilo ima več kot dve decimalki.")
        if unjustified > received:
            raise InputError(
                "unjustified",
                f"znesek za vračilo ({format_amount(unjustified)} EUR) presega zvišano "
                f"oskrbnino, prejeto pred dnem poziva; dovoljeno je od 0,00 do "
                f"{format_amount(received)} EUR.",
            )
        refund = round2(unjustified)

    moved_from: date | None = None
    if deadline is None:
        deadline = latest
    else:
        if deadline <= call_date:
            raise InputError(
                "deadline",
                f"rok vračila ({format_date(deadline)}) mora biti po dnevu poziva "
                f"({format_date(call_date)}); dovoljen je rok od "
                f"{format_date(_shift(call_date, 1, 'deadline'))} do {format_date(latest)}.",
            )
        if deadline > latest:
            raise InputError(
                "deadline",
                "rok vračila ne sme biti daljši od obdobja prejemanja zvišane oskrbnine "
                f"({count_phrase(days, 'dan')}); najpozneje dovoljeni rok je "
                f"{format_date(latest)}.",
            )
        moved = _working_day(deadline, "deadline")
        if moved != deadline:
            moved_from, deadline = deadline, moved

    if refund == 0:
        instalments: list[Instalment] = []
    elif method is RefundMethod.LUMP_SUM:
        instalments = [Instalment(deadline, refund)]
    else:
        amounts = merge_non_positive(split_as_received([m.increase for m in months], refund))
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
        deadline_moved_from=moved_from,
        report_due_reason=report_due_reason(increase.period),
        latest_deadline_moved_from=_moved_from(call_date, days, latest),
    )


def _moved_from(call_date: date, paid_days: int, latest: date) -> date | None:
    """The day the term ended on before ZUP 101 moved it, or None when it did not move."""
    unmoved = call_date + timedelta(days=paid_days)  # latest exists: no overflow
    return unmoved if unmoved != latest else None


def split_as_received(increases: Sequence[Decimal], refund: Decimal) -> list[Decimal]:
    """One amount per month, each that month's increase, scaled to `refund`; the rounding
    remainder goes to the last one so that they sum to `refund` exactly. Amounts may be
    zero (or the last one negative); `merge_non_positive` folds those into a neighbour."""
    received = sum(increases, ZERO)
    if not increases or received == 0:
        return []
    if refund == received:
        return list(increases)
    amounts = [round2(i * refund / received) for i in increases[:-1]]
    return [*amounts, refund - sum(amounts, ZERO)]


def merge_non_positive(amounts: Sequence[Decimal]) -> list[Decimal]:
    """No instalment of 0.00 or less (SPEC 3.4): such a month is merged into the next one;
    a non-positive last one is merged back into the one before. The sum is kept."""
    merged: list[Decimal] = []
    carry = ZERO
    for amount in amounts:
        carry += amount
        if carry > 0:
            merged.append(carry)
            carry = ZERO
    while carry != 0 and merged:
        carry += merged.pop()
        if carry > 0:
            merged.append(carry)
            carry = ZERO
    return merged


def keep_paid(
    planned: Sequence[Instalment], typed: Sequence[Instalment], refund: Decimal
) -> list[Instalment]:
    """The plan made again over instalments already paid (the finding or the call
    corrected): money paid is not rewritten. An instalment of `typed` marked paid stays
    as it was paid (due day, amount, day marked), in its place; what is left of the
    refund is shared among the planned unpaid ones in proportion to their planned
    amounts (the rounding remainder to the last), and one left at nothing goes (SPEC
    3.4: none is zero). With no planned one left unpaid (a lump sum paid in part, or
    every one paid and the refund raised) the rest is one more instalment, due on the
    plan's last day (the deadline). Payments beyond the refund stay as paid, and no
    unpaid instalment is left (``excess_paid`` says how much the carer is owed back)."""
    if not any(t.paid_on is not None for t in typed):
        return list(planned)
    rows: list[Instalment] = []
    for k in range(max(len(planned), len(typed))):
        if k < len(typed) and typed[k].paid_on is not None:
            _check_paid_amount(typed[k].amount, k)
            rows.append(typed[k])
        elif k < len(planned):
            rows.append(planned[k])
    rest = refund - paid_back(rows)
    unpaid = [k for k, row in enumerate(rows) if row.paid_on is None]
    if rest > 0 and not unpaid and planned:
        rows.append(Instalment(planned[-1].due, rest))
        unpaid = [len(rows) - 1]
    shares = split_as_received([rows[k].amount for k in unpaid], rest) if rest > 0 else []
    share_of = dict(zip(unpaid, shares, strict=False))
    kept: list[Instalment] = []
    carry = ZERO
    for k, row in enumerate(rows):
        if row.paid_on is not None:
            kept.append(row)
            continue
        carry += share_of.get(k, ZERO)
        if carry > 0:  # an unpaid one rounded to nothing is merged into the next
            kept.append(Instalment(row.due, carry))
            carry = ZERO
    if carry != 0:  # a last share below zero (rounding): back into the last unpaid one
        last = max(k for k, row in enumerate(kept) if row.paid_on is None)
        kept[last] = Instalment(kept[last].due, kept[last].amount + carry)
    return kept


def _check_paid_amount(amount: Decimal, position: int) -> None:
    if amount <= 0 or amount != round2(amount):
        raise InputError(
            f"instalments[{position}].amount",
            f"plačani znesek obroka ({amount} EUR) mora biti večji od 0,00 EUR in imeti "
            "največ dve decimalki.",
        )


def excess_paid(instalments: Sequence[Instalment], refund: Decimal) -> Decimal:
    """What the carer paid back beyond the refund (a payment larger than its instalment,
    or a finding corrected down after payments): the centre owes it back. 0 when none."""
    return max(paid_back(instalments) - refund, ZERO)


def paid_back(instalments: Sequence[Instalment]) -> Decimal:
    """What the carer has paid back: the instalments marked paid."""
    return sum((i.amount for i in instalments if i.paid_on is not None), ZERO)


def _same_day_in_month(year: int, month: int, day: int) -> date:
    return date(year, month, min(day, calendar.monthrange(year, month)[1]))


def instalment_due_dates(count: int, call_date: date, deadline: date) -> list[date]:
    """Default due dates of `count` instalments (SPEC 3.4; `deadline` is a working day).

    Monthly on the deadline's day of the month, counting back from the deadline (the last
    one is due on it). Where that would put the first one on or before the call date, the
    k-th (k = 1…n) is due call_date + ceil(k × span / n) days instead, span = deadline −
    call date, so none is due on the call date itself. Every date on a Saturday, Sunday
    or holiday moves to the next working day (ZUP 101); the order is kept and none
    passes the deadline."""
    if count <= 0:
        return []
    last_index = deadline.year * 12 + deadline.month - 1
    first_index = last_index - (count - 1)
    dates: list[date] | None = None
    if first_index >= 12:  # year 1 or later
        dates = [
            _same_day_in_month(index // 12, index % 12 + 1, deadline.day)
            for index in range(first_index, last_index + 1)
        ]
        if dates[0] <= call_date:
            dates = None
    if dates is None:
        span = (deadline - call_date).days
        dates = [call_date + timedelta(days=-(-k * span // count)) for k in range(1, count + 1)]
    return [min(next_working_day(d), deadline) for d in dates]


def working_days_after(call_date: date, count: int, until: date) -> list[date]:
    """The first `count` working days after `call_date` and not after `until` (fewer
    when there are not as many)."""
    found: list[date] = []
    day = call_date
    while len(found) < count and day < until:
        day = day + timedelta(days=1)
        if is_working_day(day):
            found.append(day)
    return found


def same_day_notes(
    instalments: Sequence[Instalment], call_date: date, deadline: date, latest: date
) -> list[str]:
    """What the clerk reads under a plan whose unpaid instalments share a due day (SPEC
    3.4's dates, spread over fewer days than instalments, or moved off a weekend onto the
    same Monday): which ones, and what gives each its own working day — the dates are
    the user's to edit, or a later deadline (the earliest with room named), or the lump
    sum when even the latest deadline has no room. Empty when every day is distinct."""
    unpaid = [(k + 1, i.due) for k, i in enumerate(instalments) if i.paid_on is None]
    days: dict[date, list[int]] = {}
    for number, due in unpaid:
        days.setdefault(due, []).append(number)
    shared = [(day, numbers) for day, numbers in days.items() if len(numbers) > 1]
    if not shared:
        return []
    notes = []
    for day, numbers in shared:
        listed = ", ".join(str(n) for n in numbers[:-1]) + f" in {numbers[-1]}"
        verb = "Obroka {0} zapadeta" if len(numbers) == 2 else "Obroki {0} zapadejo"
        notes.append(f"{verb.format(listed)} isti dan, {format_date(day)}.")
    count = len(unpaid)
    room = working_days_after(call_date, count, deadline)
    first = format_date(call_date + timedelta(days=1))
    if len(room) >= count:
        notes.append(
            "Vsakemu lahko določite svoj delovni dan: popravite datume obrokov (po vrsti, "
            f"od {first} do roka {format_date(deadline)})."
        )
        return notes
    fit = working_days_after(call_date, count, latest)
    which = "neplačanih obrokov" if count < len(instalments) else "obrokov"
    said = (
        f"Delovnih dni od {first} do roka {format_date(deadline)} je le {len(room)}, "
        f"{which} pa {count}"
    )
    if len(fit) >= count:
        notes.append(
            f"{said}: za vsak obrok svoj delovni dan izberite rok najmanj "
            f"{format_date(fit[-1])} (najpozneje {format_date(latest)}) ali vračilo v "
            "enkratnem znesku."
        )
    else:
        notes.append(
            f"{said}; tudi do najpozneje dovoljenega roka ({format_date(latest)}) jih je le "
            f"{len(fit)}. Če obroki ne smejo zapasti isti dan, izberite vračilo v enkratnem "
            "znesku."
        )
    return notes


def keep_typed_dues(
    planned: Sequence[Instalment],
    typed_dues: Sequence[date | None],
    call_date: date,
    deadline: date,
) -> tuple[list[Instalment], list[str]]:
    """The plan made again (call date, deadline or method changed) over due days the
    user typed for unpaid instalments (`typed_dues`, by position; None where the day was
    the plan's own): a typed day still allowed (after the call, by the deadline, in
    order) stays; one that is not gets the plan's day, and the notes say which and why.
    Paid instalments are as `planned` has them (``keep_paid``)."""
    rows = list(planned)
    notes: list[str] = []
    previous: date | None = None
    for k, row in enumerate(rows):
        typed = typed_dues[k] if k < len(typed_dues) else None
        if row.paid_on is None and typed is not None and typed != row.due:
            later = rows[k + 1].due if k + 1 < len(rows) else deadline
            if k + 1 < len(typed_dues) and typed_dues[k + 1] is not None:
                later = deadline  # the next one keeps its own typed day, or is said
            why = None
            if typed <= call_date:
                why = f"ni po dnevu poziva ({format_date(call_date)})"
            elif typed > deadline:
                why = f"je po roku vračila ({format_date(deadline)})"
            elif (previous is not None and typed < previous) or typed > later:
                why = "ni več po vrsti z drugimi obroki"
            if why is None:
                rows[k] = Instalment(typed, row.amount)
            else:
                notes.append(
                    f"Obrok {k + 1}: vpisani rok {format_date(typed)} {why}, zato zapade "
                    f"{format_date(row.due)}."
                )
        previous = rows[k].due
    try:
        check_instalment_dates([r for r in rows if r.paid_on is None], call_date, deadline)
    except InputError:  # typed days out of order with each other: the plan's days
        return list(planned), notes + [
            "Vpisani roki obrokov niso več po vrsti; obroki zapadejo na dneve načrta."
        ]
    return rows, notes


def check_instalment_dates(
    instalments: Sequence[Instalment], call_date: date, deadline: date
) -> None:
    """Dates the user edited: in order, after the call date, none after the deadline."""
    previous: date | None = None
    for i, instalment in enumerate(instalments):
        where = f"instalments[{i}].due"
        if instalment.due <= call_date:
            raise InputError(
                where,
                f"obrok mora zapasti po dnevu poziva ({format_date(call_date)}); "
                f"dovoljeni so dnevi od {format_date(call_date + timedelta(days=1))} "
                f"do {format_date(deadline)}.",
            )
        if instalment.due > deadline:
            raise InputError(
                where,
                f"obrok ne sme zapasti po roku vračila ({format_date(deadline)}); "
                f"dovoljeni so dnevi od {format_date(call_date + timedelta(days=1))} "
                f"do {format_date(deadline)}.",
            )
        if previous is not None and instalment.due < previous:
            raise InputError(
                where,
                f"obroki morajo biti po vrsti: ta zapade pred prejšnjim ({format_date(previous)}).",
            )
        previous = instalment.due


def check_finding_parts(
    justified: Decimal | None, unjustified: Decimal | None, received: Decimal, field: str
) -> None:
    """The finding's two amounts (used for the purpose; not, or received without legal
    reason, čl. 28/4) are parts of the same money: together no more than `received`."""
    if justified is None or unjustified is None or justified + unjustified <= received:
        return
    raise InputError(
        field,
        f"namensko ({format_amount(justified)} EUR) in nenamensko porabljeni znesek "
        f"({format_amount(unjustified)} EUR) skupaj presegata prejeto zvišanje oskrbnine "
        f"({format_amount(received)} EUR); ob tem namenskem znesku je nenamensko dovoljeno "
        f"od 0,00 do {format_amount(max(received - justified, ZERO))} EUR.",
    )
