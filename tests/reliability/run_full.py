"""Run the reliability suite at full size (issue 15) and print the figures.

    python tests/reliability/run_full.py            # 200 kills, every crash point, 10,000 inputs
    python tests/reliability/run_full.py --quick    # 50 kills, every 10th point, 1,000 inputs

The default test run only has the small versions (``-m 'not reliability'`` in pyproject).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="a smaller full run")
    args = parser.parse_args()
    env = dict(os.environ)
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    env.setdefault("REJNISTVO_KILLS", "50" if args.quick else "200")
    env.setdefault("REJNISTVO_FUZZ", "1000" if args.quick else "10000")
    env.setdefault("REJNISTVO_STATEMENT_STEP", "10" if args.quick else "1")
    command = [sys.executable, "-m", "pytest", "-s", "-q", "-p", "no:cacheprovider"]
    command += ["-m", "reliability or not reliability", str(ROOT / "tests" / "reliability")]
    return subprocess.call(command, cwd=ROOT, env=env)


if __name__ == "__main__":
    raise SystemExit(main())
