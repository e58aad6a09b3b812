"""The refund call never leaves its signature alone on a page: the date and signature
lines stay with the payment instructions they sign, whatever the number of months and
instalments (a 6-month increase with 7 instalments put them alone on page 2)."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from rejnistvo.forms.refund_call import render_refund_call_bytes

from rejnistvo.rules.months import Adjustment
from rejnistvo.rules.periods import Period
from rejnistvo.rules.refund import RefundMethod, refund_plan
from tests.forms.conftest import pdf_pages
from tests.forms.test_sheets import OWN_RATES, REFUND_HEADER


@pytest.mark.parametrize("days", [60, 120, 180, 200, 230, 260, 300, 360, 420])
def test_signature_stays_with_the_payment_instructions(days):
    start = date(2026, 2, 27)
    period = Period(start, start + timedelta(days=days))
    call = period.end - timedelta(days=14)
    plan = refund_plan(
        Adjustment(50, period),
        [Period(date(2022, 8, 14), None)],
        OWN_RATES,
        call,
        Decimal("250.00"),
        None,
        RefundMethod.AS_RECEIVED,
    )
    header = {**REFUND_HEADER, "increase_period": period, "call_date": call}
    pages = pdf_pages(render_refund_call_bytes(header, plan))
    signed = [page for page in pages if "Podpis odgovorne osebe" in page]
    assert len(signed) == 1
    assert "Zneske nakažite na račun" in signed[0]
