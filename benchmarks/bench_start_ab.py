"""Start → Roki rows painted, code versions compared in the same minutes (issue 13).

    python benchmarks/bench_start_ab.py --db demo20000.sqlite3 --home HOME \\
        --root /work/bench/base --root . [--runs 9] [--callgrind 2]

Each ``--root`` is a checkout (its ``main.py`` starts, its package is imported: the
children run outside any checkout, with ``PYTHONPATH`` set to the root). Each gets its own
copy of ``--home`` (the change log's key; two code versions sharing one home rewrite each
other's code and schema caches, ~15 % of a start) and its own copy of the file, under a
new name (a copy replacing a file the program knew is a restored backup and asks). A
warm-up start of each updates its copy and fills its caches; then every run starts a bare
PySide6 window and each root in turn, so all see the same minutes of a shared machine.
The children are ``bench_window``'s: the spy goes in when the program imports PySide6.

Reported per root: wall time to the rows and the child's processor time then (medians and
ranges), and the ratios to the bare window (of the medians, and the range of each run's
ratio to the bare window of its own round). ``--callgrind N`` then counts the machine
instructions of the main thread to the rows (the child ends there) N times per root and
for the bare window, interleaved: repeatable where wall time scatters ±30 %. A root whose
Python files were written during the runs is named at the end: compare a snapshot (``git
worktree add``), not a checkout others are editing.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_window import BARE_CHILD, app_child, scratch_env, timed_child_cpu  # noqa: E402

XDG = ("XDG_CONFIG_HOME", "XDG_STATE_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME")


@dataclass
class Version:
    """One code version with its own home and file copy, and what it measured."""

    label: str
    root: Path | None  # None: the bare window
    home: Path
    db: Path | None = None
    wall: list[float] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)
    instructions: list[int] = field(default_factory=list)
    timers: list[int] = field(default_factory=list)  # of the instructions: timers fired

    def env(self) -> dict[str, str]:
        env = scratch_env()
        env["PYTHONPATH"] = str(self.root) if self.root else ""
        for key in XDG:
            env[key] = str(self.home)
        return env

    def argv(self) -> list[str]:
        if self.root is None:
            return [BARE_CHILD]
        return [app_child(self.root), str(self.db)]


def prepare(roots: list[Path], db: Path, home: Path, scratch: Path) -> list[Version]:
    versions = [Version("bare", None, scratch / "bare-home")]
    versions[0].home.mkdir()
    for i, root in enumerate(roots):
        label = f"{i}:{root.name or root}"
        copy_home = scratch / f"home{i}"
        shutil.copytree(home, copy_home, symlinks=True)
        copy_db = scratch / f"v{i}-{db.name}"
        shutil.copy2(db, copy_db)
        versions.append(Version(label, root.resolve(), copy_home, copy_db))
    return versions


def run_once(version: Version, cwd: str) -> tuple[float, float]:
    return timed_child_cpu(*version.argv(), env=version.env(), cwd=cwd)


#: Qt's function running the timers that are due: what it costs to the rows is work
#: timed after the show (the mnemonics 200 ms after it, the other screens' modules from
#: 250 ms, Roki's completion), which a start ~50x slower under valgrind reaches before
#: its first paint on a busy machine and a start at full speed does not (63d11b1 at 20k:
#: 667.7 M at load 0.5; 702.5 M at load 4, of which timers 30.4 M)
TIMERS = "QTimerInfoList::activateTimers()"


def timers_fired(callgrind_out: Path) -> int:
    """The instructions of ``callgrind_out`` spent in timers (inclusive), 0 if none."""
    out = subprocess.run(
        ["callgrind_annotate", "--inclusive=yes", str(callgrind_out)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    for line in out.splitlines():
        if f"{TIMERS} [" in line:
            return int(line.split()[0].replace(",", ""))
    return 0


def callgrind_once(version: Version, cwd: str, out: Path) -> tuple[int, int]:
    """Machine instructions of the main thread of one start to its rows (the child ends
    at them), and of them those of timers that fired (``TIMERS``). Only the main
    thread's: the file's checks, which start in a thread of their own once the window
    is painted, got 0-60 M instructions of its last moments, depending on how valgrind
    (one thread at a time) took turns; fontconfig's set-up runs in a thread too."""
    env = version.env()
    env["BENCH_EXIT_AT_ROWS"] = "1"
    subprocess.run(
        [
            "valgrind",
            "--tool=callgrind",
            "--separate-threads=yes",  # a file per thread: out-01 is the main thread's
            f"--callgrind-out-file={out}",
            sys.executable,
            "-c",
            *version.argv(),
        ],
        env=env,
        cwd=cwd,
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    if version.root is not None:
        # ended at its rows, the program left its file as after a crash (its -wal): the
        # next start would check it whole; a start that ends normally tidies it first
        run_once(version, cwd)
    main = out.with_name(f"{out.name}-01")
    for line in main.read_text().splitlines():
        if line.startswith(("summary:", "totals:")):
            return int(line.split()[1]), timers_fired(main)
    raise SystemExit(f"no instruction count in {main}")


def spread(values: list[float], scale: float = 1000) -> str:
    return (
        f"{statistics.median(values) * scale:.0f} "
        f"({min(values) * scale:.0f}–{max(values) * scale:.0f})"
    )


def report(versions: list[Version]) -> None:
    bare = versions[0]
    bw, bc = statistics.median(bare.wall), statistics.median(bare.cpu)
    print(f"bare window: wall {spread(bare.wall)} ms, cpu {spread(bare.cpu)} ms")
    for v in versions[1:]:
        per_run = [w / b for w, b in zip(v.wall, bare.wall, strict=True)]
        print(
            f"{v.label}: wall {spread(v.wall)} ms = {statistics.median(v.wall) / bw:.2f}× "
            f"(runs {min(per_run):.2f}–{max(per_run):.2f}×); cpu {spread(v.cpu)} ms = "
            f"{statistics.median(v.cpu) / bc:.2f}×"
        )
    if bare.instructions:
        bi = statistics.median(bare.instructions)
        print(f"bare window: {', '.join(f'{n / 1e6:.0f}' for n in bare.instructions)} M instr")
        for v in versions[1:]:
            counts = ", ".join(f"{n / 1e6:.1f}" for n in v.instructions)
            ratio = statistics.median(v.instructions) / bi
            print(
                f"{v.label}: {counts} M instructions to the rows ({ratio:.2f}× bare; main thread)"
            )
            if any(v.timers):
                # timed work that reached the rows only because valgrind is slow
                rest = [n - t for n, t in zip(v.instructions, v.timers, strict=True)]
                print(
                    f"   of which timers {', '.join(f'{t / 1e6:.1f}' for t in v.timers)} M; "
                    f"without them {', '.join(f'{n / 1e6:.1f}' for n in rest)} M "
                    f"({statistics.median(rest) / bi:.2f}× bare)"
                )


def changed_since(root: Path, since: float) -> list[str]:
    """The root's Python files written during the runs: a live checkout that another
    hand edits meanwhile rebuilds its caches (a changed ``store/schema.py`` rebuilds the
    expected schema, ~0.3 s), so its later figures are not of one code."""
    return sorted(
        str(path.relative_to(root))
        for path in root.rglob("*.py")
        if path.stat().st_mtime > since and "benchmarks" not in path.parts
    )


def load() -> str:
    return " ".join(f"{x:.1f}" for x in os.getloadavg())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--db", type=Path, required=True, help="the file (copied per root)")
    parser.add_argument("--home", type=Path, required=True, help="its home (copied per root)")
    parser.add_argument("--root", type=Path, action="append", required=True)
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--callgrind", type=int, default=0, metavar="N")
    parser.add_argument("--keep", action="store_true", help="keep the scratch folder")
    args = parser.parse_args()
    scratch = Path(tempfile.mkdtemp(prefix="rejnistvo-start-ab-"))
    cwd = str(scratch)  # no checkout on sys.path[0]: each child imports its root's code
    try:
        versions = prepare(args.root, args.db, args.home, scratch)
        began = time.time()
        for v in versions:  # warm-up: migrations, the day's backup, the code caches
            run_once(v, cwd)
            run_once(v, cwd)
        print(f"load {load()}", flush=True)
        for _ in range(args.runs):
            for v in versions:
                wall, cpu = run_once(v, cwd)
                v.wall.append(wall)
                v.cpu.append(cpu)
        print(f"load {load()}; {args.runs} interleaved runs", flush=True)
        for i in range(args.callgrind):
            for v in versions:
                total, timers = callgrind_once(v, cwd, scratch / f"cg.{i}.{id(v)}")
                v.instructions.append(total)
                v.timers.append(timers)
        report(versions)
        for v in versions[1:]:
            assert v.root is not None
            changed = changed_since(v.root, began)
            if changed:
                print(f"warning: {v.label} changed during the runs: {', '.join(changed[:5])}")
    finally:
        if args.keep:
            print(f"scratch kept in {scratch}")
        else:
            shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    main()
