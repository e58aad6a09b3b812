"""QA57: a placement whose start was moved from 15. 11. to 10. 12. 2026 showed, on Izračun
for November, »november 2026: nameščen 0 od 30 dni – manj kot 30 dni, zato faktor P/30 = 0«
and »Oskrbnina = mesečni znesek × faktor = 0,00 €«: a formula of zeros for a month in which
nothing is due (SPEC 3.2, P = 0). The month now says so in one sentence."""

from datetime import date
from decimal import Decimal
from fractions import Fraction

from rejnistvo.rules.months import MonthPayment
from rejnistvo.ui.widgets.payment_table import explain_month

ZERO = Decimal("0.00")


def test_a_month_without_placed_days_says_nothing_is_due():
    payment = MonthPayment(
        month=date(2026, 11, 1),
        days_in_month=30,
        days_placed=0,
        factor=Fraction(0),
        board=ZERO,
        board_without_increase=ZERO,
        board_increase=ZERO,
        fee=ZERO,
        fee_without_uplift=ZERO,
        fee_uplift=ZERO,
        total=ZERO,
        rates=(),
        part_time=False,
    )
    text = explain_month(payment, str)
    assert text == (
        "november 2026: v tem mesecu ni dni namestitve (0 od 30 dni), zato ni nič za izplačilo."
    )
    assert "P/30" not in text and "faktor" not in text
