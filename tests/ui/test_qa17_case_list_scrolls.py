"""Roki → a reminder's case (QA17, in a window): the case opened in Zvišane oskrbnine in
R-5, its row was made current in the list above, but the list was not scrolled to it, so
with more cases than the list shows the caseworker saw other cases' rows and no marked
one. Now the opened case's row is in view."""

from __future__ import annotations

from _fixtures_b import show_view

from rejnistvo.ui.views.r5_view import R5View


def test_a_case_opened_from_elsewhere_is_scrolled_into_the_list(qtbot, ctx):
    view = show_view(qtbot, R5View(ctx))
    table = view.list_pane.table
    table.setFixedHeight(table.horizontalHeader().height() + 2 * table.rowHeight(0) + 4)
    qtbot.wait(10)
    proxy = table.model()
    assert proxy.rowCount() > 6
    last = proxy.row_record(proxy.rowCount() - 1)
    assert view.open_record("r5", last["id"]) is True
    index = table.currentIndex()
    assert index.row() == proxy.rowCount() - 1
    assert table.viewport().rect().intersects(table.visualRect(index))
