"""QA55: the payment sheet had fixed column widths, so a large figure ran over its cell's
border: with an amount typed a hundred times too high (655.230,00 for 655,23) the rates
»655.230,00 / 472.420,00 ¹« were printed over the Faktor column, and the sums wrapped in
the middle of a number (»129.113.448,0« / »7«, read as two amounts). The columns now take
their width from what they hold (room taken from columns with room to spare; in a
smaller type when nothing else fits); a sheet of ordinary amounts is laid out as
before."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from rejnistvo.forms import payment_sheet as sheet
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus.tables import Table

from rejnistvo.printing.fonts import SERIF, SERIF_BOLD
from rejnistvo.printing.formats import fmt_amount
from rejnistvo.rules.months import Adjustment, month_payments, month_range
from rejnistvo.rules.periods import Period
from rejnistvo.rules.rates import Rate, RateTable

PLACEMENT = [Period(date(2015, 12, 31), None)]


def _table(board: str, fee: str) -> tuple[Table, list]:
    rates = RateTable([Rate(date(2015, 1, 1), Decimal(board), Decimal(fee), "vir")])
    payments = month_payments(
        month_range(date(2015, 12, 1), date(2026, 12, 1)),
        PLACEMENT,
        rates,
        [Adjustment(50, Period(date(2016, 2, 29), None))],
        [Adjustment(50, Period(date(2016, 1, 1), None))],
    )
    story = sheet.build_story({"carer": "Špela Žagar"}, payments)
    table = [f for f in story if isinstance(f, Table)][-1]  # (after the heading table)
    return table, payments


@pytest.mark.parametrize(
    ("board", "fee"),
    [("655230.00", "472420.00"), ("65523.00", "47242.00"), ("33333333.33", "33333333.33")],
)
def test_every_figure_fits_its_column(board: str, fee: str) -> None:
    table, payments = _table(board, fee)
    widths = table._argW
    assert sum(widths) <= sheet.WIDTH + 0.5
    size = table._cellStyles[1][1].fontsize  # the figures' type (9 pt, or smaller)
    for row in table._cellvalues[1:-1]:
        for col in range(1, 10):
            for line in str(row[col]).splitlines():
                assert stringWidth(line, SERIF, size) + 6 <= widths[col], (col, line)
    sums = [sum((getattr(p, k) for p in payments), Decimal(0)) for k in
            ("board", "board_increase", "fee", "fee_uplift", "total")]  # fmt: skip
    for col, value in enumerate(sums, start=5):
        bold = stringWidth(fmt_amount(value), SERIF_BOLD, size)
        assert bold + 6 <= widths[col], (col, fmt_amount(value), widths[col])


def test_ordinary_amounts_keep_the_base_layout() -> None:
    table, _ = _table("655.23", "472.42")
    scale = sheet.WIDTH / (sum(sheet.BASE_WIDTHS) * mm)
    assert table._argW == [w * mm * scale for w in sheet.BASE_WIDTHS]
    assert table._cellStyles[1][1].fontsize == 9
