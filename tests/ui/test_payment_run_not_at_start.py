"""The window's start and Roki's first rows load no module of the payment run (the
package ``services.payment_run`` is loaded when the Izplačila screen or a command first
needs it): with months closed and no overpayment waiting, as in the usual month."""

from __future__ import annotations

from test_start_deferred import _run  # a child process with its own settings home

CREATE = """
import sys
from datetime import date
from rejnistvo.store import open_db
from rejnistvo.store.demo import fill_demo
with open_db(sys.argv[1]) as db:
    fill_demo(db, scale=30, today=date(2026, 6, 5))  # closes April and May 2026
"""

START = """
import sys
from datetime import date
from rejnistvo.ui import app

db, _path = app.open_database(sys.argv[1], False)
from rejnistvo.services import lists
from rejnistvo.services.deadlines import first_deadlines
from rejnistvo.store import ledger

assert len(ledger.closed_runs(db)) == 2 and not lists.has_unsettled_overpayments(db)
first_deadlines(db, date(2026, 6, 20))
loaded = sorted(n for n in sys.modules if n.startswith("rejnistvo.services.payment_run"))
assert not loaded, loaded
db.close()
print("ok")
"""


def test_the_start_and_rokis_first_rows_load_no_payment_run_module(tmp_path):
    path = str(tmp_path / "rejnistvo.sqlite3")
    made = _run(CREATE, path, home=tmp_path)
    assert made.returncode == 0, made.stderr
    done = _run(START, path, home=tmp_path)
    assert done.returncode == 0 and done.stdout.strip() == "ok", done.stderr
