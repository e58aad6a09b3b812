"""Roki → »Obrok vračila … ni plačan« opens the case at its instalments (QA17): the R-5
screen opened at its top, and on a laptop the caseworker scrolled past the increase and
the report to tick the instalment paid. Other reminders still open the case's top."""

from __future__ import annotations

from datetime import date

from _laptop_window import laptop_window

#: the demo's day of Roki in tests/ui/test_ui_deadlines.py: refunds under way
ROKI_DAY = date(2026, 11, 22)


def _visible_in_scroll(view, widget) -> bool:
    scroll = view.editor_scroll
    top_left = widget.mapTo(scroll.viewport(), widget.rect().topLeft())
    return scroll.viewport().rect().contains(top_left)


def _roki(qtbot, ctx):
    """The window at 1024 × 700 on ROKI_DAY and the rows of its Roki."""
    window = laptop_window(qtbot, ctx, ROKI_DAY)
    window.show_screen("carers_view")  # Roki is row 0: built only once shown again
    window.show_screen("deadlines_view")
    roki = window.view("deadlines_view")
    qtbot.waitUntil(lambda: roki.model.rowCount() > 0)
    return window, [roki.model.row_record(r) for r in range(roki.model.rowCount())]


def test_an_unpaid_instalment_opens_at_the_instalments(qtbot, ctx):
    window, rows = _roki(qtbot, ctx)
    unpaid = next(r for r in rows if r["kind"] == "refund_instalment")
    assert unpaid["open_kind"] == "r5_refund"
    ctx.bus.open_case.emit(unpaid["open_kind"], int(unpaid["open_id"]))
    view = window.view("r5_view")
    assert window.current_view() is view and view.increase_id == unpaid["open_id"]
    table = view.refund_panel.instalment_table
    qtbot.waitUntil(lambda: table.hasFocus())
    assert _visible_in_scroll(view, table)


def test_a_report_reminder_opens_the_case_at_its_top(qtbot, ctx):
    window, rows = _roki(qtbot, ctx)
    other = next(r for r in rows if r["open_kind"] == "r5")
    ctx.bus.open_case.emit(other["open_kind"], int(other["open_id"]))
    view = window.view("r5_view")
    qtbot.wait(20)
    assert view.increase_id == other["open_id"]
    assert view.editor_scroll.verticalScrollBar().value() == 0
