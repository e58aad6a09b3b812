"""Closing a month with the run the caller already computed (``close_month(computed=,
stamp=)``): written as it is only while nothing was written since it was made (the file's
stamp, read inside the closing transaction), else computed again; either way the ledger
gets exactly the lines a close that computes gets — bases and one-off lines included,
also from a run made without bases (the screen's)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from _payment_fixtures import D, closed_lines, closed_then_changed

from rejnistvo.services import payment_run as service
from rejnistvo.services import rates as rate_service
from rejnistvo.services.payment_run import closing, one_offs
from rejnistvo.store import get_record, ledger, open_db, save_record

SEP, OCT, NOV = D("2026-09-01"), D("2026-10-01"), D("2026-11-01")


def _with_arrears_and_one_offs(run_db, clock):
    """Two closed months, then a backdated rate (arrears), a shortened placement (an
    overpayment) and one-off payments: one in November, one dated in a closed month."""
    closed_then_changed(run_db, clock)
    carer = get_record(run_db, "placements", run_db.ids["B"])["carer_id"]
    for day, amount in (("2026-11-03", "430.00"), ("2026-09-20", "120.00")):
        save_record(
            run_db,
            "one_off_payments",
            {"carer_id": carer, "placement_id": run_db.ids["B"], "kind": "first_placement",
             "amount": amount, "date": day},
        )  # fmt: skip


def _document(run):
    return service.run_document(run)


@pytest.fixture
def computes(monkeypatch):
    """How many times a close computed its run."""
    calls = []
    compute = closing.compute

    def counted(*args, **kwargs):
        calls.append(args[1])
        return compute(*args, **kwargs)

    monkeypatch.setattr(closing, "compute", counted)
    return calls


def _closed_by_computing(run_db, clock):
    """The ledger and document of November closed the old way; November open again."""
    closed = service.close_month(run_db, NOV, clock)
    written, document = closed_lines(run_db, NOV), _document(closed)
    service.reopen_month(run_db, NOV, "preizkus: zaključek znova", clock)
    return written, document


@pytest.mark.parametrize("with_basis", [True, False])
def test_a_run_still_current_is_written_as_the_close_would_compute_it(
    run_db, clock, computes, with_basis
):
    _with_arrears_and_one_offs(run_db, clock)
    written, document = _closed_by_computing(run_db, clock)
    kinds = {row[0] for row in written}
    assert {"month", "arrears", "overpayment", "one_off"} <= kinds
    assert all(row[-1] for row in written if row[0] != "overpayment")  # bases kept
    computes.clear()
    run = service.payment_run(run_db, NOV, clock, with_basis=with_basis)
    stamp = service.data_stamp(run_db)
    closed = service.close_month(run_db, NOV, clock, computed=run, stamp=stamp)
    assert computes == []  # taken as it was
    assert closed_lines(run_db, NOV) == written
    assert _document(closed) == document
    ids = [line.line_id for line in closed.lines]
    assert ids == [line.id for line in ledger.run_lines(run_db, ledger.closed_run(run_db, NOV).id)]
    assert service.payment_run(run_db, NOV, clock).total == closed.total


def test_a_write_since_the_run_was_made_makes_the_close_compute_it_again(run_db, clock, computes):
    _with_arrears_and_one_offs(run_db, clock)
    run = service.payment_run(run_db, NOV, clock, with_basis=False)
    stamp = service.data_stamp(run_db)
    rate_service.add_rate(run_db, "2026-06-01", "660.00", "480.00", "test: later")
    written, document = _closed_by_computing(run_db, clock)
    computes.clear()
    closed = service.close_month(run_db, NOV, clock, computed=run, stamp=stamp)
    assert computes == [NOV]
    assert closed_lines(run_db, NOV) == written != []
    assert _document(closed) == document
    assert closed.total != run.total  # the stale run was not written


def test_another_programs_write_makes_the_close_compute_it_again(run_db, clock, computes, tmp_path):
    _with_arrears_and_one_offs(run_db, clock)
    run = service.payment_run(run_db, NOV, clock)
    stamp = service.data_stamp(run_db)
    beside = open_db(tmp_path / "run.sqlite3", lock=False)  # e.g. the command line
    try:
        rate_service.add_rate(beside, "2026-06-01", "660.00", "480.00", "test: beside")
    finally:
        beside.close()
    computes.clear()
    closed = service.close_month(run_db, NOV, clock, computed=run, stamp=stamp)
    assert computes == [NOV]
    assert closed.total != run.total
    assert closed.total == sum(
        (row[15].total for row in closed_lines(run_db, NOV) if row[0] != "overpayment"),
        Decimal("0"),
    )


def test_a_run_of_another_month_or_without_a_stamp_is_not_taken(run_db, clock, computes):
    service.close_month(run_db, SEP, clock)
    computes.clear()
    october = service.payment_run(run_db, OCT, clock)
    service.close_month(run_db, OCT, clock, computed=october)  # no stamp: computed
    assert computes == [OCT]
    computes.clear()
    stamp = service.data_stamp(run_db)  # nothing written since: only the month differs
    service.close_month(run_db, NOV, clock, computed=october, stamp=stamp)
    assert computes == [NOV]


def test_a_one_off_line_not_made_again_alike_makes_the_close_compute(run_db, clock, computes):
    _with_arrears_and_one_offs(run_db, clock)
    run = service.payment_run(run_db, NOV, clock, with_basis=False)
    assert not run.lines.take_bases([])  # its one-off lines are not among those given
    assert not run.lines.has_bases  # and nothing changed
    again = one_offs.one_off_lines(run_db, NOV, SEP, True)
    assert run.lines.take_bases(again)
    assert run.lines.has_bases
    assert [line.basis for line in run.lines if line.one_off_id] == [o.basis for o in again]


def test_cancelling_while_the_lines_are_written_writes_nothing(run_db, clock):
    _with_arrears_and_one_offs(run_db, clock)
    run = service.payment_run(run_db, NOV, clock)
    stamp = service.data_stamp(run_db)
    lines_before = run_db.execute("SELECT count(*) FROM payment_lines").fetchone()[0]
    seen = []

    def progress(done, total):
        seen.append((done, total))
        return False

    with pytest.raises(service.RunCancelled):
        service.close_month(run_db, NOV, clock, progress, computed=run, stamp=stamp)
    assert seen == [(len(run.lines), len(run.lines))]  # one chunk: a few lines
    assert ledger.closed_run(run_db, NOV) is None
    assert run_db.execute("SELECT count(*) FROM payment_lines").fetchone()[0] == lines_before


def test_a_screens_run_taken_over_by_a_cancelled_close_closes_alike_later(run_db, clock, computes):
    """The close makes the screen's run one with bases in place (``take_bases``): after a
    close cancelled while writing, that run still closes as a computing close."""
    _with_arrears_and_one_offs(run_db, clock)
    written, document = _closed_by_computing(run_db, clock)
    run = service.payment_run(run_db, NOV, clock, with_basis=False)
    shown = [line.reason for line in run.lines]  # made without bases, as painted
    stamp = service.data_stamp(run_db)
    with pytest.raises(service.RunCancelled):
        service.close_month(run_db, NOV, clock, lambda *_: False, computed=run, stamp=stamp)
    assert run.lines.has_bases and [line.reason for line in run.lines] == shown
    computes.clear()
    # (the rolled-back write moved the stamp: the screen reads the month again; given
    # the stamp now, the run taken over is still the one to write)
    stamp = service.data_stamp(run_db)
    closed = service.close_month(run_db, NOV, clock, computed=run, stamp=stamp)
    assert computes == [] and closed.lines is run.lines
    assert closed_lines(run_db, NOV) == written
    assert _document(closed) == document
