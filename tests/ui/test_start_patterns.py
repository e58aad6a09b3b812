"""The window's start (main.py) imports string, logging, json and platformdirs with
their import-time patterns compiled on first use (rejnistvo.launch.window_start_imports):
nothing of them is compiled by the time the window's modules are imported, and each
pattern, once used, matches as the real one."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

MAIN = Path(__file__).resolve().parents[2] / "main.py"

# main.py --help imports the window's start (rejnistvo.ui.app) before it prints the help
_AFTER_MAIN = """
import runpy, sys
sys.argv = [sys.argv[1], "--help"]
try:
    runpy.run_path(sys.argv[0], run_name="__main__")
except SystemExit:
    pass
import json.encoder, json.scanner, logging, string
import platformdirs.unix
from rejnistvo.deferred_patterns import DeferredPattern
assert "rejnistvo.ui.app" in sys.modules
waiting = {
    "string": string.Template.pattern,
    "logging {": logging.StrFormatStyle.fmt_spec,
    "logging {}": logging.StrFormatStyle.field_spec,
    "json number": json.scanner.NUMBER_RE,
    "json escape": json.encoder.ESCAPE_ASCII,
    "user-dirs.dirs": platformdirs.unix._USER_DIRS_LINE,
}
print(sorted(name for name, p in waiting.items()
             if not isinstance(p, DeferredPattern) or p.is_compiled))
"""


def _lines(code: str, *args: str) -> list[str]:
    """What a fresh Python prints running ``code`` (offscreen, for main.py's window)."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    out = subprocess.run(
        [sys.executable, "-c", code, *args], capture_output=True, text=True, env=env, timeout=120
    )
    assert out.returncode == 0, out.stderr[-3000:]
    return out.stdout.splitlines()


def test_main_imports_the_start_with_unused_patterns_not_compiled():
    assert _lines(_AFTER_MAIN, str(MAIN))[-1] == "[]"


_USED_LATER = """
import sys
from rejnistvo.launch import window_start_imports
window_start_imports()
import json, json.encoder, json.scanner, logging, string
import platformdirs.unix
from rejnistvo.deferred_patterns import DeferredPattern
assert isinstance(string.Template.pattern, DeferredPattern)
print(string.Template("$a ${b} $$").substitute(a=1, b="x"))
record = logging.LogRecord("n", logging.INFO, "p", 1, "msg %s", ("a",), None)
print(logging.Formatter("{levelname}:{message!r:>8}", style="{").format(record))
print(logging.Formatter("%(levelname)s %(message)s").format(record))
print(json.scanner.py_make_scanner(json.JSONDecoder())("-12.5e1", 0))
print(json.encoder.py_encode_basestring_ascii('č"'), json.encoder.py_encode_basestring('č"'))
print(json.loads('{"a": [1, 2.5, "č"]}'), json.dumps({"a": "č"}))
match = platformdirs.unix._USER_DIRS_LINE.match('XDG_DOCUMENTS_DIR="$HOME/Dokumenti"\\n')
print(match.group("key"), match.group("quoted"))
"""


def test_each_waiting_pattern_matches_as_the_real_one_when_used():
    assert _lines(_USED_LATER) == [
        "1 x $",
        "INFO: 'msg a'",
        "INFO msg a",
        "(-125.0, 7)",
        '"\\u010d\\"" "č\\""',
        "{'a': [1, 2.5, 'č']} {\"a\": \"\\u010d\"}",
        "XDG_DOCUMENTS_DIR $HOME/Dokumenti",
    ]
