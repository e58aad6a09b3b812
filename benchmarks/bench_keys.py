"""Filter keystrokes in one list, key by key: wall time and CPU time (issue 13).

    python benchmarks/bench_keys.py --db FILE --home HOME [--screen placements_view]
        [--screen r4_view … | --screen all] [--text kos --text novak …] [--grab before.png]
        [--settle 0] [--wait-start 5]

Opens the window in-process on FILE (settings and logs under HOME, the scratch home the
file's change log was signed in), shows the screen, lets it settle for a second (the
idle slices fold the search texts as they do while the user reads), then types each
``--text`` letter by letter into the screen's search box (each key: ``setText`` and one
``processEvents``, which filters and repaints), clears it, and goes on with the next
text. Prints every key's wall and CPU milliseconds to its first paint, the first key's
and the median of the others, and the CPU each key costs until Qt is idle again (what it
does after the paint: a layout timer, a repaint asked for by it). For A/B runs start it
once with the old code on ``PYTHONPATH`` and once with the new, interleaved, and compare
the CPU figures (the machine is shared).

``--screen`` may be given more than once, or as ``all`` (every list with a search box:
Namestitve, Roki, Rejniki, Otroci, R-4, R-5, Koordinator), one after another in the same
process, each reported on its own line.

``--settle SECONDS`` (default 1) is how long the screen is left alone before the first
key; ``--settle 0`` types right after the screen's first paint, while the list is still
reading its search texts (what a user who opens a list and types at once pays). The
first key's figures then are the ones to watch; ``--settle 0`` also prints how long
after the first paint the list had read every text (its count final).

``--wait-start SECONDS`` lets the program run that long after its start before the first
screen is shown (*Roki* completes its list in idle steps after the first paint: without
it those steps fall among the first screen's keys).

``--grab FILE.png`` saves the list after the last key of the first text, so a change to
painting can be compared picture by picture (``compare -metric AE``); with several
screens each picture is FILE-SCREEN.png.

Reported, never asserted.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.append(str(ROOT))  # after PYTHONPATH: an A/B run's old code comes first


def search_box(view: object, screen: str) -> object:
    if screen == "coordinator_view":
        return view.cases_search  # type: ignore[attr-defined]
    pane = getattr(view, "list_pane", None)
    return getattr(pane, "search", None) or view.search  # type: ignore[attr-defined]


def list_table(view: object, screen: str) -> object:
    if screen == "coordinator_view":
        return view.cases_table  # type: ignore[attr-defined]
    pane = getattr(view, "list_pane", None)
    return getattr(pane, "table", None) or view.table  # type: ignore[attr-defined]


#: the lists with a search box, in the order ``--screen all`` types into them
LISTS = (
    "placements_view",
    "deadlines_view",
    "carers_view",
    "children_view",
    "r4_view",
    "r5_view",
    "coordinator_view",
)


def run(args: argparse.Namespace) -> None:
    if args.home:
        for key in ("XDG_CONFIG_HOME", "XDG_STATE_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME"):
            os.environ[key] = args.home
    if not os.environ.get("DISPLAY"):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    import rejnistvo
    from benchmarks.bench_window import open_window

    print(f"code: {Path(rejnistvo.__file__).parent}", flush=True)
    app, db, window = open_window(args.db)
    end = time.perf_counter() + args.wait_start
    while time.perf_counter() < end:
        app.processEvents()  # type: ignore[attr-defined]
    screens = args.screen or ["placements_view"]
    if screens == ["all"]:
        screens = list(LISTS)
    for screen in screens:
        grab = args.grab
        if grab and len(screens) > 1:
            grab = str(Path(grab).with_name(f"{Path(grab).stem}-{screen}{Path(grab).suffix}"))
        type_keys(app, window, screen, args.text, grab, len(screens) > 1, args.settle)
    window._save_layout = lambda: None  # keep the scratch settings as they are
    window.close()
    db.close()


def type_keys(
    app: object,
    window: object,
    screen: str,
    texts: list[str] | None,
    grab: str | None,
    named: bool,
    settle_seconds: float = 1.0,
) -> None:
    view = window.show_screen(screen)  # type: ignore[attr-defined]
    app.processEvents()  # type: ignore[attr-defined]
    painted = time.perf_counter()
    table = list_table(view, screen)
    table.repaint()  # type: ignore[attr-defined]  # the first paint, now, not at a timer

    def settle(seconds: float) -> None:
        end = time.perf_counter() + seconds
        while time.perf_counter() < end:
            app.processEvents()  # type: ignore[attr-defined]

    settle(settle_seconds)
    search = search_box(view, screen)
    walls: list[float] = []
    cpus: list[float] = []
    idle: list[float] = []
    for n, text in enumerate(texts or ["kos", "novak", "ana", "2"]):
        typed = ""
        for ch in text:
            typed += ch
            wall, cpu = time.perf_counter(), time.process_time()
            search.setText(typed)  # type: ignore[attr-defined]
            app.processEvents()  # type: ignore[attr-defined]
            walls.append((time.perf_counter() - wall) * 1000)
            cpus.append((time.process_time() - cpu) * 1000)
            # what Qt still does for this key once the rows are painted (timers, a
            # repaint they ask for): the CPU a key costs before the next can be served
            for _ in range(3):
                time.sleep(0.002)
                app.processEvents()  # type: ignore[attr-defined]
            idle.append((time.process_time() - cpu) * 1000)
        if n == 0 and grab:
            list_table(view, screen).grab().save(grab)  # type: ignore[attr-defined]
        search.setText("")  # type: ignore[attr-defined]
        app.processEvents()  # type: ignore[attr-defined]
        settle(0.2)
    prefix = f"{screen}: " if named else ""
    if settle_seconds < 1.0:
        source = getattr(table.model(), "sourceModel", lambda: None)()  # type: ignore[attr-defined]
        searching = getattr(source, "searching", None)
        while searching is not None and searching():
            app.processEvents()  # type: ignore[attr-defined]
        print(
            prefix + f"texts complete {(time.perf_counter() - painted) * 1000:.0f} ms after "
            "the first paint (keys typed meanwhile)"
        )
    later = slice(1, None) if len(walls) > 1 else slice(None)  # one key: it is all there is
    print(prefix + "wall ms: " + " ".join(f"{w:.1f}" for w in walls))
    print(prefix + "cpu  ms: " + " ".join(f"{c:.1f}" for c in cpus))
    print(prefix + "cpu until idle ms: " + " ".join(f"{c:.1f}" for c in idle))
    print(
        prefix + f"first key: wall {walls[0]:.1f} cpu {cpus[0]:.1f} ms; others: median wall "
        f"{statistics.median(walls[later]):.1f} cpu {statistics.median(cpus[later]):.1f} ms, "
        f"worst wall {max(walls):.1f} ms ({len(walls)} keys); CPU until idle: first "
        f"{idle[0]:.1f}, median {statistics.median(idle[later]):.1f} ms",
        flush=True,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--db", required=True)
    parser.add_argument("--home")
    parser.add_argument("--screen", action="append", help="a screen, again for more, or all")
    parser.add_argument("--text", action="append")
    parser.add_argument("--grab")
    parser.add_argument("--settle", type=float, default=1.0, help="seconds before the first key")
    parser.add_argument("--wait-start", type=float, default=0.0, help="seconds after the start")
    run(parser.parse_args())


if __name__ == "__main__":
    main()
