"""Schema step m013: the ledger's lines in parts (payees, figures, entries) and the view
``payment_lines`` over them. A file closed before the step reads the same after it
through every reader of the ledger (closed months, what was paid, overpayments and their
settlements, one-off payments, the run computed against it); a month closed after it
reads as it was written; the ledger keeps its guards (a paid placement is not deleted,
a settlement names a line that exists)."""

from __future__ import annotations

import sqlite3
from datetime import date

import pytest
from _payment_fixtures import D
from sqlite_utils import Database
from test_close_reuse import _with_arrears_and_one_offs

from rejnistvo.services import payment_run as service
from rejnistvo.store import ledger
from rejnistvo.store.schema import migrations

SEP, OCT, NOV, DEC = D("2026-09-01"), D("2026-10-01"), D("2026-11-01"), D("2026-12-01")
LATER = date(2030, 1, 1)


def _closed_ledger(run_db, clock):
    """Three closed months (arrears, an overpayment, one-off payments), one overpayment
    settled: the file is then read as it is and as an old file would hold it."""
    _with_arrears_and_one_offs(run_db, clock)
    service.close_month(run_db, NOV, clock)
    over = service.unsettled_overpayments(run_db)
    assert over
    service.settle_overpayment(run_db, over[0].line_id, "refund", None, "vrnjeno", clock)


def _as_m012_file(source, path) -> Database:
    """`source`'s data in a file made by the steps before m013: its ledger lines in the
    one table ``payment_lines`` of m005/m010, as the program before m013 wrote them."""
    old = Database(path, execute_plugins=False)
    migrations.apply(old, stop_before="m013_ledger_parts")
    old.execute("PRAGMA foreign_keys = OFF")
    old.execute("ATTACH DATABASE ? AS source", [str(source)])
    tables = [
        name
        for (name,) in old.execute(
            "SELECT name FROM main.sqlite_master WHERE type = 'table' "
            "AND name NOT IN ('_sqlite_migrations', 'sqlite_sequence')"
        )
    ]
    with old.conn:
        for table in tables:
            columns = ", ".join(row[1] for row in old.execute(f"PRAGMA main.table_info({table})"))
            old.execute(f"DELETE FROM main.{table}")
            old.execute(
                f"INSERT INTO main.{table} ({columns}) SELECT {columns} FROM source.{table}"
            )
    old.execute("DETACH DATABASE source")
    old.execute("PRAGMA foreign_keys = ON")
    return old


def _readings(db, clock) -> dict:
    """What every reader of the ledger gives."""
    runs = ledger.closed_runs(db)
    all_ids = [row[0] for row in db.execute("SELECT id FROM payment_lines ORDER BY id")]
    return {
        "runs": runs,
        "lines": [ledger.run_lines(db, run.id) for run in runs],
        "pages": [
            [
                line
                for page in ledger.run_line_pages(db, run.id, ledger.LedgerLine, 3)
                for line in page
            ]
            for run in runs
        ],  # fmt: skip
        "paid": ledger.paid_months(db, LATER),
        "paid_some": ledger.paid_months(db, LATER, {db.ids["A"], db.ids["C"]}),
        "one_offs": ledger.paid_one_offs(db),
        "over": ledger.overpayment_lines(db, unsettled_only=False),
        "unsettled": ledger.overpayment_lines(db, unsettled_only=True),
        "settlements": ledger.settlements(db),
        "by_id": ledger.lines_by_id(db, all_ids),
        "settled": [ledger.settled_lines_of_run(db, run.id) for run in runs],
        "first": [ledger.first_line_id(db, run.id) for run in runs],
        "months": [service.run_document(service.payment_run(db, r.month, clock)) for r in runs],
        "december": service.run_document(service.payment_run(db, DEC, clock)),
        "overpayments": [o.text for o in service.unsettled_overpayments(db)],
    }


def test_an_old_files_ledger_reads_the_same_after_m013(run_db, clock, tmp_path):
    _closed_ledger(run_db, clock)
    now = _readings(run_db, clock)
    assert len(now["runs"]) == 3 and now["over"] and now["one_offs"] and now["settlements"]
    old = _as_m012_file(tmp_path / "run.sqlite3", tmp_path / "old.sqlite3")
    old.ids = run_db.ids
    try:
        assert (
            old.execute("SELECT type FROM sqlite_master WHERE name = 'payment_lines'").fetchone()[0]
            == "table"
        )
        # Today's readers name m014's table of undone overpayments: an empty one lets
        # them read the old file (the program reads a file only after every step).
        old.execute(
            "CREATE TABLE overpayment_undoings (line_id INTEGER PRIMARY KEY, "
            "overpayment_id INTEGER NOT NULL, closes INTEGER NOT NULL)"
        )
        before = _readings(old, clock)
        old.execute("DROP TABLE overpayment_undoings")
        migrations.apply(old)
        assert (
            old.execute("SELECT type FROM sqlite_master WHERE name = 'payment_lines'").fetchone()[0]
            == "view"
        )
        after = _readings(old, clock)
        for key in now:
            assert before[key] == now[key], key
            assert after[key] == before[key], key
        # a line's parts are written once: the three months' 18 lines, 4 payees
        counts = [
            old.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
            for t in ("payment_entries", "payment_payees", "payment_figures")
        ]
        assert counts[0] == len(after["by_id"]) and counts[1] == 4 < counts[2] < counts[0]
        # closing the next month on the migrated file finds the parts it already holds
        service.close_month(old, DEC, clock)
        service.close_month(run_db, DEC, clock)
        assert old.execute("SELECT count(*) FROM payment_payees").fetchone()[0] == counts[1]
        assert service.run_document(service.payment_run(old, DEC, clock)) == service.run_document(
            service.payment_run(run_db, DEC, clock)
        )
    finally:
        old.close()


def test_a_month_closed_after_m013_reads_as_it_was_written(run_db, clock):
    _with_arrears_and_one_offs(run_db, clock)
    computed = service.payment_run(run_db, NOV, clock)
    written = service.run_document(computed)
    service.close_month(run_db, NOV, clock)
    assert service.run_document(service.payment_run(run_db, NOV, clock)) == {
        **written,
        "status": "closed",
    }
    # months closed before and after share their payees and figures
    payees = run_db.execute("SELECT count(*) FROM payment_payees").fetchone()[0]
    assert payees == len(run_db.ids) + 1  # A, B, C and D, each once
    texts = run_db.execute(
        "SELECT count(*) FROM (SELECT DISTINCT days, factor, board, board_increase, fee, "
        "fee_uplift, total, reason FROM payment_figures)"
    ).fetchone()[0]
    assert texts == run_db.execute("SELECT count(*) FROM payment_figures").fetchone()[0]


def test_the_ledger_keeps_its_guards(run_db, clock):
    service.close_month(run_db, SEP, clock)
    with pytest.raises(sqlite3.IntegrityError):  # a paid placement is not deleted
        run_db.execute("DELETE FROM placements WHERE id = ?", [run_db.ids["A"]])
    with pytest.raises(sqlite3.IntegrityError):  # a settlement names a line that exists
        run_db.execute(
            "INSERT INTO overpayment_settlements (line_id, method, settled_on, recorded_by) "
            "VALUES (999999, 'refund', '2026-12-01', 'x')"
        )
    with pytest.raises(sqlite3.IntegrityError):  # a line is of a known kind
        run_db.execute(
            "INSERT INTO payment_entries (run_id, kind, for_month, payee_id, figures_id) "
            "SELECT id, 'other', month, 1, 1 FROM payment_runs"
        )
    with pytest.raises(sqlite3.OperationalError):  # the view is read-only
        run_db.execute("DELETE FROM payment_lines")
    service.reopen_month(run_db, SEP, "preizkus: ponovno odprtje", clock)
    assert run_db.execute("SELECT count(*) FROM payment_entries").fetchone()[0] == 0
