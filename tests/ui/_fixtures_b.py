"""A small, known database for the R-4, R-5 and Izračun screen tests.

Not the demo file: these tests assert exact figures, so they build their own records
through the store's repository functions (as the window does)."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QSettings

from rejnistvo.clock import FixedClock
from rejnistvo.ui.bus import Bus
from rejnistvo.ui.context import AppContext
from rejnistvo.ui.interaction import FakeInteraction

CANDIDATES = ("Ana Kovač", "Boris Žagar", "Cvetka Šuštar", "Darko Novak")


def show_view(qtbot, view):
    """A screen at the size of a small window, shown and filled from the store."""
    qtbot.addWidget(view)
    view.resize(1300, 850)
    view.show()
    qtbot.waitExposed(view)
    view.refresh()
    return view


def fill_b(db) -> dict:
    """One centre in subgroup 3 with four candidates, a carer, a child and a placement
    from 1. 6. 2025, open. Returns the ids."""
    from rejnistvo.store import save_record

    centre = save_record(
        db,
        "centres",
        {
            "code": "GOR",
            "name": "Center za socialno delo Gorenjska",
            "units": [{"name": "Enota Kranj"}],
        },
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
    unit = db.execute("SELECT id FROM units WHERE centre_id = ?", [centre]).fetchone()[0]
    carer = save_record(
        db, "carers", {"name": "Marija Rejnik", "centre_id": centre, "unit_id": unit}
    )
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
            "part_time": False,
            "periods": [
                {
                    "kind": "contract",
                    "document_no": "RP-1/2025",
                    "from_date": date(2025, 6, 1),
                    "to_date": None,
                }
            ],
        },
    )
    return {"centre": centre, "carer": carer, "child": child, "placement": placement}


@pytest.fixture
def b_db(tmp_path, own_rates):
    from rejnistvo.store import open_db

    db = open_db(tmp_path / "b.sqlite3")
    own_rates(db)  # the tests' own 2025 table, never the shipped rows
    ids = fill_b(db)
    db.b_ids = ids
    yield db
    db.close()


@pytest.fixture
def b_ctx(qapp, b_db, tmp_path):
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    return AppContext(
        db=b_db,
        db_path=tmp_path / "b.sqlite3",
        settings=settings,
        interaction=FakeInteraction(),
        bus=Bus(),
        # A pinned day (tests that need another set their own): never the machine's date.
        clock=FixedClock(date(2026, 3, 2)),
    )


#: the day the Izplačila tests run on: September to November 2026 can be closed
PAYMENTS_TODAY = date(2026, 12, 10)


@pytest.fixture
def payments_view(qtbot, qapp, b_db, tmp_path):
    """Izplačila over the small database on 10. 12. 2026."""
    from rejnistvo.ui.views.payments_view import PaymentsView

    ctx = AppContext(
        db=b_db,
        db_path=tmp_path / "b.sqlite3",
        settings=QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat),
        interaction=FakeInteraction(),
        bus=Bus(),
        clock=FixedClock(PAYMENTS_TODAY),
    )
    return show_view(qtbot, PaymentsView(ctx))


def show_month(qtbot, view, month: date) -> None:
    """Izplačila shows `month`'s run (the month list read again first), computed."""
    view.refresh()
    view.month_combo.setCurrentIndex(view.month_combo.findData(month.isoformat()))
    view.load_run()
    qtbot.waitUntil(lambda: not view.is_busy(), timeout=20000)
