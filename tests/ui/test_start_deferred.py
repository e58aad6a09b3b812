"""What the window's start imports but does not run before its first paint (issue 13):
``secrets`` with ``hmac``, ``pickle``, ``locale`` and Babel's package (Roki takes only
``babel.plural``) load when a name of theirs is first used."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

CREATE = """
import sys
from rejnistvo.store import open_db
open_db(sys.argv[1]).close()
"""

START = """
import sys
from datetime import date
from rejnistvo.ui import app
from rejnistvo.printing.rl_startup import DeferredModule

# what the window does before its first paint: open the file, read Roki's first rows
db, _path = app.open_database(sys.argv[1], False)
from rejnistvo.services.deadlines import first_deadlines
first_deadlines(db, date(2026, 11, 22))
late = [n for n in app.WINDOW_UNUSED if not isinstance(sys.modules[n], DeferredModule)]
assert not late, f"run before the first paint: {late}"
assert "babel.plural" in sys.modules and "babel.core" not in sys.modules
assert "rejnistvo.rules.one_off" not in sys.modules  # services.rates: the birth grant
db.close()

# each is whole when used
import hashlib, hmac, locale, pickle, secrets
assert hashlib.sha256(b"abc").hexdigest().startswith("ba7816bf")
assert len(secrets.token_hex(4)) == 8
assert hmac.new(b"k", b"m", "sha256").hexdigest().startswith("b60090")
assert pickle.loads(pickle.dumps({"č": 1})) == {"č": 1}
assert isinstance(locale.getlocale(), tuple)
import babel
from babel.dates import format_date
assert babel.Locale("sl").plural_form(2) == "two"
assert format_date(date(2026, 3, 1), "LLLL yyyy", locale="sl_SI") == "marec 2026"
assert not any(isinstance(sys.modules[n], DeferredModule) for n in app.WINDOW_UNUSED)
print("ok")
"""


def _run(code: str, *args: str, home: Path) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(ROOT))
    for key in ("XDG_CONFIG_HOME", "XDG_STATE_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME"):
        env[key] = str(home)
    env.pop("REJNISTVO_CONFIG_DIR", None)
    env.pop("REJNISTVO_CACHE_DIR", None)
    return subprocess.run(
        [sys.executable, "-c", code, *args], capture_output=True, text=True, env=env, cwd=ROOT
    )


def test_the_start_runs_no_secrets_pickle_locale_or_babel_code_before_its_first_paint(tmp_path):
    path = str(tmp_path / "rejnistvo.sqlite3")
    made = _run(CREATE, path, home=tmp_path)
    assert made.returncode == 0, made.stderr
    done = _run(START, path, home=tmp_path)
    assert done.returncode == 0 and done.stdout.strip() == "ok", done.stderr
