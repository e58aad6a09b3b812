"""QA26: a placement period typed with a wrong year (»1. 9. 2016« for 2026, a child born
12. 5. 2018) was stored: a placement of a child not yet born, counted by the calculation
and the payment run. It is now refused under the periods, naming the day and the birth."""

from __future__ import annotations

from datetime import date

import pytest

from rejnistvo.rules.errors import InputError
from rejnistvo.services.people import Carer, Child, save_carer, save_child
from rejnistvo.services.placements import Placement, PlacementPeriod, save_placement
from rejnistvo.store import open_db, save_record


@pytest.fixture
def db(tmp_path):
    database = open_db(tmp_path / "placements.sqlite3")
    yield database
    database.close()


def _placement(db, birth: date | None, start: date) -> Placement:
    """A contract from ``start`` for a child born on ``birth``."""
    centre = db.execute("SELECT min(id) FROM centres").fetchone()[0] or save_record(
        db, "centres", {"code": "KR", "name": "CSD Gorenjska", "seat": "Kranj"}
    )
    carer = save_carer(db, Carer(name="Špela Šuštar", address="Čopova 1", centre_id=centre))
    child = save_child(db, Child(name="Žan Čuk", birth_date=birth, centre_id=centre))
    return Placement(
        contract_no="1220-1/2026",
        carer_id=carer,
        child_id=child,
        carer_centre_id=centre,
        child_centre_id=centre,
        periods=(PlacementPeriod("contract", start),),
    )


def test_a_period_before_the_birth_is_refused(db):
    with pytest.raises(InputError) as refused:
        save_placement(db, _placement(db, date(2018, 5, 12), date(2016, 9, 1)))
    assert refused.value.field == "periods"
    assert "1. 9. 2016" in refused.value.message
    assert "pred rojstvom otroka (12. 5. 2018)" in refused.value.message
    assert db.execute("SELECT count(*) FROM placements").fetchone()[0] == 0


def test_from_the_birth_day_on_is_kept(db):
    assert save_placement(db, _placement(db, date(2018, 5, 12), date(2026, 9, 1)))
    assert save_placement(db, _placement(db, date(2026, 9, 1), date(2026, 9, 1)))  # at birth


def test_a_child_without_a_birth_date_is_not_checked(db):
    assert save_placement(db, _placement(db, None, date(2016, 9, 1)))


def test_a_start_already_stored_does_not_stop_another_change(db):
    """Files made before this check (the demo's among them) may hold such a start."""
    from dataclasses import replace

    placement = _placement(db, date(2018, 5, 12), date(2018, 6, 1))
    placement_id = save_placement(db, placement)
    db.execute(  # as an older file holds it
        "UPDATE placement_periods SET from_date = '2016-09-01' WHERE placement_id = ?",
        [placement_id],
    )
    db.conn.commit()
    from rejnistvo.services.placements import get_placement

    stored = get_placement(db, placement_id)
    assert save_placement(db, replace(stored, note="klic rejnice")) == placement_id
    moved = replace(stored, version=None, periods=(PlacementPeriod("contract", date(2016, 8, 1)),))
    with pytest.raises(InputError):
        save_placement(db, moved)
