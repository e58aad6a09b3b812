"""The refund call is a letter: the carer's address typed on one line ("Kidričeva cesta 28,
4290 Tržič", as the demo and most clerks type it) prints with the post code and town on a
line of their own, as an envelope's window shows it (QA7, round 12)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from io import BytesIO

import pytest
from pypdf import PdfReader
from rejnistvo.forms.refund_call import address_lines, render_refund_call_bytes

from rejnistvo.rules.months import Adjustment
from rejnistvo.rules.periods import Period
from rejnistvo.rules.refund import RefundMethod, refund_plan
from tests.forms.test_sheets import OWN_RATES, REFUND_HEADER


@pytest.mark.parametrize(
    "typed, lines",
    [
        ("Kidričeva cesta 28, 4290 Tržič", ["Kidričeva cesta 28", "4290 Tržič"]),
        (
            "Pot na Golovec 3, Rakitna, 1352 Preserje",
            ["Pot na Golovec 3, Rakitna", "1352 Preserje"],
        ),
        ("Cesta talcev 12\n4000 Kranj", ["Cesta talcev 12", "4000 Kranj"]),
        ("Glavni trg 1", ["Glavni trg 1"]),
        ("Ulica 4, stanovanje 12", ["Ulica 4, stanovanje 12"]),
        ("", []),
        (None, []),
    ],
)
def test_address_lines(typed, lines):
    assert address_lines(typed) == lines


def test_a_one_line_address_prints_on_two_lines():
    period = REFUND_HEADER["increase_period"]
    plan = refund_plan(
        Adjustment(25, period),
        [Period(date(2022, 8, 14), None)],
        OWN_RATES,
        REFUND_HEADER["call_date"],
        Decimal("100.00"),
        None,
        RefundMethod.LUMP_SUM,
    )
    header = {**REFUND_HEADER, "carer_address": "Kidričeva cesta 28, 4290 Tržič"}
    first_page = PdfReader(BytesIO(render_refund_call_bytes(header, plan))).pages[0]
    text_lines = [line.strip() for line in first_page.extract_text().splitlines()]
    assert "Kidričeva cesta 28" in text_lines
    assert "4290 Tržič" in text_lines
