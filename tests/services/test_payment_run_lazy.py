"""A computed run makes each line when it is asked for (``RunLines``): whichever order the
lines are asked in, each is the same line, the rows the close writes are those lines,
and the sums and summaries made without lines agree with the lines."""

from __future__ import annotations

import random

from _payment_fixtures import D, closed_then_changed

from rejnistvo.rules.money import ZERO
from rejnistvo.rules.payment_run import OVERPAYMENT, PAID_KINDS
from rejnistvo.services import payment_run as service
from rejnistvo.services.payment_run import lines as run_lines

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


def _decoded(writer, entries):
    """The entries a ``LineWriter`` resolved, their parts' ids replaced by the parts."""
    payees = {i: value for value, i in writer.payees.items()}
    figures = {i: value for value, i in writer.figures_by_value.items()}
    bases = {i: text for text, i in writer.basis_ids.items()}
    return [(e[1], e[2], e[3], e[4], payees[e[5]], figures[e[6]], bases.get(e[7])) for e in entries]


def test_the_rows_a_close_writes_are_the_lines(run_db, clock):
    from rejnistvo.store import ledger

    run = _run_with_differences(run_db, clock)
    header = {"month": D("2026-12-01"), "closed_on": D("2026-12-01"), "closed_at": "x",
              "closed_by": "t", "total": ZERO, "overpayments": ZERO, "warnings": []}  # fmt: skip
    fast = ledger.LineWriter(run_db, header)
    written = list(run().lines.ledger_entries(fast))  # no line made first
    whole = ledger.LineWriter(run_db, {**header, "month": D("2027-01-01")})
    one_by_one = [whole.entry(run_lines._ledger_row(line)) for line in run().lines]
    assert {e[0] for e in written} == {fast.run_id}
    assert _decoded(fast, written) == _decoded(whole, one_by_one)
    assert any(e[7] is not None for e in written)  # with their bases
    assert {e[1] for e in written} >= {"month", "arrears", "overpayment"}
    # without bases the lines are the same but for the basis
    narrow = run(with_basis=False).lines
    assert [_fields(x)[:13] for x in narrow] == [_fields(x)[:13] for x in run().lines]
    assert all(x.basis is None for x in narrow)
