"""The month's explanation quotes a rate's source once, without a doubled full stop."""

from datetime import date
from decimal import Decimal
from fractions import Fraction

from rejnistvo.rules.months import MonthPayment
from rejnistvo.rules.rates import Rate
from rejnistvo.ui.widgets.payment_table import explain_month


def _payment(source: str) -> MonthPayment:
    rate = Rate(date(2026, 3, 1), Decimal("655.23"), Decimal("472.42"), source)
    amount = Decimal("0.00")
    return MonthPayment(
        month=date(2026, 4, 1),
        days_in_month=30,
        days_placed=30,
        factor=Fraction(1),
        board=amount,
        board_without_increase=amount,
        board_increase=amount,
        fee=amount,
        fee_without_uplift=amount,
        fee_uplift=amount,
        total=amount,
        rates=(rate,),
        part_time=False,
    )


def test_a_source_ending_in_a_full_stop_is_quoted_without_a_second_one():
    text = explain_month(_payment("preverite ga z zneski, ki jih je objavilo ministrstvo."), str)
    assert "(vir: preverite ga z zneski, ki jih je objavilo ministrstvo)." in text
    assert ".)." not in text


def test_a_source_without_a_full_stop_is_quoted_whole():
    assert "(vir: Uradni list RS 12/2026)." in explain_month(
        _payment("Uradni list RS 12/2026"), str
    )
