"""QA6 (round 11): Koordinator's incoming list at a laptop's 1024 × 700. Beside the step
panel the list had ~435 px for seven columns at their natural widths (~700 px): Poslano,
Prejeto and Center stood behind a horizontal scroll bar. Now the names give way (elided,
the whole text in the cell's tooltip) and every column is in view."""

from __future__ import annotations

from _laptop_window import laptop_window
from PySide6.QtCore import Qt

from rejnistvo.ui.views.coordinator_columns import (
    LAST_RESORT,
    MIN_ELASTIC,
    short_centre,
    shrink_to,
)


def _busiest_subgroup(view) -> int:
    from rejnistvo.services.coordinator import incoming_pages

    counts = {
        view.subgroup_combo.itemData(i): len(
            incoming_pages(view.ctx.db, view.subgroup_combo.itemData(i), view.today())
        )
        for i in range(view.subgroup_combo.count())
    }
    return max(counts, key=lambda s: counts[s])


def test_every_column_of_the_incoming_list_is_in_view_at_1024(qtbot, ctx):
    window = laptop_window(qtbot, ctx)
    view = window.show_screen("coordinator_view")
    qtbot.waitUntil(lambda: view.subgroup_combo.count() > 0)
    view.subgroup_combo.setCurrentIndex(view.subgroup_combo.findData(_busiest_subgroup(view)))
    qtbot.waitUntil(lambda: view.cases_model.rowCount() > 0)
    qtbot.wait(50)
    table = view.cases_table
    header = table.horizontalHeader()
    assert header.length() <= table.viewport().width()
    assert table.horizontalScrollBar().maximum() == 0
    # the dates and the waiting days are whole: they mean nothing when cut
    metrics = table.fontMetrics()
    for column in (0, 3, 4, 5):
        if table.isColumnHidden(column):  # Poslano leaves a busy list (QA7): in the panel
            continue
        for row in range(view.cases_model.rowCount()):
            text = view.cases_proxy.index(row, column).data(Qt.ItemDataRole.DisplayRole)
            assert metrics.horizontalAdvance(text or "") < header.sectionSize(column)
    # a cut name is whole in its tooltip
    index = view.cases_proxy.index(0, 1)
    assert index.data(Qt.ItemDataRole.ToolTipRole) == index.data(Qt.ItemDataRole.DisplayRole)


def test_the_step_panel_does_not_scroll_sideways(qtbot, ctx):
    window = laptop_window(qtbot, ctx)
    view = window.show_screen("coordinator_view")
    qtbot.waitUntil(lambda: view.subgroup_combo.count() > 0)
    qtbot.wait(50)
    assert view.step_scroll.horizontalScrollBar().maximum() == 0


def test_the_names_give_way_first_and_exactly():
    natural = [95, 99, 130, 42, 86, 86, 172]
    widths = shrink_to(natural, {1, 2, 6}, 500)
    assert sum(widths) == 500
    assert widths[0] == 95 and widths[3:6] == [42, 86, 86]
    assert min(widths[1], widths[2], widths[6]) >= MIN_ELASTIC
    assert shrink_to(natural, {1, 2, 6}, 900) == natural
    # a busy list (its scroll bar): the names go on giving way, equally, to the last resort
    widths = shrink_to(natural, {1, 2, 6}, 420)
    assert sum(widths) == 420 and widths[0] == 95
    assert LAST_RESORT <= min(widths[1], widths[2], widths[6]) < MIN_ELASTIC
    # narrower than that: they stop there (the list scrolls)
    assert shrink_to(natural, {1, 2, 6}, 300)[1] == LAST_RESORT


def test_a_busy_list_with_long_case_numbers_fits_beside_its_scroll_bar(qtbot):
    """The 20,000-placement demo's subgroup: 1,100 cases (a vertical scroll bar) numbered
    1220-5285/2026; at 1024 px it stood 15 px wider than its list."""
    from _busy_case_list import busy_case_list

    table, _fit = busy_case_list(qtbot, 455, "Dušan Žnidaršič Kovačič", 300, elastic={1, 2, 6})
    assert table.verticalScrollBar().isVisible()
    assert table.horizontalHeader().length() <= table.viewport().width()
    assert table.horizontalScrollBar().maximum() == 0


def test_a_centre_is_named_by_what_tells_it_apart():
    assert short_centre("Center za socialno delo Osrednja Slovenija – vzhod") == (
        "Osrednja Slovenija – vzhod"
    )
    assert short_centre("Zavod Emma") == "Zavod Emma"


def test_the_register_names_a_centre_as_the_incoming_list_does(qtbot, ctx):
    window = laptop_window(qtbot, ctx)
    view = window.show_screen("coordinator_view")
    qtbot.waitUntil(lambda: view.subgroup_combo.count() > 0)
    view.subgroup_combo.setCurrentIndex(view.subgroup_combo.findData(_busiest_subgroup(view)))
    view.tabs.setCurrentIndex(1)
    qtbot.waitUntil(lambda: view.register_model.rowCount() > 0)
    column = next(
        c
        for c in range(view.register_model.columnCount())
        if view.register_model.column_key(c) == "centre"
    )
    shown = view.register_model.index(0, column).data(Qt.ItemDataRole.DisplayRole)
    assert shown and not shown.startswith("Center za socialno delo")
