"""QA66: dates as a clerk types them around the turn of the year. »1.1.27« and »1. 1.«
were refused as »… ni datum; vpišite ga kot 2. 3. 2026.«, which did not say what was
wrong; the year is now named as what is missing or short (and never guessed: »28. 12.«
typed on 4. 1. 2027 may mean either year, »1.1.65« a birth in 1965)."""

from __future__ import annotations

from datetime import date

import pytest

from rejnistvo.rules.errors import InputError
from rejnistvo.rules.typed_values import parse_date_text


def _refusal(typed: str) -> InputError:
    with pytest.raises(InputError) as refused:
        parse_date_text(typed, "Datum koraka")
    assert refused.value.field == "Datum koraka"
    return refused.value


@pytest.mark.parametrize("typed", ["1.1.27", "1. 1. 27", "01.01.27"])
def test_a_two_digit_year_is_named_with_both_readings(typed):
    message = _refusal(typed).message
    assert "leto le dve števki" in message and "vpišite vse štiri" in message
    assert "1. 1. 2027 ali 1. 1. 1927" in message


@pytest.mark.parametrize("typed", ["1. 1.", "1.1.", "28. 12."])
def test_a_date_without_a_year_says_the_year_is_missing(typed):
    message = _refusal(typed).message
    assert f"v »{typed}« manjka leto" in message and "s štirimi števkami" in message


def test_an_impossible_short_date_gets_the_general_example():
    assert "npr. 2. 3. 2026" in _refusal("31.2.27").message


@pytest.mark.parametrize(
    ("typed", "meant"),
    [("01.01.2027", date(2027, 1, 1)), ("1. 1. 2027", date(2027, 1, 1)),
     ("29. 2. 2028", date(2028, 2, 29)), ("31.12.2026.", date(2026, 12, 31))],
)  # fmt: skip
def test_whole_dates_still_read(typed, meant):
    assert parse_date_text(typed, "datum") == meant


def test_the_29th_of_february_of_a_common_year_names_the_month_length():
    assert "februar 2027 ima 28 dni" in _refusal("29.2.2027").message


def test_other_text_keeps_its_message():
    assert _refusal("abc").message == "»abc« ni datum; vpišite ga kot 2. 3. 2026."
