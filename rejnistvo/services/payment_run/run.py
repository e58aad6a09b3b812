"""The run of a month (the screen's and the CLI's): a closed month as paid, the next
one computed today; which months can be run and chosen."""

from __future__ import annotations

from datetime import date
from typing import Any

from rejnistvo.clock import Clock
from rejnistvo.rules.errors import InputError
from rejnistvo.rules.payment_run import closed_month_check
from rejnistvo.rules.periods import add_months, first_of_month
from rejnistvo.services.payment_run.closed import closed_steps
from rejnistvo.services.payment_run.computed import compute_steps
from rejnistvo.services.payment_run.lines import PaymentRun, Progress
from rejnistvo.services.payment_run.steps import RunSteps, drive, paused_steps
from rejnistvo.store import ledger


def closed_months(db: Any) -> list[ledger.ClosedRun]:
    return ledger.closed_runs(db)


def next_month_to_close(db: Any, today: date) -> date:
    """The month after the last closed one; with nothing closed, the current month."""
    _, last = ledger.closed_range(db)
    return add_months(last, 1) if last is not None else first_of_month(today)


def check_month(db: Any, month: date) -> None:
    first, last = ledger.closed_range(db)
    refusal = closed_month_check(first_of_month(month), first, last)
    if refusal:
        raise InputError("month", refusal)


def payment_run(
    db: Any,
    month: date,
    clock: Clock,
    progress: Progress | None = None,
    *,
    with_basis: bool = True,
) -> PaymentRun:
    """The run of `month` (any day of it): as paid if closed, else computed today.
    ``with_basis=False`` leaves out what each line was computed from (``RunLine.basis``,
    the JSON of SPEC 6 ``inputs``): what a screen shows, in a fraction of the memory."""
    return drive(run_steps(db, month, with_basis=with_basis), progress)


def run_steps(db: Any, month: date, *, with_basis: bool = True) -> RunSteps:
    """``payment_run`` a slice at a time, for a caller that does other work in between
    (the window paints and answers the user). Nothing is read before the first step;
    an unrunnable month raises ``InputError`` then. The database is read at the start
    and at the end: a caller that lets anything be written in between must compare
    ``data_stamp`` and start again when it changed (the result would mix both)."""
    return (yield from paused_steps(_month_steps(db, month, with_basis)))


def _month_steps(db: Any, month: date, with_basis: bool) -> RunSteps:
    month = first_of_month(month)
    check_month(db, month)
    closed = ledger.closed_run(db, month)
    if closed is not None:
        return (yield from closed_steps(db, closed, with_basis))
    return (yield from compute_steps(db, month, with_basis))


def data_stamp(db: Any) -> tuple[int, int]:
    """Changes to the file as seen from this connection (``store.ledger.data_stamp``): a
    run shown with the same stamp is still today's; a different one means recompute."""
    return ledger.data_stamp(db)


def months_for_choice(db: Any, today: date) -> list[date]:
    """Months the screen offers, oldest first: every closed month and the next one to
    close; before anything is closed, the twelve months up to the current one (the
    ledger may start with any of them)."""
    months = [run.month for run in ledger.closed_runs(db)]
    if not months:
        return [add_months(first_of_month(today), -k) for k in range(11, -1, -1)]
    nxt = next_month_to_close(db, today)
    if nxt not in months:
        months.append(nxt)
    return months
