"""QA18: the payment sheet of a placement on weekends, holidays and school holidays only
says the contract's share of the fee it was computed with (»plačilo dela 40 % …«): the
sheet said »plačilo dela v deležu, določenem v rejniški pogodbi« without the share, so its
reader could not check 184,00 = 460,00 × 40 % by hand, as the sheet promises."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from rejnistvo.forms.payment_sheet import render_payment_sheet_bytes

from rejnistvo.rules.months import PartTimePlacement, fee_share_text, month_payments
from rejnistvo.rules.periods import Period
from rejnistvo.rules.rates import Rate, RateTable
from tests.forms.conftest import pdf_text

RATES = RateTable([Rate(date(2025, 11, 1), Decimal("638.00"), Decimal("460.00"), "test")])


def test_the_share_of_the_fee_is_printed_beside_the_75_percent_board():
    payments = month_payments(
        [date(2026, 3, 1)],
        [Period(date(2026, 1, 1), None)],
        RATES,
        part_time=PartTimePlacement(Decimal("0.40")),
    )
    assert payments[0].fee == Decimal("184.00")
    text = " ".join(
        pdf_text(render_payment_sheet_bytes({"fee_share": Decimal("0.40")}, payments)).split()
    )
    assert "75 % veljavne" in text
    assert "plačilo dela 40 % veljavnega" in text


def test_share_texts():
    assert fee_share_text(Decimal("0.40")) == "40 %"
    assert fee_share_text(Decimal("0.375")) == "37,5 %"
    assert fee_share_text(Decimal("1")) == "100 %"
