"""What the user waits for in the window (issue 13), reported, never asserted.

    python benchmarks/bench_window.py --db demo20000.sqlite3 [--db demo80000.sqlite3] [--runs 5]
    python benchmarks/bench_window.py --scale 1000 --scale 5000 --scale 20000 --scale 80000
                                       # makes the demo files (the way to compare scales)

For each database file:

1. start → the first screen's rows on screen (Roki), a child process starting the program
   as ``main.py --db FILE`` (importing nothing before it: the paint spy goes in when the
   program imports PySide6), interleaved with a child showing a bare PySide6 window, medians;
2. in one process: each screen's first opening — after two seconds on Roki, during which
   the program imports the other screens' modules as it does after its start, and again
   in a second process at once after the start (``cold``) — an R-4 and an R-5 save (the user's
   edit, then ``save()`` with the list updated), the first and the later filter
   keystrokes on the R-4 list and on Namestitve, and the resident memory after every
   screen has been opened (VmHWM, the peak, and VmRSS).

Runs offscreen unless DISPLAY is set and QT_QPA_PLATFORM is not. Settings and logs of
the runs go to one scratch folder per database file, never the user's: the first (warm-up)
start there verifies the file's change log and makes the day's backup, as the first start
of a day does; the timed starts are the ones after it. The children run with compiled
bytecode (an installed program has its .pyc files), even when the shell says
PYTHONDONTWRITEBYTECODE.
"""

from __future__ import annotations

import argparse
import gc
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

# The children say "ROWS" with their processor time so far when the rows are on screen;
# with BENCH_EXIT_AT_ROWS set they end there (an instruction count stops at the rows).
SAY_ROWS = """
def say_rows():
    import os, time
    print("ROWS", time.process_time(), flush=True)
    if os.environ.get("BENCH_EXIT_AT_ROWS"):
        os._exit(0)
"""

# The child notices its first paint with an event filter on each window as it is shown.
SPY = """
import sys
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QWidget
app = QApplication.instance() or QApplication(sys.argv)
def painted(): pass
class Spy(QObject):
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint and getattr(obj, "isWidgetType", lambda: False)():
            obj.removeEventFilter(self)
            painted()
        return False
spy = Spy()
_show = QWidget.show
def _spied_show(self):
    self.installEventFilter(spy)
    _show(self)
QWidget.show = _spied_show
"""

BARE_CHILD = (
    SPY
    + SAY_ROWS
    + """
from PySide6.QtWidgets import QMainWindow
def painted():  # the paint event arrives; its flush ends before the timer fires
    QTimer.singleShot(0, done)
def done():
    say_rows()
    app.quit()
w = QMainWindow(); w.resize(1280, 800); w.show()
app.exec()
"""
)

# The program's child imports nothing before the program does (its start imports its
# Qt-free modules before PySide6, which costs more after): the spy is put in when the
# program's own import of PySide6.QtWidgets has run.
SPY_WHEN_IMPORTED = """
import importlib.abc, importlib.util, sys
class SpyOnImport(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name != "PySide6.QtWidgets":
            return None
        sys.meta_path.remove(self)
        spec = importlib.util.find_spec(name)
        load = spec.loader.exec_module
        def exec_module(module):
            load(module)
            exec(SPY, globals())
            spy_ready()
        spec.loader.exec_module = exec_module
        return spec
sys.meta_path.insert(0, SpyOnImport())
"""

# Rows are on screen when the first screen has loaded its data (not stale) and the
# window has painted once after that: at once when the first paint already had them (the
# program reads the first screen before it shows the window), else after a repaint.
APP_CHILD_BODY = (
    f"SPY = {SPY.replace('def painted(): pass', '')!r}\n"
    + SAY_ROWS
    + SPY_WHEN_IMPORTED
    + """
state = {"loaded": False}
def first_view():
    from rejnistvo.ui.main_window import MainWindow
    windows = [w for w in app.topLevelWidgets() if isinstance(w, MainWindow)]
    return windows[0] if windows else None, windows[0].current_view() if windows else None
def painted():
    _window, view = first_view()
    # the paint event is being delivered: its flush ends before the timer fires
    state["at_paint"] = view is not None and not view.is_stale()
    QTimer.singleShot(0, check)
def check():
    window, view = first_view()
    if state.get("at_paint"):
        say_rows()
        app.exit(0)
        return
    if view is None or view.is_stale():
        QTimer.singleShot(2, check)
        return
    if not state["loaded"]:
        state["loaded"] = True
        window.repaint()  # the rows, painted now
        say_rows()
        app.exit(0)
def dismiss():
    # A warning at opening (a copied file's change log signed on another computer) is
    # a modal box: answered at once, as a user would, and said on stderr. Found by its
    # class name: importing QMessageBox (its enums, ~3 ms) would charge the program
    # with the spy's work, at the first turn of its event loop, before its first paint.
    for box in app.topLevelWidgets():
        if box.inherits("QMessageBox") and box.isVisible():
            print("dismissed: " + " ".join(box.text()[:100].split()), file=sys.stderr, flush=True)
            box.done(0)
    QTimer.singleShot(50, dismiss)
def spy_ready():
    QTimer.singleShot(0, dismiss)
import runpy
sys.argv = [MAIN, "--db", sys.argv[1]]
runpy.run_path(MAIN, run_name="__main__")  # the program as it is started (main.py)
"""
)


def app_child(root: Path = ROOT) -> str:
    """The program's child starting ``main.py`` of the code at ``root``."""
    return f"MAIN = {str(root / 'main.py')!r}\n" + APP_CHILD_BODY


APP_CHILD = app_child()


_HOME: list[str] = []


def scratch_env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    if not _HOME:
        _HOME.append(tempfile.mkdtemp(prefix="rejnistvo-bench-home-"))
    for key in ("XDG_CONFIG_HOME", "XDG_STATE_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME"):
        env[key] = _HOME[0]
    if not env.get("DISPLAY") or "QT_QPA_PLATFORM" in os.environ:
        env.setdefault("QT_QPA_PLATFORM", "offscreen")
    return env


def timed_child(code: str, *args: str) -> float:
    return timed_child_cpu(code, *args)[0]


def timed_child_cpu(
    code: str, *args: str, env: dict[str, str] | None = None, cwd: str | None = None
) -> tuple[float, float]:
    """Wall time to the child's rows, and its processor time then (seconds)."""
    start = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, "-c", code, *args],
        stdout=subprocess.PIPE,
        text=True,
        env=env or scratch_env(),
        cwd=cwd,
    )
    seen = None
    assert proc.stdout is not None
    for line in proc.stdout:
        if line.startswith("ROWS") and seen is None:
            seen = (time.perf_counter() - start, float(line.split()[1]))
    proc.wait()
    if proc.returncode or seen is None:
        raise SystemExit(f"child failed ({proc.returncode})")
    return seen


def children_cpu() -> float:
    """Processor time (user + system) of this process's ended children so far, seconds."""
    import resource

    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    return used.ru_utime + used.ru_stime


def bench_startup(db: Path, runs: int) -> dict[str, float]:
    """Wall time to the rows, and each child's processor time (until it has exited: for
    the program this includes closing the file, which waits for its checks), medians."""
    bare: list[tuple[float, float]] = []
    app: list[tuple[float, float]] = []
    timed_child(BARE_CHILD)  # warm the file cache for both
    timed_child(APP_CHILD, str(db))
    for _ in range(runs):  # interleaved, so both see the same machine
        for found, args in ((bare, (BARE_CHILD,)), (app, (APP_CHILD, str(db)))):
            cpu = children_cpu()
            wall = timed_child(*args)
            found.append((wall, children_cpu() - cpu))
    b, a = statistics.median(w for w, _ in bare), statistics.median(w for w, _ in app)
    bc, ac = statistics.median(c for _, c in bare), statistics.median(c for _, c in app)
    return {
        "bare_ms": b * 1000,
        "rows_ms": a * 1000,
        "ratio": a / b,
        "bare_cpu_ms": bc * 1000,
        "rows_cpu_ms": ac * 1000,
        "cpu_ratio": ac / bc,
    }


def make_demo(scale: int) -> Path:
    """A demo file made under the scratch home its runs will use, so its change log is
    signed with that home's key (a file made elsewhere warns at every start)."""
    _HOME[:] = [tempfile.mkdtemp(prefix="rejnistvo-bench-home-")]
    path = Path(tempfile.mkdtemp(prefix="rejnistvo-bench-")) / f"demo{scale}.sqlite3"
    print(f"making a demo file with scale {scale} in {path} …", flush=True)
    subprocess.run(
        [sys.executable, "-m", "rejnistvo", "demo", "--db", str(path), "--scale", str(scale)],
        check=True,
        env=scratch_env(),
        stdout=subprocess.DEVNULL,
    )
    return path


def memory_kib() -> tuple[int, int]:
    """(peak, current) resident memory of this process in KiB (Linux /proc)."""
    values = {}
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            key, _, rest = line.partition(":")
            if key in ("VmHWM", "VmRSS"):
                values[key] = int(rest.split()[0])
    except OSError:
        return (0, 0)
    return values.get("VmHWM", 0), values.get("VmRSS", 0)


IN_PROCESS = """
import json, sys, time
sys.path.insert(0, sys.argv[2])
from benchmarks.bench_window import measure_in_process
print("RESULT " + json.dumps(measure_in_process(sys.argv[1], sys.argv[3] == "cold")), flush=True)
"""


def open_window(db_path: str) -> tuple[Any, Any, Any]:
    """(app, db, window): the window on ``db_path`` in this process, as the program shows
    it (1280×800), its first screen read, and what the start made frozen out of the
    collector's passes as app.main does after the first screen is built (else a full pass
    over it, 60-70 ms at 20k, falls on whichever screen opens next). Settings go to a
    scratch file; dialogs answer themselves (FakeInteraction)."""
    import tempfile as _tempfile

    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from rejnistvo.store import open_db
    from rejnistvo.ui.context import AppContext
    from rejnistvo.ui.interaction import FakeInteraction
    from rejnistvo.ui.main_window import MainWindow

    app = QApplication.instance() or QApplication([])
    db = open_db(Path(db_path))
    settings = QSettings(str(Path(_tempfile.mkdtemp()) / "s.ini"), QSettings.Format.IniFormat)
    interaction = FakeInteraction()
    ctx = AppContext(db=db, db_path=Path(db_path), settings=settings, interaction=interaction)
    window = MainWindow(ctx)
    window.resize(1280, 800)
    window.show()
    app.processEvents()
    while window.current_view() is None or window.current_view().is_stale():
        app.processEvents()
    gc.freeze()
    return app, db, window


def measure_in_process(db_path: str, cold: bool = False) -> dict[str, object]:
    from PySide6.QtWidgets import QLineEdit, QPlainTextEdit

    app, db, window = open_window(db_path)
    if not cold:
        # as the program does after its first paint (app.main), while the user reads Roki
        window.preload_screens(delay_ms=0)
        end = time.perf_counter() + 2.0
        while time.perf_counter() < end:
            app.processEvents()
    opened: dict[str, float] = {}
    for name in window.screen_names():
        start = time.perf_counter()
        window.show_screen(name)
        app.processEvents()
        opened[name] = (time.perf_counter() - start) * 1000
    peak, current = memory_kib()

    def settle(seconds: float = 0.3) -> None:
        # the user's reaction time: idle work (search texts) runs meanwhile
        end = time.perf_counter() + seconds
        while time.perf_counter() < end:
            app.processEvents()

    def keystrokes(view: object, text: str) -> list[float]:
        search = getattr(getattr(view, "list_pane", view), "search", None)
        if search is None:
            search = getattr(view, "search", None)
        times = []
        typed = ""
        for ch in text:
            typed += ch
            start = time.perf_counter()
            search.setText(typed)
            app.processEvents()
            times.append((time.perf_counter() - start) * 1000)
        search.setText("")
        app.processEvents()
        return times

    results: dict[str, object] = {"open_ms": opened, "peak_kib": peak, "rss_kib": current}

    r4 = window.show_screen("r4_view")
    settle()
    results["r4_keys_ms"] = keystrokes(r4, "novak")
    placements = window.show_screen("placements_view")
    settle()
    results["placements_keys_ms"] = keystrokes(placements, "kos")

    # An R-4 proposal still at the centre: edit the rationale, save.
    row = db.execute(
        "SELECT id FROM r4_cases WHERE sent_on IS NULL ORDER BY id DESC LIMIT 1"
    ).fetchone()
    saves: dict[str, list[float]] = {"r4": [], "r5": []}
    if row:
        r4 = window.show_screen("r4_view")
        r4.open_record("r4", row[0])
        app.processEvents()
        for i in range(5):
            edits = [
                w for w in r4.findChildren(QPlainTextEdit) if w.isEnabled() and not w.isReadOnly()
            ]
            if edits:
                edits[0].insertPlainText(f" {i}")
            start = time.perf_counter()
            r4.save()
            app.processEvents()
            saves["r4"].append((time.perf_counter() - start) * 1000)
    row = db.execute("SELECT id FROM board_increases ORDER BY id DESC LIMIT 1").fetchone()
    if row:
        r5 = window.show_screen("r5_view")
        r5.open_record("r5", row[0])
        app.processEvents()
        for i in range(5):
            edit = getattr(getattr(r5, "increase_panel", r5), "decision_no_edit", None)
            line = getattr(edit, "edit", edit)
            if isinstance(line, QLineEdit):
                line.setText(f"1220-{i}/2026")
            start = time.perf_counter()
            r5.save()
            app.processEvents()
            saves["r5"].append((time.perf_counter() - start) * 1000)
    results["save_ms"] = saves
    window._save_layout = lambda: None  # keep the scratch settings as they are
    for view in window.built_views():
        if view.has_unsaved_changes():
            view.discard()
    window.close()
    db.close()
    return results


def bench_in_process(db: Path, cold: bool = False) -> dict[str, object]:
    import json

    proc = subprocess.run(
        [sys.executable, "-c", IN_PROCESS, str(db), str(ROOT), "cold" if cold else "warm"],
        capture_output=True,
        text=True,
        env=scratch_env(),
        timeout=900,
    )
    for line in proc.stdout.splitlines():
        if line.startswith("RESULT "):
            return json.loads(line[7:])
    raise SystemExit(f"in-process run failed:\n{proc.stderr[-3000:]}")


def bare_memory_kib() -> int:
    code = (
        "from PySide6.QtWidgets import QApplication, QMainWindow\n"
        "app = QApplication([]); w = QMainWindow(); w.show(); app.processEvents()\n"
        f"import sys; sys.path.insert(0, {str(ROOT)!r})\n"
        "from benchmarks.bench_window import memory_kib; print(memory_kib()[0])\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=scratch_env()
    )
    return int(done.stdout.strip() or 0)


def report(db: Path, runs: int, home: str | None = None) -> None:
    print(f"\n== {db.name} ==", flush=True)
    _HOME[:] = [home or tempfile.mkdtemp(prefix="rejnistvo-bench-home-")]  # one per file
    startup = bench_startup(db, runs)
    print(
        f"start → Roki rows on screen: {startup['rows_ms']:.0f} ms; bare window "
        f"{startup['bare_ms']:.0f} ms; ratio {startup['ratio']:.2f}× "
        f"(target ≤ 1.5× at 20k, ≤ 2× at 80k; medians of {runs}, interleaved); processor "
        f"time of the child {startup['rows_cpu_ms']:.0f} ms, bare window "
        f"{startup['bare_cpu_ms']:.0f} ms ({startup['cpu_ratio']:.2f}×)"
    )
    found = bench_in_process(db)
    cold = bench_in_process(db, cold=True)
    for name, ms in found["open_ms"].items():  # type: ignore[union-attr]
        print(
            f"first opening of {name:<18} {ms:7.0f} ms after the screens were preloaded, "
            f"{cold['open_ms'][name]:5.0f} ms at once after the start (target ≤ 150 ms)"  # type: ignore[index]
        )
    for kind, values in found["save_ms"].items():  # type: ignore[union-attr]
        if values:
            print(
                f"{kind} save: median {statistics.median(values):.0f} ms, worst "
                f"{max(values):.0f} ms over {len(values)} (target ≤ 50 ms)"
            )
    for key in ("r4_keys_ms", "placements_keys_ms"):
        values = found[key]
        assert isinstance(values, list)
        print(
            f"{key[:-8]} filter keystrokes: first {values[0]:.1f} ms, later median "
            f"{statistics.median(values[1:]):.1f} ms, worst {max(values):.1f} ms (target ≤ 16 ms)"
        )
    bare = bare_memory_kib()
    print(
        f"memory after every screen: peak {int(found['peak_kib']) / 1024:.0f} MiB "  # type: ignore[call-overload]
        f"(bare window {bare / 1024:.0f} MiB; target ≤ 200 MiB at 20k, ≤ 300 MiB at 80k)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--db", type=Path, action="append", default=[])
    parser.add_argument("--scale", type=int, action="append", default=[])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument(
        "--home",
        help="the scratch home a --db file was made under (its change log's key); "
        "without it a file made elsewhere warns at every start",
    )
    parser.add_argument(
        "--make-only", action="store_true", help="only make the --scale files; print where"
    )
    args = parser.parse_args()
    for db in args.db:
        report(db, args.runs, args.home)
    for scale in args.scale or ([] if args.db else [20000]):
        db = make_demo(scale)
        if args.make_only:
            print(f"--db {db} --home {_HOME[0]}", flush=True)
            continue
        report(db, args.runs, _HOME[0])


if __name__ == "__main__":
    main()
