"""Window benchmarks (issue 5), reported, never asserted:

1. time from process start to the first painted main window on a `demo --scale 20000`
   file, next to a bare PySide6 window (target ≤ 1.3×);
2. one filter keystroke over 20,000 rows in the placements list (target ≤ 30 ms).

    python benchmarks/bench_ui.py [--db FILE] [--runs 5] [--spy window|global] [--startup-only]

Without --db a demo file with scale 20000 is made in a temporary folder (takes a while).
Runs offscreen unless DISPLAY is set and QT_QPA_PLATFORM is not.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

# How the children notice the first paint. Default: an event filter on each window as
# it is shown (patched QWidget.show); the window's own Paint event comes first in the
# paint pass. "--spy global" puts the filter on the whole application from the start, as
# this benchmark first did; that makes Shiboken wrap every object that gets an event,
# among them Qt's private QAnimationTimer, which alone costs ~20 ms — a cost of the
# measurement that grows with the window's widgets, not of the program.
SPY = """
import os, sys
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QWidget
app = QApplication(sys.argv)
def painted(): pass  # replaced below
class Spy(QObject):
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint and getattr(obj, "isWidgetType", lambda: False)():
            print("PAINTED", flush=True)
            obj.removeEventFilter(self)
            app.removeEventFilter(self)
            painted()
        return False
spy = Spy()
if os.environ.get("BENCH_SPY") == "global":
    app.installEventFilter(spy)
else:
    _show = QWidget.show
    def _spied_show(self):
        self.installEventFilter(spy)  # a widget cannot paint before it is shown
        _show(self)
    QWidget.show = _spied_show
"""

BARE_CHILD = (
    SPY
    + """
from PySide6.QtWidgets import QMainWindow
def painted():
    QTimer.singleShot(0, app.quit)
w = QMainWindow(); w.resize(1280, 800); w.show()
app.exec()
"""
)

APP_CHILD = (
    SPY
    + """
def painted():
    QTimer.singleShot(0, ready)
def ready():
    from rejnistvo.ui.main_window import MainWindow
    windows = [w for w in app.topLevelWidgets() if isinstance(w, MainWindow)]
    view = windows[0].current_view() if windows else None
    if view is None or view.is_stale():
        QTimer.singleShot(5, ready)
        return
    print("READY", flush=True)
    for w in windows:
        w._save_layout()
    app.exit(0)
from rejnistvo.ui.app import main  # the program's own start, unchanged
main(db=sys.argv[1])
"""
)


SPY_MODE = "window"


def timed_child(code: str, *args: str) -> dict[str, float]:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")
    # settings and logs of benchmark runs stay out of the user's own folders
    scratch = tempfile.mkdtemp(prefix="rejnistvo-bench-home-")
    env["XDG_CONFIG_HOME"] = scratch
    env["XDG_STATE_HOME"] = scratch
    env["BENCH_SPY"] = SPY_MODE
    if not env.get("DISPLAY") or "QT_QPA_PLATFORM" in os.environ:
        env.setdefault("QT_QPA_PLATFORM", "offscreen")
    start = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, "-c", code, *args], stdout=subprocess.PIPE, text=True, env=env
    )
    marks: dict[str, float] = {}
    assert proc.stdout is not None
    for line in proc.stdout:
        marks[line.strip()] = time.perf_counter() - start
    proc.wait()
    if proc.returncode:
        raise SystemExit(f"child failed with {proc.returncode}")
    return marks


def make_demo(scale: int) -> Path:
    from rejnistvo.store import open_db
    from rejnistvo.store.demo import fill_demo

    path = Path(tempfile.mkdtemp(prefix="rejnistvo-bench-")) / f"demo{scale}.sqlite3"
    print(f"making a demo file with scale {scale} in {path} …", flush=True)
    db = open_db(path)
    fill_demo(db, scale=scale)
    db.close()
    return path


def bench_startup(db: Path, runs: int) -> None:
    bare = [timed_child(BARE_CHILD)["PAINTED"] for _ in range(runs)]
    app = [timed_child(APP_CHILD, str(db)) for _ in range(runs)]
    painted = [m["PAINTED"] for m in app]
    ready = [m["READY"] for m in app]
    b, p, r = statistics.median(bare), statistics.median(painted), statistics.median(ready)
    print(f"start → first paint, bare PySide6 window: {b * 1000:7.0f} ms (median of {runs})")
    print(
        f"start → first paint, Rejništvo window:    {p * 1000:7.0f} ms  = {p / b:.2f}× (target ≤ 1.3×)"
    )
    print(f"start → Roki list filled:                 {r * 1000:7.0f} ms  = {r / b:.2f}×")


def bench_filter(db_path: Path) -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from rejnistvo.store import open_db
    from rejnistvo.ui.context import AppContext
    from rejnistvo.ui.interaction import FakeInteraction
    from rejnistvo.ui.views.placements_view import PlacementsView

    app = QApplication.instance() or QApplication([])
    db = open_db(db_path)
    settings = QSettings(str(Path(tempfile.mkdtemp()) / "s.ini"), QSettings.Format.IniFormat)
    ctx = AppContext(db=db, db_path=db_path, settings=settings, interaction=FakeInteraction())
    t = time.perf_counter()
    view = PlacementsView(ctx)
    view.resize(1200, 800)
    view.show()
    view.refresh()
    app.processEvents()
    print(
        f"placements list loaded: {view.model.rowCount()} rows in {(time.perf_counter() - t) * 1000:.0f} ms"
    )
    name = view.model.row_record(view.model.rowCount() // 2)["carer_name"].split()[0]
    times = []
    for _round in range(3):
        typed = ""
        for ch in name.lower() + " ":
            typed += ch
            start = time.perf_counter()
            view.search.setText(typed)  # the textChanged → filter path of a keystroke
            app.processEvents()  # includes the repaint of the table
            times.append((time.perf_counter() - start) * 1000)
        for _ in range(len(typed)):
            typed = typed[:-1]
            start = time.perf_counter()
            view.search.setText(typed)
            app.processEvents()
            times.append((time.perf_counter() - start) * 1000)
    times.sort()
    print(
        f"filter keystroke over {view.model.rowCount()} rows: median {statistics.median(times):.1f} ms, "
        f"90th percentile {times[int(len(times) * 0.9)]:.1f} ms, worst {times[-1]:.1f} ms (target ≤ 30 ms)"
    )
    view.close()
    db.close()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", type=Path)
    parser.add_argument("--scale", type=int, default=20000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument(
        "--spy",
        choices=("window", "global"),
        default="window",
        help="how the first paint is noticed (see SPY); global = the first, costlier way",
    )
    parser.add_argument("--startup-only", action="store_true")
    args = parser.parse_args()
    global SPY_MODE
    SPY_MODE = args.spy
    db = args.db or make_demo(args.scale)
    bench_startup(db, args.runs)
    if not args.startup_only:
        bench_filter(db)


if __name__ == "__main__":
    main()
