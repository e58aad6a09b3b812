"""Roki at 1024 × 700 with the keyboard alone (QA54): the »Podrobnosti« column is cut
(»Zvišanje oskrbnine 50 % d…«, »Obrok vračila 74,32 € ni …«) and the whole text was only
in the cell's tooltip, which needs a mouse. The chosen reminder's details are now written
in full under the list, following the arrow keys and the search."""

from __future__ import annotations

from PySide6.QtCore import Qt
from test_ui_deadlines import _view

from rejnistvo.ui.widgets.money_text import on_screen


def test_the_chosen_reminder_is_written_whole_under_the_list(qtbot, ctx):
    view = _view(qtbot, ctx)
    view.resize(1024 - 200, 600)  # the screen beside the left list of a 1024 wide window
    view.show()
    qtbot.waitExposed(view)
    assert view.details.text() == ""  # nothing chosen yet
    view.table.setFocus()
    qtbot.keyClick(view.table, Qt.Key.Key_Down)
    first = view.proxy.row_record(view.table.currentIndex().row())
    assert on_screen(first["what"]) in view.details.text()
    assert first["kind_name"] in view.details.text() and first["carer"] in view.details.text()
    assert view.details.isVisible()
    qtbot.keyClick(view.table, Qt.Key.Key_Down)
    second = view.proxy.row_record(view.table.currentIndex().row())
    assert on_screen(second["what"]) in view.details.text()
    # a search that leaves no reminder chosen leaves no stale details
    view.search.setText("ni takega opomnika xyz")
    assert view.proxy.rowCount() == 0 and view.details.text() == ""
