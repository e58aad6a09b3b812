"""Settling many overpayments at once (Izplačila → Preplačila → Vpiši poravnavo on a
selection): ``settle_overpayments`` on every open overpayment of a file.

Run: python benchmarks/bench_settle.py FILE [COUNT]   (FILE: the 20k demo file,
October and November 2026 closed, e.g. /work/bench/ab13/pristine20k.sqlite3; it is
copied, never written; COUNT: how many to settle, 54,000 by default, as QA10 had). The
copy gets the 2026 rate row corrected downwards (as QA10 did) and December 2026 closed
(an overpayment for every placement in October and November), then lowered once more
and January 2027 closed (October to December again): ~90,000 wait. The first COUNT are
settled as one batch ("offset" in March 2027). Figures are printed, never asserted: CPU
(``time.process_time``) and wall time of the batch alone, and how many settlement and
audit rows it wrote. Set XDG_CONFIG_HOME to a scratch folder (the audit key).
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

CLOCK = FixedClock(date(2027, 1, 20))
DECEMBER, JANUARY, MARCH = date(2026, 12, 1), date(2027, 1, 1), date(2027, 3, 1)


def _lowered(db, board: str, fee: str) -> None:  # type: ignore[no-untyped-def]
    row = next(r for r in rate_service.list_rates(db) if r.valid_from == date(2026, 3, 1))
    rate_service.correct_rate(db, row.id, row.version, "2026-03-01", board, fee, "bench: lowered")


def main(source: Path, count: int) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "settle.sqlite3"
        shutil.copyfile(source, path)
        with open_db(path) as db:
            _lowered(db, "640.00", "462.00")
            payment_run.close_month(db, DECEMBER, CLOCK)
            _lowered(db, "630.00", "455.00")
            payment_run.close_month(db, JANUARY, CLOCK)
            ids = [o.line_id for o in payment_run.unsettled_overpayments(db)][:count]
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
    main(Path(sys.argv[1]), int(sys.argv[2]) if len(sys.argv) > 2 else 54_000)
