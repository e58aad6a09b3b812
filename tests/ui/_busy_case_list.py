"""A Koordinator incoming list as busy as the 20,000-placement demo's subgroup (a vertical
scroll bar, five-figure case numbers), fitted by ``FitColumnsToWidth`` at a given width."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QTableView

from rejnistvo.ui.models import Column, RecordTableModel
from rejnistvo.ui.views.coordinator_columns import FitColumnsToWidth
from rejnistvo.ui.widgets.tables import configure_table

KEYS = ("case_no", "child", "status", "waiting", "sent", "received", "centre")


def busy_case_list(
    qtbot: Any, width: int, child: str, rows: int, **fit: Any
) -> tuple[QTableView, FitColumnsToWidth]:
    """The list shown ``width`` px wide; ``fit``: FitColumnsToWidth's ``elastic`` (and
    ``droppable``)."""
    model = RecordTableModel([Column(key, key) for key in KEYS])
    model.set_rows(
        [
            {
                "id": i,
                "case_no": f"1220-{5000 + i}/2026",
                "child": child,
                "status": "komisija imenovana",
                "waiting": 47,
                "sent": "17. 10. 2026",
                "received": "17. 10. 2026",
                "centre": "Osrednja Slovenija – vzhod",
            }
            for i in range(rows)
        ]
    )
    table = QTableView()
    qtbot.addWidget(table)
    table.setModel(model)
    configure_table(table)
    fitter = FitColumnsToWidth(table, **fit)
    table.resize(width, 500)
    table.show()
    qtbot.waitExposed(table)
    fitter.refit()
    qtbot.wait(20)
    return table, fitter
