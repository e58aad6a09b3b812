"""QA26: a date typed into a table cell and Ctrl+S pressed without leaving the cell (the
natural end of typing a placement's »Do«) was not saved: the cell's editor still held
it, the save stored the period as before (an open placement stayed open, paid on) and
said »Shranjeno.« while the cell showed the typed date. A cell being typed in is now
taken into the record before Ctrl+S saves it, and before closing asks about changes."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication


def _type_into_cell(qtbot, table, row: int, col: int, text: str) -> None:
    """Open the cell's editor as a typing clerk does (F2) and type, leaving it open."""
    table.setFocus()
    table.setCurrentCell(row, col)
    qtbot.keyClick(table, Qt.Key.Key_F2)
    editor = QApplication.focusWidget()
    assert editor is not None and editor is not table
    editor.selectAll()
    qtbot.keyClicks(editor, text)


def _open_placement(window):
    window.show_screen("placements_view")
    view = window.current_view()
    view.table.setFocus()
    view.table.setCurrentIndex(view.proxy.index(0, 0))
    assert view.current_id() is not None
    return view


def _stored_ends(ctx, placement_id: int) -> list:
    from rejnistvo.services.placements import get_placement

    return [period.to_date for period in get_placement(ctx.db, placement_id).periods]


def test_ctrl_s_saves_the_date_still_being_typed_in_a_cell(qtbot, ctx, shown_window):
    view = _open_placement(shown_window)
    table = view.periods.table
    last = table.rowCount() - 1
    _type_into_cell(qtbot, table, last, 3, "31. 12. 2026")
    shown_window.statusBar().clearMessage()
    qtbot.keyClick(shown_window, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert shown_window.statusBar().currentMessage() == "Shranjeno."
    assert _stored_ends(ctx, view.current_id())[-1] == date(2026, 12, 31)
    assert not view.has_unsaved_changes()


def test_a_wrong_date_still_being_typed_is_refused_not_passed_over(qtbot, ctx, shown_window):
    view = _open_placement(shown_window)
    table = view.periods.table
    before = _stored_ends(ctx, view.current_id())
    _type_into_cell(qtbot, table, 0, 3, "1. 1. 1990")  # before the period's start
    qtbot.keyClick(shown_window, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert _stored_ends(ctx, view.current_id()) == before
    assert view.periods.error_label.has_error()
    assert view.has_unsaved_changes()


def test_closing_asks_about_a_date_still_being_typed(qtbot, ctx, interaction, shown_window):
    view = _open_placement(shown_window)
    _type_into_cell(qtbot, view.periods.table, 0, 3, "31. 12. 2026")
    assert shown_window.settle_unsaved() is False  # the fake answers »Prekliči«
    assert [kind for kind, *_ in interaction.asked] == ["save_discard_cancel"]
    assert "Namestitve" in interaction.asked[0][2]
