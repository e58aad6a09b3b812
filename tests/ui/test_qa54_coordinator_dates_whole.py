"""Koordinator at 1024 × 700 (QA54): the list's widths are measured on its rows; in a
subgroup (or a search) whose rows had no »Prejeto« yet, the column got the header's
width, and »Zapiši datum prejema« filled the row with a date shown as »5. 12. …«. The
date columns are as wide as a whole date however the rows measured are."""

from __future__ import annotations

from PySide6.QtWidgets import QStyle
from test_coordinator_at_1024 import case_in_any_subgroup, coordinator_beside_the_list


def test_a_received_date_recorded_in_the_list_is_shown_whole(qtbot, ctx):
    view = coordinator_beside_the_list(qtbot, ctx, 600)
    found = case_in_any_subgroup(
        view, lambda r: r["sent_on"] and not r["received_on"] and not r["accepted"]
    )
    assert found is not None, "the demo has a sent proposal not yet received"
    view.cases_search.setText(found["case_no"])  # the list: rows without »Prejeto«
    view.cases_table.selectRow(0)
    assert view.cases_proxy.row_record(0)["id"] == found["id"]
    today = ctx.clock.today()
    view.today = lambda: today
    view.step_date.set_value(today)
    assert view.record_received()
    column = view.cases_model.column_index("received_on")
    shown = view.cases_proxy.index(0, column).data()
    assert shown == f"{today.day}. {today.month}. {today.year}"
    metrics = view.cases_table.fontMetrics()
    margin = view.cases_table.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin)
    assert view.cases_table.columnWidth(column) >= metrics.horizontalAdvance(shown) + 2 * (
        margin + 1
    )
