"""Roki lists the money reminders of SPEC 3.5: overpayments a payment run found and
nobody settled yet, and a missing 1 March indexation of the rate table."""

from __future__ import annotations

from _payment_fixtures import (
    TODAY,
    D,
    run_db,  # noqa: F401 (fixture)
)

from rejnistvo.clock import FixedClock
from rejnistvo.services import payment_run, rates
from rejnistvo.services.deadlines import list_deadlines


def _of(db, day, kind):
    return [d for d in list_deadlines(db, day) if d.kind == kind]


def test_unsettled_overpayments_wait_on_roki_until_settled(run_db):  # noqa: F811
    clock = FixedClock(TODAY)
    for month in ("2026-09-01", "2026-10-01", "2026-11-01"):
        payment_run.close_month(run_db, D(month), clock)
    rates.add_rate(run_db, "2026-10-01", "600.00", "450.00", "test: napačen")
    payment_run.close_month(run_db, D("2026-12-01"), clock)
    waiting = _of(run_db, TODAY, "overpayment")
    assert waiting and all("Preplačilo" in d.what and "," in d.what for d in waiting)
    assert {d.open_kind for d in waiting} == {"payments"}
    for d in waiting:
        payment_run.settle_overpayment(run_db, d.open_id, "offset", D("2027-01-01"), "", clock)
    assert _of(run_db, TODAY, "overpayment") == []


def test_a_missing_indexation_is_a_reminder_from_its_1_march(run_db):  # noqa: F811
    # The tests' own table ends with the 2025 row: 1 March 2026 is not entered.
    (missing,) = _of(run_db, TODAY, "indexation")
    assert missing.due == D("2026-03-01") and missing.days < 0
    assert "1. 3. 2026" in missing.what
    rates.add_rate(run_db, "2026-03-01", "655.23", "472.42", "test: uskladitev 2,7 %")
    assert _of(run_db, TODAY, "indexation") == []
    assert _of(run_db, D("2026-02-20"), "indexation") == []


def test_without_overpayments_roki_leaves_the_payment_run_unloaded(tmp_path):
    """The window's start computes Roki: with nothing to settle (the usual day) it does
    not load the payment run's modules (~15-25 ms of every start)."""
    import subprocess
    import sys

    code = (
        "import sys\n"
        "from datetime import date\n"
        "from rejnistvo.store import open_db\n"
        "from rejnistvo.services.deadlines import list_deadlines\n"
        "db = open_db(sys.argv[1])\n"
        "list_deadlines(db, date(2026, 12, 2))\n"
        "print(sorted(m for m in sys.modules if 'payment_run' in m or m.endswith('ledger')))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, str(tmp_path / "empty.sqlite3")],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip() == "[]"


def test_an_overpayment_falls_due_on_the_day_its_run_was_closed(run_db):  # noqa: F811
    """QA10: January's overpayment, found by the run closed on 3. 2., was listed as due
    1. 1. ("zamuja 33 dni"), late before it existed. It is due the day it was found."""
    from rejnistvo.services.deadlines import deadlines_until

    for month in ("2026-09-01", "2026-10-01", "2026-11-01"):
        payment_run.close_month(run_db, D(month), FixedClock(TODAY))
    rates.add_rate(run_db, "2026-10-01", "600.00", "450.00", "test: napačen")
    closed_on = D("2027-01-05")
    payment_run.close_month(run_db, D("2026-12-01"), FixedClock(closed_on))
    waiting = _of(run_db, D("2027-01-08"), "overpayment")
    assert waiting and {(d.due, d.days) for d in waiting} == {(closed_on, -3)}
    assert {d.days for d in _of(run_db, closed_on, "overpayment")} == {0}
    # the first rows of Roki (due by a day) take them only from the day they are due
    early = deadlines_until(run_db, D("2027-01-02"), D("2027-01-04"))
    assert [d for d in early if d.kind == "overpayment"] == []
    due = deadlines_until(run_db, D("2027-01-02"), closed_on)
    assert len([d for d in due if d.kind == "overpayment"]) == len(waiting)
