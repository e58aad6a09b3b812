"""SteadyScrollBar repaints a list's scroll bar only when the picture changes (issue 13):
a filter keystroke that leaves the handle where it was paints nothing there, and a bar
that skipped a repaint looks exactly as a bar painted afresh."""

from __future__ import annotations

from _filtered_table import filtered_table, settle, watch_paints
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QScrollBar

from rejnistvo.ui.models import Column
from rejnistvo.ui.widgets.steady_scroll_bar import SteadyScrollBar


def test_a_list_gets_the_steady_bar_and_keys_that_keep_the_handle_paint_no_bar(qtbot):
    rows = [{"id": i, "name": f"{'Ana' if i % 3 else 'Kos'} {i}"} for i in range(3000)]
    table, proxy, _model = filtered_table(qtbot, [Column("name", "Ime")], rows, 300, 400)
    bar = table.verticalScrollBar()
    assert isinstance(bar, SteadyScrollBar)
    assert bar.maximum() > 0  # Qt gave the new bar the old one's range
    settle(qtbot)
    paints = watch_paints(bar)
    for typed in ("a", "an", "ana"):  # 2,000 rows each: the handle stays at its least length
        proxy.set_text(typed)
        settle(qtbot)
    assert paints.count == 0
    proxy.set_text("kos 12")  # a few dozen rows: a longer handle
    settle(qtbot)
    assert paints.count == 1


def test_a_bar_that_skipped_a_repaint_looks_as_one_painted_afresh(qtbot):
    ours = SteadyScrollBar(Qt.Orientation.Vertical)
    plain = QScrollBar(Qt.Orientation.Vertical)
    for bar in (ours, plain):
        qtbot.addWidget(bar)
        bar.resize(16, 300)
        bar.show()
        qtbot.waitExposed(bar)
    skipped = 0
    changes = [(0, 20000, 0), (0, 19000, 0), (0, 19000, 5), (0, 1500, 5), (0, 1500, 0)]
    changes += [(0, 300, 0), (0, 300, 300), (0, 299, 299), (0, 0, 0), (0, 40, 0), (0, 20000, 0)]
    for low, high, value in changes:
        before = ours.grab().toImage()
        paints = watch_paints(ours)
        for bar in (ours, plain):
            bar.setRange(low, high)
            bar.setValue(value)
        settle(qtbot)
        ours.removeEventFilter(paints)
        after = plain.grab().toImage()
        assert ours.grab().toImage() == after  # the same state paints the same
        if paints.count == 0:  # nothing repainted: what was on screen must be right
            skipped += 1
            assert before == after, (low, high, value)
    assert skipped >= 2
