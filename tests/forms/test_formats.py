"""Slovenian formats of the printed documents."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from fractions import Fraction

import pytest

from rejnistvo.printing.formats import fmt_amount, fmt_date, fmt_eur, fmt_factor, fmt_month


def test_dates_and_months():
    assert fmt_date(date(2026, 3, 2)) == "2. 3. 2026"
    assert fmt_date(date(2026, 12, 31)) == "31. 12. 2026"
    assert fmt_date(None) == ""
    assert fmt_month(date(2026, 3, 1)) == "marec 2026"


def test_amounts_round_half_up_to_cents():
    assert fmt_amount(Decimal("1234.56")) == "1.234,56"
    assert fmt_amount(Decimal("1234567.5")) == "1.234.567,50"
    assert fmt_amount(Decimal("0.005")) == "0,01"
    assert fmt_amount(0) == "0,00"
    assert fmt_eur(Decimal("805.2")) == "805,20 EUR"


def test_factor_as_the_reader_checks_it():
    assert fmt_factor(Fraction(1)) == "1"
    assert fmt_factor(Fraction(22, 30), 22) == "22/30"
    assert fmt_factor(Fraction(22, 30)) == "11/15"


@pytest.mark.parametrize(
    ("count", "noun", "expected"),
    [
        (1, "dan", "1 dan"),
        (2, "dan", "2 dneva"),
        (3, "dan", "3 dnevi"),
        (4, "dan", "4 dnevi"),
        (5, "dan", "5 dni"),
        (0, "dan", "0 dni"),
        (11, "dan", "11 dni"),
        (101, "dan", "101 dan"),
        (102, "dan", "102 dneva"),
        (104, "dan", "104 dnevi"),
        (181, "dan", "181 dni"),
        (1, "obrok", "1 obrok"),
        (2, "obrok", "2 obroka"),
        (3, "obrok", "3 obroki"),
        (6, "obrok", "6 obrokov"),
        (2, "leto", "2 leti"),
        (3, "leto", "3 leta"),
        (5, "leto", "5 let"),
        (2, "vrstica", "2 vrstici"),
        (2, "član", "2 člana"),
        (3, "mesec", "3 meseci"),
        (7, "mesec", "7 mesecev"),
    ],
)
def test_count_phrase_slovenian_plural(count, noun, expected):
    from rejnistvo.printing import count_phrase

    assert count_phrase(count, noun) == expected


def test_count_phrase_unknown_noun_is_a_programming_error():
    from rejnistvo.printing import count_phrase

    with pytest.raises(KeyError):
        count_phrase(2, "krava")


def test_accusative_counts_after_cez_and_zamuja():
    from rejnistvo.rules.plural import accusative_phrase
    from rejnistvo.ui.views.deadlines_view import days_text

    assert [accusative_phrase(n, "dan") for n in (1, 2, 3, 4, 5, 101, 102)] == [
        "1 dan", "2 dneva", "3 dni", "4 dni", "5 dni", "101 dan", "102 dneva",
    ]  # fmt: skip
    assert days_text(-2) == "zamuja 2 dneva" and days_text(3) == "čez 3 dni"
    assert days_text(1) == "čez 1 dan" and days_text(0) == "danes"
