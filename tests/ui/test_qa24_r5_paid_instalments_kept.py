"""Zvišane oskrbnine in R-5: correcting »Nenamensko« after two instalments were ticked
paid gave the paid rows the new plan's amounts beside their »Plačano« day: the money
paid was rewritten and the carer asked for more than the corrected refund (found by
QA24)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from _fixtures_b import b_db, show_view  # noqa: F401 (fixtures)
from PySide6.QtCore import Qt
from test_r5_flow import AFTER_THE_CALLS, b_ctx, fill_increase, make_view  # noqa: F401


@pytest.mark.today(AFTER_THE_CALLS)
def test_paid_instalments_keep_their_amounts_when_the_finding_is_corrected(qtbot, b_ctx):  # noqa: F811
    view = make_view(qtbot, b_ctx)
    fill_increase(qtbot, view, b_ctx)  # 25 % over 1. 1.–30. 6. 2026: 6 × 159,50 €
    qtbot.keyClicks(view.finding_date.edit, "5. 6. 2026")
    qtbot.keyClicks(view.unjustified_edit.edit, "957,00")
    qtbot.keyClicks(view.call_date.edit, "10. 7. 2026")
    qtbot.mouseClick(view.as_received_radio, Qt.MouseButton.LeftButton)
    assert view.make_plan()
    model = view.instalment_model
    for row in (0, 1):
        model.setData(
            model.index(row, 2), Qt.CheckState.Checked.value, Qt.ItemDataRole.CheckStateRole
        )
    assert view.save() is True

    view.unjustified_edit.edit.clear()
    qtbot.keyClicks(view.unjustified_edit.edit, "500,00")
    view.unjustified_edit.edit.editingFinished.emit()

    amounts = [r["amount"] for r in model.records_raw()]
    assert amounts[:2] == [Decimal("159.50")] * 2  # as paid
    assert amounts[2:] == [Decimal("45.25")] * 4  # 500,00 − 319,00 over four months
    assert [bool(r["paid_on"]) for r in model.records_raw()] == [True, True] + [False] * 4
    assert view.save() is True
    stored = view.case.refund.instalments
    assert [i.amount for i in stored] == amounts
    assert stored[0].paid_on == AFTER_THE_CALLS

    assert date(2026, 7, 10) < stored[0].due

    # below what was paid (refused before: the money had no place): the payments stay,
    # nothing is left to pay, and the excess is said with the day it was given back
    panel = view.refund_panel
    assert panel.excess_row.isHidden()
    view.unjustified_edit.edit.clear()
    qtbot.keyClicks(view.unjustified_edit.edit, "300,00")
    view.unjustified_edit.edit.editingFinished.emit()
    assert [r["amount"] for r in model.records_raw()] == amounts[:2]
    assert not panel.excess_row.isHidden()
    assert panel.excess_label.text() == "Rejnik je vrnil 19,00 € preveč; center mu jih vrne."
    assert panel.plan_total_label.text().startswith("Za vračilo: 300,00 €")
    assert view.save() is True
    assert view.case.refund.excess_returned_on is None
    qtbot.keyClicks(panel.excess_returned.edit, AFTER_THE_CALLS.strftime("%-d. %-m. %Y"))
    assert view.save() is True
    assert view.case.refund.excess_returned_on == AFTER_THE_CALLS
