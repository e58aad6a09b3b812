"""fit_columns: each column as wide as its header and the widest of its first rows'
texts (capped), each distinct text measured once."""

from __future__ import annotations

from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QStyle, QTableView

from rejnistvo.ui.widgets.tables import fit_columns


class _CountingMetrics:
    def __init__(self, real) -> None:
        self.real = real
        self.measured: list[str] = []

    def horizontalAdvance(self, text: str) -> int:  # noqa: N802 (Qt name)
        self.measured.append(text)
        return self.real.horizontalAdvance(text)


def test_columns_fit_their_widest_text_each_measured_once(qtbot):
    rows = [("zapadlo", "1. 12. 2026"), ("čez 3 dni", "22. 11. 2026"), ("zapadlo", "x")] * 20
    model = QStandardItemModel(len(rows), 2)
    model.setHorizontalHeaderLabels(["Rok", "Dan"])
    for r, texts in enumerate(rows):
        for c, text in enumerate(texts):
            model.setItem(r, c, QStandardItem(text))
    table = QTableView()
    qtbot.addWidget(table)
    table.setModel(model)
    table.horizontalHeader().setStretchLastSection(False)
    metrics = _CountingMetrics(table.fontMetrics())
    table.fontMetrics = lambda: metrics  # type: ignore[method-assign]
    fit_columns(table, sample=60)
    assert sorted(metrics.measured) == sorted({t for row in rows for t in row})
    pad = 2 * (table.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, table) + 1)
    pad += 8
    header = table.horizontalHeader()
    for col in range(2):
        widest = max(metrics.real.horizontalAdvance(row[col]) + pad for row in rows)
        assert header.sectionSize(col) == min(max(header.sectionSizeHint(col), widest), 320)
