"""Coordinator screen: a step dated after today (25. 12. typed for 25. 11.) is refused
beside the step's date field, the typed date stays, nothing is written."""

from __future__ import annotations

from datetime import timedelta

from rejnistvo.store import get_record
from rejnistvo.ui.views.coordinator_view import CoordinatorView


def _select(view, predicate):
    for index in range(view.subgroup_combo.count()):
        view.subgroup_combo.setCurrentIndex(index)
        for row in range(view.cases_proxy.rowCount()):
            record = view.cases_proxy.row_record(row)
            if predicate(record):
                view.cases_table.selectRow(row)
                return record
    return None


def test_future_step_date_refused_beside_the_field(qtbot, ctx):
    view = CoordinatorView(ctx)
    qtbot.addWidget(view)
    view.refresh()
    record = _select(view, lambda r: r["sent_on"] and not r["accepted"])
    assert record is not None, "the demo has a sent proposal not yet accepted"
    before = get_record(ctx.db, "r4_cases", record["id"])
    later = ctx.clock.today() + timedelta(days=21)
    typed = f"{later.day}. {later.month}. {later.year}"
    view.step_date.setText(typed)
    assert not view.accept_case()
    assert "v prihodnosti" in view.step_date.error_text()
    assert view.step_date.text() == typed
    assert get_record(ctx.db, "r4_cases", record["id"]) == before


def test_commission_without_three_candidates_says_where_to_add_them(qtbot, ctx):
    from rejnistvo.store import save_record

    view = CoordinatorView(ctx)
    qtbot.addWidget(view)
    view.refresh()
    record = _select(view, lambda r: r["accepted"] and not r["commission_named"])
    assert record is not None, "the demo has an accepted case without a commission"
    subgroup = view._subgroup()
    today = ctx.clock.today()
    for (candidate_id,) in ctx.db.execute(
        "SELECT id FROM candidates WHERE subgroup_id = ? AND removed_on IS NULL", [subgroup]
    ).fetchall()[2:]:
        save_record(
            ctx.db, "candidates", {"id": candidate_id, "removed_on": today - timedelta(days=1)}
        )
    view.refresh()
    _select(view, lambda r: r["id"] == record["id"])
    assert not view.name_commission()
    said = view.commission_error.text()
    assert "premalo kandidatov" in said and "Nastavitve" in said


def test_the_screen_opens_on_the_subgroup_chosen_last(qtbot, ctx):
    first = CoordinatorView(ctx)
    qtbot.addWidget(first)
    first.refresh()
    assert first.subgroup_combo.count() >= 3
    first.subgroup_combo.setCurrentIndex(2)
    chosen = first.subgroup_combo.currentData()
    again = CoordinatorView(ctx)  # the next start of the program
    qtbot.addWidget(again)
    again.refresh()
    assert again.subgroup_combo.currentData() == chosen
    assert again._subgroup() == chosen


def test_a_candidate_is_offered_with_short_centre_and_unit(qtbot, ctx):
    view = CoordinatorView(ctx)
    qtbot.addWidget(view)
    view.refresh()
    record = _select(view, lambda r: r["accepted"] and not r["commission_named"])
    assert record is not None
    combo = view.member_combos[0]
    texts = [combo.itemText(i) for i in range(1, combo.count())]
    assert texts and not any("Center za socialno delo" in text for text in texts)
    with_unit = [c for c in view._candidates.values() if c.unit]
    assert with_unit and any(with_unit[0].unit in text for text in texts)


def test_no_case_chosen_clears_the_decision_shown(qtbot, ctx):
    view = CoordinatorView(ctx)
    qtbot.addWidget(view)
    view.refresh()
    record = _select(view, lambda r: r["commission_named"] and not r["decided"])
    assert record is not None
    assert view.decision_period.value() is not None
    view._show_case(None)
    assert view.decision_period.value() is None
    assert view.rationale_edit.toPlainText() == ""
    assert all(combo.count() == 0 for combo in view.member_combos)


def test_the_rationale_reason_goes_when_a_rationale_is_typed(qtbot, ctx):
    view = CoordinatorView(ctx)
    qtbot.addWidget(view)
    view.refresh()
    record = _select(view, lambda r: r["commission_named"] and not r["decided"])
    assert record is not None
    view.rationale_error.show_error(
        "Odločitev se razlikuje od predloga pravila; vpišite obrazložitev."
    )
    assert view.rationale_error.text()
    qtbot.keyClicks(view.rationale_edit, "Komisija ocenjuje drugace.")
    assert not view.rationale_error.text()
