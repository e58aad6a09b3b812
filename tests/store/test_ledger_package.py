"""The ledger is a package of modules with one job each; callers keep using
``ledger.<name>``, and the window's start does not load it."""

from __future__ import annotations

import inspect
import subprocess
import sys
from pathlib import Path

from rejnistvo.store import ledger

ROOT = Path(__file__).resolve().parents[2]


def test_every_name_of_the_package_is_the_one_its_module_defines():
    defined = [getattr(ledger, name) for name in ledger.__all__]
    made_here = [v for v in defined if inspect.isclass(v) or inspect.isfunction(v)]
    assert len(made_here) >= 45
    for value in made_here:
        module = sys.modules[value.__module__]
        assert module.__name__.startswith("rejnistvo.store.ledger."), value
        assert getattr(module, value.__name__) is value


def test_the_window_and_its_first_screen_load_no_ledger_module():
    code = (
        "import sys\n"
        "import rejnistvo.ui.main_window, rejnistvo.ui.views.deadlines_view\n"
        "loaded = sorted(m for m in sys.modules if m.startswith('rejnistvo.store.ledger'))\n"
        "assert not loaded, loaded\n"
    )
    subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=True, timeout=120)
