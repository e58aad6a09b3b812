"""Layers never leak (STYLE.md): everything below ui/ imports without Qt, and the
headless interface starts without Qt. Each check runs in a fresh interpreter so that no
other test's imports hide a leak."""

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

CHECK = """
import importlib, pkgutil, sys
names = {packages!r}
for name in names:
    package = importlib.import_module(name)
    for info in pkgutil.walk_packages(getattr(package, "__path__", []), name + "."):
        importlib.import_module(info.name)
import rejnistvo.cli
rejnistvo.cli.build_parser()
print(",".join(sorted(m for m in sys.modules if m.split(".")[0] in ("PySide6", "shiboken6"))))
"""


@pytest.mark.parametrize(
    "packages",
    [
        ("rejnistvo.rules",),
        ("rejnistvo.store",),
        ("rejnistvo.printing", "rejnistvo.forms"),
        ("rejnistvo.register", "rejnistvo.exchange"),
    ],
)
def test_layer_below_ui_loads_no_qt(packages):
    result = subprocess.run(
        [sys.executable, "-c", CHECK.format(packages=packages)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == ""
