"""Roki: the missing-indexation reminder (SPEC 3.1) writes its amounts as every screen
does (»638,00 €«); the CLI's and the printed sentence keep »EUR«."""

from __future__ import annotations

from datetime import date

from _fixtures_b import b_ctx, b_db  # noqa: F401 (fixtures)

from rejnistvo.clock import FixedClock
from rejnistvo.ui.views.deadlines_view import DeadlinesView


def test_the_indexation_reminder_writes_euros_as_the_screens_do(qtbot, b_ctx):  # noqa: F811
    # the tests' table holds only the 2025 row: 1 March 2026's indexation is missing
    b_ctx.clock = FixedClock(date(2026, 12, 10))
    view = DeadlinesView(b_ctx)
    qtbot.addWidget(view)
    view.refresh()
    qtbot.waitUntil(lambda: view.model.rowCount() > 0, timeout=10000)
    model = view.model
    column = next(c for c in range(model.columnCount()) if model.column_key(c) == "what")
    (row,) = [r for r in range(model.rowCount()) if model.row_record(r)["kind"] == "indexation"]
    shown = model.index(row, column).data()
    assert "1. 3. 2026" in shown
    assert "638,00 €" in shown and "EUR" not in shown
