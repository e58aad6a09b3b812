"""Nastavitve → Zneski rejnine: rows added, corrected and removed, and the indexation,
driven through the widgets (the database holds the tests' own 2025 table)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from PySide6.QtCore import Qt

from rejnistvo.services.rates import add_rate, correct_rate, list_birth_grants, list_rates
from rejnistvo.store.audit import audit_rows
from rejnistvo.ui.views.settings_view import SettingsView


def make_tab(qtbot, ctx):
    view = SettingsView(ctx)
    qtbot.addWidget(view)
    view.refresh()
    return view, view.rates_tab


def select_row(tab, valid_from):
    row = next(r for r in range(tab.rates_proxy.rowCount())
               if tab.rates_proxy.row_record(r)["valid_from"] == valid_from)  # fmt: skip
    tab.rates_table.selectRow(row)


def type_into(qtbot, field, text):
    field.edit.clear()
    if text.isascii():
        qtbot.keyClicks(field.edit, text)
    else:  # QTest types ASCII only: č, š, ž arrive as one edit
        field.edit.setText(text)
        field.edit.textEdited.emit(text)


def test_models_pass_qtmodeltester(qtbot, qtmodeltester, ctx):
    _view, tab = make_tab(qtbot, ctx)
    qtmodeltester.check(tab.rates_model)
    qtmodeltester.check(tab.grants.model)
    assert tab.rates_model.rowCount() == 1 and tab.grants.model.rowCount() == 1


def test_new_row_needs_its_source_and_is_stored(qtbot, ctx, interaction):
    _view, tab = make_tab(qtbot, ctx)
    type_into(qtbot, tab.rate_from, "1. 3. 2027")
    type_into(qtbot, tab.rate_board, "700,00")
    type_into(qtbot, tab.rate_fee, "500,00")
    assert tab.add_rate() is False  # no source
    assert "obvezno" in tab.rate_source.error_text().lower()
    assert tab.rate_board.text() == "700,00"  # nothing typed is lost
    type_into(qtbot, tab.rate_source, "Uradni list RS, št. 20/2027")
    interaction.answers.append(True)
    qtbot.mouseClick(tab.rate_add, Qt.MouseButton.LeftButton)
    rows = list_rates(ctx.db)
    assert [(r.valid_from, r.board) for r in rows][-1] == (date(2027, 3, 1), Decimal("700.00"))
    assert rows[-1].source == "Uradni list RS, št. 20/2027"
    assert tab.rates_model.rowCount() == 2


def test_row_not_on_the_first_of_a_month_says_what_it_means_first(qtbot, ctx, interaction):
    # a change by law may start on any day (QA62: only the 1st was taken); the question
    # says the month is paid day by day, and »Ne« saves nothing
    _view, tab = make_tab(qtbot, ctx)
    for field, text in ((tab.rate_from, "15. 3. 2027"), (tab.rate_board, "1,00"),
                        (tab.rate_fee, "1,00"), (tab.rate_source, "x")):  # fmt: skip
        type_into(qtbot, field, text)
    interaction.answers.append(False)
    assert tab.add_rate() is False
    question = interaction.asked[-1][2]
    assert question.startswith(
        "Zneski ne veljajo od prvega dne v mesecu: mesec marec 2027 se izračuna po dnevih — "
        "do 14. 3. 2027 s prejšnjimi zneski, od 15. 3. 2027 z novimi."
    )
    assert question.endswith("Shranim?")
    assert len(list_rates(ctx.db)) == 1 and tab.rate_from.text() == "15. 3. 2027"
    interaction.answers.append(True)
    assert tab.add_rate() is True
    assert list_rates(ctx.db)[-1].valid_from == date(2027, 3, 15)
    # a row from the first asks as before
    for field, text in ((tab.rate_from, "1. 4. 2027"), (tab.rate_board, "2,00"),
                        (tab.rate_fee, "2,00"), (tab.rate_source, "y")):  # fmt: skip
        type_into(qtbot, field, text)
    assert tab.add_rate() is True
    assert interaction.asked[-1][2].startswith("Od 1. 4. 2027 velja")


def test_wrong_row_corrected_from_the_table_and_audited(qtbot, ctx, interaction):
    _view, tab = make_tab(qtbot, ctx)
    select_row(tab, date(2025, 11, 1))
    assert tab.rate_board.text() == "638,00" and tab.rate_correct.isEnabled()
    type_into(qtbot, tab.rate_board, "639,00")
    interaction.answers.append(True)
    qtbot.mouseClick(tab.rate_correct, Qt.MouseButton.LeftButton)
    (row,) = list_rates(ctx.db)
    assert row.board == Decimal("639.00") and row.version == 2
    assert audit_rows(ctx.db, "rates", row.id)[-1]["action"] == "update"


def test_stale_correction_is_refused_and_the_table_reloaded(qtbot, ctx, interaction):
    _view, tab = make_tab(qtbot, ctx)
    select_row(tab, date(2025, 11, 1))
    (row,) = list_rates(ctx.db)
    # Another window corrects the same row meanwhile.
    correct_rate(ctx.db, row.id, row.version, row.valid_from, "640.00", row.fee, row.source)
    type_into(qtbot, tab.rate_board, "639,00")
    interaction.answers.append(True)
    assert tab.correct_rate() is False
    assert "medtem spremenil" in interaction.errors[-1]
    assert list_rates(ctx.db)[0].board == Decimal("640.00")
    assert tab.rates_model.rows()[0]["board"] == Decimal("640.00")


def test_wrong_row_removed_after_confirmation(qtbot, ctx, interaction):
    # a row typed in error (the 2025 one closed months need is kept: test_qa23_…_rate)
    add_rate(ctx.db, "2027-03-01", "700.00", "500.00", "tipkarska napaka")
    _view, tab = make_tab(qtbot, ctx)
    select_row(tab, date(2027, 3, 1))
    interaction.answers.append(False)
    assert tab.remove_rate() is False
    assert len(list_rates(ctx.db)) == 2
    interaction.answers.append(True)
    assert tab.remove_rate() is True
    assert [r.valid_from for r in list_rates(ctx.db)] == [date(2025, 11, 1)]
    assert tab.rates_model.rowCount() == 1


def test_indexation_shows_old_and_new_and_adds_them_with_sources(qtbot, ctx, interaction):
    _view, tab = make_tab(qtbot, ctx)
    assert not tab.indexation.index_add.isEnabled()
    type_into(qtbot, tab.indexation.index_from, "1. 3. 2026")
    type_into(qtbot, tab.indexation.index_percent, "2,7")
    type_into(qtbot, tab.indexation.index_source, "Objava MSP")
    qtbot.mouseClick(tab.indexation.index_propose, Qt.MouseButton.LeftButton)
    assert [label.text() for label in tab.indexation.old_amounts] == [
        "638,00 €",
        "460,00 €",
        "430,00 €",
    ]
    assert [f.text() for f in tab.indexation.new_fields] == ["655,23", "472,42", "441,61"]
    # The ministry published 441.60 for the birth grant: typed over the proposal.
    type_into(qtbot, tab.indexation.new_grant, "441,60")
    interaction.answers.append(True)
    qtbot.mouseClick(tab.indexation.index_add, Qt.MouseButton.LeftButton)
    rate = list_rates(ctx.db)[-1]
    assert (rate.valid_from, rate.board, rate.fee) == (
        date(2026, 3, 1),
        Decimal("655.23"),
        Decimal("472.42"),
    )
    assert "Objava MSP" in rate.source and "2,7 %" in rate.source
    grant = list_birth_grants(ctx.db)[-1]
    assert (grant.amount, grant.source) == (Decimal("441.60"), "Objava MSP")
    assert tab.rates_model.rowCount() == 2 and not tab.indexation.index_add.isEnabled()


def test_bad_percentage_is_shown_at_its_field(qtbot, ctx):
    _view, tab = make_tab(qtbot, ctx)
    type_into(qtbot, tab.indexation.index_from, "1. 3. 2026")
    type_into(qtbot, tab.indexation.index_percent, "dva")
    assert tab.indexation.propose_indexation() is False
    assert "ni odstotek" in tab.indexation.index_percent.error_text()
    assert tab.indexation.index_percent.text() == "dva"


def test_wrong_birth_grant_corrected_then_removed(qtbot, ctx, interaction):
    _view, tab = make_tab(qtbot, ctx)
    box = tab.grants
    box.table.selectRow(0)
    assert box.grant_amount.text() == "430,00" and box.correct_button.isEnabled()
    type_into(qtbot, box.grant_amount, "431,00")
    interaction.answers.append(True)
    qtbot.mouseClick(box.correct_button, Qt.MouseButton.LeftButton)
    (grant,) = list_birth_grants(ctx.db)
    assert (grant.amount, grant.version) == (Decimal("431.00"), 2)
    box.table.selectRow(0)
    interaction.answers.append(True)
    assert box.remove_grant() is True
    assert list_birth_grants(ctx.db) == [] and box.model.rowCount() == 0
    assert [a["action"] for a in audit_rows(ctx.db, "birth_grants", grant.id)][-2:] == [
        "update",
        "delete",
    ]


def test_birth_grant_the_store_refuses_is_shown_at_its_field(qtbot, ctx, interaction):
    _view, tab = make_tab(qtbot, ctx)
    box = tab.grants
    box.table.selectRow(0)  # the same date as the existing row: the service refuses it
    type_into(qtbot, box.grant_amount, "500,00")
    interaction.answers.append(True)
    assert box.add_grant() is False
    assert box.grant_from.error_text() or interaction.asked[-1][0] == "error"
    assert [g.amount for g in list_birth_grants(ctx.db)] == [Decimal("430.00")]


def test_changed_date_or_percentage_withdraws_the_shown_proposal(qtbot, ctx, interaction):
    # Proposed from 1. 3. 2026 at 2,7 %, then the percentage corrected to 3,5: adding
    # would have stored the 2,7 % amounts (and cited 2,7 %) under fields saying 3,5.
    _view, tab = make_tab(qtbot, ctx)
    box = tab.indexation
    type_into(qtbot, box.index_from, "1. 3. 2026")
    type_into(qtbot, box.index_percent, "2,7")
    type_into(qtbot, box.index_source, "Objava MSP")
    qtbot.mouseClick(box.index_propose, Qt.MouseButton.LeftButton)
    assert box.index_add.isEnabled()
    type_into(qtbot, box.index_percent, "3,5")
    assert not box.index_add.isEnabled() and box.proposal is None
    assert box.add_indexation() is False and len(list_rates(ctx.db)) == 1
    assert box.index_percent.text() == "3,5"  # what was typed stays
    qtbot.mouseClick(box.index_propose, Qt.MouseButton.LeftButton)
    assert [f.text() for f in box.new_fields][:2] == ["660,33", "476,10"]
    type_into(qtbot, box.index_from, "1. 3. 2027")
    assert not box.index_add.isEnabled()
    qtbot.mouseClick(box.index_propose, Qt.MouseButton.LeftButton)
    interaction.answers.append(True)
    qtbot.mouseClick(box.index_add, Qt.MouseButton.LeftButton)
    rate = list_rates(ctx.db)[-1]
    assert rate.valid_from == date(2027, 3, 1) and "3,5 %" in rate.source
