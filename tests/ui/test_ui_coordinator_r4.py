"""Issue 9, the two reproductions, through both screens: R-4 predlogi open on a case while
Koordinator accepts it, names the commission, decides and returns it. Nothing the
coordinator wrote may be lost, and the proposer's screen cannot write the decision."""

from __future__ import annotations

from datetime import date

import pytest
from _fixtures_b import b_ctx, b_db, show_view  # noqa: F401 (fixtures)
from PySide6.QtCore import Qt

from rejnistvo.clock import FixedClock
from rejnistvo.rules.errors import InputError
from rejnistvo.services.r4_cases import load_case, proposal_from_changes, save_proposal
from rejnistvo.store import StaleRecordError, get_record
from rejnistvo.ui.views.coordinator_view import CoordinatorView
from rejnistvo.ui.views.r4_view import R4View

TODAY = date(2026, 3, 2)
STEPS_DONE_BY = date(2026, 3, 31)


@pytest.fixture
def screens(qtbot, b_ctx):  # noqa: F811
    """Both screens on one context (one bus, one clock), and a proposal sent on 3. 3."""
    b_ctx.clock = FixedClock(TODAY)
    r4 = show_view(qtbot, R4View(b_ctx))
    r4.new_record()
    r4.placement_combo.setCurrentIndex(r4.placement_model.index_of(b_ctx.db.b_ids["placement"]))
    qtbot.keyClicks(r4.case_no_edit.edit, "1220-14/2026")
    r4.reason_list.item(0).setCheckState(Qt.CheckState.Checked)
    qtbot.mouseClick(r4.workload_moderate, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(r4.period_edit.start_edit.edit, "1. 4. 2026")
    qtbot.keyClicks(r4.period_edit.end_edit.edit, "31. 3. 2027")
    qtbot.keyClicks(r4.rationale_edit, "Otrok potrebuje stalen nadzor.")
    r4.subgroup_combo.setCurrentIndex(r4.subgroup_combo.findData(3))
    # The steps below are written on the days they happened, none after today.
    b_ctx.clock = FixedClock(STEPS_DONE_BY)
    qtbot.keyClicks(r4.step_edits["sent_on"].edit, "3. 3. 2026")
    assert r4.send_to_coordinator()
    coordinator = show_view(qtbot, CoordinatorView(b_ctx))
    coordinator.subgroup_combo.setCurrentIndex(coordinator.subgroup_combo.findData(3))
    return r4, coordinator


def to_decision(coordinator: CoordinatorView, case_id: int) -> None:
    """Accept and name the commission by the coordinator's buttons; the step date set
    for the decision (20 March)."""
    row = coordinator.cases_model.find_row("id", case_id)
    coordinator.cases_table.selectRow(
        coordinator.cases_proxy.mapFromSource(coordinator.cases_model.index(row, 0)).row()
    )
    coordinator.step_date.set_value(date(2026, 3, 5))
    assert coordinator.accept_case()
    coordinator.step_date.set_value(date(2026, 3, 10))
    for index, combo in enumerate(coordinator.member_combos, start=1):
        combo.setCurrentIndex(index)
    assert coordinator.name_commission()
    coordinator.step_date.set_value(date(2026, 3, 20))


def _coordinator_works(coordinator: CoordinatorView, case_id: int) -> str:
    """Accept, name the commission, decide, return — by the coordinator's buttons."""
    to_decision(coordinator, case_id)
    coordinator.increase_radio.setChecked(True)
    coordinator.percent_combo.setCurrentIndex(coordinator.percent_combo.findData(25))
    assert coordinator.record_decision()
    coordinator.step_date.set_value(date(2026, 3, 23))
    assert coordinator.mark_returned()
    return get_record(coordinator.ctx.db, "r4_cases", case_id)["resolution_no"]


def _coordinator_data_intact(db, case_id: int, number: str) -> None:
    stored = get_record(db, "r4_cases", case_id)
    assert stored["accepted_on"] == date(2026, 3, 5)
    assert stored["commission_named_on"] == date(2026, 3, 10)
    assert stored["decided_on"] == date(2026, 3, 20)
    assert stored["returned_on"] == date(2026, 3, 23)
    assert stored["resolution_no"] == number and stored["outcome"] == "increase"
    assert len(stored["members"]) == 3


def test_stale_save_in_r4_is_refused_and_coordinator_work_kept(qtbot, screens, b_ctx):  # noqa: F811
    """Reproduction (a): the proposer edits, the coordinator works, the proposer saves."""
    r4, coordinator = screens
    case_id = r4.case_id
    qtbot.keyClicks(r4.rationale_edit, " Dodano.")
    assert r4.has_unsaved_changes()
    number = _coordinator_works(coordinator, case_id)
    # The editor keeps the user's words while the case changes under it, and says so …
    assert "Dodano." in r4.rationale_edit.toPlainText()
    assert r4.stale_label.isVisibleTo(r4) and "vrnjen" in r4.stale_label.text()
    b_ctx.interaction.answers.append(False)  # "Naložim primer …?" — not yet
    assert r4.save() is False
    kind, title, text = b_ctx.interaction.asked[-1]
    assert kind == "confirm" and "medtem spremenil" in text and "Naložim" in text
    _coordinator_data_intact(b_ctx.db, case_id, number)
    assert "Dodano." in r4.rationale_edit.toPlainText()  # nothing typed is lost
    # … and on the user's yes, it shows the case as stored now, read-only (decided).
    b_ctx.interaction.answers.append(True)
    assert r4.save() is False
    assert r4.step_edits["returned_on"].text() == "23. 3. 2026"
    assert r4.resolution_no_edit.text() == number
    assert not r4.proposal_box.isEnabled()
    row = r4.model.find_row("id", case_id)
    assert r4.model.row_record(row)["status"] == "returned"
    # Koordinator does not offer the number a second time.
    coordinator.refresh()
    assert number not in coordinator.number_label.text()
    _coordinator_data_intact(b_ctx.db, case_id, number)


def test_clean_editor_reloads_when_koordinator_acts(qtbot, screens, b_ctx):  # noqa: F811
    """The editor holds no edits: it follows the coordinator at once, and a later save
    of the proposal (while still undecided) keeps every step."""
    r4, coordinator = screens
    case_id = r4.case_id
    row = coordinator.cases_model.find_row("id", case_id)
    coordinator.cases_table.selectRow(
        coordinator.cases_proxy.mapFromSource(coordinator.cases_model.index(row, 0)).row()
    )
    coordinator.step_date.set_value(date(2026, 3, 5))
    assert coordinator.accept_case()
    assert r4.step_edits["accepted_on"].text() == "5. 3. 2026"  # reloaded through the bus
    qtbot.keyClicks(r4.rationale_edit, " Dodano.")
    assert r4.save() is True
    stored = get_record(b_ctx.db, "r4_cases", case_id)
    assert stored["accepted_on"] == date(2026, 3, 5)
    assert "Dodano." in stored["rationale"]


def test_proposal_service_cannot_rewrite_a_decided_case(qtbot, screens, b_ctx):  # noqa: F811
    """Reproduction (b): "ZVIŠA 25 %" cannot become "NE ZVIŠA, 1-999" by a save."""
    r4, coordinator = screens
    number = _coordinator_works(coordinator, r4.case_id)
    case = load_case(b_ctx.db, r4.case_id)
    changed = proposal_from_changes(case, rationale="Drugače.")
    with pytest.raises(InputError, match="odločen"):
        save_proposal(b_ctx.db, changed, case_id=case.id, version=case.version)
    with pytest.raises(StaleRecordError):
        save_proposal(b_ctx.db, changed, case_id=case.id, version=case.version - 1)
    # The window: a decided case cannot be saved, nor its decision typed.
    r4.load(r4.case_id)
    assert not r4.outcome_no.isEnabled() and not r4.resolution_no_edit.isEnabled()
    assert r4.save() is True  # nothing to store
    _coordinator_data_intact(b_ctx.db, r4.case_id, number)


def test_koordinator_step_on_a_case_changed_meanwhile_is_refused(qtbot, screens, b_ctx):  # noqa: F811
    """The coordinator shows version n; the proposer saves (n + 1) from another copy of
    the program, which sends no bus signal here. Accepting is refused, the list reloads."""
    r4, coordinator = screens
    case_id = r4.case_id
    row = coordinator.cases_model.find_row("id", case_id)
    coordinator.cases_table.selectRow(
        coordinator.cases_proxy.mapFromSource(coordinator.cases_model.index(row, 0)).row()
    )
    case = load_case(b_ctx.db, case_id)
    save_proposal(
        b_ctx.db,
        proposal_from_changes(case, rationale="Drugje."),
        case_id=case_id,
        version=case.version,
    )
    coordinator.step_date.set_value(date(2026, 3, 5))
    assert coordinator.accept_case() is False
    assert "medtem spremenil" in b_ctx.interaction.errors[-1]
    assert get_record(b_ctx.db, "r4_cases", case_id)["accepted_on"] is None
    assert coordinator.accept_case() is True  # now on the version it shows
    assert get_record(b_ctx.db, "r4_cases", case_id)["accepted_on"] == date(2026, 3, 5)


def test_a_step_updates_its_row_without_reloading_the_screen(qtbot, screens, monkeypatch):  # noqa: F811
    r4, coordinator = screens
    reloads: list[int] = []
    monkeypatch.setattr(coordinator, "refresh", lambda: reloads.append(1))
    row = coordinator.cases_model.find_row("id", r4.case_id)
    coordinator.cases_table.selectRow(
        coordinator.cases_proxy.mapFromSource(coordinator.cases_model.index(row, 0)).row()
    )
    coordinator.step_date.set_value(date(2026, 3, 5))
    assert coordinator.accept_case()
    assert reloads == []
    shown = coordinator.cases_model.row_record(coordinator.cases_model.find_row("id", r4.case_id))
    assert shown["status"] == "sprejeto" and shown["accepted"] == date(2026, 3, 5)
    assert r4.step_edits["accepted_on"].text() == "5. 3. 2026"  # the other screen heard it
