"""A computed run makes each line when it is asked for (``RunLines``): whichever order the
lines are asked in, each is the same line, the rows the close writes are those lines,
and the sums and summaries made without lines agree with the lines."""

from __future__ import annotations

import random

from _payment_fixtures import D, closed_then_changed

from rejnistvo.rules.money import ZERO
from rejnistvo.rules.payment_run import OVERPAYMENT, PAID_KINDS
from rejnistvo.services import payment_run as service

SEP, OCT, NOV = D("2026-09-01"), D("2026-10-01"), D("2026-11-01")


def _run_with_differences(run_db, clock):
    closed_then_changed(run_db, clock)
    return lambda **kw: service.payment_run(run_db, NOV, clock, **kw)


def _fields(line):
    return (
        line.kind, line.for_month, line.placement_id, line.carer, line.child, line.contract,
        line.iban, line.centre, line.unit, line.days, line.factor, line.amounts, line.reason,
        line.basis, line.one_off_id, line.line_id,
    )  # fmt: skip


def test_lines_made_in_any_order_are_the_same_lines(run_db, clock):
    run = _run_with_differences(run_db, clock)
    in_order = [_fields(line) for line in run().lines]
    kinds = {fields[0] for fields in in_order}
    assert {"month", "arrears", "overpayment"} <= kinds
    for seed in range(5):
        lines = run().lines
        indexes = list(range(len(lines)))
        random.Random(seed).shuffle(indexes)
        made = {i: _fields(lines[i]) for i in indexes}
        assert [made[i] for i in range(len(lines))] == in_order
        assert lines[-1] is lines[len(lines) - 1]  # made once, then kept
        assert [_fields(x) for x in lines[1:3]] == in_order[1:3]


def test_sums_and_summaries_agree_with_the_lines(run_db, clock):
    run = _run_with_differences(run_db, clock)()
    lines = list(run.lines)
    assert run.total == sum((x.total for x in lines if x.kind in PAID_KINDS), ZERO)
    assert run.overpayments == -sum((x.total for x in lines if x.kind == OVERPAYMENT), ZERO)
    assert [run.lines.summary(i) for i in range(len(lines))] == [
        (x.kind, x.amounts, x.centre, x.unit) for x in lines
    ]
    assert run.paid_lines() == [x for x in lines if x.kind in PAID_KINDS]


def test_the_rows_a_close_writes_are_the_lines(run_db, clock):
    run = _run_with_differences(run_db, clock)
    written = list(run().lines.ledger_rows())  # no line made first
    assert written == [service._ledger_row(line) for line in run().lines]
    # without bases the lines are the same but for the basis
    narrow = run(with_basis=False).lines
    assert [_fields(x)[:13] for x in narrow] == [_fields(x)[:13] for x in run().lines]
    assert all(x.basis is None for x in narrow)
