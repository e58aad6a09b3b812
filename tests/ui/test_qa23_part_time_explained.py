"""Izračun → Plačilni list, a placement on weekends, holidays and school holidays only:
the month's explanation read »Polna mesečna oskrbnina 638,00 € … Oskrbnina = mesečni
znesek × faktor = 478,50 €«, arithmetic that does not hold (638,00 × 1 is not 478,50)
for a clerk checking by hand. The formula now has the 75 % and the contract's share in
it (found by QA23)."""

from datetime import date
from decimal import Decimal

from rejnistvo.rules.months import PartTimePlacement, month_payments
from rejnistvo.rules.periods import Period
from rejnistvo.rules.rates import Rate, RateTable
from rejnistvo.ui.widgets.payment_table import explain_month

RATES = RateTable([Rate(date(2025, 11, 1), Decimal("638.00"), Decimal("460.00"), "test")])


def _march(part_time: PartTimePlacement | None):
    periods = [Period(date(2026, 1, 1), None)]
    return month_payments([date(2026, 3, 1)], periods, RATES, part_time=part_time)[0]


def test_the_part_time_formula_holds_by_hand():
    text = explain_month(_march(PartTimePlacement(Decimal("0.40"))), str)
    assert "Oskrbnina = 75 % × mesečni znesek × faktor = 478,50 €" in text
    assert "plačilo dela = delež iz pogodbe × mesečni znesek × faktor = 184,00 €" in text
    assert "Oskrbnina = mesečni znesek × faktor = 478,50" not in text


def test_a_whole_time_placement_keeps_its_formula():
    text = explain_month(_march(None), str)
    assert "Oskrbnina = mesečni znesek × faktor = 638,00 €; plačilo dela = 460,00 €." in text
