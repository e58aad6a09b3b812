"""Speed of the printed documents: time per form in-process (fonts registered, warm) and the
`print` command as a whole process (for the process against `import reportlab`, see
bench_cli.py). Reported, never asserted (issue 13: ≤ 15 ms a form in-process). Run from the project folder: `python benchmarks/bench_forms.py [--rounds N]`.

The engine remembers what repeats (parsed markup, laid-out lines of the same text, font
widths): printing the same document again is the best case, so the rows "vsakič drugi
podatki" change the names and numbers at every call (only the form's own texts repeat).
"""

from __future__ import annotations

import argparse
import itertools
import json
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from rejnistvo.forms import render_form  # noqa: E402
from rejnistvo.forms.payment_sheet import render_payment_sheet_bytes  # noqa: E402
from rejnistvo.forms.refund_call import render_refund_call_bytes  # noqa: E402

from rejnistvo.rules.months import Adjustment, month_payments, month_range  # noqa: E402
from rejnistvo.rules.periods import Period  # noqa: E402
from rejnistvo.rules.rates import load_rate_table  # noqa: E402
from rejnistvo.rules.refund import RefundMethod, refund_plan  # noqa: E402


def example(kind: str) -> dict:
    return json.loads((ROOT / "forms" / f"{kind}.example.json").read_text(encoding="utf-8"))


def timed(fn: Callable[[], object], rounds: int) -> tuple[float, float, float]:
    """Median and worst wall time and median CPU time in ms, after one warm-up call (font
    files, babel data). The CPU time is what the form costs when other processes compete
    for the cores (the wall time then includes their turns)."""
    fn()
    times = []
    cpu = []
    for _ in range(rounds):
        start, start_cpu = time.perf_counter(), time.process_time()
        fn()
        times.append((time.perf_counter() - start) * 1000)
        cpu.append((time.process_time() - start_cpu) * 1000)
    return statistics.median(times), max(times), statistics.median(cpu)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=30)
    rounds = parser.parse_args().rounds

    rates = load_rate_table()
    placement = [Period(date(2025, 12, 1), None)]
    payments = month_payments(
        month_range(date(2026, 1, 1), date(2026, 12, 1)),
        placement,
        rates,
        [Adjustment(25, Period(date(2026, 3, 15), date(2026, 8, 31)))],
    )
    increase = Adjustment(25, Period(date(2026, 1, 1), date(2026, 6, 30)))
    plan = refund_plan(
        increase, placement, rates, date(2026, 7, 10), None, None, RefundMethod.AS_RECEIVED
    )
    long_r5 = example("r5")
    long_r5["expenses"] = [dict(long_r5["expenses"][0], document=f"račun {i}") for i in range(100)]

    start = time.perf_counter()
    render_form("r1", example("r1"))
    first = (time.perf_counter() - start) * 1000

    serial = itertools.count(1)

    def other_r4() -> bytes:
        n = next(serial)
        data = example("r4")
        data["case_no"] = f"1220-{n}/2026"
        data["child"]["name"] = f"Žiga Čebašek {n}"
        data["rationale"] = f"{data['rationale']} ({n}. primer)"
        return render_form("r4", data)

    def other_header() -> dict[str, object]:
        n = next(serial)
        return {
            "carer": f"Špela Žagar {n}",
            "child": f"Žiga Čebašek {n}",
            "contract_no": f"RP-{n}/2026",
            "case_no": f"1220-{n}/2026",
        }

    cases: dict[str, Callable[[], object]] = {
        "R-1": lambda: render_form("r1", example("r1")),
        "R-4 (predlog + sklep + priloga)": lambda: render_form("r4", example("r4")),
        "R-4, vsakič drugi podatki": other_r4,
        "R-5": lambda: render_form("r5", example("r5")),
        "R-5, 100 izdatkov": lambda: render_form("r5", long_r5),
        "obračun, 12 mesecev": lambda: render_payment_sheet_bytes({}, payments),
        "obračun, vsakič drugi podatki": lambda: render_payment_sheet_bytes(
            other_header(), payments
        ),
        "poziv k vračilu, 6 obrokov": lambda: render_refund_call_bytes({}, plan),
        "poziv, vsakič drugi podatki": lambda: render_refund_call_bytes(other_header(), plan),
    }
    print(f"first document in a fresh process (fonts, babel): {first:.0f} ms")
    print(f"{'document':34} {'median ms':>10} {'worst ms':>9} {'CPU ms':>7}")
    for name, fn in cases.items():
        median, worst, cpu = timed(fn, rounds)
        print(f"{name:34} {median:10.1f} {worst:9.1f} {cpu:7.1f}")

    with tempfile.TemporaryDirectory() as tmp:
        times = []
        for _ in range(5):
            start = time.perf_counter()
            subprocess.run(
                [
                    sys.executable,
                    "-m",
                    "rejnistvo",
                    "print",
                    "r4",
                    "--input",
                    str(ROOT / "forms" / "r4.example.json"),
                    "--out",
                    f"{tmp}/r4.pdf",
                ],
                cwd=ROOT,
                check=True,
                capture_output=True,
            )
            times.append((time.perf_counter() - start) * 1000)
    print(
        f"`python -m rejnistvo print r4` whole process: median {statistics.median(times):.0f} ms, "
        f"worst {max(times):.0f} ms (5 runs)"
    )


if __name__ == "__main__":
    main()
