"""Zvišane oskrbnine in R-5: a call to refund dated before the increase ends (SPEC 3.4:
only money paid before the call counts). The offered unjustified amount follows what was
received before the call, so the plan can be made and the case saved; before, it stayed
at the whole period's received − justified and the save was refused."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from _fixtures_b import b_db, show_view  # noqa: F401 (fixtures)
from PySide6.QtCore import Qt
from test_r5_flow import AFTER_THE_CALLS, b_ctx, fill_increase, make_view, set_expense  # noqa: F401 (fixtures)

from rejnistvo.store import get_record

pytestmark = pytest.mark.today(AFTER_THE_CALLS)  # its calls are days that have come


def test_call_before_the_end_offers_what_was_received_before_it(qtbot, b_ctx):  # noqa: F811
    view = make_view(qtbot, b_ctx)
    fill_increase(qtbot, view, b_ctx)  # 25 % from 1. 1. to 30. 6. 2026, 638,00 a month
    assert view.save()
    qtbot.keyClicks(view.report_date.edit, "1. 4. 2026")
    qtbot.mouseClick(view.add_expense_button, Qt.MouseButton.LeftButton)
    set_expense(view, 0, "Instrukcije", "100,00", "r 1")
    qtbot.keyClicks(view.finding_date.edit, "5. 4. 2026")
    qtbot.keyClicks(view.justified_edit.edit, "100,00")
    assert view.unjustified_edit.text() == "857,00"  # no call yet: the whole period

    qtbot.keyClicks(view.call_date.edit, "10. 4. 2026")
    view.call_date.edit.editingFinished.emit()
    # January to March (3 × 159,50) and 9 days of April: 526,35 received before the call.
    assert view.unjustified_edit.text() == "426,35"
    qtbot.mouseClick(view.as_received_radio, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(view.plan_button, Qt.MouseButton.LeftButton)
    assert view.plan is not None and view.plan.refund == Decimal("426.35")
    assert view.instalment_model.total() == Decimal("426.35")
    assert view.save() is True, b_ctx.interaction.errors
    assert get_record(b_ctx.db, "refunds", view.refund_id)["amount"] == Decimal("426.35")


def _called_on_10_april_with_200_typed(qtbot, b_ctx):  # noqa: F811
    """A saved increase, its report and finding, 200,00 typed as unjustified, a call on
    10. 4. 2026."""
    view = make_view(qtbot, b_ctx)
    fill_increase(qtbot, view, b_ctx)
    assert view.save()
    qtbot.keyClicks(view.report_date.edit, "1. 4. 2026")
    qtbot.keyClicks(view.finding_date.edit, "5. 4. 2026")
    qtbot.keyClicks(view.unjustified_edit.edit, "200,00")
    qtbot.keyClicks(view.call_date.edit, "10. 4. 2026")
    view.call_date.edit.editingFinished.emit()
    return view


def test_a_typed_unjustified_amount_is_not_replaced(qtbot, b_ctx):  # noqa: F811
    view = _called_on_10_april_with_200_typed(qtbot, b_ctx)
    assert view.unjustified_edit.text() == "200,00"


@pytest.mark.today(date(2026, 4, 9))
def test_a_call_dated_after_today_is_refused_under_its_field(qtbot, b_ctx):  # noqa: F811
    """»10. 4. 2026« typed on 9. 4. 2026 (for 10. 3.) was stored and started the refund's
    deadlines on a day that had not come."""
    view = _called_on_10_april_with_200_typed(qtbot, b_ctx)
    qtbot.mouseClick(view.plan_button, Qt.MouseButton.LeftButton)
    assert view.save() is False
    assert "Datum poziva (10. 4. 2026) je v prihodnosti" in view.call_date.error_label.text()
    assert view.call_date.edit.text() == "10. 4. 2026"  # what was typed stays
    assert view.refund_id is None
