"""QA18: on the payment sheet a month with no day placed (a placement ended, the sheet's
range reaching past it) has the factor »0«, as the screen and the payment run print it,
not »0/30«."""

from datetime import date
from decimal import Decimal
from fractions import Fraction

from rejnistvo.printing.formats import fmt_factor
from rejnistvo.rules.months import month_payment
from rejnistvo.rules.payment_run import factor_text
from rejnistvo.rules.periods import Period
from rejnistvo.rules.rates import Rate, RateTable


def test_a_month_without_days_placed_has_the_factor_zero():
    table = RateTable([Rate(date(2025, 11, 1), Decimal("638.00"), Decimal("460.00"))])
    ended = [Period(date(2026, 1, 1), date(2026, 11, 15))]
    december = month_payment(date(2026, 12, 1), ended, table, [], [])
    assert december.days_placed == 0
    assert fmt_factor(december.factor, december.days_placed) == "0"
    assert factor_text(Fraction(december.factor), 0) == "0"  # what the run prints
    assert fmt_factor(Fraction(15, 30), 15) == "15/30"
