"""services.payment_run in steps (what the window drives a slice at a time): the same
run as in one call, a closed month read a page at a time exactly as paid, the data
stamp that tells a kept run from a stale one."""

from dataclasses import replace
from datetime import date

from _payment_fixtures import D, add_placement

from rejnistvo.services import payment_run as service
from rejnistvo.services import rates as rate_service
from rejnistvo.services.payment_run import closed as closed_reading
from rejnistvo.services.payment_run import computed, recheck
from rejnistvo.services.payment_run import order as run_order
from rejnistvo.store import ledger, save_record

SEP, OCT, NOV, DEC = D("2026-09-01"), D("2026-10-01"), D("2026-11-01"), D("2026-12-01")


def drain(steps):
    """Every (done, total) a generator yields, and what it returns."""
    seen = []
    while True:
        try:
            seen.append(next(steps))
        except StopIteration as stop:
            return seen, stop.value


def test_run_in_steps_is_the_run_in_one_call(run_db, clock, monkeypatch):
    for month in (SEP, OCT):
        service.close_month(run_db, month, clock)
    rate_service.add_rate(run_db, "2026-03-01", "655.23", "472.42", "test: 2026")
    monkeypatch.setattr(computed, "SLICE", 1)  # one placement a step
    seen, run = drain(service.run_steps(run_db, NOV))
    whole = service.payment_run(run_db, NOV, clock)
    assert run == whole and any(line.kind == "arrears" for line in run.lines)
    # the rules of three placements one a step, what was paid (the placements paid,
    # one window of the ledger, then the step after it), their lines one a step, then
    # reading the paid bases, the other lines and the sort a step each (the differences
    # are worded when their lines are made); what is done never goes back
    assert [total for _, total in seen if total] == [3] * 12
    done = [d for d, _ in seen]
    assert done == sorted(done) and done[-1] == 3


def test_without_basis_the_lines_are_the_same_but_carry_no_inputs(run_db, clock):
    service.close_month(run_db, SEP, clock)
    rate_service.add_rate(run_db, "2026-03-01", "655.23", "472.42", "test: 2026")
    full = service.payment_run(run_db, OCT, clock)
    narrow = service.payment_run(run_db, OCT, clock, with_basis=False)
    assert all(line.basis is None for line in narrow.lines)
    assert narrow.lines == tuple(replace(line, basis=None) for line in full.lines)
    assert (narrow.total, narrow.overpayments) == (full.total, full.overpayments)
    closed = service.payment_run(run_db, SEP, clock, with_basis=False)
    assert closed.status == "closed" and all(line.basis is None for line in closed.lines)


def test_closed_month_read_a_page_at_a_time_is_what_was_written(run_db, clock, monkeypatch):
    written = service.close_month(run_db, SEP, clock)
    monkeypatch.setattr(closed_reading, "PAGE", 1)
    seen, read = drain(service.run_steps(run_db, SEP))
    assert [done for done, _ in seen] == list(range(1, len(written.lines) + 1))
    assert read.status == "closed" and read.closed_on == written.closed_on
    assert [line.line_id for line in read.lines] == [line.line_id for line in written.lines]
    assert [(x.kind, x.child, x.amounts, x.reason) for x in read.lines] == [
        (x.kind, x.child, x.amounts, x.reason) for x in written.lines
    ]
    assert read.total == written.total


def test_placements_read_in_windows_are_the_same_in_the_same_order(run_db):
    # a fourth placement with no unit sorts first (SQLite: NULL before any name)
    carer = save_record(run_db, "carers", {"name": "Ana Brez", "centre_id": 1})
    child = save_record(run_db, "children", {"name": "Otrok D", "centre_id": 1})
    save_record(
        run_db,
        "placements",
        {
            "contract_no": "1220-D/2026",
            "carer_id": carer,
            "child_id": child,
            "periods": [{"kind": "contract", "from_date": "2026-02-01", "to_date": None}],
        },
    )
    add_placement(run_db, "E", "2026-03-01", None, 0, None)

    def read(size):
        _, raw = drain(ledger.read_source_rows(run_db, SEP, D("2026-09-30"), size))
        return ledger.make_sources(raw, raw.ordered())

    one_by_one, at_once = read(1), read(1000)
    assert one_by_one == at_once
    assert [s.contract_no for s in at_once][0] == "1220-D/2026"
    assert ledger.placement_sources(run_db, SEP, D("2026-09-30")) == at_once


def test_data_stamp_changes_with_every_write_and_not_with_reads(run_db, clock):
    stamp = service.data_stamp(run_db)
    service.payment_run(run_db, SEP, clock)
    service.closed_months(run_db)
    assert service.data_stamp(run_db) == stamp
    save_record(run_db, "carers", {"id": 1, "address": "Cesta 2, Kranj"})
    assert service.data_stamp(run_db) != stamp


def test_data_stamp_sees_another_connection_write(run_db, tmp_path):
    import sqlite3

    stamp = service.data_stamp(run_db)
    path = run_db.execute("PRAGMA database_list").fetchone()[2]
    other = sqlite3.connect(path)
    with other:
        other.execute("UPDATE carers SET address = 'Drugje 1' WHERE id = 1")
    other.close()
    assert service.data_stamp(run_db) != stamp


def test_runnable_month_check_happens_on_the_first_step(run_db, clock):
    import pytest

    from rejnistvo.rules.errors import InputError

    service.close_month(run_db, SEP, clock)
    steps = service.run_steps(run_db, date(2026, 12, 1))  # two months after the last closed
    with pytest.raises(InputError):
        next(steps)


def test_paid_months_read_in_windows_are_all_of_them(run_db, clock):
    for month in (SEP, OCT, NOV):
        service.close_month(run_db, month, clock)
    rate_service.add_rate(run_db, "2026-03-01", "655.23", "472.42", "test: 2026")
    service.close_month(run_db, DEC, clock)  # arrears: months with lines in two runs
    JAN = D("2027-01-01")
    whole = ledger.paid_months(run_db, JAN)
    twice = run_db.execute(
        "SELECT count(*) FROM (SELECT 1 FROM payment_lines WHERE one_off_id IS NULL "
        "GROUP BY placement_id, for_month HAVING count(*) > 1)"
    ).fetchone()[0]
    assert twice > 0
    for size in (1, 2, 5, 1000):
        seen, windowed = drain(ledger.paid_month_steps(run_db, JAN, None, size=size))
        # the same sums, in the order of one scan (a vanished month's overpayments
        # come in this order)
        assert list(windowed.items()) == list(whole.items())
    assert len(drain(ledger.paid_month_steps(run_db, JAN, None, size=1))[0]) >= 3
    assert {pid for pid, _ in whole} == set(run_db.ids.values())
    one = {run_db.ids["B"]}
    assert drain(ledger.paid_month_steps(run_db, JAN, one))[1] == ledger.paid_months(
        run_db, JAN, one
    )


def test_the_ledger_read_in_windows_is_not_scanned_for_its_bounds(run_db, clock):
    """The windows' bounds, min(id) and max(id) in one query, were read by a scan of
    every line of the ledger (through the view of m013; ~0.06 s of a run after a
    backdated rate at 20,000 placements): no statement the windowed reading runs scans
    the ledger's lines; each window is a range of their ids."""
    for month in (SEP, OCT, NOV):
        service.close_month(run_db, month, clock)
    run = []
    run_db.conn.set_trace_callback(run.append)
    try:
        drain(ledger.paid_month_steps(run_db, DEC, None, size=2))
    finally:
        run_db.conn.set_trace_callback(None)
    assert any("BETWEEN" in sql for sql in run)
    for sql in run:
        plan = [row[-1] for row in run_db.execute(f"EXPLAIN QUERY PLAN {sql}").fetchall()]
        assert not [step for step in plan if step.startswith(("SCAN e", "SCAN payment_"))], (
            sql,
            plan,
        )


def test_run_lines_are_in_the_order_of_their_keys(run_db, clock):
    # a run's keys are made a placement at a time (prefix) and a kind and month at a
    # time (suffix): the same as ``_order`` of each line
    for month in (SEP, OCT):
        service.close_month(run_db, month, clock)
    rate_service.add_rate(run_db, "2026-03-01", "655.23", "472.42", "test: 2026")
    run = service.payment_run(run_db, NOV, clock)
    kinds = {line.kind for line in run.lines}
    assert {"month", "arrears"} <= kinds
    assert list(run.lines) == sorted(run.lines, key=run_order._order)
    assert len({run_order._order(line) for line in run.lines}) == len(run.lines)


def test_the_collector_is_paused_in_a_run_and_left_as_it_was(run_db, clock, monkeypatch):
    import gc

    import pytest

    from rejnistvo.rules.errors import InputError

    seen: list[bool] = []
    real = computed.shared_month_payments

    def watched(*args, **kwargs):
        seen.append(gc.isenabled())
        return real(*args, **kwargs)

    monkeypatch.setattr(computed, "shared_month_payments", watched)
    monkeypatch.setattr(recheck, "shared_month_payments", watched)
    monkeypatch.setattr(computed, "SLICE", 1)
    assert gc.isenabled()
    service.close_month(run_db, SEP, clock)
    assert gc.isenabled() and seen and not any(seen)
    rate_service.add_rate(run_db, "2026-03-01", "655.23", "472.42", "test: 2026")
    service.payment_run(run_db, OCT, clock)
    assert gc.isenabled()
    # in steps: paused while a slice is computed, on again between slices
    steps = service.run_steps(run_db, OCT)
    between = []
    seen.clear()
    for _ in steps:
        between.append(gc.isenabled())
    assert all(between) and len(between) > 3 and seen and not any(seen)
    # a run left between slices, a cancelled run and a refused month leave it on too
    steps = service.run_steps(run_db, OCT)
    next(steps)
    next(steps)
    steps.close()
    assert gc.isenabled()
    with pytest.raises(service.RunCancelled):
        service.payment_run(run_db, OCT, clock, lambda done, total: False)
    assert gc.isenabled()
    with pytest.raises(InputError):
        service.payment_run(run_db, date(2027, 3, 1), clock)
    assert gc.isenabled()
    with pytest.raises(InputError):
        next(service.run_steps(run_db, date(2027, 3, 1)))
    assert gc.isenabled()
    # a caller that had it off finds it off
    gc.disable()
    try:
        service.close_month(run_db, OCT, clock)
        assert not gc.isenabled()
        for _ in service.run_steps(run_db, NOV):
            assert not gc.isenabled()
        assert not gc.isenabled()
    finally:
        gc.enable()
