"""`run --close` on a file with nothing closed: a first month before the rate table or
before any placement (a typo such as 0001-01) is refused with exit 2 and one line that
names the first month that may be closed (SPEC 3.6, 6)."""

import pytest
from _one_placement import add_one_placement

from rejnistvo.cli import main
from rejnistvo.store import ledger, open_db


@pytest.fixture
def db_path(tmp_path, own_rates):
    path = tmp_path / "first.sqlite3"
    with open_db(path) as db:
        own_rates(db)  # from 1. 11. 2025
        add_one_placement(db)
    return path


def test_first_close_in_year_one_is_refused(db_path, capsys):
    assert main(["run", "--db", str(db_path), "--month", "0001-01", "--close"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("--month: ") and err.count("\n") == 1
    assert "januar 2026 (2026-01)" in err and "Traceback" not in err
    with open_db(db_path) as db:
        assert ledger.closed_range(db) == (None, None)
