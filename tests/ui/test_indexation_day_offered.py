"""Nastavitve → Zneski rejnine → Uskladitev: »Velja od« was empty, so the clerk who came to
enter the published percentage on 5 March had to type the 1 March the warnings named.
It offers the 1 March the rate table waits for; a day the clerk typed stays."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from PySide6.QtCore import Qt
from test_ui_settings_rates import make_tab, type_into

from rejnistvo.rules.rates import Rate, RateTable, next_indexation_day
from rejnistvo.services.rates import list_rates


def test_the_first_march_after_the_newest_row():
    def table(*days: date) -> RateTable:
        return RateTable(Rate(day, Decimal("638.00"), Decimal("460.00")) for day in days)

    assert next_indexation_day(RateTable([])) is None
    assert next_indexation_day(table(date(2025, 1, 1))) == date(2025, 3, 1)
    assert next_indexation_day(table(date(2025, 1, 1), date(2026, 3, 1))) == date(2027, 3, 1)
    assert next_indexation_day(table(date(2026, 9, 16))) == date(2027, 3, 1)
    assert next_indexation_day(table(date(9999, 3, 1))) is None  # no 1 March after it


def test_the_form_offers_the_awaited_march_and_keeps_a_typed_day(qtbot, ctx, interaction):
    _view, tab = make_tab(qtbot, ctx)  # the tests' own table: one row from 1. 11. 2025
    box = tab.indexation
    assert box.index_from.text() == "1. 3. 2026"
    type_into(qtbot, box.index_from, "1. 3. 2027")
    tab.refresh()
    assert box.index_from.text() == "1. 3. 2027"  # typed: not replaced
    type_into(qtbot, box.index_from, "1. 3. 2026")
    type_into(qtbot, box.index_percent, "2,7")
    type_into(qtbot, box.index_source, "Objava MSP")
    qtbot.mouseClick(box.index_propose, Qt.MouseButton.LeftButton)
    interaction.answers.append(True)
    qtbot.mouseClick(box.index_add, Qt.MouseButton.LeftButton)
    assert list_rates(ctx.db)[-1].valid_from == date(2026, 3, 1)
    tab.refresh()
    assert box.index_from.text() == "1. 3. 2027"  # the next one it waits for
