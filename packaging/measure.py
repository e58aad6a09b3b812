"""Start-up of the built program next to the source checkout:
`python packaging/measure.py [dist/Rejnistvo] [--rounds 5]`.

Measures, in alternating runs (bundle, source, bundle, source …, so both meet the same
load on the machine), three things a user waits for:

* the window, from start until it is on screen with its database open (the program
  writes ``REJNISTVO_READY_FILE`` then) — on a demo file made once per variant;
* ``calc`` on the SPEC 6 example, as a process;
* ``print r4`` of ``forms/r4.example.json`` to a PDF, as a process.

Reports the median wall time and the median processor time (user + system of the process
and its children, from ``getrusage``; the window's includes the moment it takes to stop
after being told to). On a busy machine the processor time is the figure to compare.
The source runs use this Python (``main.py``, ``-m rejnistvo``) with compiled ``.pyc``
files allowed, as an installed program has them. Not part of the tests.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))
from smoke import SPEC_EXAMPLE, executables  # noqa: E402

READY_TIMEOUT = 120.0


def children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def timed(run: Callable[[], None]) -> tuple[float, float]:
    cpu, wall = children_cpu(), time.perf_counter()
    run()
    return time.perf_counter() - wall, children_cpu() - cpu


class Variant:
    def __init__(self, name: str, window: list[str], cli: list[str], work: Path) -> None:
        self.name, self.window_cmd, self.cli_cmd = name, window, cli
        self.work = work / name
        self.work.mkdir()
        self.env = dict(os.environ)
        self.env.pop("PYTHONDONTWRITEBYTECODE", None)
        self.env.setdefault("QT_QPA_PLATFORM", "offscreen")
        for kind in ("DATA", "CONFIG", "STATE", "CACHE"):
            self.env[f"XDG_{kind}_HOME"] = str(self.work / kind.lower())
        self.db = self.work / "demo.sqlite3"
        self.example = self.work / "example.json"
        self.example.write_text(json.dumps(SPEC_EXAMPLE), encoding="utf-8")
        self.results: dict[str, list[tuple[float, float]]] = {
            "window": [],
            "calc": [],
            "print r4": [],
        }

    def run_cli(self, *args: str) -> None:
        subprocess.run(
            [*self.cli_cmd, *args], cwd=self.work, env=self.env, check=True, capture_output=True
        )

    def prepare(self) -> None:
        self.run_cli("demo", "--db", str(self.db))
        self.window()  # the first start fills the caches (fonts, PySide's code)

    def window(self) -> None:
        ready = self.work / "ready"
        ready.unlink(missing_ok=True)
        env = dict(self.env, REJNISTVO_READY_FILE=str(ready))
        process = subprocess.Popen(
            [*self.window_cmd, "--db", str(self.db)],
            cwd=self.work,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        started = time.perf_counter()
        try:
            while not ready.exists():
                if process.poll() is not None or time.perf_counter() - started > READY_TIMEOUT:
                    raise SystemExit(f"{self.name}: the window did not open")
                time.sleep(0.005)
        finally:
            process.terminate()
            process.wait(30)

    def calc(self) -> None:
        self.run_cli("calc", "--input", str(self.example))

    def print_r4(self) -> None:
        example = ROOT / "forms" / "r4.example.json"
        self.run_cli("print", "r4", "--input", str(example), "--out", str(self.work / "r4.pdf"))

    def measure(self) -> None:
        self.results["window"].append(timed(self.window))
        self.results["calc"].append(timed(self.calc))
        self.results["print r4"].append(timed(self.print_r4))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Zagon svežnja ob izvorni kodi.")
    parser.add_argument("bundle", nargs="?", default=str(ROOT / "dist" / "Rejnistvo"))
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--also", metavar="MAPA", help="še en sveženj (npr. prejšnja gradnja)")
    args = parser.parse_args(argv)
    window_exe, cli_exe = executables(Path(args.bundle).resolve())
    with tempfile.TemporaryDirectory(prefix="rejnistvo-measure-") as tmp:
        work = Path(tmp)
        variants = [
            Variant("svezenj", [str(window_exe)], [str(cli_exe)], work),
            Variant(
                "izvorna",
                [sys.executable, str(ROOT / "main.py")],
                [sys.executable, "-m", "rejnistvo"],
                work,
            ),
        ]
        if args.also:
            other_window, other_cli = executables(Path(args.also).resolve())
            variants.append(Variant("drugi", [str(other_window)], [str(other_cli)], work))
        for variant in variants:
            variant.prepare()
        for _ in range(args.rounds):
            for variant in variants:
                variant.measure()
        print(f"mediana {args.rounds} izmeničnih zagonov; obremenitev {os.getloadavg()[0]:.1f}")
        for what in variants[0].results:
            for variant in variants:
                runs = variant.results[what]
                wall = statistics.median(w for w, _ in runs)
                cpu = statistics.median(c for _, c in runs)
                print(f"{what:8} {variant.name:8} {wall:6.2f} s, procesor {cpu:5.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
