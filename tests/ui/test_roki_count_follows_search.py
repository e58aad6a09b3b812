"""Roki's count line follows the search: »Opomniki: 15.000, od tega zamujeni: 600.«
stayed above a list of three matches. A search counts the rows shown, of all, and the
late ones among them, also after a sort by a column."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt

from rejnistvo.clock import FixedClock
from rejnistvo.ui.format import format_count
from rejnistvo.ui.views.deadlines_view import DeadlinesView

TODAY = date(2026, 11, 22)


def test_the_count_line_counts_the_rows_a_search_shows(qtbot, ctx) -> None:  # type: ignore[no-untyped-def]
    ctx.clock = FixedClock(TODAY)
    view = DeadlinesView(ctx)
    qtbot.addWidget(view)
    view.refresh()
    view.complete()
    rows = [view.model.row_record(r) for r in range(view.model.rowCount())]
    everyone = len(rows)
    late_all = sum(r["days"] < 0 for r in rows)
    assert late_all and late_all < everyone  # the demo has both
    assert view.summary.text() == (
        f"Opomniki: {format_count(everyone)}, od tega zamujeni: {format_count(late_all)}."
    )
    word = rows[0]["carer"].split()[-1]  # a surname with a late reminder
    view.search.setText(word)
    shown = [view.proxy.row_record(r) for r in range(view.proxy.rowCount())]
    assert 0 < len(shown) < everyone
    late = sum(r["days"] < 0 for r in shown)
    expected = (
        f"Opomniki, ki ustrezajo iskanju: {format_count(len(shown))} od "
        f"{format_count(everyone)}, od tega zamujeni: {format_count(late)}."
    )
    assert view.summary.text() == expected
    # sorted by another column: the same rows, the same count
    view.table.sortByColumn(3, Qt.SortOrder.DescendingOrder)
    view._show_summary()
    assert view.summary.text() == expected
    view.search.setText("zzz-nikogar")
    assert view.summary.text().startswith("Opomniki, ki ustrezajo iskanju: 0 od ")
    view.search.clear()
    assert view.summary.text().startswith(f"Opomniki: {format_count(everyone)},")
