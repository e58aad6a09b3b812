"""Namestitve's search texts (store step m017): a slice of the list is one read of the
run of its index, in long slices (issue 13: 320 joins of 250 at 80,000 kept the search
saying »iščem …« for seconds); a placement the run does not hold is looked up."""

from __future__ import annotations

from datetime import date

from rejnistvo.services.people import Carer, Child, save_carer, save_child
from rejnistvo.services.placements import (
    Placement,
    PlacementPeriod,
    delete_placement,
    placement_pages,
    save_placement,
)
from rejnistvo.services.row_pages import TextsOf
from rejnistvo.store import open_db, save_record


def _placements(db, count: int) -> list[int]:
    centre = save_record(db, "centres", {"code": "KR", "name": "CSD Kranj", "seat": "Kranj"})
    carer = save_carer(db, Carer(name="Ana Bele", address="Ulica 1", centre_id=centre))
    child = save_child(db, Child(name="Tim Rus", birth_date=date(2015, 1, 1)))
    return [
        save_placement(
            db,
            Placement(
                contract_no=f"P-{n}",
                carer_id=carer,
                child_id=child,
                carer_centre_id=centre,
                child_centre_id=centre,
                periods=(PlacementPeriod("contract", date(2026, 1, 1)),),
            ),
        )
        for n in range(count)
    ]


def test_a_slice_is_one_read_of_the_index(tmp_path):
    with open_db(tmp_path / "run.sqlite3") as db:
        _placements(db, 3)
        pages = placement_pages(db)
        statements: list[str] = []
        db.conn.set_trace_callback(statements.append)
        try:
            texts = pages.search[0:3]
        finally:
            db.conn.set_trace_callback(None)
    assert texts == [f"P-{n} Ana Bele Tim Rus" for n in range(3)]
    assert len(statements) == 1 and "FROM placement_order" in statements[0]
    assert getattr(pages.search, "slice_rows", 0) > TextsOf.slice_rows


def test_a_placement_gone_from_the_run_is_looked_up(tmp_path):
    with open_db(tmp_path / "run.sqlite3") as db:
        first, second, third = _placements(db, 3)
        pages = placement_pages(db)
        delete_placement(db, second)  # the run from the first now ends with the third
        assert pages.search[0:3] == ["P-0 Ana Bele Tim Rus", "", "P-2 Ana Bele Tim Rus"]
        assert pages.search[2] == "P-2 Ana Bele Tim Rus"
