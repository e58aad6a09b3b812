"""Start-up cost of the headless commands as whole processes, measured side by side with
`python -c "import reportlab"` (issue 13, goal 5: `calc` and `print r4` ≤ 2× that).

Runs are interleaved (baseline, calc, print r4, baseline, …) so that a busy machine slows
every command alike; medians are reported, never asserted. Byte code is written (the
installed program has compiled .pyc files) and one warm-up round is not counted. The font
cache lives in a scratch XDG_CACHE_HOME: one run with it empty (the first print after an
install or upgrade) is reported apart.

Run from the project folder: `python benchmarks/bench_cli.py [--runs N]`.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

CALC_INPUT = {
    "placement": [{"from": "2026-03-10", "to": None}],
    "months": ["2026-03", "2026-04"],
    "board_increases": [{"percent": 25, "from": "2026-03-15", "to": "2026-08-31"}],
    "fee_uplifts": [{"percent": 50, "from": "2026-04-01", "to": None}],
}


def run(command: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, cwd=ROOT, env=env, check=True, capture_output=True)
    return (time.perf_counter() - start) * 1000


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=7)
    runs = parser.parse_args().runs

    with tempfile.TemporaryDirectory() as tmp:
        scratch = Path(tmp)
        env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        for name in ("CONFIG", "STATE", "DATA", "CACHE"):
            (scratch / name).mkdir()
            env[f"XDG_{name}_HOME"] = str(scratch / name)
        calc_json = scratch / "calc.json"
        calc_json.write_text(json.dumps(CALC_INPUT), encoding="utf-8")
        py = sys.executable
        commands = {
            'python -c "import reportlab"': [py, "-c", "import reportlab"],
            "calc --input calc.json": [py, "-m", "rejnistvo", "calc", "--input", str(calc_json)],
            "print r4 --input r4.example.json": [
                py,
                "-m",
                "rejnistvo",
                "print",
                "r4",
                "--input",
                str(ROOT / "forms" / "r4.example.json"),
                "--out",
                str(scratch / "r4.pdf"),
            ],
        }
        print_r4 = commands["print r4 --input r4.example.json"]
        cold = run(print_r4, env)  # empty font cache: parses the TrueType files, fills it
        for command in commands.values():  # warm-up: .pyc written, files in the page cache
            run(command, env)
        times: dict[str, list[float]] = {name: [] for name in commands}
        for _ in range(runs):
            for name, command in commands.items():
                times[name].append(run(command, env))
        shutil.rmtree(scratch / "CACHE")
        (scratch / "CACHE").mkdir()
        cold_again = run(print_r4, env)

    base = statistics.median(times['python -c "import reportlab"'])
    print(f"{'process':36} {'median ms':>10} {'worst ms':>9} {'× import reportlab':>19}")
    for name, values in times.items():
        median = statistics.median(values)
        print(f"{name:36} {median:10.0f} {max(values):9.0f} {median / base:18.2f}×")
    print(
        f"print r4 with an empty font cache (first print after install): "
        f"{cold:.0f} / {cold_again:.0f} ms"
    )


if __name__ == "__main__":
    main()
