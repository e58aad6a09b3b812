"""The open run of a month, computed from today's data: the month's lines, and for
every earlier closed month the arrears and overpayments against what the ledger paid."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from itertools import islice
from typing import Any, cast

from rejnistvo.rules.errors import MissingRateError, RuleError
from rejnistvo.rules.money import ZERO
from rejnistvo.rules.months import month_range, shared_month_payments
from rejnistvo.rules.payment_run import (
    MONTH,
    NO_AMOUNTS,
    OVERPAYMENT,
    PAID_KINDS,
    BasisMaker,
    reasons,
)
from rejnistvo.rules.periods import last_of_month
from rejnistvo.rules.rates import missing_indexations
from rejnistvo.services.payment_run.figures import Figures
from rejnistvo.services.payment_run.lines import (
    OPEN,
    Entry,
    PaymentRun,
    Progress,
    RunLine,
    RunLines,
)
from rejnistvo.services.payment_run.notices import (
    Payee,
    account_warning,
    paid_outside_warnings,
)
from rejnistvo.services.payment_run.one_offs import one_off_lines
from rejnistvo.services.payment_run.order import Order, order_of
from rejnistvo.services.payment_run.recheck import Computed, paid_of, to_recheck
from rejnistvo.services.payment_run.steps import RunSteps, drive, reading
from rejnistvo.services.payment_run.undoing import Undoing, undo_pending, undone_lines
from rejnistvo.services.rates import rate_table
from rejnistvo.store import ledger

#: Placements computed between two yields of ``run_steps``: a slice is a few tens of
#: milliseconds, so a window driving it keeps painting.
SLICE = 200


def compute(db: Any, month: date, progress: Progress | None) -> PaymentRun:
    """The open run of `month`: its lines and the differences for earlier closed months."""
    return drive(compute_steps(db, month, True), progress)


def compute_steps(db: Any, month: date, with_basis: bool) -> RunSteps:
    """``compute`` a slice of placements at a time (see ``run_steps``)."""
    rates = rate_table(db)
    first_closed, last_closed = ledger.closed_range(db)
    arrears_months = (
        [m for m in month_range(first_closed, last_closed) if m < month]
        if first_closed is not None and last_closed is not None
        else []
    )
    months = (*arrears_months, month)
    last_day = last_of_month(month)
    raw = yield from reading(ledger.read_source_rows(db, months[0], last_day))
    total = raw.count
    ordered = raw.ordered()
    # Only placements whose inputs were written since the last closing can differ from
    # what was paid; the others skip their closed months (the usual monthly run). After
    # a rate row changed, the others are screened (``Screen``).
    changed, screen = to_recheck(db, arrears_months, rates)
    warnings = list(missing_indexations(rates, month))
    indexations = len(warnings)
    warnings += paid_outside_warnings(db, month, first_closed)
    # First the rules for every placement, then what was paid for those rechecked.
    computed: list[Computed] = []
    # Not computed (their data breaks a rule; a warning names them): their closed months
    # are not compared either. What was paid for them is no overpayment: the months are
    # compared once the data is mended (the mend is a write the next run rechecks).
    failed: set[int] = set()
    every = tuple(range(len(arrears_months)))
    for start in range(0, total, SLICE):
        for src in ledger.make_sources(raw, islice(ordered, SLICE)):
            inputs = src.inputs
            recheck = changed is None or src.placement_id in changed
            # made once: the screen computes the same inputs with the table then
            placement, increases, uplifts = inputs.placement, inputs.increases, inputs.uplifts
            try:
                payments = shared_month_payments(
                    months if recheck or screen is not None else (month,),
                    placement,
                    rates,
                    increases,
                    uplifts,
                    inputs.part_time,
                )
            except MissingRateError:
                raise
            except RuleError as error:
                warnings.append(
                    f"Pogodba {src.contract_no} ({src.child_name}, {src.carer_name}): "
                    f"{error.message} Namestitev ni v izplačilu, dokler podatki niso popravljeni."
                )
                failed.add(src.placement_id)
                continue
            if recheck:
                compare = every
            elif screen is not None:
                compare = screen.months_to_compare(
                    placement, increases, uplifts, inputs.part_time, payments
                )
            else:
                compare = ()
            computed.append((src, payments, compare))
        yield min(start + SLICE, total), total
    paid: dict[tuple[int, date], ledger.PaidMonth] = {}
    vanished = paid
    # Overpayments still to be recovered: a later change that gives one back undoes it
    # instead of paying the difference (``undoing._give_back``).
    # Read only when a difference may give one back (its board or fee rose), for those
    # placements (``undo_pending``): after a lowered rate a quarter of a million wait.
    may_undo = bool(arrears_months) and ledger.has_open_overpayments(db)
    candidates: list[int] = []
    undoings: list[Undoing] = []
    if arrears_months:
        paid, vanished = yield from reading(
            paid_of(db, month, arrears_months, changed, screen, computed, failed, total), total
        )
    # What was paid by placement, each placement's months in a dict of their own, taken
    # from it one after another: after a backdated rate, 250,000 months taken from one
    # dict by (placement, month) were each a look-up far in memory from the one before
    # (~0.05 s more of the run at 20,000 placements, the dict made here included).
    by_placement = _by_placement(paid)
    yield total, total
    # The month's lines, then the differences of closed months (the order lines of
    # equal keys keep), each with its order key.
    lines: list[Entry] = []
    order = Order()
    keys = order.keys
    pending: list[Entry] = []
    pending_keys: list[int] = []
    figures = Figures()
    differences_of = figures.differences
    # Each closed month with its part of the order key.
    closed = [(m, m.year * 12 + m.month) for m in arrears_months]
    for start in range(0, len(computed), SLICE):
        for src, payments, compare in computed[start : start + SLICE]:
            pid = src.placement_id
            prefix = order.prefix(order_of(src))
            maker = BasisMaker(src.inputs, months[0], last_day) if compare else None
            paid_for = by_placement.get(pid) if compare else None
            for i in compare:
                m, at = closed[i]
                p = payments[i]
                was = paid_for.pop(m, None) if paid_for is not None else None
                if was is None:
                    if p.days_placed:
                        new = figures.new_month(p)
                        pending.append((new[1], new[0], src, m, p, new[2], new[3], maker, None))
                        pending_keys.append(prefix + new[4] + at)
                    continue
                # The usual case, nothing changed: one look-up, no objects made.
                known = differences_of.get((id(p), id(was[0])))
                found = (known or figures.difference(p, was[0]))[2]
                if found is not None:
                    for d in found:  # two when the board and the fee moved apart
                        if may_undo and (d[0].board > 0 or d[0].fee > 0):
                            candidates.append(len(pending))
                        pending.append((d[1], d[0], src, m, p, d[2], d[3], maker, was[2]))
                        pending_keys.append(prefix + d[4] + at)
            p = payments[-1]
            if p.days_placed:
                amounts, factor, rate_ids = figures.payment(p)
                lines.append((MONTH, amounts, src, month, p, factor, rate_ids, maker, None))
                keys.append(order.key(prefix, MONTH, month))
        yield total, total
    # What the ledger paid for the differing months is worded when their lines are made
    # (``RunLines``); its bases are read now, while the run is the file's.
    # What is left is a few steps of a tenth of a second or two each after a backdated
    # rate (270,000 lines): the window paints in between.
    if candidates:
        pending, pending_keys = undo_pending(db, pending, pending_keys, candidates, undoings)
    old_texts = ledger.basis_texts(
        db,
        {e[8] for e in pending if e[8] is not None}
        | {u[0][4] for u in undoings if u[0][4] is not None},
    )
    yield total, total
    keys += pending_keys
    more = [
        *_vanished(db, _not_taken(vanished, paid, by_placement), arrears_months, failed),
        *one_off_lines(db, month, first_closed, with_basis),
        *undone_lines(undoings, old_texts),
    ]
    for line in more:
        order.add_line(line)
    entries: list[RunLine | Entry] = [*lines, *pending, *more]
    del lines, pending
    yield total, total
    in_order = order.sorted(entries)
    del entries
    no_account = account_warning(_payees(in_order))
    if no_account is not None:  # after the missing indexations, before the rest
        warnings.insert(indexations, no_account)
    yield total, total
    return PaymentRun(month, OPEN, RunLines(in_order, with_basis, old_texts), tuple(warnings))


def _payees(entries: list[RunLine | Entry]) -> Iterator[Payee]:
    """(carer id, name, account, contract) of each carer the run pays money to (the bank
    file's transfers), once, in run order, without making the lines (20,000 placements:
    ~10 ms)."""
    found: dict[object, Payee] = {}
    paid = PAID_KINDS
    for entry in entries:
        if type(entry) is tuple:
            src = entry[2]
            if src.carer_id not in found and entry[0] in paid and entry[1].total > ZERO:
                found[src.carer_id] = (src.carer_id, src.carer_name, src.iban, src.contract_no)
        else:
            line = cast(RunLine, entry)
            key = line.carer_id if line.carer_id is not None else line.carer
            if key not in found and line.kind in paid and line.amounts.total > ZERO:
                found[key] = (line.carer_id, line.carer, line.iban, line.contract)
    return iter(found.values())


#: What a line that undoes an overpayment is made from: (the placement, the month, its
#: payment today, the placement's ``BasisMaker``, the id of the basis the ledger holds


def _empty_basis() -> dict[str, Any]:
    return {"placement": [], "board_increases": [], "fee_uplifts": [], "rates": []}


def _by_placement(
    paid: dict[tuple[int, date], ledger.PaidMonth],
) -> dict[int, dict[date, ledger.PaidMonth]]:
    """`paid` by placement: {placement: {month: what was paid}}, each in its order."""
    found: dict[int, dict[date, ledger.PaidMonth]] = {}
    for (placement_id, month), was in paid.items():
        months = found.get(placement_id)
        if months is None:
            months = found[placement_id] = {}
        months[month] = was
    return found


def _not_taken(
    vanished: dict[tuple[int, date], ledger.PaidMonth],
    paid: dict[tuple[int, date], ledger.PaidMonth],
    by_placement: dict[int, dict[date, ledger.PaidMonth]],
) -> dict[tuple[int, date], ledger.PaidMonth]:
    """`vanished`; where it is `paid` (``paid_of`` without a screen), the months of it
    the run did not take (``by_placement``, what is left of it), in `paid`'s order."""
    if vanished is not paid:
        return vanished
    return {key: was for key, was in paid.items() if key[1] in by_placement[key[0]]}


def _vanished(
    db: Any,
    paid: dict[tuple[int, date], ledger.PaidMonth],
    arrears_months: list[date],
    failed: set[int],
) -> list[RunLine]:
    """Paid months of placements that no longer have a day in the closed months (their
    periods were removed or moved): everything paid for them is an overpayment. Not
    those of the `failed` placements: the run could not compute them, which says
    nothing about what they are due."""
    wanted = set(arrears_months)
    left = {key: value for key, value in paid.items() if key[1] in wanted and key[0] not in failed}
    if not left:
        return []
    known = ledger.lines_by_id(db, [v[1] for v in left.values()])
    lines = []
    for (_, m), was in left.items():
        if ledger.paid_amounts(was[0]).is_zero():
            continue
        source = known[was[1]]
        lines.append(
            RunLine(
                OVERPAYMENT,
                m,
                source.placement_id,
                source.carer_id,
                source.carer_name,
                source.child_name,
                source.contract_no,
                source.iban,
                source.centre_id,
                source.centre_name,
                source.unit_id,
                source.unit_name,
                0,
                "0",
                NO_AMOUNTS - ledger.paid_amounts(was[0]),
                reasons(source.basis_data, _empty_basis(), m),
                None,
            )  # fmt: skip
        )
    return lines
