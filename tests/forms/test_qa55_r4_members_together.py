"""QA55: a decision rationale of one paragraph longer than what fits on a page with the
members' signatures was kept with them as a whole — too tall to keep, so it split
wherever the page ended: with 43 or 44 sentences the first two members signed at the
foot of page 2 and the third, »3. Čarna Šuštar ____ (podpis)«, alone on page 3. Now only
the paragraph's last lines go with the three members, so they sign on one page under
the end of the rationale; a rationale that fits with them still goes whole."""

from __future__ import annotations

import copy

import pytest
from rejnistvo.forms import render_form

from tests.forms.conftest import pdf_pages

SENTENCE = (
    "Otrok ima čustvene in vedenjske težave, potrebuje stalen nadzor in spremstvo na terapije. "
)
MEMBERS = ["Ana Novak", "Boštjan Kranjc", "Čarna Šuštar"]


def _members_page(data: dict) -> str:
    pages = [p for p in pdf_pages(render_form("r4", data)) if "Člani komisije" in p]
    assert len(pages) == 1
    return pages[0]


@pytest.mark.parametrize("sentences", range(38, 56))
@pytest.mark.parametrize("paragraphs", [1, 2])
def test_the_three_members_sign_on_one_page_under_the_rationale(r4_data, sentences, paragraphs):
    data = copy.deepcopy(r4_data)
    data["decision"]["members"] = MEMBERS
    data["decision"]["rationale"] = "\n".join(
        ["Prvi odstavek obrazložitve."] * (paragraphs - 1) + [SENTENCE * sentences]
    )
    page = _members_page(data)
    assert all(name in page for name in MEMBERS), page[-300:]
    # the end of the rationale stands above them on that page
    assert page.index("Otrok ima čustvene") < page.index("Člani komisije")
