"""A small, known database for the R-4, R-5 and Izračun screen tests.

Not the demo file: these tests assert exact figures, so they build their own records
through the store's repository functions (as the window does)."""

from __future__ import annotations

import ctypes
import sys
from datetime import date

import pytest
from PySide6.QtCore import QSettings

from rejnistvo.ui.bus import Bus
from rejnistvo.ui.context import AppContext
from rejnistvo.ui.interaction import FakeInteraction

CANDIDATES = ("Ana Kovač", "Boris Žagar", "Cvetka Šuštar", "Darko Novak")


def fill_b(db) -> dict:
    """One centre in subgroup 3 with four candidates, a carer, a child and a placement
    from 1. 6. 2025, open. Returns the ids."""
    from rejnistvo.store import save_record

    centre = save_record(db, "centres", {"code": "GOR", "name": "Center za socialno delo Gorenjska",
                                         "units": [{"name": "Enota Kranj"}]})
    save_record(db, "subgroups", {"id": 3, "name": "3. podskupina", "centres": [{"centre_id": centre}]})
    for name in CANDIDATES:
        save_record(db, "candidates", {"subgroup_id": 3, "name": name, "centre_id": centre,
                                       "added_on": date(2025, 1, 1)})
    unit = db.execute("SELECT id FROM units WHERE centre_id = ?", [centre]).fetchone()[0]
    carer = save_record(db, "carers", {"name": "Marija Rejnik", "centre_id": centre, "unit_id": unit})
    child = save_record(db, "children", {"name": "Luka Otrok", "centre_id": centre})
    placement = save_record(db, "placements", {
        "contract_no": "RP-1/2025", "carer_id": carer, "child_id": child,
        "carer_centre_id": centre, "child_centre_id": centre, "part_time": False,
        "periods": [{"kind": "contract", "document_no": "RP-1/2025",
                     "from_date": date(2025, 6, 1), "to_date": None}],
    })
    return {"centre": centre, "carer": carer, "child": child, "placement": placement}


@pytest.fixture(autouse=True)
def true_refcount_guard():
    """PySide6 6.12.0 on Python 3.11 drops references it does not own: every
    `Signal.emit()` called from Python takes one from `True`, and calls such as
    `QComboBox.addItem` or `setCurrentIndex` take one from `None` (measured here: -1 per
    call; 6.11.2 is clean). Python 3.12+ makes these objects immortal; on 3.11 the count
    reaches 0 and the interpreter aborts ("bool_dealloc" / "none_dealloc"). Give the
    references back after each test so a long test run survives; see the report."""
    singletons = (None, True, False)
    before = [sys.getrefcount(obj) for obj in singletons]
    yield
    if sys.version_info >= (3, 12):
        return
    for obj, count in zip(singletons, before, strict=True):
        for _ in range(max(count - sys.getrefcount(obj), 0)):
            ctypes.pythonapi.Py_IncRef(ctypes.py_object(obj))


@pytest.fixture
def b_db(tmp_path):
    from rejnistvo.store import open_db

    db = open_db(tmp_path / "b.sqlite3")
    ids = fill_b(db)
    db.b_ids = ids
    yield db
    db.close()


@pytest.fixture
def b_ctx(qapp, b_db, tmp_path):
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    return AppContext(db=b_db, db_path=tmp_path / "b.sqlite3", settings=settings,
                      interaction=FakeInteraction(), bus=Bus())
