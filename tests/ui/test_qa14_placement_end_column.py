"""QA14: Namestitve fitted its columns once, on the first placements; a list whose first
placements were all open (»odprto«) cut every later end date to »20. 5.…« at 1024 px,
with the room beside the columns empty."""

from __future__ import annotations

from _fixtures_b import b_db, show_view  # noqa: F401 (fixtures)
from PySide6.QtCore import QSettings

from rejnistvo.clock import FixedClock
from rejnistvo.ui.bus import Bus
from rejnistvo.ui.context import AppContext
from rejnistvo.ui.interaction import FakeInteraction
from rejnistvo.ui.views.placements_view import PlacementsView


def test_dates_fit_though_the_first_placement_is_open(qtbot, qapp, b_db, tmp_path):  # noqa: F811
    from datetime import date

    ctx = AppContext(
        db=b_db,
        db_path=tmp_path / "b.sqlite3",
        settings=QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat),
        interaction=FakeInteraction(),
        bus=Bus(),
        clock=FixedClock(date(2026, 12, 4)),
    )
    view = show_view(qtbot, PlacementsView(ctx))
    assert view.model.rowCount() == 1  # the one open placement
    widest = view.table.fontMetrics().horizontalAdvance("30. 12. 2026")
    header = view.table.horizontalHeader()
    for key in ("first_from", "last_to"):
        assert header.sectionSize(view.model.column_index(key)) > widest
