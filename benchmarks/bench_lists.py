"""The lists' reads a screen waits for at its first opening (issue 13), reported, never
asserted: the ids and search texts of Rejniki, Otroci, Namestitve, R-4, R-5 and the
Koordinator's packages list, each read through its service on a fresh connection
with SQLite's page cache emptied before each read (as at a screen's first opening; the
file itself is in the system's cache), CPU time. A list whose search texts are read
after the first paint (``row_pages.TextsOf``) shows that reading apart ("texts after"):
the window does it in idle slices, or at once at the first keystroke.

    python benchmarks/bench_lists.py --db demo20000.sqlite3 [--db demo80000.sqlite3] [--runs 7]

The file is opened read-only through the store (nothing is written). CPU time (``time.process_time``) rather than wall time: the figures stay
comparable on a machine that other work shares. Each list is read ``--runs`` times,
the lists taking turns, and the fastest and the median run are printed.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def readers() -> dict[str, Callable[[Any], Any]]:
    from rejnistvo.services.board_increases import case_pages as r5_pages
    from rejnistvo.services.coordinator import package_case_pages
    from rejnistvo.services.people import carer_pages, child_pages
    from rejnistvo.services.placements import placement_pages
    from rejnistvo.services.r4_cases import case_pages as r4_pages

    names = {
        key: key for key in ("prepared", "sent", "received", "accepted", "committee", "decided")
    }
    return {
        "Rejniki": carer_pages,
        "Otroci": child_pages,
        "Namestitve": placement_pages,
        "R-4": r4_pages,
        "R-5": lambda db: r5_pages(db, date(2026, 12, 2)),
        "Koordinator (paketi)": lambda db: package_case_pages(db, _AnyName(names)),
    }


class _AnyName(dict):  # type: ignore[type-arg]
    """State names for the packages list: any state read is named by itself."""

    def __missing__(self, key: str) -> str:
        return key


def measure(path: Path, runs: int) -> None:
    from rejnistvo.store import open_db

    print(f"\n== {path.name} == (CPU ms, fastest / median of {runs}, page cache emptied)")
    found: dict[str, list[float]] = {}
    later: dict[str, list[float]] = {}
    counts: dict[str, int] = {}
    db = open_db(path, read_only=True)
    try:
        for _ in range(runs):
            for name, read in readers().items():
                db.execute("PRAGMA shrink_memory")  # the page cache of this connection
                start = time.process_time()
                pages = read(db)
                found.setdefault(name, []).append(time.process_time() - start)
                counts[name] = len(pages)
                if not isinstance(pages.search, list):  # read when the list folds them
                    start = time.process_time()
                    list(pages.search)
                    later.setdefault(name, []).append(time.process_time() - start)
    finally:
        db.close()
    for name, times in found.items():
        after = later.get(name)
        print(
            f"{name:<22} {counts[name]:>7} rows  {min(times) * 1000:7.1f} / "
            f"{statistics.median(times) * 1000:7.1f} ms"
            + (
                f"   texts after: {min(after) * 1000:6.1f} / {statistics.median(after) * 1000:6.1f} ms"
                if after
                else ""
            )
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, action="append", required=True)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    for path in args.db:
        measure(path, args.runs)


if __name__ == "__main__":
    main()
