"""R-5 editor, the refund plan while the finding is corrected (QA17, in a window):
a wrong amount typed in »Nenamensko ali brez razloga« re-made the plan as if all that was
received were to be refunded (»Za vračilo: 1.703,62 €« beside a typed 12,345) and put the
plan's default dates over the edited ones; correcting the finding's amount, which leaves
the default dates as they were, put them back over the dates the caseworker had edited."""

from __future__ import annotations

from decimal import Decimal

import pytest
from _fixtures_b import b_db, show_view  # noqa: F401 (fixtures)
from PySide6.QtCore import Qt
from test_r5_flow import AFTER_THE_CALLS, b_ctx, fill_increase, make_view  # noqa: F401 (fixtures)

pytestmark = pytest.mark.today(AFTER_THE_CALLS)  # its calls are days that have come


def _plan_with_an_edited_date(qtbot, view, ctx):
    fill_increase(qtbot, view, ctx)  # 1. 1.-30. 6. 2026, 25 %, 159,50 a month
    qtbot.keyClicks(view.finding_date.edit, "5. 7. 2026")
    qtbot.keyClicks(view.justified_edit.edit, "800,00")
    view.justified_edit.edit.editingFinished.emit()
    qtbot.keyClicks(view.call_date.edit, "10. 7. 2026")
    view.call_date.edit.editingFinished.emit()
    qtbot.mouseClick(view.as_received_radio, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(view.plan_button, Qt.MouseButton.LeftButton)
    assert view.unjustified_edit.text() == "157,00"
    model = view.instalment_model
    model.setData(model.index(1, 0), view.instalment_model.index(2, 0).data())
    return model.index(1, 0).data()


def test_a_wrong_unjustified_amount_leaves_the_plan_as_it_was(qtbot, b_ctx):  # noqa: F811
    view = make_view(qtbot, b_ctx)
    edited = _plan_with_an_edited_date(qtbot, view, b_ctx)
    dates = [view.instalment_model.index(r, 0).data() for r in range(6)]
    view.unjustified_edit.edit.clear()
    qtbot.keyClicks(view.unjustified_edit.edit, "12,345")
    view.unjustified_edit.edit.editingFinished.emit()
    assert view.unjustified_edit.text() == "12,345"  # typed text kept
    # the plan of the last amount that was one (12,34 while typing), never all received
    assert view.instalment_model.total() == Decimal("12.34")
    assert "957,00 € (" not in view.plan_total_label.text()
    assert view.instalment_model.index(1, 0).data() == edited
    assert [view.instalment_model.index(r, 0).data() for r in range(6)] == dates
    rows = view.instalment_model.records_raw()
    # the button says why instead of planning the whole amount received
    qtbot.mouseClick(view.plan_button, Qt.MouseButton.LeftButton)
    assert view.instalment_model.records_raw() == rows
    assert "decimal" in view.unjustified_edit.error_label.text()


def test_a_corrected_finding_keeps_the_edited_dates(qtbot, b_ctx):  # noqa: F811
    view = make_view(qtbot, b_ctx)
    edited = _plan_with_an_edited_date(qtbot, view, b_ctx)
    dates = [view.instalment_model.index(r, 0).data() for r in range(6)]
    view.justified_edit.edit.clear()
    qtbot.keyClicks(view.justified_edit.edit, "700,00")
    view.justified_edit.edit.editingFinished.emit()
    assert view.unjustified_edit.text() == "257,00"
    assert view.instalment_model.total() == Decimal("257.00")
    assert view.instalment_model.index(1, 0).data() == edited
    assert [view.instalment_model.index(r, 0).data() for r in range(6)] == dates
    assert view.save() is True, b_ctx.interaction.errors
