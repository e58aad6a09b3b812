"""Open overpayments given back by a later change: a closed month's difference that
raises its board or fee undoes them (``UNDONE`` lines) instead of being paid."""

from __future__ import annotations

import json
from datetime import date
from typing import Any, cast

from rejnistvo.rules.payment_run import (
    UNDONE,
    Amounts,
    BasisMaker,
    components,
    difference_kind,
    reasons,
    undo_of,
    undo_reason,
)
from rejnistvo.services.payment_run.figures import Difference
from rejnistvo.services.payment_run.lines import Entry, RunLine
from rejnistvo.services.payment_run.order import KIND_ORDER, MONTHS_KEY
from rejnistvo.store import ledger
from rejnistvo.store.ledger import PlacementSource

Undoing = tuple[
    tuple[PlacementSource, date, Any, BasisMaker, int | None],
    ledger.OpenOverpayment, Amounts, str, tuple[int, ...],
]  # fmt: skip


def undo_pending(
    db: Any,
    pending: list[Entry],
    keys: list[int],
    candidates: list[int],
    undoings: list[Undoing],
) -> tuple[list[Entry], list[int]]:
    """The differences of closed months (`pending`, with their order `keys`) once the
    open overpayments they give back are undone (``_give_back``; the undoings go to
    `undoings`): `candidates` are the places of those whose board or fee rose. A
    difference given back whole leaves the run; one given back in part stays with what
    is left (its kind, and so its place in the order, may change)."""
    opened = ledger.open_overpayments(db, {pending[i][2].placement_id for i in candidates})
    if not opened:
        return pending, keys
    gone = False
    for i in candidates:
        kind, diff, src, m, p, factor, rates, maker, old = pending[i]
        overpayments = opened.pop((src.placement_id, m), None)
        if overpayments is None:
            continue
        found = (diff, kind, factor, rates, KIND_ORDER[kind] * MONTHS_KEY)
        where = (src, m, p, cast(BasisMaker, maker), old)
        rest = _give_back(overpayments, found, where, undoings)
        if rest is None:
            pending[i] = None  # type: ignore[call-overload]
            gone = True
        elif rest is not found:
            pending[i] = (rest[1], rest[0], src, m, p, factor, rates, maker, old)
            keys[i] += rest[4] - found[4]
    if not gone:
        return pending, keys
    kept = [i for i, entry in enumerate(pending) if entry is not None]
    return [pending[i] for i in kept], [keys[i] for i in kept]


def _give_back(
    overpayments: list[ledger.OpenOverpayment],
    found: Difference,
    where: tuple[PlacementSource, date, Any, BasisMaker, int | None],
    undoings: list[Undoing],
) -> Difference | None:
    """A closed month's difference `found` where the month has open overpayments (newest
    first): what it gives back of each is an undoing (``undo_of``), added to `undoings`,
    not paid; what is left of the difference (None: nothing) is a line as before."""
    diff, _kind, factor, rates, _order = found
    for over in overpayments:
        undo = undo_of(diff, over.amounts)
        if undo.is_zero():
            continue
        undoings.append((where, over, undo, factor, rates))
        diff = diff - undo
    if diff.is_zero():
        return None
    if diff is found[0]:
        return found
    kind = difference_kind(diff)
    return diff, kind, factor, rates, KIND_ORDER[kind] * MONTHS_KEY


def undone_lines(undoings: list[Undoing], old_texts: dict[int, str]) -> list[RunLine]:
    """The lines of overpayments given back by a later change (``UNDONE``): not paid,
    each naming the overpayment, what is left of it and why (the changes since the
    ledger's basis of the month, worded as for arrears). Each has its basis whatever
    the run (a few lines): the ledger keeps it as the month's newest."""
    lines = []
    for (src, m, p, maker, old_id), over, undo, factor, rates in undoings:
        new = maker.make(m, p, rates)
        old_text = old_texts.get(old_id) if old_id is not None else None
        words = (
            reasons(json.loads(old_text), new, m, components(undo)) if old_text is not None else ""
        )
        reason = undo_reason(over.found_in, m, over.amounts.total, undo.total, words)
        closes = over.amounts.total + undo.total >= 0
        lines.append(
            RunLine(
                UNDONE,
                m,
                src.placement_id,
                src.carer_id,
                src.carer_name,
                src.child_name,
                src.contract_no,
                src.iban,
                src.centre_id,
                src.centre_name,
                src.unit_id,
                src.unit_name,
                p.days_placed,
                factor,
                undo,
                reason,
                new,
                undoes=(over.line_id, closes),
            )  # fmt: skip
        )
    return lines
