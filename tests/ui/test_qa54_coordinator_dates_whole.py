"""Koordinator at 1024 × 700 (QA54): the list's widths are measured on its rows; in a
subgroup (or a search) whose rows had no »Prejeto« yet, the column got the header's
width, and »Zapiši datum prejema« filled the row with a date shown as »5. 12. …«. The
date columns are as wide as a whole date however the rows measured are."""

from __future__ import annotations

from PySide6.QtWidgets import QStyle

from rejnistvo.ui.views.coordinator_view import CoordinatorView


def test_a_received_date_recorded_in_the_list_is_shown_whole(qtbot, ctx):
    view = CoordinatorView(ctx)
    qtbot.addWidget(view)
    view.resize(820, 600)  # beside the left list of a 1024 × 700 window
    view.show()
    qtbot.waitExposed(view)
    view.refresh()
    found = None
    for index in range(view.subgroup_combo.count()):
        view.subgroup_combo.setCurrentIndex(index)
        for row in range(view.cases_proxy.rowCount()):
            record = view.cases_proxy.row_record(row)
            if record["sent_on"] and not record["received_on"] and not record["accepted"]:
                found = record
                break
        if found:
            break
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
