"""Nastavitve → Zneski rejnine → Odstrani izbrano: the question said only that the row
would be removed and the change logged, while a correction's question said that closed
months stay as paid and the difference comes as arrears. Removing the 1 March row after
March–May were paid with it turns every placement's March–May into an overpayment in the
next run; the clerk was not told. The removal's question now says it, as the
correction's does (found by QA23)."""

from __future__ import annotations

from datetime import date

from test_ui_settings_rates import make_tab, select_row

from rejnistvo.services.rates import add_rate, list_rates


def test_removing_a_row_says_closed_months_stay_and_the_difference_follows(qtbot, ctx, interaction):
    add_rate(ctx.db, "2027-03-01", "700.00", "500.00", "tipkarska napaka")
    _view, tab = make_tab(qtbot, ctx)
    select_row(tab, date(2027, 3, 1))
    interaction.answers.append(False)
    assert tab.remove_rate() is False
    _kind, _title, text = interaction.asked[-1]
    assert "Zaključeni meseci ostanejo, kot so bili izplačani" in text
    assert "poračun" in text and "preplačilo" in text


def test_a_row_closed_months_need_is_refused_before_the_question(qtbot, ctx, interaction):
    _view, tab = make_tab(qtbot, ctx)
    select_row(tab, date(2025, 11, 1))  # the demo's closed months were paid with it
    assert tab.remove_rate() is False
    assert [kind for kind, *_ in interaction.asked] == ["error"]  # no »Nadaljujem?« first
    assert "ni mogoče odstraniti" in interaction.errors[-1]


def test_a_correction_leaving_a_closed_month_bare_is_refused_before_the_question(
    qtbot, ctx, interaction
):
    _view, tab = make_tab(qtbot, ctx)
    select_row(tab, date(2025, 11, 1))
    tab.rate_from.set_value(date(2027, 7, 1))
    assert tab.correct_rate() is False
    assert interaction.asked == []  # no »Shranim?« for a save that would be refused
    assert [r.valid_from for r in list_rates(ctx.db)] == [date(2025, 11, 1)]
