"""The rules layer never drags Qt in (STYLE.md: layers never leak)."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

CHECK = """
import sys
import rejnistvo.rules
from rejnistvo.rules import (catalogues, emso, errors, money, months, periods, rates, refund,
                             reminders, uplift, workdays)
import rejnistvo.cli.rules_commands
loaded = sorted(m for m in sys.modules if m.split(".")[0] in ("PySide6", "shiboken6", "sqlite3", "sqlite_utils"))
print(",".join(loaded))
"""


def test_import_rules_loads_no_qt_and_no_sql():
    result = subprocess.run(
        [sys.executable, "-c", CHECK], capture_output=True, text=True, cwd=ROOT, timeout=120
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == ""
