"""Slovenian formats of the printed documents."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from fractions import Fraction

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
