"""sqlite-utils loaded lean (store/_lean_sqlite_utils.py): without numpy, click and
dateutil's parser at start, and still whole when any of them is used."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

LEAN = """
import sys
import rejnistvo.store
from rejnistvo.store import list_records, open_db, save_record
assert "click" not in sys.modules, "click loaded"
assert "dateutil.parser._parser" not in sys.modules, "dateutil parser loaded"
assert "numpy" not in sys.modules or sys.modules["numpy"] is not None
db = open_db(sys.argv[1])
save_record(db, "children", {"name": "Živa Golob"})
assert [r["name"] for r in list_records(db, "children")] == ["Živa Golob"]
db.close()
import sqlite_utils.recipes, sqlite_utils.utils
assert sqlite_utils.recipes.parsedate("1. 3. 2026", dayfirst=True) == "2026-03-01"
assert callable(sqlite_utils.utils.click.progressbar)
import click
assert click.Group.__module__ == "click.core" and "click" in sys.modules
from dateutil import parser
assert parser.parse("2026-01-02").year == 2026
print("ok")
"""

PLAIN = """
import sys
from rejnistvo.store._lean_sqlite_utils import _forget_sqlite_utils, load_sqlite_utils_plainly
_forget_sqlite_utils()
load_sqlite_utils_plainly()
import sqlite_utils
db = sqlite_utils.Database(memory=True)
db["t"].insert({"a": 1})
assert list(db["t"].rows) == [{"a": 1}]
print("ok")
"""


def run(code: str, *args: str) -> str:
    done = subprocess.run(
        [sys.executable, "-c", code, *args], capture_output=True, text=True, cwd=ROOT, timeout=120
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout.strip()


def test_the_store_starts_without_click_and_dateutil_and_they_load_when_used(tmp_path):
    assert run(LEAN, str(tmp_path / "x.sqlite3")) == "ok"


def test_the_plain_way_still_loads_a_working_sqlite_utils():
    assert run(PLAIN) == "ok"
