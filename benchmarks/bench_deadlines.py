"""*Roki*'s data at the program's start: ``services.deadlines.list_deadlines`` on copies
of demo files (issue 13, goal 1: ≤ 40 ms at 20,000 placements, ≤ 150 ms at 80,000).

Run: python benchmarks/bench_deadlines.py [--day YYYY-MM-DD] [--reference] [--parts] [--head]
[--plans] FILE...

Each FILE (e.g. /work/bench/d20k.sqlite3) is copied to a temporary folder first, never
opened in place. Prints the median and the fastest of 5 runs, wall clock and the
CPU time of the thread (on a busy machine the CPU time is the steadier figure), and the
number of reminders. Each run is measured as at the program's start: SQLite's page cache
emptied first (``PRAGMA shrink_memory``: the window's connection has read nothing of
these tables yet; the file itself stays in the system's cache) and the collector off (the
window's start holds it off and freezes what it made; left on, its passes after the call
grow with the heap and were a part of the old figures at 80,000 placements). ``--reference`` runs the implementation before the speed work
(``tests/services/_deadlines_reference.py``) interleaved with the current one, for the
before/after figures of the README. ``--parts`` also times each rule's part alone (its
query and its loop; the CPU median and fastest, and the reminders it made): where the
time goes. ``--head`` times what *Roki* does before its first paint now
(``first_deadlines``: the list's first rows) and the steps that complete the list after it
(``deadline_steps``: their number, CPU sum, median and longest step). ``--plans`` prints
SQLite's plan of each query the first rows and the whole list run (the first rows read
the narrow indexes of store step m015, the whole list keeps its scans; the same is
asserted in ``tests/services/test_deadlines_plans.py``). Figures are printed, never
asserted.
"""

from __future__ import annotations

import argparse
import gc
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any, cast

from rejnistvo.services.deadlines import list_deadlines
from rejnistvo.store import open_db

# The day the demo files were made on (their dates are relative to it).
DAY = date(2026, 12, 1)
RUNS = 5


def _reference() -> Callable[[Any, date], list[Any]]:
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests" / "services"))
    from _deadlines_reference import (  # type: ignore[import-not-found]
        reference_deadlines,
    )

    return cast(Callable[[Any, date], list[Any]], reference_deadlines)


def _timed(
    function: Callable[[Any, date], list[Any]], db: Any, day: date
) -> tuple[float, float, int]:
    db.execute("PRAGMA shrink_memory")
    gc.collect()
    gc.disable()
    try:
        wall, cpu = time.perf_counter(), time.thread_time()
        count = len(function(db, day))
        return (time.perf_counter() - wall) * 1000, (time.thread_time() - cpu) * 1000, count
    finally:
        gc.enable()


def _parts(db: Any, day: date) -> None:
    """Each rule's part of ``list_deadlines`` alone, measured as the whole is."""
    from rejnistvo.register import workflow
    from rejnistvo.services import deadlines

    parts: dict[str, Callable[[Any, dict[str, list[Any]]], None]] = {
        "increases": lambda d, out: deadlines._board_increases(db, d, out),
        "r4": lambda d, out: deadlines._r4_cases(db, d, workflow.waiting_threshold(db), out),
        "people": lambda d, out: deadlines._people(db, d, out),
        "coordinators": lambda d, out: deadlines._coordinators(db, d, out),
        "instalments": lambda d, out: deadlines._instalments(db, d, out),
        "overpayments": lambda d, out: deadlines._overpayments(db, d, out),
        "indexation": lambda d, out: deadlines._indexation(db, d, out),
    }
    times: dict[str, list[float]] = {name: [] for name in parts}
    made: dict[str, int] = {}
    for _run in range(RUNS):
        for name, part in parts.items():
            out: dict[str, list[Any]] = {kind: [] for kind in deadlines.KINDS}
            db.execute("PRAGMA shrink_memory")
            gc.collect()
            gc.disable()
            try:
                cpu = time.thread_time()
                part(deadlines._Day(day), out)
                times[name].append((time.thread_time() - cpu) * 1000)
            finally:
                gc.enable()
            made[name] = sum(len(found) for found in out.values())
    for name, cpus in times.items():
        print(
            f"  {name:<12} CPU median {statistics.median(cpus):6.1f} ms "
            f"(fastest {min(cpus):6.1f}); {made[name]} reminders"
        )


def _head(db: Any, day: date) -> None:
    """Roki's first rows before the first paint, and the steps completing the list."""
    from rejnistvo.services.deadlines import deadline_steps, first_deadlines

    heads: list[tuple[float, float, int]] = []
    for _run in range(RUNS):
        heads.append(_timed(lambda d, t: first_deadlines(d, t).deadlines, db, day))
    print(_summary("first rows", heads))
    sums, longest, count = [], [], 0
    for _run in range(RUNS):
        db.execute("PRAGMA shrink_memory")
        steps = deadline_steps(db, day)
        times: list[float] = []
        gc.disable()
        try:
            while True:
                cpu = time.thread_time()
                try:
                    next(steps)
                except StopIteration:
                    times.append((time.thread_time() - cpu) * 1000)
                    break
                times.append((time.thread_time() - cpu) * 1000)
        finally:
            gc.enable()
        sums.append(sum(times))
        longest.append(max(times))
        count = len(times)
    print(
        f"  {'the rest':<10} {count} steps, CPU sum median {statistics.median(sums):7.1f} ms, "
        f"longest step median {statistics.median(longest):5.1f} ms (each run's longest: "
        f"{', '.join(f'{t:.1f}' for t in longest)})"
    )


def _plans(db: Any, day: date) -> None:
    """EXPLAIN QUERY PLAN of every query of the first rows and of the whole list."""
    from rejnistvo.services.deadlines import first_deadlines

    for label, call in (
        ("first rows", lambda: first_deadlines(db, day)),
        ("whole list", lambda: list_deadlines(db, day)),
    ):
        seen: list[str] = []
        db.conn.set_trace_callback(seen.append)
        try:
            call()
        finally:
            db.conn.set_trace_callback(None)
        print(f"  {label}:")
        for sql in dict.fromkeys(" ".join(text.split()) for text in seen):
            if not sql.upper().startswith("SELECT"):
                continue
            plan = [row[-1] for row in db.execute("EXPLAIN QUERY PLAN " + sql)]
            print(f"    {sql[:100]}…\n      " + " | ".join(plan))


def _summary(label: str, runs: list[tuple[float, float, int]]) -> str:
    walls, cpus = [r[0] for r in runs], [r[1] for r in runs]
    return (
        f"  {label:<10} wall median {statistics.median(walls):7.1f} ms (fastest "
        f"{min(walls):6.1f}), CPU median {statistics.median(cpus):7.1f} ms "
        f"(fastest {min(cpus):6.1f}); {runs[0][2]} reminders"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("files", nargs="+", type=Path)
    parser.add_argument("--day", type=date.fromisoformat, default=DAY)
    parser.add_argument("--reference", action="store_true")
    parser.add_argument("--parts", action="store_true")
    parser.add_argument("--head", action="store_true")
    parser.add_argument("--plans", action="store_true")
    args = parser.parse_args()
    reference = _reference() if args.reference else None
    for source in args.files:
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / source.name
            shutil.copyfile(source, path)
            db = open_db(path)
            try:
                list_deadlines(db, args.day)  # the first call warms the file's pages
                now: list[tuple[float, float, int]] = []
                before: list[tuple[float, float, int]] = []
                for run in range(RUNS):
                    # interleaved, each first in turn (the second of a pair may find
                    # the system's caches warmer)
                    pair: list[tuple[list[Any], Callable[[Any, date], list[Any]]]]
                    pair = [(now, list_deadlines)]
                    if reference is not None:
                        pair.append((before, reference))
                    for found, function in pair if run % 2 else pair[::-1]:
                        found.append(_timed(function, db, args.day))
                print(f"{source.name} on {args.day}:")
                if before:
                    print(_summary("before", before))
                print(_summary("now", now))
                if args.parts:
                    _parts(db, args.day)
                if args.head:
                    _head(db, args.day)
                if args.plans:
                    _plans(db, args.day)
            finally:
                db.close()


if __name__ == "__main__":
    main()
