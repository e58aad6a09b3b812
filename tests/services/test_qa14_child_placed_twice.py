"""QA14: a child placed full time with one family, placed again on the same days in
another placement, is named (``child_placed_elsewhere``) — the payment run paid both (a
second contract typed for a child already placed, from 1. 4. 2027 beside the open one
from 5. 3. 2027, was saved without a word)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest

from rejnistvo.services.placements import (
    Placement,
    PlacementPeriod,
    child_placed_elsewhere,
    save_placement,
)
from rejnistvo.store import open_db, save_record


@pytest.fixture
def db(tmp_path, own_rates):
    database = open_db(tmp_path / "twice.sqlite3")
    own_rates(database)
    yield database
    database.close()


def _people(db):
    carer = save_record(db, "carers", {"name": "Marija Novak", "centre_id": 1})
    child = save_record(db, "children", {"name": "Luka Kovač", "centre_id": 1})
    return carer, child


def _placement(carer, child, contract, start, end=None, part_time=False):
    share = Decimal("0.40") if part_time else None
    period = PlacementPeriod("contract", start, end, contract)
    return Placement(contract, carer, child, 1, 1, part_time, share, None, (period,))


def test_a_second_placement_on_the_same_days_is_named(db):
    carer, child = _people(db)
    save_placement(db, _placement(carer, child, "RP-2/2027", date(2027, 3, 5)))
    text = child_placed_elsewhere(db, _placement(carer, child, "RP-3/2027", date(2027, 4, 1)))
    assert text is not None
    assert "RP-2/2027" in text and "od 5. 3. 2027 dalje" in text and "Marija Novak" in text


def test_one_after_the_other_and_the_placement_itself_are_no_clash(db):
    carer, child = _people(db)
    first = _placement(carer, child, "RP-1/2026", date(2026, 1, 10), date(2026, 7, 31))
    first = replace(first, id=save_placement(db, first))
    save_placement(db, _placement(carer, child, "RP-2/2027", date(2027, 3, 5)))
    assert child_placed_elsewhere(db, first) is None
    left_open = replace(first, periods=(PlacementPeriod("contract", date(2026, 1, 10)),))
    assert "RP-2/2027" in (child_placed_elsewhere(db, left_open) or "")


def test_two_weekend_placements_are_left_to_the_caseworker(db):
    carer, child = _people(db)
    save_placement(db, _placement(carer, child, "V-1", date(2027, 3, 5), part_time=True))
    weekend = _placement(carer, child, "V-2", date(2027, 4, 1), part_time=True)
    assert child_placed_elsewhere(db, weekend) is None
    assert child_placed_elsewhere(db, replace(weekend, part_time=False)) is not None
