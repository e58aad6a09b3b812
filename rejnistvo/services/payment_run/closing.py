"""Closing a month (its run to the ledger in one transaction, audited, months in
order) and reopening the latest closed one with a reason."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from rejnistvo.clock import Clock
from rejnistvo.collector import collector_paused
from rejnistvo.rules.errors import InputError
from rejnistvo.rules.periods import add_months, first_of_month, iso_month, month_name
from rejnistvo.services.payment_run.computed import compute
from rejnistvo.services.payment_run.lines import (
    CLOSED,
    OPEN,
    PaymentRun,
    Progress,
    RunCancelled,
    RunLines,
)
from rejnistvo.services.payment_run.notices import kept_warnings
from rejnistvo.services.payment_run.one_offs import one_off_lines
from rejnistvo.services.payment_run.run import data_stamp
from rejnistvo.store import ledger
from rejnistvo.store.audit import acting_user, write_audit
from rejnistvo.store.reads import read_tuples


def user_of(db: Any) -> str:
    return acting_user(db)


def check_closable(db: Any, month: date, clock: Clock) -> None:
    """InputError when `month` cannot be closed today: closed already, not the next in
    order, or not begun. ``close_month`` checks it; the window asks it before its
    question, so that a refused month is not first confirmed."""
    from rejnistvo.store.connection import refuse_if_read_only

    refuse_if_read_only(db, "Mesec ni zaključen.")  # a read-only view (QA74)
    month = first_of_month(month)
    today = clock.today()
    first, last = ledger.closed_range(db)
    if last is None:
        _check_first_close(db, month)
    if first is not None and last is not None and month < first:
        # not »already closed« (QA14: »januar 1 je že zaključen« for 0001-01)
        nxt = add_months(last, 1)
        raise InputError(
            "month",
            f"mesec {month_name(month)} je pred prvim zaključenim mesecem "
            f"({month_name(first)}); izplačila zanj niso vodena v programu. Zaključiti je "
            f"mogoče le {month_name(nxt)} ({iso_month(nxt)}).",
        )
    if last is not None and month <= last:
        # »odprete lahko le zadnjega« read, for an earlier month, as if this one could be
        # opened; say what can be closed and which month alone can be reopened
        nxt = add_months(last, 1)
        raise InputError(
            "month",
            f"mesec {month_name(month)} je že zaključen; zaključiti je mogoče le "
            f"{month_name(nxt)} ({iso_month(nxt)}). Ponovno odpreti (zaslon Izplačila) je "
            f"mogoče le zadnji zaključeni mesec, {month_name(last)}.",
        )
    if last is not None and month != add_months(last, 1):
        nxt = add_months(last, 1)
        raise InputError(
            "month",
            f"meseci se zaključujejo po vrsti: najprej zaključite {month_name(nxt)} "
            f"({iso_month(nxt)}).",
        )
    if month > today:
        raise InputError(
            "month",
            f"mesec {month_name(month)} se še ni začel; zaključiti ga je mogoče od "
            f"1. {month.month}. {month.year} dalje.",
        )


def _check_first_close(db: Any, month: date) -> None:
    """The first month closed fixes where the ledger begins: every later month must be
    closed after it, in order. A first close before anything could be paid (a typo such
    as 0001-01) would leave centuries of empty months to close, so it is refused: the
    month may not be before the first month of the rate table nor before the first month
    of the earliest contract or annex period or one-off payment."""
    limit = _first_payable_month(db)
    if limit is None:
        raise InputError(
            "month",
            "v evidenci še ni nobene namestitve ne enkratnega izplačila; zaključiti ni česa.",
        )
    if month < limit:
        raise InputError(
            "month",
            f"prvi zaključeni mesec je lahko {month_name(limit)} "
            f"({iso_month(limit)}) ali poznejši: prej ni namestitve, "
            "enkratnega izplačila ali zneskov v tabeli zneskov; meseci se potem "
            "zaključujejo po vrsti od prvega dalje.",
        )


def _first_payable_month(db: Any) -> date | None:
    """The earliest month a first close may be: the first month of the earliest contract
    or annex period or one-off payment, not before the first month of the rate table;
    None when nothing is payable."""
    ((rates_from, period_from, one_off_on),) = read_tuples(
        db,
        "SELECT (SELECT min(valid_from) FROM rates),"
        " (SELECT min(from_date) FROM placement_periods),"
        " (SELECT min(date) FROM one_off_payments)",
    )
    payable = min((day for day in (period_from, one_off_on) if day is not None), default=None)
    if payable is None:
        return None
    limit = first_of_month(date.fromisoformat(payable))
    if rates_from is not None:
        limit = max(limit, first_of_month(date.fromisoformat(rates_from)))
    return limit


def first_close_notice(db: Any, month: date) -> str | None:
    """What the close question adds when `month` would be the first month closed while
    the evidence has placement days or one-off payments in earlier months (QA57: a new
    file's first close of December 2026 began the ledger there, and November's days of a
    placement from 15. 11. were never paid nor computed as arrears, with no word of it
    before »Da«; afterwards November cannot be run). None when a month is closed already
    or nothing is payable before `month`."""
    month = first_of_month(month)
    first, _ = ledger.closed_range(db)
    if first is not None:
        return None
    earliest = _first_payable_month(db)
    if earliest is None or earliest >= month:
        return None
    ((placements,),) = read_tuples(
        db,
        "SELECT count(DISTINCT placement_id) FROM placement_periods WHERE from_date < ?",
        [month.isoformat()],
    )
    before = f" (namestitve z dnevi pred tem mesecem: {placements})" if placements else ""
    return (
        f"To bo prvi zaključeni mesec v tej zbirki: knjiga izplačil se začne z mesecem "
        f"{month_name(month)}. V evidenci so namestitve ali enkratna izplačila že od meseca "
        f"{month_name(earliest)}{before}. Meseci pred prvim zaključenim se v programu ne "
        "izplačajo in ne poračunajo (štejejo za izplačane zunaj programa) in jih pozneje ni "
        "več mogoče zaključiti. Če jih niste izplačali drugače, odgovorite »Ne« in najprej "
        f"zaključite {month_name(earliest)}."
    )


def close_month(
    db: Any,
    month: date,
    clock: Clock,
    progress: Progress | None = None,
    *,
    computed: PaymentRun | None = None,
    stamp: object = None,
) -> PaymentRun:
    """Close `month`: its run goes to the ledger in one transaction, with the date and the
    user; audited. Months close in order and none before it has begun.

    `computed` with its `stamp` (``data_stamp`` taken when it was made, as the screen
    keeps it): the run of `month` the caller already has. It is written as it is when
    the file's stamp, read inside the closing transaction, is still `stamp` — nothing was
    written since, so computing it again would give the same lines (after a backdated
    rate at 20,000 placements: ~1.7 s of CPU) — else the run is computed again. A run
    made without bases is written with them (its entries hold what a basis is made
    from). The close takes `computed` over: its lines are the closed month's (with their
    ledger ids).

    The lines go to the ledger through ``ledger.LineWriter`` with each distinct part
    resolved once (``RunLines.ledger_entries``). SQLite checks every line's foreign keys
    as it is written: turning the checks off for the write saved ~0.15 s at 20,000
    placements, not worth a ledger written unchecked."""
    month = first_of_month(month)
    today = clock.today()
    check_closable(db, month, clock)
    # Computing and writing 270,000 lines (after a backdated rate) make no reference
    # cycles: the collector waits (see ``rejnistvo.collector``).
    with collector_paused(), ledger.page_cache_for_close(db), db.atomic():
        lines = _still_current(db, month, computed, stamp)
        run = computed if computed is not None and lines is not None else None
        if run is None or lines is None:
            run = compute(db, month, progress)
            lines = run.lines
        user = user_of(db)
        at = clock.now().isoformat(timespec="seconds")
        writer = ledger.LineWriter(
            db,
            {
                "month": month,
                "closed_on": today,
                "closed_at": at,
                "closed_by": user,
                "total": run.total,
                "overpayments": run.overpayments,
                # not the carers without an account: shown from today's data
                "warnings": kept_warnings(run.warnings),
            },
        )
        writer.write(lines.ledger_entries(writer), _reporting(len(lines), progress))
        run_id = writer.finish()
        first_id = ledger.first_line_id(db, run_id)
        _link_undoings(db, lines, first_id)
        write_audit(
            db, "payment_runs", run_id, "close", None,
            {"month": month, "total": run.total, "overpayments": run.overpayments,
             "lines": len(lines), "closed_by": user, "closed_on": today},
        )  # fmt: skip
    # What was just written, without reading 20,000 lines back: the ledger's ids are
    # consecutive within the transaction (one writer, INTEGER PRIMARY KEY).
    # The lines were made by this call, or taken over from `computed`: their ledger ids
    # are set in place (a line made later gets its own).
    lines.set_first_line_id(first_id)
    return PaymentRun(
        month,
        CLOSED,
        lines,
        run.warnings,
        today,
        user,
    )


def _link_undoings(db: Any, lines: RunLines, first_id: int) -> None:
    """Link each line of the closed month that undoes an overpayment to it (m014), in
    the closing transaction, each audited: the overpayment is reduced, or leaves *Roki*
    when nothing is left of it."""
    links = [(first_id + index, over, closes) for index, over, closes in lines.undoings(first_id)]
    if not links:
        return
    ledger.write_undoings(db, links)
    for line_id, over, closes in links:
        line = lines[line_id - first_id]
        write_audit(
            db, "overpayment_undoings", line_id, "insert", None,
            {"overpayment_line_id": over, "for_month": line.for_month,
             "placement_id": line.placement_id, "amount": line.amounts.total,
             "closes": closes, "reason": line.reason},
        )  # fmt: skip


def _still_current(
    db: Any, month: date, computed: PaymentRun | None, stamp: object
) -> RunLines | None:
    """The lines of `computed` to write, if it is the run of `month` the file would give
    now (see ``close_month``); None: compute it. Called inside the closing transaction:
    its first read fixes what the transaction sees, so a write by another program after
    this check makes the close's own first write fail (SQLite refuses to write on an
    older snapshot) instead of writing a run of older data."""
    if computed is None or stamp is None or computed.status != OPEN or computed.month != month:
        return None
    first, _ = ledger.closed_range(db)  # the transaction's first read
    if data_stamp(db) != stamp:
        return None
    lines = computed.lines
    if lines.has_bases or lines.take_bases(one_off_lines(db, month, first, True)):
        return lines
    return None


def _reporting(total: int, progress: Progress | None) -> Callable[[int], None] | None:
    """What the ledger calls after each chunk of lines written (``ledger.CHUNK``):
    `progress`, and ``RunCancelled`` (the transaction is rolled back) when it returns
    False."""
    if progress is None:
        return None

    def written(done: int) -> None:
        if progress(done, total) is False:
            raise RunCancelled()

    return written


def check_reopenable(db: Any, month: date) -> ledger.ClosedRun:
    """Refuse a month `reopen_month` would refuse whatever the reason, with its message
    (the window asks for the reason only after this passed); returns its closed run."""
    from rejnistvo.store.connection import refuse_if_read_only

    refuse_if_read_only(db, "Mesec ni ponovno odprt.")  # a read-only view (QA74)
    month = first_of_month(month)
    _, last = ledger.closed_range(db)
    run = ledger.closed_run(db, month)
    if run is None:
        raise InputError("month", f"mesec {month_name(month)} ni zaključen.")
    if last is not None and month != last:
        raise InputError(
            "month",
            f"ponovno odpreti je mogoče le zadnji zaključeni mesec ({month_name(last)}).",
        )
    if ledger.settled_lines_of_run(db, run.id):
        raise InputError(
            "month",
            f"za preplačila, ugotovljena ob zaključku meseca {month_name(month)}, je že "
            "vpisano, kako so bila poravnana; meseca ni mogoče ponovno odpreti.",
        )
    if ledger.settled_undoings_of_run(db, run.id):
        # the settlement covered what was left after this month's undoing
        raise InputError(
            "month",
            f"izplačilo za {month_name(month)} je delno razveljavilo preplačilo, za "
            "katero je že vpisano, kako je bilo poravnano; meseca ni mogoče ponovno "
            "odpreti.",
        )
    return run


def reopen_month(db: Any, month: date, reason: str, clock: Clock) -> None:
    """Reopen the latest closed month with a reason (audited). Its lines leave the ledger;
    the reopening log keeps when it was closed, by whom and its total."""
    month = first_of_month(month)
    if not isinstance(reason, str) or len(reason.strip()) < 5:
        raise InputError("reason", "vpišite razlog za ponovno odprtje meseca (vsaj 5 znakov).")
    with db.atomic():
        run = check_reopenable(db, month)
        user = user_of(db)
        ledger.insert_reopening(
            db,
            {
                "month": month,
                "reopened_on": clock.today(),
                "reopened_at": clock.now().isoformat(timespec="seconds"),
                "reopened_by": user,
                "reason": reason.strip(),
                "closed_on": run.closed_on,
                "closed_by": run.closed_by,
                "total": run.total,
                "line_count": run.line_count,
            },
        )
        ledger.delete_run(db, run.id)
        write_audit(
            db, "payment_runs", run.id, "reopen",
            {"month": month, "total": run.total, "lines": run.line_count,
             "closed_by": run.closed_by, "closed_on": run.closed_on},
            {"reason": reason.strip(), "reopened_by": user},
        )  # fmt: skip
