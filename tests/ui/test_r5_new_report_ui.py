"""Zvišane oskrbnine in R-5: »Zahtevaj novo poročilo …« (čl. 28/3, the centre asks again
after a report was received). The day is checked where it is typed and by the service, a
refusal stays in the dialog with what was typed; once asked, the received report is
listed among the earlier ones and prints as it was, and the case awaits the new one."""

from __future__ import annotations

import dataclasses
import io
from datetime import date
from decimal import Decimal

import pytest
from _fixtures_b import b_db, show_view  # noqa: F401 (fixtures)
from pypdf import PdfReader
from PySide6.QtCore import Qt
from test_r5_flow import b_ctx, make_view  # noqa: F401 (fixtures)

from rejnistvo.rules.periods import Period
from rejnistvo.services.board_increases import (
    BoardIncrease,
    R5Case,
    load_case,
    save_case,
)
from tests.services.test_board_increases import REPORTED_AND_FOUND

ASKED = date(2026, 7, 15)


def _reported(ctx) -> int:
    case = R5Case(
        BoardIncrease(
            placement_id=ctx.db.b_ids["placement"],
            percent=25,
            period=Period(date(2026, 1, 1), date(2026, 6, 30)),
            categories=("education",),
        ),
        REPORTED_AND_FOUND,
    )
    stored = save_case(ctx.db, case, ASKED)
    assert stored.increase.id is not None
    return stored.increase.id


def _asking(qtbot, ctx):
    """The R-5 screen with a reported and found case loaded and »Zahtevaj novo poročilo…»
    clicked: (view, the case's id, the dialog)."""
    increase_id = _reported(ctx)
    view = make_view(qtbot, ctx)
    view.load(increase_id)
    qtbot.mouseClick(view.ask_again_button, Qt.MouseButton.LeftButton)
    return view, increase_id, view.new_report_dialog


def _type(qtbot, dialog, text: str) -> None:
    dialog.due_edit.edit.clear()
    qtbot.keyClicks(dialog.due_edit.edit, text)
    qtbot.mouseClick(dialog.ask_button, Qt.MouseButton.LeftButton)


@pytest.mark.today(ASKED)
def test_asking_again_keeps_the_report_among_the_earlier_ones(qtbot, b_ctx):  # noqa: F811
    increase_id = _reported(b_ctx)
    view = make_view(qtbot, b_ctx)
    assert not view.ask_again_button.isEnabled() and view.earlier_panel.isHidden()
    view.load(increase_id)
    assert view.ask_again_button.isEnabled()

    qtbot.mouseClick(view.ask_again_button, Qt.MouseButton.LeftButton)
    dialog = view.new_report_dialog
    assert dialog.isVisible()
    # the regular day (31. 5.) has passed: nothing offered, the centre sets the day
    assert dialog.due_edit.edit.text() == ""
    _type(qtbot, dialog, "32. 8. 2026")
    assert dialog.isVisible() and dialog.due_edit.edit.text() == "32. 8. 2026"
    assert dialog.due_edit.error_text()
    _type(qtbot, dialog, "20. 5. 2026")  # not after the received report: the service's
    assert dialog.isVisible() and "od 21. 5. 2026 naprej" in dialog.due_edit.error_text()
    assert dialog.due_edit.edit.text() == "20. 5. 2026"
    assert load_case(b_ctx.db, increase_id).report.report_date == date(2026, 5, 20)

    with qtbot.waitSignal(b_ctx.bus.records_changed):
        _type(qtbot, dialog, "14. 8. 2026")
    assert not dialog.isVisible()
    # the editor shows the case awaiting the new report
    assert view.report_date.edit.text() == "" and view.expense_model.rowCount() == 0
    assert "Novo poročilo R-5" in view.report_panel.title() and "15. 7. 2026" in (
        view.report_panel.title()
    )
    assert "Rok za novo poročilo R-5: <b>14. 8. 2026</b>" in view.facts_label.text()
    assert view.justified_edit.text() == "800,00"  # the finding stands, and says so
    assert not view.standing_note.isHidden()
    assert "prejšnje poročilo z dne 20. 5. 2026" in view.standing_note.text()
    assert not view.ask_again_button.isEnabled()
    assert not view.has_unsaved_changes()
    # the list's row: awaiting the report, due on the day asked
    line = view.model.row_record(view.model.find_row("id", increase_id))
    assert (line["status"], line["report_due"]) == ("awaiting_report", date(2026, 8, 14))
    assert line["status_name"] == "čaka novo poročilo"

    # the earlier report, listed and printed as it was
    table = view.earlier_table
    assert not view.earlier_panel.isHidden() and table.rowCount() == 1
    assert [table.item(0, c).text() for c in range(6)] == [
        "20. 5. 2026",
        "800,00",
        "5. 6. 2026",
        "800,00",
        "157,00",
        "15. 7. 2026",
    ]
    qtbot.mouseClick(view.print_earlier_button, Qt.MouseButton.LeftButton)
    assert b_ctx.interaction.errors == []
    text = " ".join(
        " ".join(p.extract_text() for p in PdfReader(io.BytesIO(view.last_document)).pages).split()
    )
    assert "Inštrukcije" in text and "800,00" in text and "157,00" in text
    qtbot.addWidget(view.preview)


@pytest.mark.today(ASKED)
def test_the_dialog_keeps_the_typed_day_when_another_screen_saved_first(
    qtbot,
    b_ctx,  # noqa: F811
):
    view, increase_id, dialog = _asking(qtbot, b_ctx)
    # another window saves the case meanwhile
    other = load_case(b_ctx.db, increase_id)
    renamed = dataclasses.replace(other.increase, decision_no="1-9/2026")
    save_case(b_ctx.db, R5Case(renamed, other.report), ASKED)
    _type(qtbot, dialog, "14. 8. 2026")
    assert dialog.isVisible() and dialog.due_edit.edit.text() == "14. 8. 2026"
    assert "ponovite" in dialog.due_edit.error_text()
    assert view.decision_no_edit.text() == "1-9/2026"  # the stored case is shown
    with qtbot.waitSignal(b_ctx.bus.records_changed):
        qtbot.mouseClick(dialog.ask_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible() and view.earlier_table.rowCount() == 1


@pytest.mark.today(date(2026, 8, 20))
def test_the_new_report_is_typed_under_the_standing_finding_then_found_again(
    qtbot,
    b_ctx,  # noqa: F811
):
    from test_r5_flow import set_expense

    view, increase_id, dialog = _asking(qtbot, b_ctx)
    with qtbot.waitSignal(b_ctx.bus.records_changed):
        _type(qtbot, dialog, "10. 9. 2026")
    # the new report arrives: a later date and a smaller SKUPAJ than the finding's
    # justified amount — saved under the standing finding
    qtbot.keyClicks(view.report_date.edit, "20. 8. 2026")
    qtbot.mouseClick(view.add_expense_button, Qt.MouseButton.LeftButton)
    set_expense(view, 0, "Delovni zvezki", "100,00", "račun 9")
    assert view.save() is True, b_ctx.interaction.errors
    line = view.model.row_record(view.model.find_row("id", increase_id))
    assert line["status"] == "found"  # the finding stands
    assert not view.standing_note.isHidden()
    # the centre's new finding on it
    view.finding_date.edit.clear()
    qtbot.keyClicks(view.finding_date.edit, "20. 8. 2026")
    view.justified_edit.edit.clear()
    qtbot.keyClicks(view.justified_edit.edit, "100,00")
    qtbot.mouseClick(view.offer_button, Qt.MouseButton.LeftButton)
    assert view.unjustified_edit.text() == "857,00"
    assert view.save() is True, b_ctx.interaction.errors
    assert view.standing_note.isHidden()
    stored = load_case(b_ctx.db, increase_id).report
    assert (stored.finding_date, stored.unjustified) == (date(2026, 8, 20), Decimal("857.00"))
    assert view.earlier_table.rowCount() == 1  # the first report stays as it was


@pytest.mark.today(ASKED)
def test_a_day_that_is_not_a_working_day_moves_and_the_screen_says_so(qtbot, b_ctx):  # noqa: F811
    """QA54: asked by a holiday, the report was due on it and late the day after; the day
    is the next working day (ZUP 101) and the status line says why it is not as typed."""
    said: list[str] = []
    b_ctx.bus.status_message.connect(said.append)
    view, increase_id, dialog = _asking(qtbot, b_ctx)
    _type(qtbot, dialog, "15. 8. 2026")  # a Saturday and a holiday (Marijino vnebovzetje)
    assert not dialog.isVisible()
    assert load_case(b_ctx.db, increase_id).increase.report_requested_on == date(2026, 8, 17)
    assert any(
        "zahtevano do 17. 8. 2026" in text and "Dan 15. 8. 2026 ni delovni dan" in text
        for text in said
    )
    # the day typed on the screen is moved as well when the case is saved
    said.clear()
    view.increase_panel.requested_date.set_value(date(2026, 11, 1))  # Sunday, a holiday
    assert view.save() is True
    assert load_case(b_ctx.db, increase_id).increase.report_requested_on == date(2026, 11, 2)
    assert any("Dan 1. 11. 2026 ni delovni dan" in text for text in said)
