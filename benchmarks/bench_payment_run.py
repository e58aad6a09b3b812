"""Payment run speed (SPEC 3.6): 20,000 placements, twelve closed months and more.

Run: python benchmarks/bench_payment_run.py [N] [--base FILE]   (default 20000
placements). Figures are printed, never asserted; the targets are a run ≤ 2 s and
closing ≤ 3 s. ``--base FILE``: start from a copy of FILE, a file already made as below
up to May 2027 closed (the demo and the twelve closings take minutes; the file itself
is never written), so only the runs are measured.

The demo is made as of 5. 6. 2026 (it closes April and May 2026), then every month
from June 2026 to May 2027 is closed: fourteen closed months in all. Measured: the run
of June 2027 with nothing changed (no placement's inputs written since the last close:
no closed month is compared with the ledger), the same after a future rate row (every
placement's closed months worked out with the last close's table and today's; none
differs, nothing is read from the ledger), after a backdated correction of the 2026 rate row
(arrears for every placement in every closed month), and closing June 2027 with those
arrears.

Each run is also measured as the Izplačila screen makes it: ``run_steps`` without the
bases (``with_basis=False``), a slice at a time, the collector held off as the screen
holds it; "longest step" is the longest the window waits between two paints for the
run (the rest of the time it answers the user).

Each figure is wall time, then the process's CPU time and the time Python's cyclic
collector took within it (its passes counted by generation, through ``gc.callbacks``):
the run pauses the collector (``rejnistvo.collector.collector_paused``), so what is
left is the one pass over the run's objects after it, in whatever allocates next.
"""

from __future__ import annotations

import gc
import shutil
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

from rejnistvo.clock import FixedClock
from rejnistvo.collector import collector_paused
from rejnistvo.rules.months import month_range
from rejnistvo.services import payment_run
from rejnistvo.services import rates as rate_service
from rejnistvo.store import open_db
from rejnistvo.store.demo import fill_demo


class _Collector:
    """Passes of the cyclic collector by generation and their time, since ``reset``."""

    def __init__(self) -> None:
        self.passes = [0, 0, 0]
        self.took = 0.0
        self._start = 0.0
        self.note = ""
        gc.callbacks.append(self._seen)

    def _seen(self, phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            self._start = time.perf_counter()
        else:
            self.passes[info["generation"]] += 1
            self.took += time.perf_counter() - self._start

    def reset(self) -> None:
        self.passes, self.took = [0, 0, 0], 0.0


COLLECTOR = _Collector()


def seconds(function):  # type: ignore[no-untyped-def]
    COLLECTOR.reset()
    start, cpu = time.perf_counter(), time.process_time()
    result = function()
    gc.collect(0)  # the pass the run's objects cost once the collector is on again
    took = time.perf_counter() - start
    COLLECTOR.note = (
        f"  [CPU {time.process_time() - cpu:.2f} s; collector {COLLECTOR.took:.2f} s in "
        f"{'/'.join(str(n) for n in COLLECTOR.passes)} passes of gen 0/1/2]"
    )
    return took, result


def stepped(db, month):  # type: ignore[no-untyped-def]
    """The screen's way: (seconds in all, longest step, steps, lines). The screen holds
    the cyclic collector off while a run is under way (``ui.views.payments_loader``):
    so does this, else a full pass over the run's objects lands in some step (up to a
    second after a backdated rate) where the screen never has one."""
    with collector_paused():
        return _stepped(db, month)


def _stepped(db, month):  # type: ignore[no-untyped-def]
    steps = payment_run.run_steps(db, month, with_basis=False)
    longest = 0.0
    count = 0
    start = time.perf_counter()
    while True:
        step = time.perf_counter()
        try:
            next(steps)
        except StopIteration as stop:
            longest = max(longest, time.perf_counter() - step)
            return time.perf_counter() - start, longest, count, len(stop.value.lines)
        longest = max(longest, time.perf_counter() - step)
        count += 1


def show_stepped(label: str, db, month) -> None:  # type: ignore[no-untyped-def]
    took, longest, count, lines = stepped(db, month)
    print(
        f"  {label} as the screen makes it (no bases, in {count} steps): {took:.2f} s, "
        f"longest step {longest * 1000:.0f} ms, {lines} lines"
    )


def _arrears(run) -> int:  # type: ignore[no-untyped-def]
    """The run's arrears lines, counted without making its lines where the run can
    (``RunLines.kinds``; the code before it, run for an A/B, makes them)."""
    kinds = getattr(run.lines, "kinds", None)
    if kinds is None:
        return sum(1 for line in run.lines if line.kind == "arrears")
    return sum(1 for kind, _ in kinds() if kind == "arrears")


def calibration() -> float:
    """Microseconds per month of the rules alone (README: 4.3 µs on the reference
    machine), printed so a figure taken on a busy machine can be read against it."""
    from decimal import Decimal

    from rejnistvo.rules.months import month_payments
    from rejnistvo.rules.periods import Period
    from rejnistvo.rules.rates import Rate, RateTable

    rates = RateTable([Rate(date(2025, 11, 1), Decimal("638.00"), Decimal("460.00"))])
    months = month_range(date(2026, 1, 1), date(2026, 12, 1))
    start = time.perf_counter()
    for i in range(2000):
        month_payments(months, [Period(date(2025, 1, 1 + i % 28))], rates)
    return (time.perf_counter() - start) / 24000 * 1e6


def main(scale: int = 20000, base: Path | None = None) -> None:
    print(f"calibration: rules alone {calibration():.1f} µs a month")
    clock = FixedClock(date(2027, 6, 15))
    june = date(2027, 6, 1)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "bench.sqlite3"
        if base is not None:
            shutil.copyfile(base, path)
        with open_db(path) as db:
            if base is None:
                took, _ = seconds(lambda: fill_demo(db, scale=scale, today=date(2026, 6, 5)))
                print(f"demo --scale {scale} (5. 6. 2026, two months closed): {took:.2f} s")
                closes = []
                for month in month_range(date(2026, 6, 1), date(2027, 5, 1)):
                    took, run = seconds(lambda m=month: payment_run.close_month(db, m, clock))
                    closes.append(took)
                print(
                    f"closing one month took {min(closes):.2f}–{max(closes):.2f} s "
                    f"(last: {len(run.lines)} lines)"
                )
            print(f"closed months: {len(payment_run.closed_months(db))}")
            took, run = seconds(lambda: payment_run.payment_run(db, june, clock))
            print(f"run of 2027-06, nothing changed: {took:.2f} s, {len(run.lines)} lines")
            print(COLLECTOR.note)
            show_stepped("the same", db, june)
            rate_service.add_rate(db, "2028-03-01", "700.00", "500.00", "bench: future row")
            took, run = seconds(lambda: payment_run.payment_run(db, june, clock))
            print(
                f"run of 2027-06 after a future rate row was added (closed months screened "
                f"with the old and today's table, none differs): {took:.2f} s, "
                f"{len(run.lines)} lines"
            )
            print(COLLECTOR.note)
            show_stepped("the same", db, june)
            row = next(r for r in rate_service.list_rates(db) if r.valid_from == date(2026, 3, 1))
            rate_service.correct_rate(
                db, row.id, row.version, "2026-03-01", "656.00", "473.00", "bench: correction"
            )
            took, run = seconds(lambda: payment_run.payment_run(db, june, clock))
            arrears = _arrears(run)
            print(
                f"run of 2027-06 after a backdated correction: {took:.2f} s, {len(run.lines)} "
                f"lines ({arrears} arrears), total {run.total} EUR"
            )
            print(COLLECTOR.note)
            show_stepped("the same", db, june)
            took, run = seconds(lambda: payment_run.close_month(db, june, clock))
            print(f"closing 2027-06 with those arrears: {took:.2f} s, {len(run.lines)} lines")
            print(COLLECTOR.note)
            took, run = seconds(lambda: payment_run.payment_run(db, june, clock))
            print(f"opening the closed 2027-06: {took:.2f} s")
            print(COLLECTOR.note)
            show_stepped("the same", db, june)
    print(f"calibration again: rules alone {calibration():.1f} µs a month")


if __name__ == "__main__":
    arguments = sys.argv[1:]
    base_file = None
    if "--base" in arguments:
        at = arguments.index("--base")
        base_file = Path(arguments[at + 1])
        del arguments[at : at + 2]
    main(int(arguments[0]) if arguments else 20000, base_file)
