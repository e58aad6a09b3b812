"""QA66: the indexation of 1 March entered on 5 March, after March was closed and paid
with the old amounts. The question before the amounts were added said only »Od 1. 3. …
bodo veljali zneski: … Dodam jih?«; where the difference would go was left to guess. It
now says that March is closed and stays as paid, and that the run of April pays the
difference as arrears (SPEC 3.1, 3.6) — which that run then does."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from PySide6.QtCore import Qt

from rejnistvo.services import payment_run
from rejnistvo.services.rates import closed_months_note
from rejnistvo.store import ledger
from tests.ui.test_ui_settings_rates import make_tab, type_into


def _close_up_to(ctx, month: date) -> None:
    next_month = payment_run.next_month_to_close(ctx.db, ctx.clock.today())
    while next_month <= month:
        payment_run.close_month(ctx.db, next_month, ctx.clock)
        next_month = payment_run.next_month_to_close(ctx.db, ctx.clock.today())


def _index(qtbot, tab, interaction, day: str) -> str:
    type_into(qtbot, tab.indexation.index_from, day)
    type_into(qtbot, tab.indexation.index_percent, "2,5")
    type_into(qtbot, tab.indexation.index_source, "Objava MSP")
    qtbot.mouseClick(tab.indexation.index_propose, Qt.MouseButton.LeftButton)
    interaction.answers.append(True)
    qtbot.mouseClick(tab.indexation.index_add, Qt.MouseButton.LeftButton)
    (_kind, _title, question) = interaction.asked[-1]
    return question


def test_indexation_after_march_is_closed_says_where_the_difference_goes(qtbot, ctx, interaction):
    ctx.clock.day = date(2026, 3, 5)  # the indexation is published after March was paid
    _close_up_to(ctx, date(2026, 3, 1))
    _view, tab = make_tab(qtbot, ctx)
    question = _index(qtbot, tab, interaction, "1. 3. 2026")
    assert "Mesec marec 2026 je že zaključen in ostane, kot je bil izplačan" in question
    assert "poračun v izplačilu za april 2026" in question
    assert question.endswith("Dodam jih?")

    ctx.clock.day = date(2026, 4, 20)
    run = payment_run.payment_run(ctx.db, date(2026, 4, 1), ctx.clock)
    arrears = [line for line in run.lines if line.kind == "arrears"]
    assert arrears and {line.for_month for line in arrears} == {date(2026, 3, 1)}
    assert all(line.total > Decimal("0") for line in arrears)


def test_no_word_of_closed_months_when_the_amounts_start_after_them(ctx):
    ctx.clock.day = date(2026, 3, 5)
    _close_up_to(ctx, date(2026, 2, 1))  # (the demo has closed up to February)
    assert ledger.closed_range(ctx.db)[1] == date(2026, 2, 1)
    assert closed_months_note(ctx.db, date(2026, 3, 1)) is None
    _close_up_to(ctx, date(2026, 3, 1))
    assert closed_months_note(ctx.db, date(2026, 4, 1)) is None
    several = closed_months_note(ctx.db, date(2026, 2, 15))
    assert several is not None and several.startswith("Meseci februar 2026 – marec 2026 so že")


def test_published_amounts_typed_as_a_new_row_say_it_too(qtbot, ctx, interaction):
    ctx.clock.day = date(2026, 3, 5)
    _close_up_to(ctx, date(2026, 3, 1))
    _view, tab = make_tab(qtbot, ctx)
    type_into(qtbot, tab.rate_from, "1. 3. 2026")
    type_into(qtbot, tab.rate_board, "655,23")
    type_into(qtbot, tab.rate_fee, "472,42")
    type_into(qtbot, tab.rate_source, "Objava MSP")
    interaction.answers.append(True)
    qtbot.mouseClick(tab.rate_add, Qt.MouseButton.LeftButton)
    (_kind, _title, question) = interaction.asked[-1]
    assert "poračun v izplačilu za april 2026" in question and question.endswith("Shranim?")
