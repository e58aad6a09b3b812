"""A combo box over a list of (label, value) choices that finds a choice by typing."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QFocusEvent
from PySide6.QtWidgets import QComboBox, QCompleter, QWidget

from rejnistvo.ui.widgets.choice_start import show_choice_start


class ChoiceModel(QAbstractListModel):
    """Choices of a combo box (label, value) handed in at once: one model reset instead
    of thousands of addItem calls, so a combo of 20,000 placements fills in a moment."""

    def __init__(self, blank: bool = True, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.blank = blank
        self._items: list[tuple[str, Any]] = [("", None)] if blank else []
        self._rows: dict[Any, int] = {None: 0} if blank else {}

    def set_choices(self, items: Sequence[tuple[str, Any]]) -> None:
        self.beginResetModel()
        self._items = ([("", None)] if self.blank else []) + list(items)
        self._rows = {value: row for row, (_label, value) in enumerate(self._items)}
        self.endResetModel()

    def index_of(self, value: Any) -> int:
        """Row of `value` (-1 if absent): a dict look-up, not a scan through Qt."""
        return self._rows.get(value, -1)

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._items)

    def data(self, index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._items):
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return self._items[index.row()][0]
        if role == Qt.ItemDataRole.UserRole:
            return self._items[index.row()][1]
        return None


class _ChoiceBox(QComboBox):
    def focusOutEvent(self, event: QFocusEvent) -> None:  # noqa: N802
        super().focusOutEvent(event)
        line = self.lineEdit()
        if line is not None:
            line.setCursorPosition(0)  # a long choice shows its start once the box is left


def choice_combo(parent: QWidget, blank: bool = True) -> tuple[QComboBox, ChoiceModel]:
    """A combo box over a ChoiceModel where typing part of a name finds it (č = c)."""
    combo = _ChoiceBox(parent)
    model = ChoiceModel(blank, combo)
    combo.setModel(model)
    combo.setEditable(True)
    combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
    # Sized by a fixed number of characters: sizing to the contents asks data() of
    # every choice (40,000 calls for 20,000 placements) each time the combo is laid out.
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    combo.setMinimumContentsLength(24)
    completer = QCompleter(model, combo)
    completer.setFilterMode(Qt.MatchFlag.MatchContains)
    completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
    combo.setCompleter(completer)
    show_choice_start(combo)
    return combo, model
