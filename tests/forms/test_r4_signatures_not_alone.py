"""R-4: with a long decision rationale the commission members' names and signatures went
to a page of their own, with nothing of the decision on it (a page of signatures could
be put under another decision). The rationale's last paragraph now goes with them — with
its heading when it is the only one."""

from __future__ import annotations

import copy

from rejnistvo.forms import render_form

from tests.forms.conftest import pdf_pages

LONG = " ".join(["Komisija je ugotovila razloge iz 53. člena ZIRD."] * 22)


def _members_page(data) -> str:
    (page,) = [p for p in pdf_pages(render_form("r4", data)) if "Člani komisije" in p]
    return page


def test_one_long_paragraph_goes_with_the_signatures_and_its_heading(r4_data):
    data = copy.deepcopy(r4_data)
    data["decision"]["rationale"] = LONG
    page = _members_page(data)
    assert "Obrazložitev:" in page and "Komisija je ugotovila" in page
    assert page.count("Komisija je ugotovila") == 22  # the paragraph whole, not its tail


def test_of_several_paragraphs_the_last_goes_with_the_signatures(r4_data):
    data = copy.deepcopy(r4_data)
    data["decision"]["rationale"] = "\n".join([LONG, LONG, "Zadnji odstavek obrazložitve."])
    page = _members_page(data)
    assert "Zadnji odstavek obrazložitve." in page


def test_a_short_decision_stays_on_its_page(r4_data):
    pages = pdf_pages(render_form("r4", r4_data))
    (page,) = [p for p in pages if "Člani komisije" in p]
    assert "SKLEP KOMISIJE" in page
