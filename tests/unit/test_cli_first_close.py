"""`run --close` on a file with nothing closed: a first month before the rate table or
before any placement (a typo such as 0001-01) is refused with exit 2 and one line that
names the first month that may be closed (SPEC 3.6, 6)."""

import pytest

from rejnistvo.cli import main
from rejnistvo.store import ledger, open_db, save_record

IBAN = "SI56191000000123438"


@pytest.fixture
def db_path(tmp_path, own_rates):
    path = tmp_path / "first.sqlite3"
    with open_db(path) as db:
        own_rates(db)  # from 1. 11. 2025
        carer = save_record(db, "carers", {"name": "Rejnica A", "centre_id": 1, "iban": IBAN})
        child = save_record(db, "children", {"name": "Otrok A", "centre_id": 1})
        save_record(
            db,
            "placements",
            {"contract_no": "1220-A/2026", "carer_id": carer, "child_id": child,
             "child_centre_id": 1,
             "periods": [{"kind": "contract", "from_date": "2026-01-01", "to_date": None}]},
        )  # fmt: skip
    return path


def test_first_close_in_year_one_is_refused(db_path, capsys):
    assert main(["run", "--db", str(db_path), "--month", "0001-01", "--close"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("--month: ") and err.count("\n") == 1
    assert "januar 2026 (2026-01)" in err and "Traceback" not in err
    with open_db(db_path) as db:
        assert ledger.closed_range(db) == (None, None)
