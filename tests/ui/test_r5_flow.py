"""Zvišane oskrbnine in R-5: a whole case from the board increase to a refund plan, the
live SKUPAJ, the offered unjustified amount, and wrong values that stay as typed."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from _fixtures_b import b_db, show_view  # noqa: F401 (fixtures)
from PySide6.QtCore import QPoint, QSettings, Qt

from rejnistvo.clock import FixedClock
from rejnistvo.rules.workdays import next_working_day
from rejnistvo.store import delete_record, get_record, list_records, save_record
from rejnistvo.ui.bus import Bus
from rejnistvo.ui.context import AppContext
from rejnistvo.ui.interaction import FakeInteraction
from rejnistvo.ui.views.r5_view import R5View
from rejnistvo.ui.widgets.expense_table import ExpenseModel
from rejnistvo.ui.widgets.instalment_table import InstalmentModel

#: after the calls these cases record (a call is a day that has come,
#: services.board_increases._check_not_future); TODAY, the demo's own day, is before them
AFTER_THE_CALLS = date(2027, 12, 31)

TODAY = date(2026, 3, 2)


@pytest.fixture
def b_ctx(request, qapp, b_db, tmp_path):  # noqa: F811
    """The small database with our own rate table and a pinned clock (TODAY, or the day
    of the test's @pytest.mark.today)."""
    marked = request.node.get_closest_marker("today")
    for row in list_records(b_db, "rates"):
        delete_record(b_db, "rates", row["id"])
    save_record(
        b_db,
        "rates",
        {"valid_from": date(2025, 1, 1), "board": "638.00", "fee": "460.00", "source": "test"},
    )
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    return AppContext(
        db=b_db,
        db_path=tmp_path / "b.sqlite3",
        settings=settings,
        interaction=FakeInteraction(),
        bus=Bus(),
        clock=FixedClock(marked.args[0] if marked else TODAY),
    )


def make_view(qtbot, ctx) -> R5View:
    return show_view(qtbot, R5View(ctx))


def fill_increase(qtbot, view: R5View, ctx) -> None:
    view.new_record()
    view.placement_combo.setCurrentIndex(view.placement_combo.findData(ctx.db.b_ids["placement"]))
    view.percent_combo.setCurrentIndex(view.percent_combo.findData(25))
    qtbot.keyClicks(view.period_edit.start_edit.edit, "1. 1. 2026")
    qtbot.keyClicks(view.period_edit.end_edit.edit, "30. 6. 2026")
    box = view.category_boxes["education"]
    # Click on the box itself: the widget is wider than its text.
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(8, box.height() // 2))


def set_expense(view: R5View, row: int, description: str, amount: str, document: str) -> None:
    model = view.expense_model
    model.setData(model.index(row, 1), description)
    model.setData(model.index(row, 2), amount)
    model.setData(model.index(row, 3), document)


def test_increase_shows_due_date_and_received_live(qtbot, b_ctx):
    view = make_view(qtbot, b_ctx)
    fill_increase(qtbot, view, b_ctx)
    # čl. 28/3: 30 days before 30. 6. 2026; received 6 × 25 % of 638,00.
    assert "31. 5. 2026" in view.facts_label.text()
    assert view.received == Decimal("957.00")
    assert "957,00" in view.facts_label.text()


@pytest.mark.today(AFTER_THE_CALLS)
def test_whole_case_to_a_refund_plan(qtbot, b_ctx):
    view = make_view(qtbot, b_ctx)
    fill_increase(qtbot, view, b_ctx)
    with qtbot.waitSignal(b_ctx.bus.records_changed) as blocker:
        assert view.save() is True
    assert blocker.args == ["r5"]
    increase = get_record(b_ctx.db, "board_increases", view.increase_id)
    assert increase["percent"] == 25 and increase["to_date"] == date(2026, 6, 30)
    assert [c["category"] for c in increase["categories"]] == ["education"]

    # The carer's report: two expenses, SKUPAJ follows as they are typed.
    qtbot.keyClicks(view.report_date.edit, "20. 5. 2026")
    qtbot.mouseClick(view.add_expense_button, Qt.MouseButton.LeftButton)
    set_expense(view, 0, "Inštrukcije matematike", "120,00", "račun 2026-0042")
    assert "120,00" in view.total_label.text()
    view.expense_model.add_row("interest")
    set_expense(view, 1, "Plavalni tečaj", "680", "račun 77")
    assert view.total_label.text().endswith("800,00 €")

    # The finding: unjustified is offered as received − justified.
    qtbot.keyClicks(view.finding_date.edit, "5. 6. 2026")
    qtbot.keyClicks(view.justified_edit.edit, "800,00")
    assert view.unjustified_edit.text() == "157,00"

    # The refund: the latest deadline is shown, the plan comes from the rules.
    qtbot.keyClicks(view.call_date.edit, "10. 7. 2026")
    latest = next_working_day(date(2026, 7, 10) + timedelta(days=181))
    assert f"{latest.day}. {latest.month}. {latest.year}" in view.latest_label.text()
    qtbot.mouseClick(view.as_received_radio, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(view.plan_button, Qt.MouseButton.LeftButton)
    model = view.instalment_model
    assert model.rowCount() == 6
    assert model.total() == Decimal("157.00")
    assert view.plan.deadline == latest
    assert model.instalments()[-1].due == latest

    # A date after the deadline is refused beside the plan and stays as typed.
    model.setData(model.index(0, 0), "1. 3. 2027")
    assert "po roku vračila" in view.refund_error.text()
    assert model.index(0, 0).data() == "1. 3. 2027"
    assert view.save() is False
    model.setData(model.index(0, 0), "15. 7. 2026")
    assert not view.refund_error.text()
    model.setData(model.index(0, 2), Qt.CheckState.Checked.value, Qt.ItemDataRole.CheckStateRole)
    assert view.save() is True

    report = get_record(b_ctx.db, "r5_reports", view.report_id)
    assert report["justified"] == Decimal("800.00") and report["unjustified"] == Decimal("157.00")
    assert [e["amount"] for e in report["expenses"]] == [Decimal("120.00"), Decimal("680.00")]
    refund = get_record(b_ctx.db, "refunds", view.refund_id)
    assert refund["method"] == "as_received" and refund["amount"] == Decimal("157.00")
    assert refund["deadline"] == latest
    assert sum(i["amount"] for i in refund["instalments"]) == Decimal("157.00")
    assert refund["instalments"][0]["due"] == date(2026, 7, 15)
    assert refund["instalments"][0]["paid_on"] == b_ctx.clock.today()

    # Loading the case again shows what was stored, paid marks included.
    view.new_record()
    assert view.open_record("r5", increase["id"]) is True
    assert view.open_record("r4", increase["id"]) is False
    assert view.instalment_model.rowCount() == 6
    assert view.total_label.text().endswith("800,00 €")
    assert view.instalment_model.index(0, 0).data() == "15. 7. 2026"
    assert (
        view.instalment_model.index(0, 2).data(Qt.ItemDataRole.CheckStateRole)
        == Qt.CheckState.Checked
    )
    assert not view.has_unsaved_changes()

    # Both documents print.
    view.print_document()
    assert b_ctx.interaction.errors == []
    assert view.last_document.startswith(b"%PDF")
    qtbot.addWidget(view.preview)
    view.print_refund_call()
    assert b_ctx.interaction.errors == []
    assert view.last_document.startswith(b"%PDF")
    qtbot.addWidget(view.preview)


def test_wrong_amount_is_shown_and_kept(qtbot, b_ctx):
    view = make_view(qtbot, b_ctx)
    fill_increase(qtbot, view, b_ctx)
    view.expense_model.add_row()
    set_expense(view, 0, "Zvezki", "12,345", "račun 1")
    assert "dve decimalki" in view.expense_error.text()
    assert view.expense_model.index(0, 2).data() == "12,345"
    assert view.save() is False
    assert list_records(b_ctx.db, "board_increases") == []
    assert view.period_edit.start_edit.text() == "1. 1. 2026"


def test_unjustified_above_received_is_refused(qtbot, b_ctx):
    view = make_view(qtbot, b_ctx)
    fill_increase(qtbot, view, b_ctx)
    qtbot.keyClicks(view.unjustified_edit.edit, "1000,00")
    assert view.save() is False
    assert "957,00" in view.unjustified_edit.error_text()
    assert view.unjustified_edit.text() == "1000,00"


def test_the_refund_is_shown_before_the_plan_is_prepared(qtbot, b_ctx):
    """Typed unjustified 157,00 and the call date: »Za vračilo« said 0,00 € (the sum of
    no instalments) until *Pripravi načrt vračila* was pressed."""
    view = make_view(qtbot, b_ctx)
    fill_increase(qtbot, view, b_ctx)
    qtbot.keyClicks(view.justified_edit.edit, "800,00")
    assert view.unjustified_edit.text() == "157,00"
    qtbot.keyClicks(view.call_date.edit, "10. 7. 2026")
    view.call_date.edit.editingFinished.emit()
    assert view.instalment_model.rowCount() == 0
    assert view.refund_panel.plan_total_label.text().startswith("Za vračilo: 157,00 €")
    assert view.make_plan()
    assert view.refund_panel.plan_total_label.text().startswith("Za vračilo: 157,00 €")


def test_deadline_past_the_limit_names_the_latest_date(qtbot, b_ctx):
    view = make_view(qtbot, b_ctx)
    fill_increase(qtbot, view, b_ctx)
    qtbot.keyClicks(view.call_date.edit, "10. 7. 2026")
    qtbot.keyClicks(view.deadline_edit.edit, "1. 6. 2027")
    assert view.make_plan() is False
    latest = next_working_day(date(2026, 7, 10) + timedelta(days=181))
    assert f"{latest.day}. {latest.month}. {latest.year}" in view.deadline_edit.error_text()
    assert view.deadline_edit.text() == "1. 6. 2027"


def test_period_outside_placement_and_missing_category(qtbot, b_ctx):
    view = make_view(qtbot, b_ctx)
    view.new_record()
    view.placement_combo.setCurrentIndex(view.placement_combo.findData(b_ctx.db.b_ids["placement"]))
    qtbot.keyClicks(view.period_edit.start_edit.edit, "1. 1. 2025")
    qtbot.keyClicks(view.period_edit.end_edit.edit, "30. 6. 2025")
    assert view.save() is False
    assert "v času namestitve" in view.period_edit.error_text()
    assert "vsaj eno" in view.categories_error.text()


def test_models_pass_modeltester(qtbot, qtmodeltester, b_ctx):
    view = make_view(qtbot, b_ctx)
    fill_increase(qtbot, view, b_ctx)
    assert view.save()
    view.refresh()
    qtmodeltester.check(view.model)
    qtmodeltester.check(view.proxy)

    expenses = ExpenseModel({"education": "Izobraževalni proces", "health": "Zdravje"})
    expenses.set_expenses(
        [{"category": "education", "description": "a", "amount": Decimal("1.00"), "document": "r1"}]
    )
    expenses.add_row("health")
    qtmodeltester.check(expenses)
    instalments = InstalmentModel(lambda: TODAY)
    instalments.set_instalments(
        [
            {"due": date(2026, 8, 1), "amount": Decimal("10.00")},
            {"due": date(2026, 9, 1), "amount": Decimal("5.00"), "paid_on": date(2026, 9, 2)},
        ]
    )
    qtmodeltester.check(instalments)


def test_paid_marks_survive_a_new_plan_and_typing(qtbot, b_ctx):
    view = make_view(qtbot, b_ctx)
    fill_increase(qtbot, view, b_ctx)
    qtbot.keyClicks(view.call_date.edit, "10. 7. 2026")
    qtbot.mouseClick(view.as_received_radio, Qt.MouseButton.LeftButton)
    assert view.make_plan()
    model = view.instalment_model
    model.setData(model.index(0, 2), Qt.CheckState.Checked.value, Qt.ItemDataRole.CheckStateRole)
    # Half-typed call date: the plan stays as it was.
    view.call_date.set_value(None)
    qtbot.keyClicks(view.call_date.edit, "11. 7")
    assert model.rowCount() == 6
    qtbot.keyClicks(view.call_date.edit, ". 2026")
    assert model.rowCount() == 6
    assert model.index(0, 2).data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked


@pytest.mark.today(AFTER_THE_CALLS)
def test_clearing_the_call_date_asks_before_the_refund_goes(qtbot, b_ctx):
    view = make_view(qtbot, b_ctx)
    fill_increase(qtbot, view, b_ctx)
    qtbot.keyClicks(view.call_date.edit, "10. 7. 2026")
    assert view.make_plan()
    # A refund without an unjustified amount is refused at that field (as print refuses it).
    assert view.save() is False
    assert "nenamensko" in view.unjustified_edit.error_text()
    qtbot.keyClicks(view.unjustified_edit.edit, "100,00")
    assert view.save()
    refund_id = view.refund_id
    view.call_date.set_value(None)
    view._refund_inputs_changed()
    b_ctx.interaction.answers.append(False)
    assert view.save() is False
    assert get_record(b_ctx.db, "refunds", refund_id)["call_date"] == date(2026, 7, 10)
    assert b_ctx.interaction.asked[-1][0] == "confirm"
    b_ctx.interaction.answers.append(True)
    assert view.save() is True
    assert list_records(b_ctx.db, "refunds") == []
    assert view.instalment_model.rowCount() == 0


@pytest.mark.today(AFTER_THE_CALLS)
def test_two_editors_second_save_is_refused_and_nothing_is_lost(qtbot, b_ctx):
    """Issue 9: two R-5 editors on one increase; the second save is refused, told why and
    offered a reload; what the first stored stays, what the second typed stays too."""
    first = make_view(qtbot, b_ctx)
    fill_increase(qtbot, first, b_ctx)
    assert first.save()
    increase_id = first.increase_id
    second = make_view(qtbot, b_ctx)
    second.open_record("r5", increase_id)
    assert second.increase_id == increase_id

    qtbot.keyClicks(second.report_date.edit, "20. 5. 2026")
    qtbot.keyClicks(first.decision_no_edit.edit, "1-001/2026")
    assert first.save()
    # The second editor has unsaved edits, so the bus did not reload it under the user.
    assert second.has_unsaved_changes()
    b_ctx.interaction.answers.append(False)  # do not reload yet
    assert second.save() is False
    assert b_ctx.interaction.asked[-1][0] == "confirm"
    assert "medtem spremenil" in str(b_ctx.interaction.asked[-1])
    assert second.report_date.text() == "20. 5. 2026"
    stored = get_record(b_ctx.db, "board_increases", increase_id)
    assert stored["decision_no"] == "1-001/2026"
    assert list_records(b_ctx.db, "r5_reports") == []

    # Reloading shows the first editor's work; the second can then save on top of it.
    b_ctx.interaction.answers.append(True)
    assert second.save() is False
    assert second.decision_no_edit.text() == "1-001/2026"
    qtbot.keyClicks(second.report_date.edit, "20. 5. 2026")
    assert second.save() is True
    assert get_record(b_ctx.db, "board_increases", increase_id)["decision_no"] == "1-001/2026"


def test_an_editor_without_edits_reloads_when_the_bus_says_so(qtbot, b_ctx):
    first = make_view(qtbot, b_ctx)
    fill_increase(qtbot, first, b_ctx)
    assert first.save()
    second = make_view(qtbot, b_ctx)
    second.open_record("r5", first.increase_id)
    qtbot.keyClicks(first.decision_no_edit.edit, "1-002/2026")
    assert first.save()
    assert second.decision_no_edit.text() == "1-002/2026"
    assert not second.has_unsaved_changes()


def test_overlapping_increase_is_refused_at_the_period(qtbot, b_ctx):
    view = make_view(qtbot, b_ctx)
    fill_increase(qtbot, view, b_ctx)
    assert view.save()
    view.new_record()
    view.placement_combo.setCurrentIndex(view.placement_combo.findData(b_ctx.db.b_ids["placement"]))
    qtbot.keyClicks(view.period_edit.start_edit.edit, "1. 6. 2026")
    qtbot.keyClicks(view.period_edit.end_edit.edit, "31. 12. 2026")
    view.category_boxes["health"].setChecked(True)
    assert view.save() is False
    assert "od 1. 1. 2026 do 30. 6. 2026" in view.period_edit.error_text()
    assert len(list_records(b_ctx.db, "board_increases")) == 1
    assert view.period_edit.start_edit.text() == "1. 6. 2026"


def test_absurd_amounts_are_field_messages(qtbot, b_ctx):
    view = make_view(qtbot, b_ctx)
    fill_increase(qtbot, view, b_ctx)
    qtbot.keyClicks(view.unjustified_edit.edit, "nan")
    qtbot.keyClicks(view.justified_edit.edit, "1" * 27)
    view.expense_model.add_row()
    set_expense(view, 0, "Zvezki", "9" * 27, "račun 1")
    assert view.save() is False
    assert "velik" in view.justified_edit.error_text()
    assert "ni znesek" in view.unjustified_edit.error_text()
    # the row and the column: »Vrstica 1: … prevelik« did not say which cell (QA27)
    assert view.expense_error.text().startswith("Vrstica 1, Znesek (EUR): ")
    assert view.unjustified_edit.text() == "nan"


def test_short_increase_says_why_the_report_is_due_on_its_last_day(qtbot, b_ctx):
    view = make_view(qtbot, b_ctx)
    view.new_record()
    view.placement_combo.setCurrentIndex(view.placement_combo.findData(b_ctx.db.b_ids["placement"]))
    qtbot.keyClicks(view.period_edit.start_edit.edit, "1. 3. 2026")
    qtbot.keyClicks(view.period_edit.end_edit.edit, "20. 3. 2026")
    text = view.facts_label.text()
    assert "20. 3. 2026" in text and "30 dni pred iztekom" in text


def test_deadline_on_a_sunday_is_moved_and_explained(qtbot, b_ctx):
    view = make_view(qtbot, b_ctx)
    fill_increase(qtbot, view, b_ctx)
    qtbot.keyClicks(view.unjustified_edit.edit, "100,00")
    qtbot.keyClicks(view.call_date.edit, "10. 7. 2026")
    qtbot.keyClicks(view.deadline_edit.edit, "25. 10. 2026")
    assert view.make_plan()
    assert view.plan.deadline == date(2026, 10, 26)
    assert "25. 10. 2026" in view.moved_label.text()
    assert "26. 10. 2026" in view.moved_label.text()
    # A call on the increase's first day is refused at the call date.
    view.call_date.set_value(date(2026, 1, 1))
    assert view.make_plan() is False
    assert "prvem dnevu" in view.call_date.error_text()


def test_finding_centre_comes_from_the_childs_centre(qtbot, b_ctx):
    view = make_view(qtbot, b_ctx)
    fill_increase(qtbot, view, b_ctx)
    assert view.centre_combo.currentData() == b_ctx.db.b_ids["centre"]


def test_a_save_updates_its_row_only(qtbot, b_ctx):
    view = make_view(qtbot, b_ctx)
    fill_increase(qtbot, view, b_ctx)
    with qtbot.assertNotEmitted(view.model.modelReset):
        assert view.save()
    row = view.model.find_row("id", view.increase_id)
    assert view.model.row_record(row)["status_name"] == "čaka poročilo"
