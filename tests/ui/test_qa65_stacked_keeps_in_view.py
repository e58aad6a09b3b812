"""QA65 (Roki → »Obrok vračila ni plačan« → Enter, as the manual's »Vsak dan« says, on
demo --scale 300): the R-5 screen opened side by side, put the cursor on the case's
instalments and the case's row in the list in sight, and only then stood the list above
the editor (the case's »Za vračilo: …« line made the editor too wide). The instalments
were left below the editor's fold and the chosen row above the list's, so the clerk saw
the R-5 report of an unnamed case. When the list and the editor change places, the
list's chosen row and the editor's field with the cursor are now brought into sight
again."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QLineEdit,
    QScrollArea,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from rejnistvo.ui.widgets.side_by_side import SideBySide


class _Owner(QWidget):
    """As the screens do: tell the arranger of each resize."""

    side: SideBySide | None = None

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt name)
        if self.side is not None:
            self.side.resized(event.size().width(), event.size().height())
        super().resizeEvent(event)


def _screen(qtbot):
    owner = _Owner()
    qtbot.addWidget(owner)
    layout = QVBoxLayout(owner)
    splitter = QSplitter(Qt.Orientation.Horizontal, owner)
    layout.addWidget(splitter)
    table = QTableView()
    model = QStandardItemModel(200, 1, table)
    for row in range(200):
        model.setItem(row, 0, QStandardItem(f"primer {row}"))
    table.setModel(model)
    splitter.addWidget(table)
    editor = QScrollArea()
    editor.setWidgetResizable(True)
    content = QWidget()
    fields = QVBoxLayout(content)
    edits = [QLineEdit(f"polje {n}") for n in range(40)]
    for edit in edits:
        fields.addWidget(edit)
    editor.setWidget(content)
    splitter.addWidget(editor)
    stacked_heights: list[int] = []

    def share(height: int) -> None:
        stacked_heights.append(height)
        splitter.setSizes([height // 3, height - height // 3])

    side = SideBySide(owner, splitter, editor, stack_below=700, list_min=200, on_stack=share)
    owner.side = side
    owner.resize(1000, 800)
    owner.show()
    qtbot.waitExposed(owner)
    qtbot.wait(20)
    assert splitter.orientation() == Qt.Orientation.Horizontal
    return owner, splitter, table, editor, edits, side


def _row_in_sight(table: QTableView) -> bool:
    rect = table.visualRect(table.currentIndex())
    return rect.isValid() and table.viewport().rect().contains(rect)


def _field_in_sight(editor: QScrollArea, edit: QLineEdit) -> bool:
    top_left = edit.mapTo(editor.viewport(), edit.rect().topLeft())
    bottom_right = edit.mapTo(editor.viewport(), edit.rect().bottomRight())
    area = editor.viewport().rect()
    return area.contains(top_left) and area.contains(bottom_right)


def test_the_chosen_row_and_the_field_stay_in_sight_when_stacked(qtbot):
    owner, splitter, table, editor, edits, _side = _screen(qtbot)
    table.setCurrentIndex(table.model().index(150, 0))
    table.scrollTo(table.currentIndex())
    last = edits[-1]
    last.setFocus()
    editor.ensureWidgetVisible(last)
    qtbot.wait(20)
    assert _row_in_sight(table) and _field_in_sight(editor, last)
    owner.resize(600, 800)  # too narrow for both: the list goes above the editor
    qtbot.waitUntil(lambda: splitter.orientation() == Qt.Orientation.Vertical)
    qtbot.wait(50)
    assert _row_in_sight(table)
    assert _field_in_sight(editor, last)


def test_side_by_side_again_keeps_them_in_sight_too(qtbot):
    owner, splitter, table, editor, edits, _side = _screen(qtbot)
    owner.resize(600, 800)
    qtbot.waitUntil(lambda: splitter.orientation() == Qt.Orientation.Vertical)
    table.setCurrentIndex(table.model().index(120, 0))
    table.scrollTo(table.currentIndex())
    edits[30].setFocus()
    editor.ensureWidgetVisible(edits[30])
    owner.resize(1000, 800)
    qtbot.waitUntil(lambda: splitter.orientation() == Qt.Orientation.Horizontal)
    qtbot.wait(50)
    assert _row_in_sight(table)
    assert _field_in_sight(editor, edits[30])
