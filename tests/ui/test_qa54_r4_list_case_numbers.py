"""R-4 predlogi at 1024 × 700 (QA54): the list's widths come from its first 60 rows, whose
case numbers have two digits (1220-14/2026 …), so a three-digit number further down was
cut to »1220-138/20…« and the year was hidden, while »Sklep« stood half empty. The case
number column is as wide as a three-digit number of the year."""

from __future__ import annotations

from rejnistvo.ui.views.r4_view import R4View


def test_a_three_digit_case_number_is_shown_whole(qtbot, ctx):
    view = R4View(ctx)
    qtbot.addWidget(view)
    view.resize(1024 - 200, 640)  # beside the left list of a 1024 × 700 window
    view.show()
    qtbot.waitExposed(view)
    view.refresh()
    model = view.model
    assert model.rowCount() and all(  # this demo's numbers have two digits …
        len(model.row_record(r)["case_no"]) <= len("1220-99/2026") for r in range(10)
    )
    # … and the 138th case of the year is shown whole all the same
    from PySide6.QtWidgets import QStyle

    metrics = view.table.fontMetrics()
    margin = view.table.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin)
    needed = metrics.horizontalAdvance("1220-138/2026") + 2 * (margin + 1) + 8
    assert view.table.columnWidth(0) >= needed
