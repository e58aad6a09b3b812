"""Home and End on the lists (QA54, keyboard only): Qt's table moves to the row's first
or last column, which in a list that selects whole rows shows nothing, so End on Roki
seemed dead and the last reminder was reached only by holding ↓ (or Ctrl+End, which
nobody is told). Home and End choose the first and the last row."""

from __future__ import annotations

from PySide6.QtCore import Qt
from test_ui_deadlines import _view

from rejnistvo.ui.views.r4_view import R4View


def test_end_and_home_on_roki(qtbot, ctx):
    view = _view(qtbot, ctx)
    view.resize(820, 600)
    view.show()
    qtbot.waitExposed(view)
    view.table.setFocus()
    qtbot.keyClick(view.table, Qt.Key.Key_Down)
    qtbot.keyClick(view.table, Qt.Key.Key_End)
    last = view.proxy.rowCount() - 1
    assert last > 0 and view.table.currentIndex().row() == last
    assert view.table.selectionModel().isRowSelected(last)
    assert view.details.text()  # and its details are written under the list
    qtbot.keyClick(view.table, Qt.Key.Key_Home)
    assert view.table.currentIndex().row() == 0


def test_end_opens_the_last_case_on_r4(qtbot, ctx):
    view = R4View(ctx)
    qtbot.addWidget(view)
    view.resize(820, 640)
    view.show()
    qtbot.waitExposed(view)
    view.refresh()
    view.table.setFocus()
    qtbot.keyClick(view.table, Qt.Key.Key_End)
    last = view.proxy.rowCount() - 1
    assert view.table.currentIndex().row() == last
    assert view.case_id == view.proxy.row_record(last)["id"]
