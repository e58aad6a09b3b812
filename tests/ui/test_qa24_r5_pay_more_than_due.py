"""Vračilo: a carer who paid more than an instalment (200,00 € of 159,50 €) could only be
ticked »Plačano«: the record said 159,50 € and the later instalments still asked for the
whole rest. A paid instalment's amount is now what was paid, and the rest of the refund
is shared among the unpaid ones (found by QA24)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from _fixtures_b import b_db, show_view  # noqa: F401 (fixtures)
from PySide6.QtCore import Qt
from test_r5_flow import AFTER_THE_CALLS, b_ctx, fill_increase, make_view  # noqa: F401

CHECKED = Qt.CheckState.Checked.value
UNCHECKED = Qt.CheckState.Unchecked.value
CHECK = Qt.ItemDataRole.CheckStateRole


def amounts(model) -> list[Decimal]:
    return [r["amount"] for r in model.records_raw()]


@pytest.mark.today(AFTER_THE_CALLS)
def test_an_instalment_paid_above_its_amount_lowers_the_rest(qtbot, b_ctx):  # noqa: F811
    view = make_view(qtbot, b_ctx)
    fill_increase(qtbot, view, b_ctx)  # 25 % over 1. 1.–30. 6. 2026: 6 × 159,50 €
    qtbot.keyClicks(view.finding_date.edit, "5. 6. 2026")
    qtbot.keyClicks(view.unjustified_edit.edit, "957,00")
    qtbot.keyClicks(view.call_date.edit, "10. 7. 2026")
    qtbot.mouseClick(view.as_received_radio, Qt.MouseButton.LeftButton)
    assert view.make_plan()
    model = view.instalment_model
    amount = model.index(0, 1)
    assert not model.flags(amount) & Qt.ItemFlag.ItemIsEditable  # the plan's, until paid

    model.setData(model.index(0, 2), CHECKED, CHECK)
    assert model.flags(amount) & Qt.ItemFlag.ItemIsEditable
    assert amounts(model) == [Decimal("159.50")] * 6
    model.setData(amount, "200,00")
    # 957,00 − 200,00 = 757,00 over five months of 159,50 €: 151,40 € each
    assert amounts(model) == [Decimal("200.00")] + [Decimal("151.40")] * 5
    assert view.save() is True
    stored = view.case.refund.instalments
    assert [i.amount for i in stored] == amounts(model)
    assert stored[0].paid_on == AFTER_THE_CALLS

    # a wrong amount stays as typed, in red, and is refused at the instalments
    model.setData(amount, "2OO")
    assert model.index(0, 1).data() == "2OO"
    assert model.index(0, 1).data(Qt.ItemDataRole.ForegroundRole) is not None
    assert view.save() is False
    assert view.refund_error.text().startswith("Obrok 1:")
    model.setData(amount, "200,00")

    # the last one paid with more than was left: kept as paid, the excess said at once
    # (refused before: the money had no place)
    for row in range(1, 6):
        model.setData(model.index(row, 2), CHECKED, CHECK)
    model.setData(model.index(5, 1), "200,00")
    panel = view.refund_panel
    assert panel.excess_label.text() == "Rejnik je vrnil 48,60 € preveč; center mu jih vrne."
    assert not panel.excess_row.isHidden() and not view.refund_error.text()
    assert view.save() is True
    model.setData(model.index(5, 1), "151,40")
    assert panel.excess_row.isHidden()
    assert view.save() is True
    for row in range(1, 6):
        model.setData(model.index(row, 2), UNCHECKED, CHECK)

    # unticked: it was not paid after all, the plan's amounts come back
    model.setData(model.index(0, 2), UNCHECKED, CHECK)
    assert amounts(model) == [Decimal("159.50")] * 6
    assert not model.flags(amount) & Qt.ItemFlag.ItemIsEditable


@pytest.mark.today(AFTER_THE_CALLS)
def test_the_day_paid_is_the_day_the_carer_paid(qtbot, b_ctx):  # noqa: F811
    """Ticked on the day the bank statement came, »Plačano« said that day, not the day
    the carer paid, and there was no way to write the right one (found by QA24)."""
    view = make_view(qtbot, b_ctx)
    fill_increase(qtbot, view, b_ctx)
    qtbot.keyClicks(view.finding_date.edit, "5. 6. 2026")
    qtbot.keyClicks(view.unjustified_edit.edit, "957,00")
    qtbot.keyClicks(view.call_date.edit, "10. 7. 2026")
    assert view.make_plan()
    model = view.instalment_model
    paid = model.index(0, 2)
    assert not model.flags(paid) & Qt.ItemFlag.ItemIsEditable  # nothing paid yet
    model.setData(paid, CHECKED, CHECK)
    assert paid.data() == "31. 12. 2027"  # the day ticked, as before
    model.setData(paid, "28. 11. 2027")
    assert paid.data() == "28. 11. 2027"
    assert view.save() is True
    assert view.case.refund.instalments[0].paid_on.isoformat() == "2027-11-28"

    model.setData(paid, "5. 1. 2028")  # a day that has not come
    assert paid.data() == "5. 1. 2028"  # kept as typed
    assert "v prihodnosti" in paid.data(Qt.ItemDataRole.ToolTipRole)
    assert view.save() is False
    assert view.refund_error.text().startswith("Obrok 1: Dan plačila (5. 1. 2028)")
