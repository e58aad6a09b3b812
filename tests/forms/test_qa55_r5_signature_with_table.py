"""QA55: R-5 with ten expenses (and with 9-10 more per further page) printed the carer's
»Datum: … Podpis: …« at the top of the next page, apart from the expenses and SKUPAJ it
signs. The last expense and the SKUPAJ row now go on with the signature, under the
repeated table header."""

from __future__ import annotations

import copy

import pytest
from rejnistvo.forms.r5 import render_r5_bytes

from tests.forms.conftest import pdf_pages

DESCRIPTION = "Zdravljenje pri samoplačniškem specialistu za ortodontijo v Ljubljani"


@pytest.mark.parametrize("count", range(1, 40))
def test_the_carer_signs_on_the_page_of_skupaj(r5_data, count):
    data = copy.deepcopy(r5_data)
    data["expenses"] = [
        {"category": "health", "description": DESCRIPTION, "amount": "10.00", "document": f"r{i}"}
        for i in range(count)
    ]
    data["finding"]["justified"] = "100.00" if count >= 10 else "10.00"
    pages = pdf_pages(render_r5_bytes(data))
    (signed,) = [page for page in pages if "Datum: 20. 5. 2026" in page]
    before = signed.split("Datum: 20. 5. 2026")[0]
    assert "SKUPAJ" in before and "Zdravje" in before, (count, signed[:200])


@pytest.mark.parametrize(("count", "words"), [(1, 800), (3, 400), (5, 200), (1, 150)])
def test_an_expense_taller_than_a_page_still_prints(r5_data, count, words):
    # the last rows could never go with the signature on one page: the table flows, and
    # the SKUPAJ row (with the end of the last expense) still goes with the signature
    data = copy.deepcopy(r5_data)
    data["expenses"] = [
        {"category": "health", "description": "dolg opis stroška " * words, "amount": "10.00"}
        for _ in range(count)
    ]
    data["finding"]["justified"] = "10.00"
    pages = pdf_pages(render_r5_bytes(data))
    (signed,) = [page for page in pages if "Datum: 20. 5. 2026" in page]
    assert "SKUPAJ" in signed.split("Datum: 20. 5. 2026")[0]
