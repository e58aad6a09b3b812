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

``--window``: instead, Izplačila → Zaključi mesec in the main window on a copy, the usual
month and after the backdated correction (``window_close``): what the clerk waits for.
Set XDG_CONFIG_HOME, XDG_STATE_HOME, XDG_DATA_HOME and XDG_CACHE_HOME to scratch folders.
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


def window_close(base: Path, backdated: bool) -> str:
    """Izplačila → Zaključi mesec in the window (1280×800, offscreen unless DISPLAY is
    set), as the clerk waits for it: the main window on a copy of BASE with the clock at
    15. 6. 2027, the Izplačila screen shown and its run of June 2027 made (the loader's
    slices, not measured), then the click's handler (``PaymentsView.close_month``: the
    confirmation answers itself, the close from the run on screen, the closed run shown)
    and what the event loop does after it until it is idle (the other screens' answers
    to the announcement), each CPU and wall time."""
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from rejnistvo.ui.context import AppContext
    from rejnistvo.ui.interaction import FakeInteraction
    from rejnistvo.ui.main_window import MainWindow

    app = QApplication.instance() or QApplication([])
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "window.sqlite3"
        shutil.copyfile(base, path)
        with open_db(path) as db:
            if backdated:
                _backdated(db)
        db = open_db(path)
        settings = QSettings(str(Path(folder) / "s.ini"), QSettings.Format.IniFormat)
        ctx = AppContext(
            db=db, db_path=path, settings=settings, interaction=FakeInteraction(), clock=CLOCK
        )
        window = MainWindow(ctx)
        window.resize(1280, 800)
        window.show()
        app.processEvents()
        view = window.show_screen("payments_view")
        app.processEvents()
        while view.loader.is_busy() or view.run is None:
            app.processEvents()
        gc.collect()

        def idle() -> None:
            end = time.perf_counter() + 0.5
            while time.perf_counter() < end:
                app.processEvents()

        idle()
        cpu, wall = time.process_time(), time.perf_counter()
        closed = view.close_month()
        click = time.process_time() - cpu, time.perf_counter() - wall
        idle()  # half a second of it is waiting: counted in the wall time, not the CPU
        after = time.process_time() - cpu - click[0]
        lines = len(view.run.lines) if view.run is not None else 0
        window._save_layout = lambda: None  # type: ignore[method-assign]
        window.close()
        db.close()
    what = "after the backdated correction" if backdated else "the usual month"
    return (
        f"window, {what}: Zaključi mesec CPU {click[0]:.2f} s, wall {click[1]:.2f} s "
        f"(closed: {closed}, {lines} lines); then until idle CPU {after:.2f} s"
    )


def main(base: Path, rounds: int, cli: bool = False, window: bool = False) -> None:
    for _ in range(rounds):
        if window:
            for backdated in (False, True):
                print(window_close(base, backdated), flush=True)
            continue
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
    window = "--window" in arguments
    if window:
        arguments.remove("--window")
    if "--rounds" in arguments:
        at = arguments.index("--rounds")
        count = int(arguments[at + 1])
        del arguments[at : at + 2]
    main(Path(arguments[0]), count, cli, window)
