"""Store speed: `demo --scale N`, then listing and filtering by a name fragment.

Run: python benchmarks/bench_store.py [N]   (default 20000 placements).
Figures are printed, never asserted; the target is ≤ 30 ms a query.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

from rejnistvo.services.cases import list_cases
from rejnistvo.store import list_records, open_db
from rejnistvo.store.demo import fill_demo

# A fixed day, so that the figures do not move with the machine's date.
TODAY = date(2026, 11, 30)


def timed(function, repeat: int = 7) -> tuple[float, int]:
    """Median milliseconds of `repeat` runs and the number of rows the call returned."""
    times, rows = [], 0
    for _ in range(repeat):
        start = time.perf_counter()
        rows = len(function())
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times), rows


def main(scale: int = 20000) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "bench.sqlite3"
        start = time.perf_counter()
        with open_db(path) as db:
            counts = fill_demo(db, scale=scale, today=TODAY)
        print(
            f"demo --scale {scale}: {time.perf_counter() - start:.2f} s "
            f"({counts['placements']} placements, {counts['r4_cases']} R-4, "
            f"{counts['board_increases']} board increases), "
            f"file {path.stat().st_size / 1e6:.1f} MB"
        )
        start = time.perf_counter()
        db = open_db(path)
        print(f"open_db (integrity check): {(time.perf_counter() - start) * 1000:.0f} ms")
        queries = {
            "cases (all)": lambda: list_cases(db, TODAY),
            "cases name='novak'": lambda: list_cases(db, TODAY, name="novak"),
            "cases name='šuš'": lambda: list_cases(db, TODAY, name="šuš"),
            "placements (all)": lambda: list_records(db, "placements"),
            "placements name='žag'": lambda: list_records(db, "placements", name="žag"),
            "carers name='čuk'": lambda: list_records(db, "carers", name="čuk"),
            "children name='ana'": lambda: list_records(db, "children", name="ana"),
            "r4_cases name='kos'": lambda: list_records(db, "r4_cases", name="kos"),
        }
        for label, query in queries.items():
            ms, rows = timed(query)
            print(f"{label:28s} {ms:8.1f} ms  {rows:6d} rows")
        db.close()


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 20000)
