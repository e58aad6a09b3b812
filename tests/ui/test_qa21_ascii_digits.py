"""QA21: a date or an amount is typed with the digits 0-9 the README shows (»2. 3. 2026«,
»1.234,56«). Full-width (»１. ３. ２０２６«) or other scripts' digits were read as a date,
and an odd space between the parts passed too; now they are refused naming the field, and
what was typed stays in the field."""

from __future__ import annotations

from datetime import date

import pytest

from rejnistvo.rules.errors import InputError
from rejnistvo.ui.widgets import DateEdit
from rejnistvo.ui.widgets.fields import parse_amount_text, parse_date_text

NOT_ASCII_DATES = [
    "１. ３. ２０２６",  # full-width digits, ASCII dots
    "１．３．２０２６",  # full-width digits and dots
    "٢. 3. 2026",  # Arabic-Indic two
    "2026-03-0٢",
    "2.\u20033.2026",  # an em space between the parts
]


@pytest.mark.parametrize("typed", NOT_ASCII_DATES)
def test_a_date_with_other_digits_is_refused_naming_the_field(typed):
    with pytest.raises(InputError) as refused:
        parse_date_text(typed, "datum rojstva")
    assert refused.value.field == "datum rojstva"
    assert f"»{typed.strip()}« ni datum" in refused.value.message


@pytest.mark.parametrize(
    "typed", ["2. 3. 2026", "2.3.2026", " 2. 3. 2026. ", "2026-03-02", "2.\u00a03.\u00a02026"]
)
def test_the_readme_forms_still_read(typed):
    assert parse_date_text(typed, "datum") == date(2026, 3, 2)


def test_an_amount_with_full_width_digits_quotes_what_was_typed():
    with pytest.raises(InputError) as refused:
        parse_amount_text("１２３,45", "znesek")
    assert "»１２３,45« ni znesek" in refused.value.message  # was »１２３.45«


def test_the_refused_date_stays_in_the_field_with_its_reason(qtbot):
    field = DateEdit("Datum", required=True)
    qtbot.addWidget(field)
    field.setText("１. ３. ２０２６")
    ok, value = field.check()
    assert not ok and value is None
    assert field.text() == "１. ３. ２０２６"
    assert "ni datum" in field.error_text()
