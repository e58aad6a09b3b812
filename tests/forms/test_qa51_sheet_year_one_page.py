"""QA51: the payment sheet of a calendar year (the Izračun screen's default range) ran
onto a second page in 36 of the demo's 40 placements: page 2 held only the last lines
of the explanation, cut mid-sentence (»… (veljavni znesek × (1 +« | »zvišanje)) po
dnevih namestitve …«), and the program's two readings of čl. 26. The rows are now
lower, so a year with its heading (board increase and fee uplift too) and the sources
of two rate rows, or a missing indexation, fits one A4 page; and the notes under the table go to a page together, so
the explanation is never cut between pages."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from rejnistvo.forms.payment_sheet import render_payment_sheet_bytes

from rejnistvo.rules.months import Adjustment, PartTimePlacement, month_payments, month_range
from rejnistvo.rules.periods import Period
from rejnistvo.rules.rates import Rate, RateTable, missing_indexations
from tests.forms.conftest import pdf_pages

# the demo's two rows, with sources as long as the shipped ones (two lines each)
RATES = RateTable(
    [
        Rate(
            date(2025, 11, 1),
            Decimal("638.00"),
            Decimal("460.00"),
            "ZIRD, novela 2025 (Uradni list RS, št. 41/2025): osnovna oskrbnina in osnovno "
            "plačilo dela, v uporabi od 1. 11. 2025",
        ),
        Rate(
            date(2026, 3, 1),
            Decimal("655.23"),
            Decimal("472.42"),
            "Uskladitev transferjev s 1. 3. 2026 za 2,7 % (ZUTPG): znesek iz leta 2025 × "
            "1,027, zaokrožen na cent, izračunan s programom iz objavljenega odstotka; "
            "preverite ga z zneski, ki jih je objavilo ministrstvo.",
        ),
    ]
)
PLACEMENT = [Period(date(2023, 3, 20), date(2024, 3, 5)), Period(date(2024, 3, 6), None)]
INCREASE = Adjustment(50, Period(date(2026, 11, 4), date(2027, 5, 4)))
UPLIFT = Adjustment(25, Period(date(2026, 10, 1), date(2027, 9, 30)))
HEADER = {
    "centre": "Center za socialno delo Osrednja Slovenija – vzhod",
    "carer": "Petra Debeljak",
    "child": "Tanja Potočnik",
    "contract_no": "1220-101/2023",
    "placement": PLACEMENT,
    "board_increases": [INCREASE],
    "fee_uplifts": [UPLIFT],
    "date": date(2027, 4, 10),
}
EXPLANATION_FIRST, EXPLANATION_LAST = "Kako je izračunano:", "skupaj = oskrbnina + plačilo dela."
READINGS = "cel mesec s 28 ali 29 dnevi program šteje kot cel mesec"


def _sheet(months: list[date], **extra: object) -> list[str]:
    payments = month_payments(
        months, PLACEMENT, RATES, [INCREASE], [UPLIFT], part_time=extra.pop("part_time", None)
    )
    return pdf_pages(render_payment_sheet_bytes({**HEADER, **extra}, payments))


def test_a_calendar_year_with_two_rate_rows_is_one_page():
    pages = _sheet(month_range(date(2026, 1, 1), date(2026, 12, 1)))
    assert len(pages) == 1
    assert "december 2026" in pages[0] and READINGS in pages[0]


def test_a_calendar_year_after_a_missing_indexation_is_one_page():
    year = month_range(date(2027, 1, 1), date(2027, 12, 1))
    # the missing 1 March 2027 said as the screen says it, above the table
    warnings = missing_indexations(RATES, year[-1])
    assert warnings
    pages = _sheet(year, warnings=warnings)
    assert len(pages) == 1
    assert "Opozorilo:" in pages[0] and READINGS in pages[0]


def test_a_part_time_year_is_one_page():
    year = month_range(date(2026, 1, 1), date(2026, 12, 1))
    pages = _sheet(year, part_time=PartTimePlacement(Decimal("0.40")), fee_share=Decimal("0.40"))
    assert len(pages) == 1
    assert "75 % veljavne" in pages[0] and READINGS in pages[0]


@pytest.mark.parametrize("count", range(13, 40, 3))
def test_the_explanation_is_never_cut_between_pages(count):
    months = month_range(date(2025, 11, 1), date(2029, 12, 1))[:count]
    pages = _sheet(months)
    (page,) = [p for p in pages if EXPLANATION_FIRST in p]
    assert EXPLANATION_LAST in page and READINGS in page
