"""A list as the screens show it, for tests of filtering and painting: a
``RecordTableModel`` of `rows` behind a ``FilterProxy`` in a configured, shown
``QTableView``; and a count of a widget's paints (``watch_paints``) with ``settle``, which
lets the queued layouts and paints of a change run."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, QObject
from PySide6.QtWidgets import QTableView, QWidget

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


class Paints(QObject):
    """Counts the paint events of the widgets it watches."""

    def __init__(self) -> None:
        super().__init__()
        self.count = 0

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.Paint:
            self.count += 1
        return False


def watch_paints(widget: QWidget) -> Paints:
    paints = Paints()
    widget.installEventFilter(paints)
    return paints


def settle(qtbot: Any) -> None:
    for _ in range(3):
        QCoreApplication.processEvents()
        qtbot.wait(5)
