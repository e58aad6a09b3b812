"""Koordinator: once a case is decided, the greyed decision box shows the decision that
was recorded (ZVIŠA za 50 %, its period and rationale), not the rule's suggestion: a
coordinator who decided 50 % against the rule's 25 % saw »ZVIŠA za 25 %« and an empty
rationale beside the number of the resolution."""

from __future__ import annotations

from datetime import date

from _fixtures_b import b_ctx, b_db, show_view  # noqa: F401 (fixtures)
from test_ui_coordinator_r4 import screens, to_decision  # noqa: F401 (fixtures)

from rejnistvo.rules.periods import Period

RATIONALE = "Komisija ocenjuje, da je obseg dela močno povečan."


def _reselect(coordinator, case_id):
    coordinator.cases_table.clearSelection()
    row = coordinator.cases_model.find_row("id", case_id)
    coordinator.cases_table.selectRow(
        coordinator.cases_proxy.mapFromSource(coordinator.cases_model.index(row, 0)).row()
    )


def test_decided_case_shows_the_recorded_decision(qtbot, screens):  # noqa: F811
    r4, coordinator = screens
    case_id = r4.case_id
    to_decision(coordinator, case_id)
    coordinator.increase_radio.setChecked(True)
    coordinator.percent_combo.setCurrentIndex(coordinator.percent_combo.findData(50))
    coordinator.decision_period.set_value(Period(date(2026, 5, 1), date(2027, 3, 31)))
    coordinator.rationale_edit.setPlainText(RATIONALE)
    assert coordinator.record_decision()
    for _ in range(2):  # as the step left it, and chosen again from the list
        assert not coordinator.decision_box.isEnabled()
        assert coordinator.increase_radio.isChecked()
        assert coordinator.percent_combo.currentData() == 50
        assert coordinator.decision_period.value() == Period(date(2026, 5, 1), date(2027, 3, 31))
        assert coordinator.rationale_edit.toPlainText() == RATIONALE
        _reselect(coordinator, case_id)


def test_no_increase_decision_shows_ne_zvisa(qtbot, screens):  # noqa: F811
    r4, coordinator = screens
    case_id = r4.case_id
    to_decision(coordinator, case_id)
    coordinator.no_increase_radio.setChecked(True)
    coordinator.rationale_edit.setPlainText("Obseg dela ni povečan.")
    assert coordinator.record_decision()
    _reselect(coordinator, case_id)
    assert coordinator.no_increase_radio.isChecked()
    assert coordinator.rationale_edit.toPlainText() == "Obseg dela ni povečan."
