"""Closing a month (SPEC 3.6: ≤ 3 s at 20,000 placements), the two ways it is done.

Run: python benchmarks/bench_close.py BASE [--rounds N]   (BASE: a file made as in
bench_payment_run.py up to May 2027 closed; each round works on its own copy, the file
itself is never written). Figures are printed, never asserted.

Each round copies BASE, adds the future rate row and the backdated correction of the
2026 row as bench_payment_run.py does (252,291 arrears lines), then closes June 2027:

* ``computing``: ``close_month`` alone (the command line's ``run --close``: the run is
  computed inside the close);
* ``from the screen``: the run made first as the Izplačila screen makes it
  (``run_steps`` without bases) with its ``data_stamp``, then ``close_month`` given
  both (the screen's Zaključi mesec): only the close is measured. Code without the
  ``computed`` argument (before it, for an A/B) closes computing.

Each figure is the process's CPU time (``time.process_time``) and the wall time of the
close, the pass of the cyclic collector after it included; the file's opening (and its
schema steps, on a file made before them) is not measured.

``--cli``: also ``python -m rejnistvo run --month 2027-06 --close --out FILE`` as a
process under ``faketime`` (the command line takes the machine's date), on a copy of
BASE as it is (the usual month: nothing changed since May's close) and with the
backdated correction: the child's CPU (user + system, ``RUSAGE_CHILDREN``) and wall
time, everything included (start, imports, opening, the close, the JSON of the closed
run). The copy is opened once before (its schema steps are not measured).
"""

from __future__ import annotations

import gc
import inspect
import shutil
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

from rejnistvo.clock import FixedClock
from rejnistvo.collector import collector_paused
from rejnistvo.services import payment_run
from rejnistvo.services import rates as rate_service
from rejnistvo.store import open_db

CLOCK = FixedClock(date(2027, 6, 15))
JUNE = date(2027, 6, 1)


def _backdated(db) -> None:  # type: ignore[no-untyped-def]
    rate_service.add_rate(db, "2028-03-01", "700.00", "500.00", "bench: future row")
    row = next(r for r in rate_service.list_rates(db) if r.valid_from == date(2026, 3, 1))
    rate_service.correct_rate(
        db, row.id, row.version, "2026-03-01", "656.00", "473.00", "bench: correction"
    )


def _screen_run(db):  # type: ignore[no-untyped-def]
    with collector_paused():
        steps = payment_run.run_steps(db, JUNE, with_basis=False)
        while True:
            try:
                next(steps)
            except StopIteration as stop:
                return stop.value


def close(base: Path, how: str) -> str:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "close.sqlite3"
        shutil.copyfile(base, path)
        with open_db(path) as db:
            _backdated(db)
            arguments = {}
            takes = "computed" in inspect.signature(payment_run.close_month).parameters
            if how == "from the screen" and takes:
                arguments = {"computed": _screen_run(db), "stamp": payment_run.data_stamp(db)}
            else:
                payment_run.payment_run(db, JUNE, CLOCK, with_basis=False)  # the file read once
            gc.collect()
            cpu, wall = time.process_time(), time.perf_counter()
            run = payment_run.close_month(db, JUNE, CLOCK, **arguments)
            gc.collect(0)
            cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
            used = "" if takes or how == "computing" else " (this code computes)"
            return f"{how}{used}: CPU {cpu:.2f} s, wall {wall:.2f} s, {len(run.lines)} lines"


def cli_close(base: Path, backdated: bool) -> str:
    import resource
    import subprocess

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "cli.sqlite3"
        shutil.copyfile(base, path)
        with open_db(path) as db:
            if backdated:
                _backdated(db)
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        wall = time.perf_counter()
        subprocess.run(
            ["faketime", "2027-06-15 12:00:00", sys.executable, "-m", "rejnistvo", "run",
             "--db", str(path), "--month", "2027-06", "--close", "--out",
             str(Path(folder) / "run.json")],
            check=True, capture_output=True,
        )  # fmt: skip
        wall = time.perf_counter() - wall
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
        what = "after the backdated correction" if backdated else "the usual month"
        return f"command line, {what}: CPU {cpu:.2f} s, wall {wall:.2f} s"


def main(base: Path, rounds: int, cli: bool = False) -> None:
    for _ in range(rounds):
        for how in ("computing", "from the screen"):
            print(close(base, how), flush=True)
        if cli:
            for backdated in (False, True):
                print(cli_close(base, backdated), flush=True)


if __name__ == "__main__":
    arguments = sys.argv[1:]
    count = 1
    cli = "--cli" in arguments
    if cli:
        arguments.remove("--cli")
    if "--rounds" in arguments:
        at = arguments.index("--rounds")
        count = int(arguments[at + 1])
        del arguments[at : at + 2]
    main(Path(arguments[0]), count, cli)
