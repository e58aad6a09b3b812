"""The R-5 report's table of extraordinary expenses (Pravilnik čl. 27) and the combo
box of their categories. Amounts are kept as typed, so a wrong one stays visible."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QComboBox, QStyledItemDelegate

from rejnistvo.rules.errors import InputError
from rejnistvo.ui.format import format_amount
from rejnistvo.ui.widgets.fields import parse_amount_text
from rejnistvo.ui.widgets.rows_model import Index, RowsModel, error_brush

ZERO = Decimal("0.00")


class ExpenseModel(RowsModel):
    """R-5 expenses: category, description, amount, document. Amounts are kept as typed,
    so a wrong one stays visible (in red, with the reason as its tooltip)."""

    COLUMNS = ("category", "description", "amount", "document")

    def __init__(self, categories: dict[str, str], parent=None) -> None:
        super().__init__(
            ["Vrsta izrednega izdatka", "Opis", "Znesek (EUR)", "Dokument (račun)"], parent
        )
        self.categories = categories

    def set_expenses(self, expenses: Sequence[dict]) -> None:
        self.beginResetModel()
        self._rows = [
            {
                "category": e.get("category") or "",
                "description": e.get("description") or "",
                "amount": format_amount(e["amount"]) if e.get("amount") is not None else "",
                "document": e.get("document") or "",
            }
            for e in expenses
        ]
        self.endResetModel()

    def add_row(self, category: str = "education") -> int:
        row = len(self._rows)
        self.beginInsertRows(QModelIndex(), row, row)
        self._rows.append({"category": category, "description": "", "amount": "", "document": ""})
        self.endInsertRows()
        self.changed.emit()
        return row

    def remove_row(self, row: int) -> None:
        if 0 <= row < len(self._rows):
            self.beginRemoveRows(QModelIndex(), row, row)
            del self._rows[row]
            self.endRemoveRows()
            self.changed.emit()

    def _amount_error(self, row: int) -> str | None:
        text = self._rows[row]["amount"]
        try:
            value = parse_amount_text(text, "amount")
        except InputError as error:
            return error.message
        if value is None:
            return "Vpišite znesek izdatka."
        return None

    def row_error(self, row: int) -> str | None:
        """What is wrong in the row, after the name of its column (»Znesek (EUR): …«)."""
        r = self._rows[row]
        if r["category"] not in self.categories:
            return f"{self._header(0)}: izberite vrsto izrednega izdatka (27. člen)."
        error = self._amount_error(row)
        return None if error is None else f"{self._header(2)}: {error}"

    def _header(self, column: int) -> str:
        return str(self.headerData(column, Qt.Orientation.Horizontal))

    def errors(self) -> list[tuple[int, str]]:
        return [(i, e) for i in range(len(self._rows)) if (e := self.row_error(i))]

    def row_categories(self) -> list[str]:
        """Each row's category key, as chosen."""
        return [r["category"] for r in self._rows]

    def total(self) -> Decimal:
        """SKUPAJ of the amounts that are valid (a wrong one counts as nothing)."""
        total = ZERO
        for r in self._rows:
            try:
                total += parse_amount_text(r["amount"], "amount") or ZERO
            except InputError:
                pass
        return total

    def expenses(self) -> list[dict]:
        """Rows for the store; call only when errors() is empty."""
        return [
            {
                "category": r["category"],
                "description": r["description"].strip() or None,
                "amount": parse_amount_text(r["amount"], "amount"),
                "document": r["document"].strip() or None,
            }
            for r in self._rows
        ]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self._rows)):
            return None
        key = self.COLUMNS[index.column()]
        value = self._rows[index.row()][key]
        if role == Qt.ItemDataRole.DisplayRole:
            if key == "category":
                return self.categories.get(value, value)
            return value
        if role == Qt.ItemDataRole.EditRole:
            return value
        if key == "amount":
            if role == Qt.ItemDataRole.TextAlignmentRole:
                return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            error = self._amount_error(index.row())
            if role == Qt.ItemDataRole.ForegroundRole and error:
                return error_brush()
            if role == Qt.ItemDataRole.ToolTipRole and error:
                return error
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        if role != Qt.ItemDataRole.EditRole or not index.isValid():
            return False
        key = self.COLUMNS[index.column()]
        text = "" if value is None else str(value)
        if key == "amount":
            # Show a valid amount the Slovenian way; keep a wrong one exactly as typed.
            try:
                parsed = parse_amount_text(text, "amount")
                if parsed is not None:
                    text = format_amount(parsed)
            except InputError:
                pass
        if key == "category" and text not in self.categories:
            reverse = {name: k for k, name in self.categories.items()}
            text = reverse.get(text, text)
        self._rows[index.row()][key] = text
        return self._edited(index)

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEditable


class CategoryDelegate(QStyledItemDelegate):
    """A combo box of the four categories of čl. 27 for the first column."""

    def __init__(self, categories: dict[str, str], parent=None) -> None:
        super().__init__(parent)
        self.categories = categories

    def createEditor(self, parent, option, index):  # noqa: N802
        combo = QComboBox(parent)
        for key, name in self.categories.items():
            combo.addItem(name, key)
        return combo

    def setEditorData(self, editor, index):  # noqa: N802
        editor.setCurrentIndex(max(editor.findData(index.data(Qt.ItemDataRole.EditRole)), 0))

    def setModelData(self, editor, model, index):  # noqa: N802
        model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)
