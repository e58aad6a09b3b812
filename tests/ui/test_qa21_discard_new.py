"""QA21: Ctrl+N, a few letters, then »Zavrzi spremembe« left the cursor on the button and
an empty new form, the list's row no longer marked: the clerk had to find the list and the
record again with the mouse. Now »Zavrzi« goes back to the list at the record shown before
Ctrl+N, with that record in the editor; the discard of a changed record goes back to it."""

from __future__ import annotations

from PySide6.QtCore import Qt

from rejnistvo.ui.main_window import MainWindow


def _carers(qtbot, ctx):
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.current_view() is not None)
    window.show_screen("carers_view")
    view = window.current_view()
    view.table.setFocus()
    view.table.setCurrentIndex(view.proxy.index(2, 0))
    return window, view


def test_discarding_a_new_record_goes_back_to_the_list_row(qtbot, ctx):
    window, view = _carers(qtbot, ctx)
    shown = view.current_id()
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert view.current_id() is None
    qtbot.keyClicks(window.focusWidget(), "Nekdo")
    view.btn_discard.setFocus()
    qtbot.keyClick(view.btn_discard, Qt.Key.Key_Space)
    assert view.table.hasFocus()
    assert view.table.currentIndex().row() == 2
    assert view.table.selectionModel().isRowSelected(2, view.table.rootIndex())
    assert view.current_id() == shown and not view.has_unsaved_changes()


def test_discarding_a_changed_record_goes_back_to_it_in_the_list(qtbot, ctx):
    window, view = _carers(qtbot, ctx)
    shown, name = view.current_id(), view.name_edit.text()
    view.name_edit.edit.setFocus()
    qtbot.keyClicks(view.name_edit.edit, "x")
    qtbot.mouseClick(view.btn_discard, Qt.MouseButton.LeftButton)
    assert view.table.hasFocus() and view.table.currentIndex().row() == 2
    assert view.current_id() == shown and view.name_edit.text() == name


def test_enter_on_a_row_puts_the_cursor_in_the_record(qtbot, ctx):
    window, view = _carers(qtbot, ctx)
    qtbot.keyClick(view.table, Qt.Key.Key_Return)
    assert view.name_edit.edit.hasFocus()
    assert view.current_id() is not None and not view.has_unsaved_changes()
    view.new_record()
    view.table.setFocus()
    qtbot.keyClick(view.table, Qt.Key.Key_Return)  # no record shown: the list keeps it
    assert view.table.hasFocus()
