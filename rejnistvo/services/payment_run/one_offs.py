"""The one-off payments of a run: those of the month, those entered late or corrected
for a closed month, those deleted after they were paid, and those entered again after
a paid one was deleted (they give back its overpayment first)."""

from __future__ import annotations

from bisect import bisect_right
from datetime import date
from decimal import Decimal
from typing import Any

from rejnistvo.printing.formats import fmt_amount
from rejnistvo.rules.errors import RuleError
from rejnistvo.rules.money import ZERO
from rejnistvo.rules.payment_run import ARREARS, ONE_OFF, OVERPAYMENT, UNDONE, Amounts, undo_reason
from rejnistvo.rules.periods import first_of_month, format_date, last_of_month, month_name
from rejnistvo.services.payment_run.lines import RunLine
from rejnistvo.store import ledger


def one_off_lines(
    db: Any,
    month: date,
    first_closed: date | None,
    with_basis: bool = True,
    extra: ledger.OneOffSource | None = None,
    told: list[tuple[Decimal, date, Decimal]] | None = None,
) -> list[RunLine]:
    """One-off payments dated in the month, those dated in a closed month but entered
    after it closed, differences for those whose amount was corrected since, and what
    was paid for those deleted since (``_deleted_one_offs``). A payment entered after a
    paid one was deleted first gives back that one's open overpayment
    (``_reentered_give_back``). `extra`: a payment not yet saved, as if it were (what the
    window tells before it saves one, ``reentered_one_off_notice``), whose undoings go
    to `told` too (``_reentered_give_back``)."""
    window = first_closed if first_closed is not None and first_closed < month else month
    paid, orphans = _paid_one_offs(db)
    names = one_off_names()
    deleted = _deleted_one_offs(db, orphans, names, with_basis)
    lines = [line for line, _kind in deleted]
    opened: dict[int, Any] | None = None  # read when a paid amount was raised
    reentries: dict[_ReentryKey, list[_Reentry]] | None = None  # read as ``opened``
    sources = ledger.one_off_sources(db, last_of_month(month))
    if extra is not None:
        # where the file will list it: after those of its day (its id is the highest)
        sources.insert(bisect_right(sources, extra.day, key=_day_of), extra)
    for o in sources:
        in_month = first_of_month(o.day)
        done = paid.get(o.id)
        one_off_basis = {
            "one_off": {"kind": o.kind, "amount": str(o.amount), "date": o.day.isoformat()}
        }
        if done is None:
            if in_month < window:
                continue  # before the ledger began: paid outside the program
            kind, amount = ONE_OFF, o.amount
            # which of ZIRD's four it is: the office books them apart (a note is optional)
            name = names.get(o.kind, o.kind)
            # one entered late names the month it is for: »tega meseca« was read, in the
            # next month's run, as that month; its note was left out (QA51)
            reason = "; ".join(filter(None, [name, o.note] if in_month == month else [
                f"enkratno izplačilo {name} z dne {format_date(o.day)}, "
                f"vpisano po zaključku izplačila za {month_name(in_month)}",
                o.note,
            ]))  # fmt: skip
            if in_month < month:  # a deleted one's overpayment is of a closed month
                if reentries is None:
                    reentries = _reentries(db, deleted, month)
                amount = _reentered_give_back(
                    o, amount, reentries, names, lines, told if o is extra else None
                )
                if amount == 0:
                    continue
        else:
            amount = o.amount - done
            if amount > 0:
                if opened is None:
                    opened = ledger.open_one_off_overpayments(db)
                if o.id in opened:
                    amount = _one_off_give_back(o, amount, opened[o.id], names, lines)
                if amount > 0:
                    if reentries is None:
                        reentries = _reentries(db, deleted, month)
                    amount = _reentered_give_back(o, amount, reentries, names, lines)
            if amount == 0:
                continue
            kind = ARREARS if amount > 0 else OVERPAYMENT
            reason = f"popravljen znesek enkratnega izplačila ({names.get(o.kind, o.kind)})"
        lines.append(
            _one_off_line(o, kind, in_month, amount, reason, one_off_basis if with_basis else None)
        )
    return lines


def _one_off_line(
    o: ledger.OneOffSource,
    kind: str,
    for_month: date,
    amount: Decimal,
    reason: str,
    basis: dict[str, Any] | None,
    **extra: Any,
) -> RunLine:
    """A run line of one-off payment `o` (no days, no contract's month)."""
    return RunLine(
        kind,
        for_month,
        o.placement_id,
        o.carer_id,
        o.carer_name,
        o.child_name,
        o.contract_no,
        o.iban,
        o.centre_id,
        o.centre_name,
        o.unit_id,
        o.unit_name,
        0,
        "",
        Amounts(total=amount),
        reason,
        basis,
        o.id,
        **extra,
    )  # fmt: skip


def _one_off_give_back(
    o: ledger.OneOffSource,
    amount: Decimal,
    opened: list[tuple[ledger.OpenOverpayment, tuple[int | None, str | None, str | None]]],
    names: dict[str, str],
    lines: list[RunLine],
) -> Decimal:
    """A one-off payment's amount raised again (`amount` more than the ledger holds)
    while an overpayment of its lowering waits: that overpayment is undone (newest
    first; only those of this payment, by its placement, kind and day) instead of the
    rise being paid; the lines go to `lines`. Returns what is left to pay."""
    ident = (o.placement_id, o.kind, o.day.isoformat())
    basis = {"one_off": {"kind": o.kind, "amount": str(o.amount), "date": o.day.isoformat()}}
    for over, was in opened:
        if amount <= 0:
            break
        if was[1] is not None and was != ident:
            continue
        undo = min(amount, -over.amounts.total)
        amount -= undo
        words = f"popravljen znesek enkratnega izplačila ({names.get(o.kind, o.kind)})"
        reason = undo_reason(over.found_in, over.for_month, over.amounts.total, undo, words)
        undoes = (over.line_id, over.amounts.total + undo >= 0)
        lines.append(_one_off_line(o, UNDONE, over.for_month, undo, reason, basis, undoes=undoes))
    return amount


#: Which re-entered one-off payment gives back a deleted one's overpayment: (the
#: placement, or 0; the carer where there is no placement, else 0; the kind; the month
#: the deleted one was paid for, which is its day's month, as the run dates one-offs).
_ReentryKey = tuple[int, int, str, date]


class _Reentry:
    """An open overpayment of a deleted one-off payment that a payment entered again
    may give back: the overpayment (its ledger line id, or this run's own line when the
    deletion is listed by this run), what is left of it (negative; less as the run
    gives it back) and the month whose run found it."""

    __slots__ = ("ref", "left", "found_in")

    def __init__(self, ref: int | RunLine, left: Decimal, found_in: date) -> None:
        self.ref = ref
        self.left = left
        self.found_in = found_in


def _reentry_key(
    placement_id: int | None, carer_id: int | None, kind: str, month: date
) -> _ReentryKey:
    return (placement_id or 0, 0 if placement_id else carer_id or 0, kind, month)


def _day_of(o: ledger.OneOffSource) -> date:
    return o.day


def _reentries(
    db: Any, deleted: list[tuple[RunLine, str | None]], month: date
) -> dict[_ReentryKey, list[_Reentry]]:
    """The open overpayments of deleted one-off payments by ``_ReentryKey``, newest
    first: this run's deletions (``_deleted_one_offs``), then the ledger's not settled
    and not wholly undone (a settled one is the carer's to repay or repaid: never
    undone)."""
    found: dict[_ReentryKey, list[_Reentry]] = {}
    for line, kind in reversed(deleted):
        if kind is not None:
            key = _reentry_key(line.placement_id, line.carer_id, kind, line.for_month)
            found.setdefault(key, []).append(_Reentry(line, line.amounts.total, month))
    for d in ledger.open_deleted_one_off_overpayments(db):
        over = d.over
        key = _reentry_key(over.placement_id, d.carer_id, d.kind, over.for_month)
        found.setdefault(key, []).append(_Reentry(over.line_id, over.amounts.total, over.found_in))
    return found


def _reentered_give_back(
    o: ledger.OneOffSource,
    amount: Decimal,
    reentries: dict[_ReentryKey, list[_Reentry]],
    names: dict[str, str],
    lines: list[RunLine],
    told: list[tuple[Decimal, date, Decimal]] | None = None,
) -> Decimal:
    """One-off payment `o`, `amount` of it still to pay, where a paid one of the same
    placement, kind and month was deleted and its overpayment is open (the clerk
    deleted a row with a typo and entered it again): that overpayment is undone by as
    much (newest first), as a raised-back amount undoes the overpayment of its
    lowering, instead of being paid again; the lines go to `lines` (and to `told`, if
    given: what was open of each overpayment, negative, the month whose run found it,
    what is undone). Returns what is left to pay (the part above the overpayments)."""
    in_month = first_of_month(o.day)
    found = reentries.get(_reentry_key(o.placement_id, o.carer_id, o.kind, in_month))
    if not found:
        return amount
    basis = {"one_off": {"kind": o.kind, "amount": str(o.amount), "date": o.day.isoformat()}}
    words = (
        f"enkratno izplačilo ({names.get(o.kind, o.kind)}) za {month_name(in_month)} je "
        f"bilo izbrisano in vpisano znova (z dne {format_date(o.day)}, "
        f"{fmt_amount(o.amount)} EUR)"
    )
    for entry in found:
        if amount <= 0:
            break
        if entry.left >= 0:
            continue
        undo = min(amount, -entry.left)
        amount -= undo
        reason = undo_reason(entry.found_in, in_month, entry.left, undo, words)
        if told is not None:
            told.append((entry.left, entry.found_in, undo))
        entry.left += undo
        lines.append(
            _one_off_line(
                o, UNDONE, in_month, undo, reason, basis, undoes=(entry.ref, entry.left >= 0)
            )
        )
    return amount


def one_off_names() -> dict[str, str]:
    """The Slovenian name of each kind of one-off payment (the catalogue), for reasons."""
    from rejnistvo.rules.one_off import one_off_kinds

    try:
        return {key: kind.name.lower() for key, kind in one_off_kinds().items()}
    except (RuleError, OSError, ValueError):
        return {}


def _paid_one_offs(db: Any) -> tuple[dict[int, Decimal], list[ledger.PaidOneOff]]:
    """(what the ledger paid for each recorded one-off payment; what it paid for one-off
    payments deleted since, unless listed back already). A ledger line belongs to the
    recorded payment of its id when its basis names the same placement, kind and day (a
    line without a basis always does): a payment deleted after it was paid and a new one
    that got its id are two payments, never one corrected."""
    records = ledger.paid_one_off_records(db)
    if not records:
        return {}, []
    now = ledger.one_off_identities(db, records)
    done: dict[int, Decimal] = {}
    orphans: list[ledger.PaidOneOff] = []
    for one_off_id, parts in records.items():
        ident = now.get(one_off_id)
        for part in parts:
            if ident is not None and (
                part.kind is None or (part.placement_id, part.kind, part.day) == ident
            ):
                done[one_off_id] = done.get(one_off_id, ZERO) + part.amount
            elif part.amount:
                orphans.append(part)
    return done, orphans


def _deleted_one_offs(
    db: Any, orphans: list[ledger.PaidOneOff], names: dict[str, str], with_basis: bool
) -> list[tuple[RunLine, str | None]]:
    """One-off payments paid in closed months and deleted since: what was paid for each
    is an overpayment, for the month it was paid for, with the payee and basis as paid
    (SPEC 3.6: a later change is recovered as a difference, never lost). Listed once: the
    closed overpayment, with the same basis, brings the ledger's sum for it to zero.
    Each line with the kind of payment it was (None: its lines had no basis)."""
    if not orphans:
        return []
    known = ledger.lines_by_id(db, [part.last_line_id for part in orphans])
    lines: list[tuple[RunLine, str | None]] = []
    for part in sorted(orphans, key=lambda p: p.last_line_id):
        was = known[part.last_line_id]
        kind = names.get(part.kind or "", part.kind or "")
        what = f"enkratno izplačilo ({kind})" if kind else "enkratno izplačilo"
        line = RunLine(
            OVERPAYMENT,
            was.for_month,
            was.placement_id,
            was.carer_id,
            was.carer_name,
            was.child_name,
            was.contract_no,
            was.iban,
            was.centre_id,
            was.centre_name,
            was.unit_id,
            was.unit_name,
            0,
            "",
            Amounts(total=-part.amount),
            f"{what} za {month_name(was.for_month)} je bilo izbrisano; izplačanih "
            f"{fmt_amount(part.amount)} EUR",
            was.basis if with_basis else None,
            part.one_off_id,
        )  # fmt: skip
        lines.append((line, part.kind))
    return lines
