"""The close writes its lines through ``ledger.LineWriter`` with every part resolved to an
id once (``RunLines.ledger_entries``): a basis the file already holds is found after it
was numbered as new (``moved``), whatever chunk its lines fall in; lines written a few at
a time read back exactly as paid, with consecutive ids in run order; a cancelled close
writes nothing, not even the parts it numbered."""

from __future__ import annotations

import pytest
from _payment_fixtures import D, closed_lines, closed_then_changed

from rejnistvo.services import payment_run as service
from rejnistvo.store import ledger

SEP, OCT, NOV = D("2026-09-01"), D("2026-10-01"), D("2026-11-01")


def _basis_ids(db, month):
    run_id = ledger.closed_run(db, month).id
    return {
        r[0]
        for r in db.execute(
            "SELECT basis_id FROM payment_entries WHERE run_id = ? AND basis_id IS NOT NULL",
            [run_id],
        )
    }


def _counts(db):
    return tuple(
        db.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
        for table in ("payment_bases", "payment_payees", "payment_figures")
    )


def _as_run(lines):
    """A closed run's lines as the ledger holds them, without their line ids."""
    return [
        (x.kind, x.for_month, x.placement_id, x.carer, x.amounts, x.reason, x.basis) for x in lines
    ]


@pytest.mark.parametrize("rows", [2, ledger.writer.ROWS])
@pytest.mark.parametrize("chunk", [1, 2, 3, ledger.CHUNK])
def test_a_month_closed_again_finds_its_bases_and_parts_in_the_file(
    run_db, clock, monkeypatch, chunk, rows
):
    monkeypatch.setattr(ledger.writer, "CHUNK", chunk)
    monkeypatch.setattr(ledger.writer, "ROWS", rows)  # a statement's rows (the parts' too)
    closed_then_changed(run_db, clock)
    first = service.close_month(run_db, NOV, clock)
    written = closed_lines(run_db, NOV)
    before = _counts(run_db)
    assert any(line[-1] for line in written)  # lines with bases
    service.reopen_month(run_db, NOV, "preizkus: zaključek znova", clock)
    found = []
    look_up = ledger.LineWriter._found_in_file

    def watched(writer):
        look_up(writer)
        found.append(dict(writer.moved))

    monkeypatch.setattr(ledger.LineWriter, "_found_in_file", watched)
    again = service.close_month(run_db, NOV, clock)
    assert found and found[-1]  # numbered as new, then found in the file
    # every basis, payee and figure of the second close was in the file: none added,
    # and each line names the one it named the first time
    assert _counts(run_db) == before
    assert closed_lines(run_db, NOV) == written
    assert _as_run(again.lines) == _as_run(first.lines)
    ids = [line.line_id for line in again.lines]
    assert ids == list(range(ids[0], ids[0] + len(ids)))
    assert [x.id for x in ledger.run_lines(run_db, ledger.closed_run(run_db, NOV).id)] == ids


def test_a_basis_found_in_the_file_in_a_later_chunk_keeps_its_id(run_db, clock, monkeypatch):
    """A basis numbered as new in one chunk and found in the file is the file's id in
    every later chunk too (the run's memo keeps the number it was first given)."""
    monkeypatch.setattr(ledger.writer, "CHUNK", 1)
    closed_then_changed(run_db, clock)
    service.close_month(run_db, NOV, clock)
    named = _basis_ids(run_db, NOV)
    service.reopen_month(run_db, NOV, "preizkus: zaključek znova", clock)
    service.close_month(run_db, NOV, clock)
    again = _basis_ids(run_db, NOV)
    assert again == named
    orphans = run_db.execute(
        "SELECT count(*) FROM payment_entries e WHERE e.basis_id IS NOT NULL AND NOT EXISTS "
        "(SELECT 1 FROM payment_bases b WHERE b.id = e.basis_id)"
    ).fetchone()[0]
    assert orphans == 0


def test_a_cancelled_close_writes_neither_lines_nor_parts(run_db, clock, monkeypatch):
    monkeypatch.setattr(ledger.writer, "CHUNK", 2)
    closed_then_changed(run_db, clock)
    before = _counts(run_db)
    entries = run_db.execute("SELECT count(*) FROM payment_entries").fetchone()[0]
    calls = []

    def progress(done, total):
        calls.append(done)
        return len(calls) < 2  # the second chunk cancels

    # the run the screen made: the close computes nothing, its progress is the writing's
    computed, stamp = service.payment_run(run_db, NOV, clock), service.data_stamp(run_db)
    with pytest.raises(service.RunCancelled):
        service.close_month(run_db, NOV, clock, progress, computed=computed, stamp=stamp)
    assert calls == [2, 4]
    assert run_db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert ledger.closed_run(run_db, NOV) is None
    assert _counts(run_db) == before
    assert run_db.execute("SELECT count(*) FROM payment_entries").fetchone()[0] == entries


def test_a_close_inserts_its_lines_several_a_statement(run_db, clock, monkeypatch):
    """A statement a line: SQLite's reset and step and the module's loop for each of
    270,000 lines after a backdated rate were ~0.25 s of the close. ``ROWS`` lines a
    statement (the rest of a chunk one a statement), in run order: consecutive ids, and
    the lines read back as those of a close written a line a statement."""
    closed_then_changed(run_db, clock)
    monkeypatch.setattr(ledger.writer, "ROWS", 3)
    run = []
    run_db.conn.set_trace_callback(run.append)
    try:
        closed = service.close_month(run_db, NOV, clock)
    finally:
        run_db.conn.set_trace_callback(None)
    count = len(closed.lines)
    assert count >= 7
    inserts = [sql for sql in run if sql.startswith("INSERT INTO payment_entries")]
    assert len(inserts) == count // 3 + count % 3
    ids = [line.line_id for line in closed.lines]
    assert ids == list(range(ids[0], ids[0] + count))
    assert [x.id for x in ledger.run_lines(run_db, ledger.closed_run(run_db, NOV).id)] == ids
    written = closed_lines(run_db, NOV)
    service.reopen_month(run_db, NOV, "preizkus: zaključek znova", clock)
    monkeypatch.setattr(ledger.writer, "ROWS", 1)
    service.close_month(run_db, NOV, clock)
    assert closed_lines(run_db, NOV) == written


def test_a_close_keeps_its_statement_journals_in_memory(run_db, clock, monkeypatch):
    """A statement of many lines keeps a statement journal (the pages it changes, to undo
    it alone), which SQLite wrote to a temporary file beyond 64 KiB: ~430 MB after a
    backdated rate. During the close the connection keeps them in memory
    (``temp_store`` 2); after it, the setting is the connection's own again."""
    closed_then_changed(run_db, clock)
    own = run_db.execute("PRAGMA temp_store").fetchone()[0]
    assert own != 2
    during = []
    write = ledger.LineWriter.write

    def watched(writer, *args):
        during.append(run_db.execute("PRAGMA temp_store").fetchone()[0])
        return write(writer, *args)

    monkeypatch.setattr(ledger.LineWriter, "write", watched)
    service.close_month(run_db, NOV, clock)
    assert during == [2]
    assert run_db.execute("PRAGMA temp_store").fetchone()[0] == own


def test_a_close_inside_a_transaction_with_a_temporary_table_closes_all_the_same(run_db, clock):
    """Inside a caller's transaction whose temporary schema is open SQLite refuses to
    switch where temporary data is kept: the close then keeps the setting it found."""
    closed_then_changed(run_db, clock)
    run_db.execute("CREATE TEMP TABLE kept_by_caller (a)")
    own = run_db.execute("PRAGMA temp_store").fetchone()[0]
    with run_db.atomic():
        run_db.execute("INSERT INTO kept_by_caller VALUES (1)")
        closed = service.close_month(run_db, NOV, clock)
    assert closed.lines and ledger.closed_run(run_db, NOV) is not None
    assert run_db.execute("SELECT a FROM kept_by_caller").fetchall() == [(1,)]
    assert run_db.execute("PRAGMA temp_store").fetchone()[0] == own
