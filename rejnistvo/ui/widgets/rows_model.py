"""The base of the small editable tables of the R-5 screen: rows kept as typed, headers
that follow the language, a row number as the vertical header."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush

from rejnistvo.ui.palette import ERROR, cell_colour

Index = QModelIndex | QPersistentModelIndex


def error_brush() -> QBrush:
    """The text colour of a value that is wrong (its reason is the tooltip): the
    program's red, readable on the theme's rows (``palette.cell_colour``)."""
    return QBrush(cell_colour(ERROR))


class RowsModel(QAbstractTableModel):
    """Rows (dicts) of an editable table; subclasses give ``data``, ``setData``, ``flags``."""

    #: any edit, added or removed row
    changed = Signal()

    def __init__(self, headers: Sequence[str], parent=None) -> None:
        super().__init__(parent)
        self._rows: list[dict[str, Any]] = []
        self._headers = list(headers)
        self._column_count = len(self._headers)

    def set_headers(self, headers: Sequence[str]) -> None:
        self._headers = list(headers)
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, self._column_count - 1)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else self._column_count

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:  # noqa: N802
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return self._headers[section] if 0 <= section < len(self._headers) else None
        return str(section + 1)

    def _edited(self, index: Index) -> bool:
        """Tell the view and the listeners that a cell was set; True for ``setData``."""
        self.dataChanged.emit(index, index)
        self.changed.emit()
        return True
