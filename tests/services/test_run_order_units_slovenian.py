"""The payment run (screen, PDF, CSV, XLSX) lists centres and units in Slovenian
alphabetical order: »Enota Škofja Loka« came after »Enota Tržič« and »Enota Žalec« by
code point, while the screens' unit boxes put it under S (QA27)."""

from __future__ import annotations

from rejnistvo.services.payment_run.order import order_of_line


class _Line:
    def __init__(self, centre: str, unit: str, carer: str = "Ana Novak") -> None:
        self.centre, self.unit, self.carer, self.contract = centre, unit, carer, "1"


def _sorted_units(units: list[str]) -> list[str]:
    return sorted(units, key=lambda unit: order_of_line(_Line("CSD Gorenjska", unit)))


def test_units_in_slovenian_order():
    units = ["Enota Žalec", "Enota Tržič", "Enota Škofja Loka", "Enota Celje", "Enota Črnomelj"]
    assert _sorted_units(units) == [
        "Enota Celje",
        "Enota Črnomelj",
        "Enota Škofja Loka",
        "Enota Tržič",
        "Enota Žalec",
    ]


def test_centres_in_slovenian_order_before_their_units():
    keys = [
        order_of_line(_Line("CSD Zasavje", "Enota A")),
        order_of_line(_Line("CSD Šaleška", "Enota Z")),
    ]
    assert keys == sorted(keys, reverse=True)  # Š (under S) before Z
