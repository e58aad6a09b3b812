"""PySide6 loaded the lean way (rejnistvo.ui.lean_pyside): its support package's patterns
compiled on first use, its __feature__ import hook taken out, nothing else different."""

from __future__ import annotations

import marshal
import os
import re
import subprocess
import sys

from rejnistvo.ui.lean_pyside import CodeCache, LazyPattern

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


def _probe(how: str, env: dict[str, str] | None = None, code: str = _PROBE) -> list[str]:
    out = subprocess.run(
        [sys.executable, "-c", code, how],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        env=env,
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


_CACHE_PROBE = """
import sys
import rejnistvo.ui.app
from rejnistvo.ui import lean_pyside
cache = lean_pyside.loaded_with
print(cache.missed, cache.found, cache.path.is_file())
"""


def test_pysides_support_code_is_compiled_once_and_then_read(tmp_path):
    env = dict(os.environ, REJNISTVO_CACHE_DIR=str(tmp_path))
    missed, found, written = _probe("lean", env, _CACHE_PROBE)[0].split()
    assert int(missed) > 5 and written == "True"  # the first start compiles and keeps it
    missed, found, written = _probe("lean", env, _CACHE_PROBE)[0].split()
    assert int(missed) == 0 and int(found) > 5  # later ones read it
    # and PySide6 behaves the same with the kept code
    assert _probe("lean", env)[1:-2] == _probe("plain")[1:-2]


def _future_caller(cache: CodeCache, source: bytes):
    # this module has `from __future__ import annotations`: compile() inherits it
    return cache.compile(source, "support/x.py", "exec")


def test_kept_code_is_what_compile_makes_and_a_damaged_file_is_compiled_again(tmp_path):
    path = tmp_path / "support.code"
    source = b"def f(x: Undefined) -> int:\n    return 1\n"
    cache = CodeCache(path)
    made = _future_caller(cache, source)
    expected = compile(source, "support/x.py", "exec")  # here too, with the __future__ flag
    assert marshal.dumps(made) == marshal.dumps(expected)
    namespace: dict = {}
    exec(made, namespace)  # the annotation is not evaluated: the future flag was inherited
    assert namespace["f"].__annotations__ == {"x": "Undefined", "return": "int"}
    cache.save()
    again = CodeCache(path)
    assert marshal.dumps(_future_caller(again, source)) == marshal.dumps(expected)
    assert again.found == 1 and again.missed == 0
    # another source under the same name is compiled, not taken from the file
    other = _future_caller(again, b"y = 2\n")
    assert again.missed == 1 and "y" in other.co_names
    data = path.read_bytes()
    path.write_bytes(data[:-7] + b"garbage")  # damaged: ignored, compiled as before
    damaged = CodeCache(path)
    assert damaged.codes == {}
    assert marshal.dumps(_future_caller(damaged, source)) == marshal.dumps(expected)
    damaged.save()
    assert CodeCache(path).codes  # written again whole


def test_code_of_a_source_no_longer_asked_for_is_not_kept(tmp_path):
    # after a PySide6 upgrade its old support code is dropped, not carried forever
    path = tmp_path / "support.code"
    old = CodeCache(path)
    _future_caller(old, b"old = 1\n")
    old.save()
    upgraded = CodeCache(path)
    _future_caller(upgraded, b"new = 2\n")
    upgraded.save()
    kept = CodeCache(path)
    assert len(kept.codes) == 1
    assert "new" in next(iter(kept.codes.values())).co_names
