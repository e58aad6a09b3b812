"""Koordinator at 1024 × 700 with the keyboard alone (QA54): after »Zapiši odločitev« the
cursor goes on to »Označi vrnitev dokumentov centru«, but the panel was scrolled for the
old layout (the case's lines above grew by a line), and the button stayed below the
panel's edge, only its top pixel row in sight. The next step is scrolled fully into view
once the panel is laid out again."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect
from PySide6.QtWidgets import QApplication
from test_coordinator_at_1024 import case_in_any_subgroup, coordinator_beside_the_list

from rejnistvo.ui.views.coordinator_view import CoordinatorView


def _in_view(view: CoordinatorView, widget) -> bool:
    viewport = view.step_scroll.viewport()
    top_left = widget.mapTo(viewport, QPoint(0, 0))
    return viewport.rect().contains(QRect(top_left, widget.size()))


def test_the_return_button_is_in_view_after_the_decision(qtbot, ctx):
    view = coordinator_beside_the_list(qtbot, ctx, 600)
    record = case_in_any_subgroup(
        view, lambda r: r["commission_named"] is not None and r.get("decided") is None
    )
    assert record is not None, "the demo has a case with its commission named"
    view.activateWindow()
    today = ctx.clock.today()
    view.today = lambda: today
    view.step_date.set_value(today)
    view.rationale_edit.setPlainText("Komisija je odločila po predlogu.")
    view.rationale_edit.setFocus()
    assert view.record_decision()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is view.return_button)
    qtbot.waitUntil(lambda: _in_view(view, view.return_button))
    qtbot.wait(50)  # and it stays there once the panel is laid out
    assert _in_view(view, view.return_button)


def test_another_case_shows_the_panel_from_its_top(qtbot, ctx):
    """After a step the panel stays scrolled down to the next step; choosing another
    case left it so, the new case's heading and lines cut off above."""
    view = coordinator_beside_the_list(qtbot, ctx, 600)
    assert view.cases_proxy.rowCount() >= 2
    view.cases_table.selectRow(0)
    bar = view.step_scroll.verticalScrollBar()
    assert bar.maximum() > 0
    bar.setValue(bar.maximum())
    view.cases_table.selectRow(1)
    assert bar.value() == 0
    assert _in_view(view, view.case_heading)
