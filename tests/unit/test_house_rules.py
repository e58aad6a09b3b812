"""The house rules of STYLE.md and the CEO's list, checked on the source itself, so a
change that breaks one fails here instead of waiting for the next review.

Each check reads the code with ``ast`` (comments and strings never match) and names the
file and line of every offence."""

from __future__ import annotations

import ast
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "rejnistvo"
LAYERS_BELOW_UI = ("rules", "store", "services", "cli", "register", "exchange", "printing")

#: Known offences waiting for their owner (file → why it is still here). Remove the line
#: with the fix; a new offence anywhere else fails.
TIME_KNOWN: dict[str, str] = {}


def _sources(*folders: Path) -> Iterator[tuple[str, ast.Module]]:
    for folder in folders:
        for path in sorted(folder.rglob("*.py")):
            if "__pycache__" in path.parts:
                continue
            yield path.relative_to(ROOT).as_posix(), ast.parse(path.read_text("utf-8"))


def _calls(tree: ast.AST) -> Iterator[tuple[ast.Call, str]]:
    """Every call with its dotted name as written (``date.today``, ``db.execute``)."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            parts = []
            func: ast.AST = node.func
            while isinstance(func, ast.Attribute):
                parts.append(func.attr)
                func = func.value
            if isinstance(func, ast.Name):
                parts.append(func.id)
            yield node, ".".join(reversed(parts))


def test_today_and_now_come_only_from_the_clock() -> None:
    wall_clock = {"date.today", "datetime.today", "datetime.now", "datetime.utcnow", "time.time"}
    found = [
        f"{name}:{call.lineno} {dotted}()"
        for name, tree in _sources(PACKAGE, ROOT / "forms")
        if name != "rejnistvo/clock.py" and name not in TIME_KNOWN
        for call, dotted in _calls(tree)
        if dotted in wall_clock or dotted.endswith(".datetime.now")
    ]
    assert found == []


def test_the_known_time_offences_are_still_there() -> None:
    # Once fixed, the allowance must go too (else it would let the file slip back).
    for name in TIME_KNOWN:
        text = (ROOT / name).read_text("utf-8")
        assert "datetime.now(" in text, f"{name} is fixed: remove it from TIME_KNOWN"


def test_no_sql_in_the_window() -> None:
    found = [
        f"{name}:{call.lineno} {dotted}()"
        for name, tree in _sources(PACKAGE / "ui")
        for call, dotted in _calls(tree)
        if dotted.rsplit(".", 1)[-1] in {"execute", "executemany", "executescript", "query"}
    ]
    assert found == []


def test_rules_import_neither_qt_nor_the_store_nor_the_services() -> None:
    forbidden = ("PySide6", "shiboken6", "sqlite3", "sqlite_utils", "rejnistvo.store")
    forbidden += ("rejnistvo.services", "rejnistvo.ui", "rejnistvo.cli")
    found = []
    for name, tree in _sources(PACKAGE / "rules"):
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                modules = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                modules = [node.module]
            else:
                continue
            found += [
                f"{name}:{node.lineno} {m}"
                for m in modules
                if any(m == f or m.startswith(f + ".") for f in forbidden)
            ]
    assert found == []


def test_no_float_near_money() -> None:
    # Amounts are Decimal end to end; the window's layout code (ui/) measures pixels.
    folders = [PACKAGE / layer for layer in LAYERS_BELOW_UI] + [ROOT / "forms"]
    found = [
        f"{name}:{call.lineno}"
        for name, tree in _sources(*folders)
        for call, dotted in _calls(tree)
        if dotted == "float"
    ]
    assert found == []


def test_no_bare_except() -> None:
    found = [
        f"{name}:{node.lineno}"
        for name, tree in _sources(PACKAGE, ROOT / "forms")
        for node in ast.walk(tree)
        if isinstance(node, ast.ExceptHandler) and node.type is None
    ]
    assert found == []


@pytest.mark.parametrize("package", ["rejnistvo.services", "rejnistvo.cli"])
def test_services_and_cli_load_no_qt(package: str) -> None:
    # test_layers.py covers rules, store, printing, forms, register and exchange.
    check = (
        "import importlib, pkgutil, sys\n"
        f"package = importlib.import_module({package!r})\n"
        "for info in pkgutil.walk_packages(package.__path__, package.__name__ + '.'):\n"
        "    importlib.import_module(info.name)\n"
        "print(','.join(sorted(m for m in sys.modules if m.split('.')[0] in "
        "('PySide6', 'shiboken6'))))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", check], capture_output=True, text=True, cwd=ROOT, timeout=120
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == ""
