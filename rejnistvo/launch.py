"""Which face of the program a start wants: the headless CLI of SPEC 6 or the window.

Qt-free and imported first by ``main.py`` (the bundle's ``Rejnistvo``), so that
``Rejnistvo calc …`` runs the CLI without importing the window's start (PySide6, the first
screen's services): in the bundle that import cost a ``calc`` process more than the
calculation. ``rejnistvo.ui.app.run`` asks the same question.
"""

from __future__ import annotations

import sys
from pathlib import Path

#: the Windows bundle's console executable: the CLI only (its --help, its errors)
CLI_EXECUTABLE = "rejnistvo-cli"


def wants_cli(args: list[str]) -> bool:
    """A first argument that is not an option (``calc``, ``print`` …) is a command; the
    Windows console executable runs nothing else."""
    if getattr(sys, "frozen", False) and Path(sys.executable).stem == CLI_EXECUTABLE:
        return True
    return bool(args) and not args[0].startswith("-")
