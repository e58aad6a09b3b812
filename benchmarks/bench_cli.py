"""Start-up cost of the headless commands as whole processes, measured side by side with
`python -c "import reportlab"` (issue 13, goal 5: `calc` and `print r4` ≤ 2× that).

`print r5` (R-5 with a refund) asks for Slovenian working days: the holidays come from
the cache folder (rejnistvo.holiday_cache), filled by the warm-up round.

Runs are interleaved (baseline, calc, print r4, baseline, …) so that a busy machine slows
every command alike; medians are reported, never asserted. Byte code is written (the
installed program has compiled .pyc files) and one warm-up round is not counted. The font
cache lives in a scratch XDG_CACHE_HOME: one run with it empty (the first print after an
install or upgrade) is reported apart.

Run from the project folder: `python benchmarks/bench_cli.py [--runs N] [--before DIR]
[--instructions]`; `--before` adds the same commands run in another checkout (e.g. `git
archive OLD | tar -x -C DIR`), interleaved with these, for before/after figures from one
run. `--instructions` also counts each command's machine instructions once under valgrind
(callgrind; ~50× slower): a figure other processes on the machine do not change.

Every process here runs Python's `site` — on a machine whose site-packages has `.pth`
files that import modules at start (an editable install's finder, a certifi hook) the
baseline pays for them too, so the ratios look smaller than on a clean installation;
`python -S -c pass` is listed for that reason.

`--stages` (valgrind only) counts the instructions of `print r4`'s parts as cumulative
stages, each a process that stops later than the one before (`STAGES`): where the
process goes beyond `import reportlab` (the first document also in its parts: flowables,
layout and drawing, the PDF written), then what the baseline and the command spend inside
a few C functions (interpreter start, collector, unmarshalling, zlib, SHA-1; `INCLUSIVE`).
Run a second time for figures: the first run writes the .pyc files and the font cache.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
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


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run(command: list[str], env: dict[str, str], cwd: Path = ROOT) -> tuple[float, float]:
    """Wall time and CPU time (user + system) of one process, in ms. On a busy machine
    the wall time grows with the other processes' load; the CPU time much less."""
    cpu = _children_cpu()
    start = time.perf_counter()
    subprocess.run(command, cwd=cwd, env=env, check=True, capture_output=True)
    return (time.perf_counter() - start) * 1000, (_children_cpu() - cpu) * 1000


def instructions(command: list[str], env: dict[str, str], cwd: Path = ROOT) -> int | None:
    """Machine instructions of one process (valgrind's callgrind), None without valgrind."""
    valgrind = shutil.which("valgrind")
    if valgrind is None:
        return None
    probe = [valgrind, "--tool=callgrind", "--callgrind-out-file=/dev/null", *command]
    done = subprocess.run(probe, cwd=cwd, env=env, check=True, capture_output=True, text=True)
    match = re.search(r"Collected : (\d+)", done.stderr)
    return int(match.group(1)) if match else None


#: `print r4` cut into stages: (name, code run after the process's own start-up); each
#: stage's code includes the previous one's, so differences are the stage's own cost.
#: Each ends with gc.freeze() (as the command does once its form's module is loaded), or
#: the interpreter's last collection at exit would charge each stage for all it made.
_PRINT_SETUP = """
import gc, importlib, json, sys
from rejnistvo.printing.rl_startup import PRINT_UNUSED, STDNUM_UNUSED, defer_modules
defer_modules(STDNUM_UNUSED + PRINT_UNUSED)
import reportlab.pdfgen.canvas
"""
_PLATYPUS = "import reportlab.platypus.doctemplate, reportlab.platypus.paragraph\n"
_FORMS = "from rejnistvo.forms import render_form\nfrom rejnistvo.forms.data import PARSERS\n"
_R4 = 'importlib.import_module("rejnistvo.forms.r4")\n'
_PARSE = "form = PARSERS['r4'](json.load(open(sys.argv[1], encoding='utf-8')))\n"
_FONTS = """
from reportlab.pdfbase.pdfmetrics import getFont
from rejnistvo.printing.fonts import register_fonts
register_fonts()
for name in ("DejaVuSans", "DejaVuSans-Bold", "DejaVuSerif"):
    face = getFont(name).face
    face.charWidths, face.glyphPos, face.hmetrics
"""
_DOC = "render_form('r4', form, sys.argv[2])\n"
# the first document in three parts: its flowables; laid out and drawn on the pages (the
# canvas's own save, which writes the PDF, made a no-op: measurement only); the whole
# document with its file (font subsets cut and compressed, objects serialised, written)
_STORY = "from rejnistvo.forms.r4 import build_story\nbuild_story(form)\n"
_DRAWN = """
from reportlab.pdfgen.canvas import Canvas
from rejnistvo.forms.r4 import render_r4_bytes
saving = Canvas.save
Canvas.save = lambda self: None
render_r4_bytes(form)
Canvas.save = saving
"""
_UP_TO_FONTS = _PRINT_SETUP + _PLATYPUS + _FORMS + _R4 + _PARSE + _FONTS
STAGES = (
    ("rl_startup + pdfgen.canvas", _PRINT_SETUP),
    ("+ platypus (doctemplate, paragraph)", _PRINT_SETUP + _PLATYPUS),
    ("+ forms, form data, rules", _PRINT_SETUP + _PLATYPUS + _FORMS),
    ("+ R-4 module, JSON parsed", _PRINT_SETUP + _PLATYPUS + _FORMS + _R4 + _PARSE),
    ("+ fonts from the cache", _UP_TO_FONTS),
    ("  first document: its flowables", _UP_TO_FONTS + _STORY),
    ("  … laid out and drawn, not saved", _UP_TO_FONTS + _DRAWN),
    ("+ first document (PDF written)", _UP_TO_FONTS + _DOC),
    ("+ second document", _UP_TO_FONTS + _DOC + _DOC),
)
#: C functions whose inclusive cost `print r4` is broken down by (callgrind_annotate):
#: what no change to our code or reportlab's Python can shrink without changing the PDF
#: (deflate: its bytes are the compressed streams) or the interpreter
INCLUSIVE = (
    ("interpreter start with site (.pth files)", "pylifecycle.c:Py_InitializeFromConfig"),
    ("interpreter shut-down", "pylifecycle.c:Py_FinalizeEx"),
    ("cyclic garbage collector (all passes)", "gcmodule.c:gc_collect_main"),
    ("unmarshalling code and caches (.pyc, fonts)", "marshal.c:r_object"),
    ("zlib compression (streams, font subsets)", "zlibmodule.c:zlib_compress"),
    ("SHA-1 (font cache keys)", "SHA1_Update"),
)


def inclusive_costs(command: list[str], env: dict[str, str]) -> dict[str, int]:
    """Instructions spent inside each of INCLUSIVE's C functions (callees included) in
    one run under callgrind; empty without valgrind or callgrind_annotate."""
    valgrind, annotate = shutil.which("valgrind"), shutil.which("callgrind_annotate")
    if valgrind is None or annotate is None:
        return {}
    with tempfile.TemporaryDirectory() as tmp:
        out = str(Path(tmp) / "callgrind.out")
        probe = [valgrind, "--tool=callgrind", f"--callgrind-out-file={out}", *command]
        subprocess.run(probe, cwd=ROOT, env=env, check=True, capture_output=True)
        report = subprocess.run(
            [annotate, "--inclusive=yes", "--threshold=100", out],
            check=True,
            capture_output=True,
            text=True,
        ).stdout
    found: dict[str, int] = {}
    for line in report.splitlines():
        match = re.match(r"\s*([\d,]+) \([^)]*\)\s+(\S+)", line)
        if not match:
            continue
        count, where = int(match.group(1).replace(",", "")), match.group(2)
        for name, function in INCLUSIVE:
            # a recursive function is listed again as name'2: its first entry counts
            if (where.endswith("/" + function) or where.endswith(":" + function)) and (
                name not in found
            ):
                found[name] = count
    return found


def stages(env: dict[str, str], scratch: Path) -> None:
    """Instructions of each stage of `print r4` (see STAGES) and of the command itself."""
    py = sys.executable
    r4_json = str(ROOT / "forms" / "r4.example.json")
    out = str(scratch / "stage.pdf")
    rows = [('python -c "import reportlab"', [py, "-c", "import reportlab"])]
    rows += [(name, [py, "-c", code + "gc.freeze()\n", r4_json, out]) for name, code in STAGES]
    rows.append(
        (
            "print r4 (the command)",
            [py, "-m", "rejnistvo", "print", "r4", "--input", r4_json, "--out", out],
        )
    )
    for _, command in rows:  # .pyc files and the font cache written
        subprocess.run(command, cwd=ROOT, env=env, check=True, capture_output=True)
    counts = [(name, instructions(command, env)) for name, command in rows]
    base = counts[0][1]
    if not base:
        print("stages: valgrind not found")
        return
    print(f"{'stage (cumulative)':38} {'millions':>9} {'×':>6} {'own ×':>6}")
    previous = None
    for name, count in counts:
        if count is None:
            continue
        own = (
            ""
            if previous is None or name.startswith("print")
            else f"{(count - previous) / base:5.2f}×"
        )
        print(f"{name:38} {count / 1e6:9.1f} {count / base:5.2f}× {own:>6}")
        if not name.startswith("print"):
            previous = count
    for label, command in (rows[0], rows[-1]):
        print(f"{label}, of which (inclusive, millions):")
        for name, count in inclusive_costs(command, env).items():
            print(f"  {name:44} {count / 1e6:7.1f} {count / base:5.2f}×")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--before", type=Path, help="another checkout to compare with")
    parser.add_argument(
        "--instructions", action="store_true", help="also count instructions (valgrind)"
    )
    parser.add_argument(
        "--stages", action="store_true", help="only print r4's stages in instructions"
    )
    options = parser.parse_args()
    runs = options.runs
    if options.stages:
        with tempfile.TemporaryDirectory() as tmp:
            env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
            env["XDG_CACHE_HOME"] = tmp
            stages(env, Path(tmp))
        return

    with tempfile.TemporaryDirectory() as tmp:
        scratch = Path(tmp)
        env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        for name in ("CONFIG", "STATE", "DATA", "CACHE"):
            (scratch / name).mkdir()
            env[f"XDG_{name}_HOME"] = str(scratch / name)
        calc_json = scratch / "calc.json"
        calc_json.write_text(json.dumps(CALC_INPUT), encoding="utf-8")
        py = sys.executable
        calc = [py, "-m", "rejnistvo", "calc", "--input", str(calc_json)]
        r4_json = str(ROOT / "forms" / "r4.example.json")
        print_r4 = [py, "-m", "rejnistvo", "print", "r4", "--input", r4_json]
        print_r4 += ["--out", str(scratch / "r4.pdf")]
        # R-5 with a refund: its instalments' due days ask for Slovenian working days
        r5_json = str(ROOT / "forms" / "r5.example.json")
        print_r5 = [py, "-m", "rejnistvo", "print", "r5", "--input", r5_json]
        print_r5 += ["--out", str(scratch / "r5.pdf")]
        commands: dict[str, tuple[list[str], Path]] = {
            'python -c "import reportlab"': ([py, "-c", "import reportlab"], ROOT),
            # the interpreter without site's start-up hooks (see the module's docstring)
            "python -S -c pass": ([py, "-S", "-c", "pass"], ROOT),
            # the floor of any PDF from platypus (and PIL, which reportlab.lib.utils loads)
            "import reportlab.platypus": ([py, "-c", "import reportlab.platypus"], ROOT),
            # the floor of any PDF from reportlab at all, as our process imports it (with
            # Pillow deferred, rl_startup): a form drawn on the bare canvas starts here
            "rl_startup + pdfgen.canvas": (
                [py, "-c", "import rejnistvo.printing, reportlab.pdfgen.canvas"],
                ROOT,
            ),
            "calc --input calc.json": (calc, ROOT),
            "print r4 --input r4.example.json": (print_r4, ROOT),
            "print r5 --input r5.example.json": (print_r5, ROOT),
        }
        if options.before:
            before = options.before.resolve()
            commands["before: calc"] = (calc, before)
            commands["before: print r4"] = (print_r4, before)
            commands["before: print r5"] = (print_r5, before)
        cold = run(print_r4, env)[0]  # empty font cache: parses the TrueType files, fills it
        for command, cwd in commands.values():  # warm-up: .pyc written, page cache filled
            run(command, env, cwd)
        times: dict[str, list[float]] = {name: [] for name in commands}
        cpu: dict[str, list[float]] = {name: [] for name in commands}
        for _ in range(runs):
            for name, (command, cwd) in commands.items():
                wall, used = run(command, env, cwd)
                times[name].append(wall)
                cpu[name].append(used)
        counted: dict[str, int | None] = {}
        if options.instructions:
            for name, (command, cwd) in commands.items():
                counted[name] = instructions(command, env, cwd)
        shutil.rmtree(scratch / "CACHE")
        (scratch / "CACHE").mkdir()
        cold_again = run(print_r4, env)[0]

    base = statistics.median(times['python -c "import reportlab"'])
    base_cpu = statistics.median(cpu['python -c "import reportlab"'])
    print(f"{runs} interleaved runs each, load average {os.getloadavg()[0]:.1f}")
    print(f"{'process':34} {'median ms':>9} {'worst ms':>8} {'×':>6} {'CPU ms':>7} {'× (CPU)':>8}")
    for name, values in times.items():
        median = statistics.median(values)
        used = statistics.median(cpu[name])
        print(
            f"{name:34} {median:9.0f} {max(values):8.0f} {median / base:5.2f}×"
            f" {used:7.0f} {used / base_cpu:7.2f}×"
        )
    base_count = counted.get('python -c "import reportlab"')
    if base_count:
        print(f"{'instructions (valgrind)':34} {'millions':>9} {'×':>6}")
        for name, count in counted.items():
            if count is not None:
                print(f"{name:34} {count / 1e6:9.1f} {count / base_count:5.2f}×")
    elif options.instructions:
        print("instructions: valgrind not found")
    print(
        f"print r4 with an empty font cache (first print after install): "
        f"{cold:.0f} / {cold_again:.0f} ms"
    )


if __name__ == "__main__":
    main()
