"""A small database for the payment run: the tests' own rate table, three placements in
one centre (two units), valid IBANs, nothing from the demo or resources/."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from rejnistvo.clock import FixedClock
from rejnistvo.rules.months import Adjustment, month_payment
from rejnistvo.rules.periods import Period
from rejnistvo.rules.rates import Rate, RateTable
from rejnistvo.store import open_db, save_record

TODAY = date(2026, 12, 10)
IBANS = ("SI56191000000123438", "SI56044307954291696", "SI56031004965454156")
CENTRE_IBAN = "SI56020108128219338"


def D(text: str) -> date:
    return date.fromisoformat(text)


def add_placement(db, key: str, start: str, end: str | None, unit_index: int, iban: str | None):
    units = [r[0] for r in db.execute("SELECT id FROM units WHERE centre_id = 1 ORDER BY id")]
    unit = units[unit_index]
    carer = save_record(
        db, "carers", {"name": f"Rejnica {key}", "centre_id": 1, "unit_id": unit, "iban": iban}
    )
    child = save_record(db, "children", {"name": f"Otrok {key}", "centre_id": 1, "unit_id": unit})
    contract = f"1220-{key}/2026"
    return save_record(
        db,
        "placements",
        {
            "contract_no": contract,
            "carer_id": carer,
            "child_id": child,
            "child_centre_id": 1,
            "periods": [
                {"kind": "contract", "document_no": contract, "from_date": start, "to_date": end}
            ],
        },
    )


@pytest.fixture
def clock():
    return FixedClock(TODAY)


@pytest.fixture
def run_db(tmp_path, own_rates):
    db = open_db(tmp_path / "run.sqlite3")
    own_rates(db)
    ids = {
        "A": add_placement(db, "A", "2026-01-01", None, 0, IBANS[0]),
        "B": add_placement(db, "B", "2026-09-10", None, 1, IBANS[1]),
        "C": add_placement(db, "C", "2025-06-01", "2026-11-30", 0, IBANS[2]),
    }
    db.ids = ids
    with db.atomic():
        db.table("settings").upsert({"key": "centre_iban", "value": CENTRE_IBAN}, pk="key")
        db.table("settings").upsert(
            {"key": "centre_name", "value": "Center za socialno delo Test"}, pk="key"
        )
    yield db
    db.close()


def expected(month: date, periods, rates, uplifts=(), increases=()):
    """Today's figure of a month, computed here straight from rules.months."""
    table = RateTable(Rate(D(v), Decimal(b), Decimal(f)) for v, b, f in rates)
    return month_payment(
        month,
        [Period(D(s), D(e) if e else None) for s, e in periods],
        table,
        [Adjustment(p, Period(D(s), D(e) if e else None)) for p, s, e in increases],
        [Adjustment(p, Period(D(s), D(e) if e else None)) for p, s, e in uplifts],
    )
