"""Namestitve: the red reason under the periods goes once the rows are corrected, as a
line field's does. A refused Shrani (periods that overlap, a date that does not exist)
left its reason under the table after the date was typed right, so the screen still
said »Obdobja pogodbe in aneksov se prekrivajo …« beside periods that no longer did."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtWidgets import QTableWidgetItem

from rejnistvo.store import get_record
from rejnistvo.ui.views.placements_view import PlacementsView
from rejnistvo.ui.widgets.periods_table import DOCUMENT, FROM, TO


def _typed(table, row: int, col: int, text: str) -> None:
    table.setItem(row, col, QTableWidgetItem(text))


def _view_with_an_annex(qtbot, ctx) -> tuple[PlacementsView, int]:
    view = PlacementsView(ctx)
    qtbot.addWidget(view)
    view.show()
    view.refresh()
    view.table.selectRow(0)
    view.periods.add_annex()
    return view, view.periods.table.rowCount() - 1


def test_an_overlap_corrected_takes_its_reason_away(qtbot, ctx):
    view, row = _view_with_an_annex(qtbot, ctx)
    periods = get_record(ctx.db, "placements", view.current_id())["periods"]
    start = periods[0]["from_date"]
    table = view.periods.table
    _typed(table, row, DOCUMENT, "Aneks X")
    _typed(table, row, FROM, f"{start.day}. {start.month}. {start.year}")
    _typed(table, row, TO, "")
    assert view.save() is False
    assert "se prekrivajo" in view.periods.error_label.text()

    _typed(table, row, TO, "1. 1. 2099")  # still from the contract's first day
    assert "se prekrivajo" in view.periods.error_label.text()

    earliest = min(p["from_date"] for p in periods)
    before = earliest - timedelta(days=10)
    _typed(table, row, FROM, f"{before.day}. {before.month}. {before.year}")
    end = earliest - timedelta(days=1)
    _typed(table, row, TO, f"{end.day}. {end.month}. {end.year}")  # ends the day before

    assert view.periods.error_label.text() == ""
    assert view.periods.error_label.isHidden()


def test_a_date_still_wrong_keeps_saying_what_is_wrong(qtbot, ctx):
    view, row = _view_with_an_annex(qtbot, ctx)
    table = view.periods.table
    _typed(table, row, DOCUMENT, "Aneks Y")
    _typed(table, row, FROM, "31. 2. 1999")
    assert view.save() is False
    assert "ne obstaja" in view.periods.error_label.text()

    _typed(table, row, FROM, "30. 2. 1999")
    assert "30. 2. 1999" in view.periods.error_label.text()

    _typed(table, row, FROM, "28. 2. 1999")
    _typed(table, row, TO, "1. 3. 1999")  # before every period of the demo
    assert view.periods.error_label.text() == ""
