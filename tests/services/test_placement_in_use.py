"""A placement that cannot be deleted is refused naming what holds it: a placement paid
in a closed month was told to delete R-4 proposals, board increases or one-off payments
it did not have (and the ledger cannot be deleted at all)."""

from __future__ import annotations

from datetime import date

import pytest

from rejnistvo.clock import FixedClock
from rejnistvo.services.payment_run import close_month
from rejnistvo.services.placements import delete_placement
from rejnistvo.store import StoreError, open_db, save_record

IBAN = "SI56191000000123438"


@pytest.fixture
def db(tmp_path, own_rates):
    database = open_db(tmp_path / "in_use.sqlite3")
    own_rates(database)
    yield database
    database.close()


def _placement(db, key: str) -> tuple[int, int]:
    carer = save_record(db, "carers", {"name": f"Rejnica {key}", "centre_id": 1, "iban": IBAN})
    child = save_record(db, "children", {"name": f"Otrok {key}", "centre_id": 1})
    placement = save_record(
        db,
        "placements",
        {
            "contract_no": f"1220-{key}/2026",
            "carer_id": carer,
            "child_id": child,
            "child_centre_id": 1,
            "periods": [{"kind": "contract", "from_date": "2026-01-01", "to_date": None}],
        },
    )
    return carer, placement


def test_paid_placement_refusal_says_it_was_paid_and_how_to_end_it(db):
    _carer, placement = _placement(db, "A")
    close_month(db, date(2026, 9, 1), FixedClock(date(2026, 10, 5)))
    with pytest.raises(StoreError) as refused:
        delete_placement(db, placement)
    message = refused.value.message
    assert "zaključenem mesecu" in message and "»Do«" in message
    assert "R-4" not in message and "enkratna" not in message


def test_refusal_names_only_what_holds_the_placement(db):
    carer, placement = _placement(db, "B")
    save_record(
        db,
        "one_off_payments",
        {"carer_id": carer, "placement_id": placement, "kind": "birth_grant",
         "amount": "430.00", "date": "2026-02-01"},
    )  # fmt: skip
    with pytest.raises(StoreError) as refused:
        delete_placement(db, placement)
    message = refused.value.message
    assert "vezani: enkratna izplačila." in message
    assert "R-4" not in message and "zvišanja" not in message
