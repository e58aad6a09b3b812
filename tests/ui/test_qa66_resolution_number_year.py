"""Coordinator at the turn of the year (QA66): the number the screen promises is the
number the decision gets. On 4. 1. 2027 a decision of 30. 12. 2026 was announced as
»Številka sklepa bo: 1-001/2027« and recorded as 1-008/2026 (the year of the decision's
date, SPEC 6.1)."""

from __future__ import annotations

from datetime import date

from rejnistvo.store import get_record
from rejnistvo.ui.views.coordinator_view import CoordinatorView


def _select_undecided(view):
    for index in range(view.subgroup_combo.count()):
        view.subgroup_combo.setCurrentIndex(index)
        for row in range(view.cases_proxy.rowCount()):
            record = view.cases_proxy.row_record(row)
            if record["commission_named"] and not record.get("resolution_no"):
                view.cases_table.selectRow(row)
                if view.decision_box.isEnabled():
                    return record
    return None


def _promised(view) -> str:
    return view.number_label.text().split(": ")[-1]


def test_the_promised_number_follows_the_year_of_the_step_date(qtbot, ctx):
    ctx.clock.day = date(2027, 1, 4)  # the first working day of 2027
    view = CoordinatorView(ctx)
    qtbot.addWidget(view)
    view.refresh()
    record = _select_undecided(view)
    assert record is not None, "the demo has a case whose commission is named"
    view.step_date.set_value(date(2027, 1, 4))
    view._update_number()
    assert _promised(view).endswith("/2027")

    view.step_date.setText("")
    qtbot.keyClicks(view.step_date.edit, "30. 12. 2026")  # the commission met in December
    promised = _promised(view)
    assert promised.endswith("/2026"), view.number_label.text()

    view.no_increase_radio.setChecked(True)
    view.rationale_edit.setPlainText("Komisija ocenjuje, da obseg dela ni povečan.")
    assert view.record_decision()
    case = get_record(ctx.db, "r4_cases", record["id"])
    assert case["resolution_no"] == promised and case["resolution_year"] == 2026
