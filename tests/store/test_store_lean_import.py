"""sqlite-utils loaded lean (store/_lean_sqlite_utils.py): without numpy, click and
dateutil's parser at start, and still whole when any of them is used."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

LEAN = """
import sqlite3
import sys
import rejnistvo.store
from rejnistvo.store import list_records, open_db, save_record
assert "click" not in sys.modules, "click loaded"
assert "dateutil.parser._parser" not in sys.modules, "dateutil parser loaded"
assert "numpy" not in sys.modules or sys.modules["numpy"] is not None
assert "pluggy" not in sys.modules, "pluggy loaded"
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
import re
assert re.compile.__module__ == "re", "re.compile left replaced"
import sqlite_utils
memory = sqlite_utils.Database(memory=True)
memory["notes"].insert({"text": "čas"})
memory["notes"].enable_fts(["text"])
assert memory["notes_fts"].virtual_table_using == "FTS5"
assert list(memory["notes"].search("čas")) == [{"rowid": 1, "text": "čas"}]
# a plugin of sqlite-utils works as it always did: its hooks run on a plugin database
import types
plugin = types.ModuleType("test_plugin")
@sqlite_utils.hookimpl
def prepare_connection(conn):
    conn.create_function("hello", 1, lambda name: f"Živjo, {name}!")
plugin.prepare_connection = prepare_connection
from sqlite_utils.plugins import pm
pm.register(plugin, name="test-plugin")
assert "pluggy" in sys.modules  # loaded now, with the real plugin modules
plugged = sqlite_utils.Database(memory=True)
assert plugged.execute("select hello('Ana')").fetchone()[0] == "Živjo, Ana!"
assert "test_plugin" in [p["name"] for p in sqlite_utils.plugins.get_plugins()]
unplugged = sqlite_utils.Database(memory=True, execute_plugins=False)
try:
    unplugged.execute("select hello('Ana')")
    raise SystemExit("a plugin ran with execute_plugins=False")
except sqlite3.OperationalError:
    pass
from sqlite_utils import hookspecs
assert hookspecs.hookspec.project_name == "sqlite_utils"
print("ok")
"""

COMPILED_WHEN_USED = """
import re, sys
seen = []
compile_ = re.compile
re.compile = lambda *a, **k: seen.append(a[0]) or compile_(*a, **k)
import rejnistvo.store
assert not any("VIRTUAL" in str(p) for p in seen), "compiled at import"
re.compile = compile_
import sqlite_utils.db as db
assert db._virtual_table_using_re.match("CREATE VIRTUAL TABLE t USING fts4(a)").group("using") == "fts4"
assert db._quote_fts_re.split('a "b c"')[3] == '"b c"'
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


def test_sqlite_utils_patterns_are_compiled_when_first_used():
    """One of them takes 26 ms to compile: not at every start."""
    assert run(COMPILED_WHEN_USED) == "ok"


def test_the_plain_way_still_loads_a_working_sqlite_utils():
    assert run(PLAIN) == "ok"


SERVICES_FIRST = """
import sys
import rejnistvo.services.deadlines, rejnistvo.register.workflow, rejnistvo.exchange.cases
assert "click" not in sys.modules, "click loaded"
assert sys.modules.get("numpy") is None, "numpy loaded"
print("ok")
"""


def test_a_service_imported_first_still_gets_the_lean_sqlite_utils():
    """The window's start imports its reminders' service before anything else."""
    assert run(SERVICES_FIRST) == "ok"


def test_only_the_store_imports_sqlite_utils():
    """Other layers take the database type from ``rejnistvo.store``: were any of them to
    import sqlite-utils first, it would load the plain, slow way."""
    import ast

    offenders = []
    for path in sorted((ROOT / "rejnistvo").rglob("*.py")):
        if "store" in path.relative_to(ROOT / "rejnistvo").parts[:1]:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = (
                [alias.name for alias in node.names]
                if isinstance(node, ast.Import)
                else [node.module or ""]
                if isinstance(node, ast.ImportFrom)
                else []
            )
            if any(name.split(".")[0] == "sqlite_utils" for name in names):
                offenders.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert offenders == []
