"""The monthly payment run (SPEC 3.6): run a month, close it, reopen the latest closed
month with a reason, record how an overpayment was settled.

* ``payment_run(db, month, clock)`` — the run of a month: a closed month exactly as it
  was paid (from the ledger); the next month to close computed from today's data, with
  arrears and overpayments for every earlier closed month. A month before the first
  closed one, or two months or more after the last closed one, is refused
  (``InputError`` naming the month to run).
* ``close_month(db, month, clock)`` — writes the run to the ledger in one transaction
  with the date and the user, audited. Months close in order.
* ``reopen_month(db, month, reason, clock)`` — only the latest closed month, with a
  reason, audited; its lines leave the ledger (the reopening log keeps what was closed);
  ``check_reopenable(db, month)`` refuses what it would refuse, before a reason is asked.
* ``settle_overpayment(db, line_id, method, offset_month, note, clock)`` and
  ``unsettled_overpayments(db)`` (the deadlines screen lists these);
  ``check_settlement(db, line_id, method, offset_month)`` refuses what it would refuse.
  ``settle_overpayments(db, line_ids, …)`` settles many the same way in one transaction
  (one refused line refuses them all, ``check_settlements`` says which).
* ``run_document(run)`` — the JSON of SPEC 6 ``run``. A run's warnings name the carers
  it pays without a usable IBAN (worked out whenever the month is shown);
  ``kept_warnings(warnings)`` are the others, the ones a closed month keeps.
* ``paid_outside_notice(db, day)`` and ``reentered_one_off_notice(db, payment)`` — what
  the window tells before it saves a one-off payment the run would not pay as typed
  (dated before the ledger began; entered again after a paid one was deleted: it first
  undoes that one's open overpayment).
* ``run_steps(db, month, with_basis=…)`` — the same run a slice at a time (a generator
  of (done, total), returning the run), for the window, which computes between paints;
  ``data_stamp(db)`` tells whether anything was written since a run was made (then it
  is made again). ``with_basis=False`` leaves out each line's ``inputs`` (the screen
  does not show them; a run of 20,000 lines takes a third of the memory).

A computed run's ``lines`` (``RunLines``) make each line when it is first asked for:
the run keeps what a line is made from, the sums and the screen's tabs need no line,
and the close writes the ledger's rows straight from it (after a backdated rate a run
has 270,000 lines).

One module per job, every name above importable from here as before: ``run`` (the run
of a month; which months), ``closed`` (a closed month as paid), ``computed`` (the open
run: ``recheck`` chooses the closed months compared with the ledger, ``figures`` the
shared payments and differences, ``undoing`` the overpayments a later change gives back,
``one_offs`` the one-off payments, ``order`` the run order), ``lines`` (the run and its
lines), ``steps`` (a run a slice at a time), ``closing`` (close and reopen),
``overpayments`` (their settlement), ``notices`` (what the window tells before a one-off
payment is saved), ``documents`` (the JSON of SPEC 6).
"""

from rejnistvo.services.payment_run.closed import settlement_text, undoing_text
from rejnistvo.services.payment_run.closing import (
    check_closable,
    check_reopenable,
    close_month,
    first_close_notice,
    reopen_month,
)
from rejnistvo.services.payment_run.documents import LineJson, line_document, run_document
from rejnistvo.services.payment_run.lines import (
    CLOSED,
    OPEN,
    PaymentRun,
    Progress,
    RunCancelled,
    RunLine,
    RunLines,
)
from rejnistvo.services.payment_run.notices import (
    NAMED_PAID_OUTSIDE,
    kept_warnings,
    paid_outside_notice,
    reentered_one_off_notice,
)
from rejnistvo.services.payment_run.overpayments import (
    SETTLEMENT_METHODS,
    Overpayment,
    check_settlement,
    check_settlements,
    settle_overpayment,
    settle_overpayments,
    unsettled_overpayments,
)
from rejnistvo.services.payment_run.run import (
    check_month,
    closed_months,
    data_stamp,
    months_for_choice,
    next_month_to_close,
    payment_run,
    run_steps,
)
from rejnistvo.services.payment_run.steps import RunSteps, drive

__all__ = [
    "kept_warnings",
    "first_close_notice",
    "CLOSED",
    "NAMED_PAID_OUTSIDE",
    "OPEN",
    "SETTLEMENT_METHODS",
    "LineJson",
    "Overpayment",
    "PaymentRun",
    "Progress",
    "RunCancelled",
    "RunLine",
    "RunLines",
    "RunSteps",
    "check_closable",
    "check_reopenable",
    "check_settlement",
    "check_settlements",
    "check_month",
    "close_month",
    "closed_months",
    "data_stamp",
    "drive",
    "line_document",
    "months_for_choice",
    "next_month_to_close",
    "paid_outside_notice",
    "payment_run",
    "reentered_one_off_notice",
    "reopen_month",
    "run_document",
    "run_steps",
    "settle_overpayment",
    "settle_overpayments",
    "settlement_text",
    "undoing_text",
    "unsettled_overpayments",
]
