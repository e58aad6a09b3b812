"""Overpayments of closed months not yet settled (the deadlines screen) and recording
how they were settled (one or many at once)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from rejnistvo.clock import Clock
from rejnistvo.printing.formats import fmt_amount
from rejnistvo.rules.errors import InputError
from rejnistvo.rules.money import ZERO
from rejnistvo.rules.payment_run import OVERPAYMENT, Amounts
from rejnistvo.rules.periods import add_months, first_of_month, month_name
from rejnistvo.services.payment_run.closing import user_of
from rejnistvo.store import ledger
from rejnistvo.store.audit import AuditEntry, write_audits

#: an overpayment is offset against one of the payments of the year after the run that
#: found it; a month beyond is a typo (»2099-01«) that would close it unrecovered
OFFSET_MONTHS_AHEAD = 12


@dataclass(frozen=True, slots=True)
class Overpayment:
    """An overpayment listed in a closed month and not yet settled (the deadlines screen)."""

    line_id: int
    run_month: date
    for_month: date
    carer: str
    child: str
    contract: str
    amount: Decimal  # positive: what is still to be recovered
    reason: str
    #: what the run found, when a later change gave part of it back (m014)
    found: Decimal | None = None

    @property
    def text(self) -> str:
        part = (
            f" (ugotovljenih {fmt_amount(self.found)} EUR, del je s poznejšo spremembo "
            "razveljavljen)"
            if self.found is not None and self.found != self.amount
            else ""
        )
        return (
            f"Preplačilo {fmt_amount(self.amount)} EUR za {month_name(self.for_month)}{part} "
            f"({self.carer}, pogodba {self.contract}): {self.reason}. Vpišite, kako je "
            "bilo poravnano (Izplačila)."
        )


def unsettled_overpayments(db: Any) -> list[Overpayment]:
    """Overpayments of closed months whose settlement is not yet recorded, oldest first."""
    lines = ledger.overpayment_lines(db, unsettled_only=True)
    runs = {run.id: run.month for run in ledger.closed_runs(db)}
    undone = ledger.undone_amounts(db, [line.id for line in lines])
    return [
        Overpayment(
            line.id,
            runs[line.run_id],
            line.for_month,
            line.carer_name,
            line.child_name,
            line.contract_no,
            -(line.amounts.total + (undone[line.id].total if line.id in undone else ZERO)),
            line.reason,
            -line.amounts.total if line.id in undone else None,
        )  # fmt: skip
        for line in lines
    ]


SETTLEMENT_METHODS = {"offset": "poračun z izplačilom", "refund": "vračilo"}


def check_settlement(db: Any, line_id: int, method: str, offset_month: date | None) -> Decimal:
    """Refuse a settlement `settle_overpayment` would refuse, with its message (the
    window asks »Vpišem?« only after this passed); returns what is left to recover."""
    return check_settlements(db, [line_id], method, offset_month)[line_id]


def check_settlements(
    db: Any, line_ids: Iterable[int], method: str, offset_month: date | None
) -> dict[int, Decimal]:
    """Refuse the settlements `settle_overpayments` would refuse: the first line refused
    refuses them all, its message naming the line (carer, child, month) when there are
    several; returns {line id: what is left to recover}, in the order given. The lines
    are read together (a few queries for 54,000 lines, not five a line)."""
    from rejnistvo.store.connection import refuse_if_read_only

    refuse_if_read_only(db, "Poravnava ni zapisana.")  # a read-only view (QA74)
    if method not in SETTLEMENT_METHODS:
        raise InputError("method", "način poravnave je »offset« (poračun) ali »refund« (vračilo).")
    if method == "offset" and offset_month is None:
        raise InputError("offset_month", "vpišite mesec, v katerem je bilo preplačilo poračunano.")
    ids = list(dict.fromkeys(line_ids))
    if not ids:
        raise InputError("line_ids", "izberite vsaj eno preplačilo, katerega poravnavo vpišete.")
    lines = ledger.lines_by_id(db, ids)
    settled = ledger.settlements(db, ids)
    undone = ledger.undone_amounts(db, ids)
    run_months = {run.id: run.month for run in ledger.closed_runs(db)}
    left: dict[int, Decimal] = {}
    for line_id in ids:
        line = lines.get(line_id)
        try:
            if line is None or line.kind != OVERPAYMENT:
                raise InputError("line_id", f"vrstica {line_id} ni preplačilo zaključenega meseca.")
            left[line_id] = _left_to_settle(
                line, line_id in settled, undone.get(line_id), run_months.get(line.run_id),
                method, offset_month,
            )  # fmt: skip
        except InputError as exc:
            if len(ids) == 1 or line is None or line.kind != OVERPAYMENT:
                raise
            raise InputError(
                exc.field,
                f"preplačilo {line.carer_name}, {line.child_name}, za "
                f"{month_name(line.for_month)}: {exc.message}",
            ) from exc
    return left


def _left_to_settle(
    line: Any,
    settled: bool,
    undone: Amounts | None,
    found_in: date | None,
    method: str,
    offset_month: date | None,
) -> Decimal:
    """What is left of one overpayment line to settle, or its refusal."""
    if settled:
        raise InputError("line_id", "za to preplačilo je poravnava že vpisana.")
    left: Decimal = -line.amounts.total - (undone.total if undone is not None else ZERO)
    if left <= 0:
        raise InputError(
            "line_id",
            "preplačilo je s poznejšo spremembo razveljavljeno v celoti; poravnati ni ničesar.",
        )
    if method == "offset" and offset_month and found_in and offset_month < found_in:
        # an overpayment is offset against a payment made after it was found, or the
        # one of that month: an earlier month is a typo that would close it unpaid
        raise InputError(
            "offset_month",
            f"preplačilo je bilo ugotovljeno v izplačilu za {month_name(found_in)}; "
            "poračunati ga je mogoče v tem ali poznejšem mesecu, ne v mesecu "
            f"{month_name(first_of_month(offset_month))}.",
        )
    if method == "offset" and offset_month and found_in:
        latest = add_months(found_in, OFFSET_MONTHS_AHEAD)
        if first_of_month(offset_month) > latest:
            raise InputError(
                "offset_month",
                f"preplačilo je bilo ugotovljeno v izplačilu za {month_name(found_in)}; "
                f"poračunati ga je mogoče najpozneje v mesecu {month_name(latest)}, ne v "
                f"mesecu {month_name(first_of_month(offset_month))}.",
            )
    return left


def settle_overpayment(
    db: Any,
    line_id: int,
    method: str,
    offset_month: date | None,
    note: str,
    clock: Clock,
) -> None:
    """Record how an overpayment was settled: offset in a named month, or a refund call."""
    settle_overpayments(db, [line_id], method, offset_month, note, clock)


def settle_overpayments(
    db: Any,
    line_ids: Iterable[int],
    method: str,
    offset_month: date | None,
    note: str,
    clock: Clock,
) -> int:
    """Record that the overpayments `line_ids` were all settled the same way, in one
    transaction: one refused line (``check_settlements``) refuses them all and nothing
    is written. A settlement row and an audit row each. Returns how many were recorded."""
    with db.atomic():
        left = check_settlements(db, line_ids, method, offset_month)
        month = first_of_month(offset_month) if method == "offset" and offset_month else None
        today, text, user = clock.today(), (note or "").strip(), user_of(db)
        entries = []
        for line_id, amount in left.items():
            new_id = ledger.insert_settlement(
                db, ledger.Settlement(line_id, method, month, today, text, user)
            )
            entries.append(AuditEntry(
                "overpayment_settlements", new_id, "insert", None,
                {"line_id": line_id, "method": method, "offset_month": month,
                 "note": text, "amount": amount},
            ))  # fmt: skip
        write_audits(db, entries)  # a row each, the chain's head read once
    return len(left)
