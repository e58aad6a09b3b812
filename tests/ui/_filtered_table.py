"""A list as the screens show it, for tests of filtering and painting: a
``RecordTableModel`` of `rows` behind a ``FilterProxy`` in a configured, shown
``QTableView``."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QTableView

from rejnistvo.ui.models import Column, FilterProxy, RecordTableModel
from rejnistvo.ui.widgets.tables import configure_table


def filtered_table(
    qtbot: Any, columns: list[Column], rows: list[dict[str, Any]], width: int, height: int
) -> tuple[QTableView, FilterProxy, RecordTableModel]:
    model = RecordTableModel(columns)
    model.set_rows(rows)
    proxy = FilterProxy()
    proxy.setSourceModel(model)
    table = QTableView()
    qtbot.addWidget(table)
    table.setModel(proxy)
    configure_table(table)
    table.resize(width, height)
    table.show()
    qtbot.waitExposed(table)
    return table, proxy, model
