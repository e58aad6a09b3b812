"""Settling many overpayments at once (Izplačila → Preplačila → Vpiši poravnavo on a
selection): ``settle_overpayments`` on every open overpayment of a file.

Run: python benchmarks/bench_settle.py FILE   (FILE: the 20k demo file, October and
November 2026 closed, e.g. /work/bench/ab13/pristine20k.sqlite3; it is copied, never
written). The copy gets the 2026 rate row corrected downwards (as QA10 did), December
2026 is closed (its run finds an overpayment for every placement and earlier month),
then all of them are settled as one batch ("offset" in March 2027). Figures are
printed, never asserted: CPU (``time.process_time``) and wall time of the batch alone,
and how many settlement and audit rows it wrote.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

from rejnistvo.clock import FixedClock
from rejnistvo.services import payment_run
from rejnistvo.services import rates as rate_service
from rejnistvo.store import open_db

CLOCK = FixedClock(date(2026, 12, 20))
DECEMBER, MARCH = date(2026, 12, 1), date(2027, 3, 1)


def main(source: Path) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "settle.sqlite3"
        shutil.copyfile(source, path)
        with open_db(path) as db:
            row = next(r for r in rate_service.list_rates(db) if r.valid_from == date(2026, 3, 1))
            rate_service.correct_rate(
                db, row.id, row.version, "2026-03-01", "640.00", "462.00", "bench: lowered"
            )
            payment_run.close_month(db, DECEMBER, CLOCK)
            ids = [o.line_id for o in payment_run.unsettled_overpayments(db)]
            audit_before = db.execute("SELECT count(*) FROM audit_log").fetchone()[0]
            cpu, wall = time.process_time(), time.perf_counter()
            done = payment_run.settle_overpayments(db, ids, "offset", MARCH, "bench", CLOCK)
            cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
            audited = db.execute("SELECT count(*) FROM audit_log").fetchone()[0] - audit_before
            print(
                f"{done} overpayments settled in one batch: {cpu:.2f} s CPU, {wall:.2f} s wall; "
                f"{audited} audit rows"
            )


if __name__ == "__main__":
    main(Path(sys.argv[1]))
