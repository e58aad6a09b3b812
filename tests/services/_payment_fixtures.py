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


def closed_then_changed(run_db, clock) -> None:
    """September and October 2026 closed, then the 2026 rate row added (arrears for every
    placement) and placement C ended on 15 October, earlier than paid (its October is an
    overpayment with a reason of its own)."""
    from rejnistvo.services import payment_run as service
    from rejnistvo.services import rates as rate_service
    from rejnistvo.store import get_record

    add_placement(run_db, "D", "2026-01-01", None, 1, None)
    for month in (D("2026-09-01"), D("2026-10-01")):
        service.close_month(run_db, month, clock)
    rate_service.add_rate(run_db, "2026-03-01", "655.23", "472.42", "test: 2026")
    c = run_db.ids["C"]
    period = run_db.execute(
        "SELECT id FROM placement_periods WHERE placement_id = ?", [c]
    ).fetchone()[0]
    version = get_record(run_db, "placements", c)["version"]
    save_record(
        run_db,
        "placements",
        {"id": c, "version": version, "periods": [
            {"id": period, "kind": "contract", "document_no": "1220-C/2026",
             "from_date": "2025-06-01", "to_date": "2026-10-15"}
        ]},
    )  # fmt: skip


def late_r4_decision(run_db) -> None:
    """Placement A's R-4 decision 3-017/2026, +25 % from 1 October 2026, entered after
    October was closed."""
    save_record(
        run_db,
        "r4_cases",
        {"placement_id": run_db.ids["A"], "outcome": "increase", "decision_percent": 25,
         "decision_from": "2026-10-01", "decision_to": "2027-09-30",
         "resolution_no": "3-017/2026", "resolution_year": 2026, "subgroup_id": 3},
    )  # fmt: skip


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


def closed_lines(db, month: date) -> list[tuple]:
    """A closed month's ledger lines as its readers get them (``run_lines``), without ids."""
    from rejnistvo.store import ledger

    run = ledger.closed_run(db, month)
    assert run is not None
    return [
        (
            x.kind,
            x.for_month,
            x.placement_id,
            x.one_off_id,
            x.carer_id,
            x.carer_name,
            x.child_name,
            x.contract_no,
            x.iban,
            x.centre_id,
            x.centre_name,
            x.unit_id,
            x.unit_name,
            x.days,
            x.factor,
            x.amounts,
            x.reason,
            x.basis,
        )  # fmt: skip
        for x in ledger.run_lines(db, run.id)
    ]
