"""Zvišane oskrbnine in R-5: Ctrl+N with the editor scrolled down to the refund put the
cursor in »Namestitev«, out of sight at the top; what the keyboard user typed next went
into a field they could not see (found by QA24)."""

from __future__ import annotations

from _fixtures_b import b_db, show_view  # noqa: F401 (fixtures)
from PySide6.QtCore import QPoint, QRect
from test_r5_flow import b_ctx, make_view  # noqa: F401 (fixtures)


def _seen_in_editor(view, widget) -> bool:
    viewport = view.editor_scroll.viewport()
    top_left = widget.mapTo(viewport, QPoint(0, 0))
    return QRect(QPoint(0, 0), viewport.size()).contains(top_left)


def test_a_new_increase_shows_the_field_with_the_cursor(qtbot, b_ctx):  # noqa: F811
    view = make_view(qtbot, b_ctx)
    view.resize(1000, 560)  # the 1024×700 window: the editor scrolls
    qtbot.wait(10)
    bar = view.editor_scroll.verticalScrollBar()
    assert bar.maximum() > 0
    bar.setValue(bar.maximum())
    assert not _seen_in_editor(view, view.placement_combo)

    view.new_record()

    assert view.placement_combo.hasFocus() or view.placement_combo.isAncestorOf(view.focusWidget())
    assert _seen_in_editor(view, view.placement_combo)
