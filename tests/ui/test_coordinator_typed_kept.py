"""Koordinator: what the coordinator typed into the step panel (commission, outcome,
percent, period, rationale) survives a step refused as stale and a reload of the list
(another screen saved); before, the panel was reset to the rule's suggestion, so clicking
*Zapiši odločitev* again recorded ZVIŠA where the coordinator had chosen NE ZVIŠA."""

from __future__ import annotations

from _fixtures_b import b_ctx, b_db  # noqa: F401 (fixtures)
from test_ui_coordinator_r4 import screens, to_decision  # noqa: F401 (fixtures)

from rejnistvo.store import get_record, save_record

RATIONALE = "Komisija meni, da okoliscine ne vecajo obsega dela."  # keyClicks: ASCII


def _changed_by_another_program(db, case_id: int) -> None:
    stored = get_record(db, "r4_cases", case_id)
    save_record(db, "r4_cases", {"id": case_id, "version": stored["version"]})


def test_refused_decision_keeps_what_was_typed_and_records_it_next(qtbot, screens, b_ctx):  # noqa: F811
    r4, coordinator = screens
    case_id = r4.case_id
    to_decision(coordinator, case_id)
    coordinator.no_increase_radio.setChecked(True)
    qtbot.keyClicks(coordinator.rationale_edit, RATIONALE)
    _changed_by_another_program(b_ctx.db, case_id)

    assert coordinator.record_decision() is False
    assert "medtem spremenil" in b_ctx.interaction.errors[-1]
    assert "vnosi so ostali" in b_ctx.interaction.errors[-1]
    # QA6: not the store's »znova naložite zapis in jih vnesite še enkrat«, which the
    # screen's own sentence contradicted (it has reloaded the case and kept the input)
    assert "vnesite še enkrat" not in b_ctx.interaction.errors[-1]
    assert coordinator.no_increase_radio.isChecked()
    assert coordinator.rationale_edit.toPlainText() == RATIONALE

    assert coordinator.record_decision() is True
    stored = get_record(b_ctx.db, "r4_cases", case_id)
    assert stored["outcome"] == "no_increase"
    assert stored["decision_rationale"] == RATIONALE


def test_panel_survives_a_reload_from_another_screen(qtbot, screens, b_ctx):  # noqa: F811
    r4, coordinator = screens
    case_id = r4.case_id
    to_decision(coordinator, case_id)
    coordinator.percent_combo.setCurrentIndex(coordinator.percent_combo.findData(50))
    coordinator.decision_period.end_edit.edit.clear()
    qtbot.keyClicks(coordinator.decision_period.end_edit.edit, "31. 12. 2026")
    qtbot.keyClicks(coordinator.rationale_edit, RATIONALE)
    b_ctx.bus.records_changed.emit("r4")  # e.g. R-4 predlogi saved another case

    assert coordinator.percent_combo.currentData() == 50
    assert coordinator.decision_period.end_edit.text() == "31. 12. 2026"
    assert coordinator.rationale_edit.toPlainText() == RATIONALE
