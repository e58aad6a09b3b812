"""Opening a file and checking it (issue 13 item 4, issue 15): what each open costs.

Run: python benchmarks/bench_open.py [FILE | N]   (a demo file, or N placements to make;
default 20000). Interleaved medians of 5 runs, printed, never asserted:

* ``open_db`` as the window does it (quick_check, schema check, audit rows since the last
  verified one) against the same open with the full ``integrity_check`` (after a crash);
* a reader's open (``cases``, ``print --db``: no lock, no check);
* ``check`` (full integrity check and the whole keyed audit chain), and the audit chain
  alone: whole vs incremental.
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path


def median_ms(function: Callable[[], object], repeat: int = 5) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main(argument: str = "20000") -> None:
    os.environ.setdefault("REJNISTVO_CONFIG_DIR", tempfile.mkdtemp(prefix="rejnistvo-cfg-"))
    from rejnistvo.store import check_db, open_db
    from rejnistvo.store.audit import verify_audit_chain, verify_since_last
    from rejnistvo.store.demo import fill_demo

    if Path(argument).exists():
        path = Path(argument)
    else:
        path = Path(tempfile.mkdtemp()) / "bench.sqlite3"
        with open_db(path) as db:
            fill_demo(db, scale=int(argument))
    with open_db(path) as db:
        rows = db.execute("SELECT count(*) FROM audit_log").fetchone()[0]
        placements = db["placements"].count
    print(
        f"{path.name}: {placements} placements, {rows} audit rows, "
        f"{path.stat().st_size / 1e6:.1f} MB"
    )
    open_db(path).close()  # the verified head is recorded once
    runs = {
        "open_db (quick_check + schema + audit since last)": lambda: open_db(path).close(),
        "open_db full_check (after a crash)": lambda: open_db(path, full_check=True).close(),
        "open_db read_only (reader)": lambda: open_db(path, read_only=True).close(),
    }
    results: dict[str, list[float]] = {label: [] for label in runs}
    for _ in range(5):  # interleaved
        for label, run in runs.items():
            results[label].append(median_ms(run, repeat=1))
    for label, times in results.items():
        print(f"{label:52s} {statistics.median(times):8.1f} ms")
    with open_db(path, read_only=True) as db:
        print(
            f"{'audit chain, whole (' + str(rows) + ' rows)':52s} "
            f"{median_ms(lambda: verify_audit_chain(db), 3):8.1f} ms"
        )
        print(
            f"{'audit chain, rows since the last verified':52s} "
            f"{median_ms(lambda: verify_since_last(db), 3):8.1f} ms"
        )
    print(
        f"{'check (full integrity + whole chain + keys)':52s} "
        f"{median_ms(lambda: check_db(path), 3):8.1f} ms"
    )


if __name__ == "__main__":
    main(*sys.argv[1:2])
