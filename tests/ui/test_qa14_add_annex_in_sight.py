"""QA14: at 1024 × 700 »Dodaj aneks« sits below the periods table; the new row it adds,
with the cursor in it, stayed above the editor's visible part (scrolled to the button)."""

from __future__ import annotations

from datetime import date

from _fixtures_b import b_db  # noqa: F401 (fixtures)
from PySide6.QtCore import QPoint, QSettings, Qt

from rejnistvo.clock import FixedClock
from rejnistvo.ui.bus import Bus
from rejnistvo.ui.context import AppContext
from rejnistvo.ui.interaction import FakeInteraction
from rejnistvo.ui.views.placements_view import PlacementsView
from rejnistvo.ui.widgets.periods_table import DOCUMENT


def test_the_new_annex_row_is_in_sight(qtbot, qapp, b_db, tmp_path):  # noqa: F811
    ctx = AppContext(
        db=b_db,
        db_path=tmp_path / "b.sqlite3",
        settings=QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat),
        interaction=FakeInteraction(),
        bus=Bus(),
        clock=FixedClock(date(2026, 12, 4)),
    )
    view = PlacementsView(ctx)
    qtbot.addWidget(view)
    view.resize(810, 640)  # the screen's part of a 1024 × 700 window
    view.show()
    qtbot.waitExposed(view)
    view.refresh()
    view.splitter.setSizes([330, 310])
    scroll = view.editor_scroll
    # scrolled down with the mouse wheel until the button is at the top
    bar = scroll.verticalScrollBar()
    bar.setValue(view.periods.add_button.mapTo(scroll.widget(), QPoint(0, 0)).y() - 5)
    assert (
        scroll.viewport()
        .rect()
        .contains(view.periods.add_button.mapTo(scroll.viewport(), QPoint(0, 0)))
    )
    qtbot.mouseClick(view.periods.add_button, Qt.MouseButton.LeftButton)
    table = view.periods.table
    row = table.rowCount() - 1
    assert table.currentRow() == row
    rect = table.visualRect(table.model().index(row, DOCUMENT))
    top = table.viewport().mapTo(scroll.viewport(), rect.topLeft())
    bottom = table.viewport().mapTo(scroll.viewport(), rect.bottomLeft())
    seen = scroll.viewport().rect()
    assert seen.contains(top) and seen.contains(bottom - QPoint(0, 1)), (top, bottom, seen)
