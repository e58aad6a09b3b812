"""R-4 and R-5 lists with the keyboard alone (QA54): after a search the list showed its
one row with the cursor's frame while the editor kept another case (Dušan Petek's refund
under »Rok Petek«), and neither ↓, ↑ nor Enter opened the row: with one row the arrows
move nowhere and Enter did nothing. Enter on the current row opens it, as on Roki."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, Qt

from rejnistvo.ui.views.r5_view import R5View


def r5_view_and_two_children(qtbot, ctx):
    """The R-5 screen shown with its list, its first row and a row of another child."""
    view = R5View(ctx)
    qtbot.addWidget(view)
    view.resize(820, 640)
    view.show()
    qtbot.waitExposed(view)
    view.refresh()
    first = view.model.row_record(0)
    other = next(
        view.model.row_record(r)
        for r in range(view.model.rowCount())
        if view.model.row_record(r)["child_name"] != first["child_name"]
    )
    return view, first, other


def test_enter_opens_the_current_row(qtbot, ctx):
    view, first, other = r5_view_and_two_children(qtbot, ctx)
    view.open_record("r5", first["id"])
    view.search.setText(other["child_name"])
    rows = [view.proxy.row_record(r)["id"] for r in range(view.proxy.rowCount())]
    assert first["id"] not in rows
    # the row the search left is current (its frame shown), not opened: as Qt leaves it
    selection = view.table.selectionModel()
    selection.blockSignals(True)
    selection.setCurrentIndex(
        view.proxy.index(rows.index(other["id"]), 0), QItemSelectionModel.SelectionFlag.NoUpdate
    )
    selection.blockSignals(False)
    assert view.increase_id == first["id"]
    view.table.setFocus()
    qtbot.keyClick(view.table, Qt.Key.Key_Return)
    assert view.increase_id == other["id"]
    current = view.table.currentIndex()
    assert view.proxy.row_record(current.row())["id"] == other["id"]
    assert selection.isRowSelected(current.row())
