"""A filter keystroke lays the column header out without repainting it (issue 13: a
keystroke within one frame), and the header still repaints whenever its picture changes:
a sort, a section sized to its contents, a header that highlights selected sections."""

from __future__ import annotations

from _filtered_table import filtered_table
from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt
from PySide6.QtWidgets import QHeaderView

from rejnistvo.ui.models import Column

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


class _Paints(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.count = 0

    def eventFilter(self, watched, event):  # noqa: N802
        if event.type() == QEvent.Type.Paint:
            self.count += 1
        return False


def _settle(qtbot) -> None:
    for _ in range(3):
        QCoreApplication.processEvents()
        qtbot.wait(5)


def _watch(widget) -> _Paints:
    paints = _Paints()
    widget.installEventFilter(paints)
    return paints


def test_keystrokes_leave_the_column_header_unpainted_and_as_it_was(qtbot):
    table, proxy, _model = filtered_table(qtbot, COLUMNS, _rows(), 360, 300)
    header = table.horizontalHeader()
    _settle(qtbot)
    before = header.grab().toImage()
    paints = _watch(header.viewport())
    for typed in ("a", "an", "ana", "ana 1", "kos", "", "maribor"):
        proxy.set_text(typed)
        _settle(qtbot)
    assert paints.count == 0
    header.viewport().repaint()  # Qt's own picture of the header now
    assert header.grab().toImage() == before


def test_a_sort_still_repaints_the_header(qtbot):
    table, proxy, _model = filtered_table(qtbot, COLUMNS, _rows(), 360, 300)
    header = table.horizontalHeader()
    proxy.set_text("ana")
    _settle(qtbot)
    paints = _watch(header.viewport())
    table.sortByColumn(1, Qt.SortOrder.DescendingOrder)  # the sort indicator appears
    _settle(qtbot)
    assert paints.count >= 1
    assert header.sortIndicatorSection() == 1


def test_a_header_highlighting_selected_sections_repaints_with_the_rows(qtbot):
    table, proxy, _model = filtered_table(qtbot, COLUMNS, _rows(), 360, 300)
    header = table.horizontalHeader()
    header.setHighlightSections(True)  # what a list set up without configure_table has
    _settle(qtbot)
    paints = _watch(header.viewport())
    proxy.set_text("kos")
    _settle(qtbot)
    assert paints.count >= 1


def test_a_section_sized_to_its_contents_follows_the_rows_shown(qtbot):
    table, proxy, _model = filtered_table(qtbot, COLUMNS, _rows(60), 700, 300)
    header = table.horizontalHeader()
    header.setStretchLastSection(False)
    header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
    _settle(qtbot)
    wide = header.sectionSize(2)
    paints = _watch(header.viewport())
    proxy.set_text("kratka")  # only the short notes are left
    _settle(qtbot)
    assert header.sectionSize(2) < wide
    assert paints.count >= 1  # the narrower section is painted
