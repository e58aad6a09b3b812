"""A filter keystroke lays the column header and the scroll bars out without repainting
them (issue 13: a keystroke within one frame), and they still repaint whenever their
picture changes: a sort, a section sized to its contents, a header that highlights
selected sections, a scroll bar that shows, hides or moves."""

from __future__ import annotations

from _filtered_table import filtered_table, settle, watch_paints
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QHeaderView, QWidget

from rejnistvo.ui.models import Column
from rejnistvo.ui.widgets import tables

COLUMNS = [Column("name", "Ime"), Column("town", "Kraj"), Column("note", "Opomba")]


def _rows(count: int = 3000) -> list[dict]:
    return [
        {
            "id": i,
            "name": f"{'Ana' if i % 3 else 'Kos'} {i}",
            "town": "Maribor" if i % 2 else "Koper",
            "note": "zelo dolga opomba, ki je daljša od stolpca" if i % 5 == 0 else "kratka",
        }
        for i in range(count)
    ]


def test_keystrokes_leave_the_column_header_unpainted_and_as_it_was(qtbot):
    table, proxy, _model = filtered_table(qtbot, COLUMNS, _rows(), 360, 300)
    header = table.horizontalHeader()
    settle(qtbot)
    before = header.grab().toImage()
    paints = watch_paints(header.viewport())
    for typed in ("a", "an", "ana", "ana 1", "kos", "", "maribor"):
        proxy.set_text(typed)
        settle(qtbot)
    assert paints.count == 0
    header.viewport().repaint()  # Qt's own picture of the header now
    assert header.grab().toImage() == before


def test_a_sort_still_repaints_the_header(qtbot):
    table, proxy, _model = filtered_table(qtbot, COLUMNS, _rows(), 360, 300)
    header = table.horizontalHeader()
    proxy.set_text("ana")
    settle(qtbot)
    paints = watch_paints(header.viewport())
    table.sortByColumn(1, Qt.SortOrder.DescendingOrder)  # the sort indicator appears
    settle(qtbot)
    assert paints.count >= 1
    assert header.sortIndicatorSection() == 1


def test_a_header_highlighting_selected_sections_repaints_with_the_rows(qtbot):
    table, proxy, _model = filtered_table(qtbot, COLUMNS, _rows(), 360, 300)
    header = table.horizontalHeader()
    header.setHighlightSections(True)  # what a list set up without configure_table has
    settle(qtbot)
    paints = watch_paints(header.viewport())
    proxy.set_text("kos")
    settle(qtbot)
    assert paints.count >= 1


def test_a_section_sized_to_its_contents_follows_the_rows_shown(qtbot):
    table, proxy, _model = filtered_table(qtbot, COLUMNS, _rows(60), 700, 300)
    header = table.horizontalHeader()
    header.setStretchLastSection(False)
    header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
    settle(qtbot)
    wide = header.sectionSize(2)
    paints = watch_paints(header.viewport())
    proxy.set_text("kratka")  # only the short notes are left
    settle(qtbot)
    assert header.sectionSize(2) < wide
    assert paints.count >= 1  # the narrower section is painted


def _on_screen(table) -> QImage:
    """What the window shows now (its backing store), not a fresh rendering."""
    QCoreApplication.processEvents()
    return table.screen().grabWindow(table.winId()).toImage()


def _repainted(table) -> QImage:
    table.repaint()
    for child in table.findChildren(QWidget):
        if child.isVisible():
            child.repaint()
    return _on_screen(table)


def test_keystrokes_leave_both_scroll_bars_unpainted(qtbot):
    table, proxy, _model = filtered_table(qtbot, COLUMNS, _rows(), 200, 300)
    header = table.horizontalHeader()
    header.setStretchLastSection(False)
    for column in range(3):
        header.resizeSection(column, 120)  # wider than the view: both bars are shown
    settle(qtbot)
    qtbot.wait(tables._FIND_BOXES_MS + 50)  # the bars' boxes are looked up by then
    bars = [table.verticalScrollBar(), table.horizontalScrollBar()]
    assert all(bar.isVisible() for bar in bars)
    paints = [watch_paints(bar) for bar in bars]
    for typed in ("a", "an", "ana", "", "maribor"):  # thousands of rows each
        proxy.set_text(typed)
        settle(qtbot)
    assert [p.count for p in paints] == [0, 0]
    assert _on_screen(table) == _repainted(table)


def test_a_bar_that_comes_and_goes_with_the_rows_is_painted_where_it_is(qtbot):
    table, proxy, _model = filtered_table(qtbot, COLUMNS, _rows(), 200, 300)
    header = table.horizontalHeader()
    header.setStretchLastSection(False)
    for column in range(3):
        header.resizeSection(column, 120)
    settle(qtbot)
    qtbot.wait(tables._FIND_BOXES_MS + 50)
    for typed in ("kos 12", "kos 120", "kos 1", "kos 12", "", "kos 999"):
        proxy.set_text(typed)  # few rows: the vertical bar hides, the other widens
        settle(qtbot)
        # the bars' boxes and the rows as shown, and as painted afresh (Qt leaves the
        # frame's corner pixel stale where the two bars met, with or without this)
        shown = _on_screen(table)
        afresh = _repainted(table)
        for box in (table.verticalScrollBar().parentWidget(), table.viewport()):
            place = box.geometry() if box.isVisible() else None
            if place is not None:
                assert shown.copy(place) == afresh.copy(place), typed
        wide = table.horizontalScrollBar().parentWidget().geometry()
        assert shown.copy(wide) == afresh.copy(wide), typed
