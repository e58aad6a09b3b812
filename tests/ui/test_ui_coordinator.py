import csv

from rejnistvo.store import get_record
from rejnistvo.ui.views.coordinator_view import CoordinatorView


def make_view(qtbot, ctx):
    view = CoordinatorView(ctx)
    qtbot.addWidget(view)
    view.refresh()
    return view


def select_case(view, predicate):
    for row in range(view.cases_proxy.rowCount()):
        record = view.cases_proxy.row_record(row)
        if predicate(record):
            view.cases_table.selectRow(row)
            return record
    return None


def test_models_pass_qtmodeltester(qtbot, qtmodeltester, ctx):
    view = make_view(qtbot, ctx)
    for tab in (1, 2):  # each tab's list is read when the tab is first shown
        view.tabs.setCurrentIndex(tab)
    for model in (view.cases_model, view.register_model, view.all_cases_model):
        assert model.rowCount()
        qtmodeltester.check(model)


def test_a_proposal_from_acceptance_to_return(qtbot, ctx, interaction, tmp_path):
    view = make_view(qtbot, ctx)
    record = None
    for index in range(view.subgroup_combo.count()):
        view.subgroup_combo.setCurrentIndex(index)
        record = select_case(view, lambda r: not r["accepted"])
        if record is not None:
            break
    assert record is not None, "the demo has a proposal not yet accepted"
    case_id = record["id"]
    today = ctx.clock.today()
    view.today = lambda: today
    view.step_date.set_value(today)
    assert view.accept_case()
    assert get_record(ctx.db, "r4_cases", case_id)["accepted_on"] == today

    select_case(view, lambda r: r["id"] == case_id)
    assert view.commission_box.isEnabled()
    # too few members: refused beside the combos, nothing stored
    assert not view.name_commission()
    assert view.commission_error.text()
    for i, combo in enumerate(view.member_combos):
        combo.setCurrentIndex(i + 1)
    interaction.answers.append(True)  # go ahead despite any warning
    assert view.name_commission()
    interaction.answers.clear()  # the answer stays unused when there was no warning
    case = get_record(ctx.db, "r4_cases", case_id)
    assert case["commission_named_on"] == today and len(case["members"]) == 3

    select_case(view, lambda r: r["id"] == case_id)
    expected_number = view.number_label.text().split(": ")[-1]
    view.no_increase_radio.setChecked(True)
    view.rationale_edit.setPlainText("Komisija ocenjuje, da obseg dela ni povečan.")
    assert view.record_decision()
    case = get_record(ctx.db, "r4_cases", case_id)
    assert case["outcome"] == "no_increase" and case["resolution_no"] == expected_number

    select_case(view, lambda r: r["id"] == case_id)
    assert view.mark_returned()
    assert get_record(ctx.db, "r4_cases", case_id)["returned_on"] == today

    out = tmp_path / "evidenca.csv"
    view.tabs.setCurrentIndex(1)
    view.year_combo.setCurrentIndex(max(view.year_combo.findData(today.year), 0))
    interaction.answers.append(str(out))
    assert view.export_register("csv")
    text = out.read_text(encoding="utf-8-sig")
    assert expected_number in text
    rows = list(csv.reader(text.splitlines(), delimiter=";"))
    assert len(rows) == view.register_proxy.rowCount() + 1
