"""QA26: the periods table said »Vrstica 1: … ni datum« without the column; »1,234.56«
was answered »več kot dve decimalki« (the separators the wrong way round); the year
0026 (2026 mistyped) was taken as a date. Each reason now names what to write."""

from __future__ import annotations

from datetime import date

import pytest

from rejnistvo.rules.errors import InputError
from rejnistvo.ui.widgets.fields import FormValidator, parse_amount_text, parse_date_text
from rejnistvo.ui.widgets.periods_table import FROM, TO, PeriodsTable


@pytest.mark.parametrize(
    ("column", "typed", "named"), [(FROM, "1.13.2026", "Od"), (TO, "kmalu", "Do")]
)
def test_a_periods_row_refusal_names_the_column(qtbot, column, typed, named):
    table = PeriodsTable()
    qtbot.addWidget(table)
    table.set_rows([])
    table.table.item(0, FROM).setText("1. 1. 2026")
    table.table.item(0, column).setText(typed)
    validator = FormValidator()
    assert table.rows(validator) == []
    (problem,) = [message for _field, message in validator.errors]
    assert problem.startswith(f"Vrstica 1, {named}: ") and typed in problem


def test_a_missing_start_names_od(qtbot):
    table = PeriodsTable()
    qtbot.addWidget(table)
    table.set_rows([])
    table.table.item(0, TO).setText("1. 1. 2026")
    validator = FormValidator()
    table.rows(validator)
    assert [message for _field, message in validator.errors][0].startswith("Vrstica 1, Od: ")


@pytest.mark.parametrize("typed", ["1,234.56", "12,5.50"])
def test_an_amount_written_the_english_way_says_which_separator_is_which(typed):
    with pytest.raises(InputError) as caught:
        parse_amount_text(typed)
    message = caught.value.message
    assert "dve decimalki" not in message.split(";")[0]
    assert "decimalke loči vejica, tisočice pika" in message and typed in message


def test_too_many_decimals_still_says_so_and_names_the_separators():
    with pytest.raises(InputError) as caught:
        parse_amount_text("12,345")
    assert "več kot dve decimalki" in caught.value.message
    assert "decimalke loči vejica" in caught.value.message


def test_slovenian_and_pasted_amounts_still_read():
    assert str(parse_amount_text("1.234,56")) == "1234.56"
    assert str(parse_amount_text("1234.56")) == "1234.56"


@pytest.mark.parametrize("typed", ["1. 5. 0026", "0026-05-01", "31. 12. 1899"])
def test_a_year_before_1900_is_refused_with_the_allowed_years(typed):
    with pytest.raises(InputError) as caught:
        parse_date_text(typed, "from_date")
    assert caught.value.field == "from_date"
    assert typed in caught.value.message and "1900 ali pozneje" in caught.value.message


def test_the_first_day_of_1900_is_a_date():
    assert parse_date_text("1. 1. 1900") == date(1900, 1, 1)


def test_a_trainings_row_refusal_names_the_column(qtbot):
    from rejnistvo.ui.widgets.trainings import TrainingsEdit

    table = TrainingsEdit()
    qtbot.addWidget(table)
    table.set_rows([{"date": None, "description": "Usposabljanje"}])
    table.table.item(0, 0).setText("1. 5. 0026")
    validator = FormValidator()
    assert table.rows(validator) == []
    (problem,) = [message for _field, message in validator.errors]
    assert problem.startswith("Vrstica 1, Datum: ") and "1900" in problem
