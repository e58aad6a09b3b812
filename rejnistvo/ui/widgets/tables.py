"""One look for every read-only list: whole rows selected, no wrapping, sortable."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView


def configure_table(table: QTableView) -> None:
    table.setSortingEnabled(True)
    # -1: keep the order the rows came in until the user clicks a header
    table.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setAlternatingRowColors(True)
    table.setWordWrap(False)
    vertical = table.verticalHeader()
    vertical.hide()
    vertical.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    vertical.setDefaultSectionSize(table.fontMetrics().height() + 10)
    header = table.horizontalHeader()
    header.setStretchLastSection(True)
    header.setResizeContentsPrecision(300)  # look at a few hundred rows, not 20,000
    header.setHighlightSections(False)


def fit_columns(table: QTableView, max_width: int = 320) -> None:
    """Columns as wide as their content (capped), once rows are in."""
    table.resizeColumnsToContents()
    header = table.horizontalHeader()
    for col in range(header.count() - 1):
        if header.sectionSize(col) > max_width:
            header.resizeSection(col, max_width)
