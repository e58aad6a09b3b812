"""A small editable table of dated rows with "add" and "remove" buttons and the rows'
problems shown under it: the frame shared by a placement's periods and a carer's trainings.

Tab walks through the cells and leaves the table after the last one (``EditTable``). A
removed row can be brought back with Ctrl+Z (or the "Razveljavi" button) until the
editor shows another record, so a slip of a key never loses what was typed."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QPushButton,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from rejnistvo.ui.widgets.fields import FieldError, FormValidator
from rejnistvo.ui.widgets.keyboard import EditTable


class EditRowsTable(QWidget):
    """Subclasses set up the columns, implement `_add`, `_row_values`/`_insert_values`
    (for undo) and `rows`, and call `retranslate`."""

    edited = Signal()

    def __init__(
        self, columns: int, min_height: int, max_height: int, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.table = EditTable(0, columns, self)
        self.table.verticalHeader().hide()
        self.table.setMinimumHeight(min_height)
        self.table.setMaximumHeight(max_height)
        self.table.itemChanged.connect(self._item_edited)
        self.add_button = QPushButton(self)
        self.remove_button = QPushButton(self)
        self.undo_button = QPushButton(self)
        self.undo_button.setEnabled(False)
        self.add_button.clicked.connect(self._add)
        self.remove_button.clicked.connect(self._remove)
        self.undo_button.clicked.connect(self.undo_remove)
        self._removed: list[tuple[int, list[str]]] = []
        self.undo_shortcut = QShortcut(QKeySequence.StandardKey.Undo, self)
        self.undo_shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.undo_shortcut.activated.connect(self.undo_remove)
        self.error_label = FieldError(self)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addWidget(self.undo_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table)
        layout.addLayout(buttons)
        layout.addWidget(self.error_label)
        self.retranslate_frame()

    def retranslate_frame(self) -> None:
        self.undo_button.setText(self.tr("Razveljavi odstranitev (Ctrl+Z)"))
        self.remove_button.setToolTip(
            self.tr("Odstrani izbrano vrstico; s Ctrl+Z jo vrnete, dokler zapisa ne zapustite.")
        )

    @Slot()
    def _add(self) -> None:
        raise NotImplementedError

    # -- rows as plain texts, for undo ----------------------------------------------
    def _row_values(self, row: int) -> list[str]:
        """The row's texts (subclasses with cell widgets add theirs)."""
        return [self._text(row, col) for col in range(self.table.columnCount())]

    def _insert_values(self, row: int, values: list[str]) -> None:
        """Put a removed row back at ``row`` (subclasses with cell widgets override)."""
        self.table.blockSignals(True)
        self.table.insertRow(row)
        for col, text in enumerate(values):
            self.table.setItem(row, col, QTableWidgetItem(text))
        self.table.blockSignals(False)

    def focus_cell(self, row: int, col: int) -> None:
        """Put the keyboard in a cell: the table takes the focus, the cell is current."""
        self.table.setCurrentCell(row, col)
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)

    @Slot()
    def _remove(self) -> None:
        row = self.table.currentRow()
        if row < 0:
            return
        self._removed.append((row, self._row_values(row)))
        self.table.removeRow(row)
        self.undo_button.setEnabled(True)
        # The focus leaves the remove button: a typed space must not remove another row.
        if self.table.rowCount():
            self.focus_cell(min(row, self.table.rowCount() - 1), 0)
        else:
            self.add_button.setFocus()
        self.edited.emit()

    @Slot()
    def undo_remove(self) -> bool:
        """Ctrl+Z: the last removed row comes back where it was."""
        if not self._removed:
            return False
        row, values = self._removed.pop()
        row = min(row, self.table.rowCount())
        self._insert_values(row, values)
        self.undo_button.setEnabled(bool(self._removed))
        self.focus_cell(row, 0)
        self.edited.emit()
        return True

    def forget_removed(self) -> None:
        """Another record is shown: what was removed from the last one cannot come back."""
        self._removed.clear()
        self.undo_button.setEnabled(False)

    def _text(self, row: int, col: int) -> str:
        item = self.table.item(row, col)
        return item.text() if item else ""

    @Slot(QTableWidgetItem)
    def _item_edited(self, _item: QTableWidgetItem) -> None:
        # Once a reason is shown, the rows are checked again as they are edited, so it
        # goes when they are right (as a line field's does): a refused Shrani's reason
        # stayed under rows already corrected.
        if self.error_label.has_error():
            self.recheck()
        self.edited.emit()

    def recheck(self) -> None:
        """Check the rows again and show (or take away) their reason under the table."""
        self.rows(FormValidator())

    def _show_problems(self, problems: list[str], validator: FormValidator) -> None:
        """The rows' problems under the table; the first one also goes to the form's list."""
        if problems:
            self.error_label.show_error("\n".join(problems))
            validator.errors.append((self.table, problems[0]))
            # Under the table and its buttons: revealing the table alone left it out of
            # sight at 1024 × 700 (»popravite označena polja« with nothing marked).
            validator.reasons[self.table] = self.error_label
        else:
            self.error_label.clear_error()
