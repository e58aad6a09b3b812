"""A small, known database for the R-4, coordinator and deadline services (no Qt, no
demo file, no machine date): one centre in subgroup 3 with four candidates, a carer, a
child, a placement from 1. 6. 2025 and a proposal prepared on 2. 3. 2026."""

from __future__ import annotations

from datetime import date

import pytest

from rejnistvo.clock import FixedClock
from rejnistvo.services.r4_cases import Proposal, Reason, save_proposal
from rejnistvo.store import open_db, save_record

TODAY = date(2026, 3, 2)
CANDIDATES = ("Ana Kovač", "Boris Žagar", "Cvetka Šuštar", "Darko Novak")


def fill(db) -> dict[str, int]:
    centre = save_record(
        db,
        "centres",
        {"code": "GOR", "name": "Center za socialno delo Gorenjska", "units": [{"name": "Kranj"}]},
    )
    save_record(
        db, "subgroups", {"id": 3, "name": "3. podskupina", "centres": [{"centre_id": centre}]}
    )
    for name in CANDIDATES:
        save_record(
            db,
            "candidates",
            {"subgroup_id": 3, "name": name, "centre_id": centre, "added_on": date(2025, 1, 1)},
        )
    carer = save_record(db, "carers", {"name": "Marija Rejnik", "centre_id": centre})
    child = save_record(db, "children", {"name": "Luka Otrok", "centre_id": centre})
    placement = save_record(
        db,
        "placements",
        {
            "contract_no": "RP-1/2025",
            "carer_id": carer,
            "child_id": child,
            "carer_centre_id": centre,
            "child_centre_id": centre,
            "periods": [
                {"kind": "contract", "document_no": "RP-1/2025", "from_date": date(2025, 6, 1)}
            ],
        },
    )
    return {"centre": centre, "carer": carer, "child": child, "placement": placement}


def proposal(ids: dict[str, int], **changes) -> Proposal:
    values = {
        "placement_id": ids["placement"],
        "case_no": "1220-14/2026",
        "centre_id": ids["centre"],
        "proposal_date": TODAY,
        "workload": "moderate",
        "proposed_percent": 25,
        "period_from": date(2026, 4, 1),
        "period_to": date(2027, 3, 31),
        "rationale": "Otrok potrebuje stalen nadzor.",
        "prepared_on": TODAY,
        "subgroup_id": 3,
        "reasons": (Reason(text="stalen nadzor"),),
    }
    values.update(changes)
    return Proposal(**values)


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(TODAY)


@pytest.fixture
def r4_db(tmp_path):
    db = open_db(tmp_path / "r4.sqlite3")
    db.ids = fill(db)
    db.case = save_proposal(db, proposal(db.ids))
    yield db
    db.close()
