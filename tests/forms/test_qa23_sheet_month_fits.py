"""QA23: on the payment sheet of a placement on weekends, holidays and school holidays
only, »september 2026 *«, »november 2026 *« and »december 2026 *« ran over the month
column's right border into »Dni v mesecu« (the column was sized for the month without
the asterisk). Every month's text now fits its column."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from rejnistvo.forms.payment_sheet import build_story
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Table

from rejnistvo.printing import register_fonts
from rejnistvo.printing.fonts import SANS
from rejnistvo.rules.months import PartTimePlacement, month_payments
from rejnistvo.rules.periods import Period
from rejnistvo.rules.rates import Rate, RateTable

RATES = RateTable([Rate(date(2025, 11, 1), Decimal("638.00"), Decimal("460.00"), "test")])
PADDING = 3  # the table's left and right padding (rejnistvo.printing.document.table)


def test_every_month_of_a_part_time_sheet_fits_its_column():
    register_fonts()
    months = [date(2026, m, 1) for m in range(1, 13)]
    payments = month_payments(
        months,
        [Period(date(2026, 1, 1), None)],
        RATES,
        part_time=PartTimePlacement(Decimal("0.40")),
    )
    (sheet,) = [
        f for f in build_story({"fee_share": Decimal("0.40")}, payments) if isinstance(f, Table)
    ]
    month_column = sheet._colWidths[0]
    texts = [row[0] for row in sheet._cellvalues[1:-1]]
    assert "september 2026 *" in texts
    for text in texts:
        assert stringWidth(text, SANS, 9) + 2 * PADDING <= month_column, text
