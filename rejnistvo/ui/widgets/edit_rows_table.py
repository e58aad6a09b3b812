"""A small editable table of dated rows with "add" and "remove" buttons and the rows'
problems shown under it: the frame shared by a placement's periods and a carer's trainings."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QPushButton,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

from rejnistvo.ui.widgets.fields import FieldError, FormValidator


class EditRowsTable(QWidget):
    """Subclasses set up the columns, implement `_add` and `rows`, and call `retranslate`."""

    edited = Signal()

    def __init__(
        self, columns: int, min_height: int, max_height: int, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.table = QTableWidget(0, columns, self)
        self.table.verticalHeader().hide()
        self.table.setMinimumHeight(min_height)
        self.table.setMaximumHeight(max_height)
        self.table.itemChanged.connect(lambda _i: self.edited.emit())
        self.add_button = QPushButton(self)
        self.remove_button = QPushButton(self)
        self.add_button.clicked.connect(self._add)
        self.remove_button.clicked.connect(self._remove)
        self.error_label = FieldError(self)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table)
        layout.addLayout(buttons)
        layout.addWidget(self.error_label)

    def _add(self) -> None:
        raise NotImplementedError

    def _remove(self) -> None:
        row = self.table.currentRow()
        if row >= 0:
            self.table.removeRow(row)
            self.edited.emit()

    def _text(self, row: int, col: int) -> str:
        item = self.table.item(row, col)
        return item.text() if item else ""

    def _show_problems(self, problems: list[str], validator: FormValidator) -> None:
        """The rows' problems under the table; the first one also goes to the form's list."""
        if problems:
            self.error_label.show_error("\n".join(problems))
            validator.errors.append((self.table, problems[0]))
        else:
            self.error_label.clear_error()
