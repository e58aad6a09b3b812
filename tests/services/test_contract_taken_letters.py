"""A contract number with a letter outside ASCII (»RP-Š 12«) typed in other case
(»rp-š  12«) is the same number: SQLite's ``lower`` folds only ASCII, so the query that
narrows the placements must not be what decides."""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest

from rejnistvo.services.people import Carer, Child, save_carer, save_child
from rejnistvo.services.placements import (
    Placement,
    PlacementPeriod,
    contract_taken,
    save_placement,
)
from rejnistvo.store import open_db, save_record


@pytest.fixture
def db(tmp_path):
    database = open_db(tmp_path / "contracts.sqlite3")
    yield database
    database.close()


def _placement(db, contract: str) -> Placement:
    centre = save_record(db, "centres", {"code": "KR", "name": "CSD Gorenjska", "seat": "Kranj"})
    carer = save_carer(db, Carer(name="Špela Šuštar", address="Čopova 1", centre_id=centre))
    child = save_child(db, Child(name="Žan Čuk", birth_date=date(2018, 5, 12), centre_id=centre))
    return Placement(
        contract_no=contract,
        carer_id=carer,
        child_id=child,
        carer_centre_id=centre,
        child_centre_id=centre,
        periods=(PlacementPeriod("contract", date(2026, 9, 1)),),
    )


@pytest.mark.parametrize("typed", ["rp-š  12", "RP-Š 12", "Rp-Š12 "])
def test_a_number_with_s_caron_typed_otherwise_is_taken(db, typed):
    first = _placement(db, "RP-Š 12")
    save_placement(db, first)
    other = dataclasses.replace(first, contract_no=typed)
    said = contract_taken(db, other) or ""
    assert ("Pogodba RP-Š 12 je že vpisana" in said) == (typed != "Rp-Š12 ")


def test_a_new_number_is_free(db):
    first = _placement(db, "RP-Š 12")
    save_placement(db, first)
    assert contract_taken(db, dataclasses.replace(first, contract_no="RP-Ž 12")) is None
