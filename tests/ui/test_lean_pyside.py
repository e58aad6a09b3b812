"""PySide6 loaded the lean way (rejnistvo.ui.lean_pyside): its support package's patterns
compiled on first use, its __feature__ import hook taken out, nothing else different."""

from __future__ import annotations

import re
import subprocess
import sys

from rejnistvo.ui.lean_pyside import LazyPattern

# What a program sees of PySide6's signatures and errors: the same either way.
_PROBE = """
import sys
if sys.argv[1] == "lean":
    import rejnistvo.ui.app
import builtins
from PySide6.QtCore import QObject
from PySide6.QtWidgets import QStyle, QWidget
from PySide6.support.signature import get_signature
support = sys.modules["shibokensupport.signature.parser"]
finditer = support.arglistParser._finditer
lazy = getattr(finditer, "args", [None])[0]
print("before", None if lazy is None else lazy.is_compiled)
print(get_signature(QWidget.resize))
print(get_signature(QObject.findChildren))
print(QStyle.PrimitiveElement.PE_PanelItemViewItem)
print("after", None if lazy is None else lazy.is_compiled)
hook = getattr(builtins, "__feature_import__", None)
print("hook", builtins.__import__ is hook)
"""


def _probe(how: str) -> list[str]:
    out = subprocess.run(
        [sys.executable, "-c", _PROBE, how],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert out.returncode == 0, out.stderr
    return out.stdout.splitlines()


def test_the_window_loads_pyside_lean_and_sees_the_same_signatures():
    lean, plain = _probe("lean"), _probe("plain")
    # the support package's brace pattern waits until a signature is asked for
    assert lean[0] == "before False" and lean[-2] == "after True"
    assert plain[0] == "before None"  # a compiled pattern's own method, as PySide6 made it
    assert lean[1:-2] == plain[1:-2]  # the same signatures, the same enums
    assert "Signature" in lean[1]
    # the __feature__ import hook is out in the window, in place without it
    assert lean[-1] == "hook False" and plain[-1] == "hook True"


def test_a_lazy_patterns_method_taken_early_compiles_on_its_first_call():
    pattern = LazyPattern(r"\s*,\s*", re.VERBOSE)
    split, finditer = pattern.split, pattern.finditer
    assert not pattern.is_compiled
    assert split("a , b,c") == ["a", "b", "c"]
    assert pattern.is_compiled
    assert [m.group() for m in finditer("x,y")] == [","]
    assert pattern.pattern == r"\s*,\s*" and pattern.flags & re.VERBOSE
