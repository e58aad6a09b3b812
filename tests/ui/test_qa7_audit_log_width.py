"""QA7 (round 12): at 1024 × 700 the change log's last column, the changed fields a reader
opens it for, stood behind a sideways scroll bar. The names give way now; the time, the
row number stay whole (the record, named since QA25, gives way as the other names do)."""

from __future__ import annotations

from _laptop_window import laptop_window
from PySide6.QtCore import Qt


def test_every_column_of_the_change_log_is_in_view_at_1024(qtbot, ctx):
    window = laptop_window(qtbot, ctx)
    view = window.show_screen("settings_view")
    view.tabs.setCurrentIndex(view.tabs.count() - 1)
    tab = view.tabs.currentWidget()
    qtbot.waitUntil(lambda: tab.model.rowCount() > 0)
    qtbot.wait(50)
    table = tab.table
    header = table.horizontalHeader()
    assert header.length() <= table.viewport().width()
    assert table.horizontalScrollBar().maximum() == 0
    metrics = table.fontMetrics()
    for column in (0, 1):
        for row in range(min(tab.proxy.rowCount(), 60)):
            text = tab.proxy.index(row, column).data(Qt.ItemDataRole.DisplayRole)
            assert metrics.horizontalAdvance(str(text or "")) < header.sectionSize(column)
    assert header.sectionSize(7) >= metrics.horizontalAdvance("odločeno, sklep, člani")
    assert header.sectionSize(5) >= metrics.horizontalAdvance("1220-14/2026")
