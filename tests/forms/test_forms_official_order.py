"""SPEC 4: each official form is a faithful reproduction on A4 — the regulation's text in
the regulation's order (legal/pravilnik-2025-rejnistvo.txt, Priloge 1–3), whether filled
or blank. The other tests check that each heading is printed; these check where."""

from __future__ import annotations

import copy
from io import BytesIO

import pytest
from pypdf import PdfReader
from rejnistvo.forms.r1 import render_r1_bytes
from rejnistvo.forms.r4 import render_r4_bytes
from rejnistvo.forms.r5 import render_r5_bytes

from tests.forms.conftest import pdf_text

A4 = (595.0, 842.0)  # points, portrait

# The gazette's text of each form, top to bottom (the "plačilo delo" typo corrected).
R4_ORDER = [
    "Priloga 1",
    "OBRAZEC R-4 – Zvišanje plačila dela",
    "Center za socialno delo:",
    "Enota:",
    "PREDLOG ZA ZVIŠANJE PLAČILA DELA",
    "Št. zadeve:",
    "Datum:",
    "Predlagamo, da se za:",
    "otroka",
    "(ime in priimek otroka)",
    "rejniku/ici",
    "(ime in priimek rejnika/ice)",
    "zviša plačilo dela za",
    "za obdobje od",
    "(ustrezno obkrožiti)",
    "Podpis:",
    "PRILOGA:",
    "– obrazložitev",
    "SKLEP KOMISIJE O ZVIŠANEM PLAČILU DELA",
    "Sklep št.",
    "Komisija za določitev zvišanja plačila dela",
    "podskupine je obravnavala",
    "(ustrezno označiti oz. izpolniti):",
    "rejniku/ici",
    "za otroka",
    "PLAČILO DELA ZVIŠA za",
    "PLAČILO DELA NE ZVIŠA.",
    "Obrazložitev:",
    "Člani komisije (ime in priimek, podpis):",
]
R5_ORDER = [
    "Priloga 4",
    "OBRAZEC R-5 – Poročilo o namenskosti porabe sredstev zvišane oskrbnine",
    "POROČILO O NAMENSKOSTI PORABE SREDSTEV ZVIŠANE OSKRBNINE",
    "Izpolni rejnik/ca:",
    "Podatki o rejniku/ci",
    "(ime in priimek rejnika/ce)",
    "V obdobju od",
    "je bil/a za otroka",
    "(ime in priimek otroka)",
    "Vrsta izrednega izdatka",
    "Višina izrednega izdatka (v evrih)",
    "SKUPAJ",
    "Datum:",
    "Podpis:",
    "PRILOGA (računi, dokazila):",
    "Izpolni center za socialno delo (ustrezno označi)",
    "ugotavlja",
    "porabljena namensko.",
    "ugotavlja",
    "porabljena nenamensko ali za njihov prejem ni bilo več zakonskih razlogov.",
    "Rejnik/ca sredstva zvišane oskrbnine vrne do",
    "v enkratnem znesku,",
    "v posameznih zneskih, kot jih je prejel.",
    "Datum:",
    "Podpis:",
]
R1_ORDER = [
    "Priloga 2",
    "OBRAZEC R-1 – Vloga za pridobitev dovoljenja za izvajanje rejniške dejavnosti",
    "VLOGA ZA PRIDOBITEV DOVOLJENJA ZA IZVAJANJE REJNIŠKE DEJAVNOSTI",
    "PODATKI O VLAGATELJU/ICI:",
    "Priimek in ime:",
    "EMŠO:",
    "Stalno prebivališče:",
    "(ulica, hišna številka, kraj, poštna številka)",
    "Podpis vlagatelja/ice:",
    "IZJAVA:",
    "Izjavljam, da se mi upravni akti in drugi dokumenti v postopku pridobitve dovoljenja",
    "Elektronski naslov:",
    "V/na",
    "Podpis vlagatelja/ice:",
    "PRILOGI:",
    "kratka predstavitev kandidata in celotne družine",
    "dokazilo o zaključeni izobrazbi",
]


def assert_in_order(text: str, expected: list[str]) -> None:
    at = 0
    for piece in expected:
        found = text.find(piece, at)
        assert found >= 0, f"»{piece}« missing or out of order after …{text[max(0, at - 60) : at]}"
        at = found + len(piece)


def _r4_blank(data: dict) -> dict:
    blank = copy.deepcopy(data)
    blank["decision"] = None
    return blank


def _r5_blank(data: dict) -> dict:
    blank = copy.deepcopy(data)
    blank["finding"] = None
    blank["expenses"] = []
    return blank


def _r1_blank(data: dict) -> dict:
    return {"name": data["name"]}


@pytest.mark.parametrize(
    ("kind", "render", "order", "blanked"),
    [
        ("r4", render_r4_bytes, R4_ORDER, _r4_blank),
        ("r5", render_r5_bytes, R5_ORDER, _r5_blank),
        ("r1", render_r1_bytes, R1_ORDER, _r1_blank),
    ],
)
def test_forms_follow_the_regulations_order_filled_and_blank(request, kind, render, order, blanked):
    data = request.getfixturevalue(f"{kind}_data")
    for document in (data, blanked(data)):
        assert_in_order(pdf_text(render(document)), order)


@pytest.mark.parametrize(
    ("kind", "render"),
    [("r4", render_r4_bytes), ("r5", render_r5_bytes), ("r1", render_r1_bytes)],
)
def test_every_page_of_each_form_is_a4_portrait(request, kind, render):
    reader = PdfReader(BytesIO(render(request.getfixturevalue(f"{kind}_data"))))
    for page in reader.pages:
        size = (float(page.mediabox.width), float(page.mediabox.height))
        assert size == pytest.approx(A4, abs=1.0)


def test_priloga_labels_are_the_printed_ones(r4_data, r5_data, r1_data):
    # SPEC 4: the R-5 keeps its printed label "Priloga 4" (legal text, Priloga 3), R-4 is
    # Priloga 1, R-1 Priloga 2; each label is printed once, at the top.
    for render, data, label in [
        (render_r4_bytes, r4_data, "Priloga 1"),
        (render_r5_bytes, r5_data, "Priloga 4"),
        (render_r1_bytes, r1_data, "Priloga 2"),
    ]:
        text = pdf_text(render(data))
        assert text.count("Priloga ") == 1 and text.lstrip().startswith(label)


def test_refund_call_is_a4_portrait():
    # SPEC 4: a document that is not an official form is A4 as well (both pages of a call)
    from rejnistvo.forms.refund_call import render_refund_call_bytes

    from tests.forms.test_sheets import REFUND_HEADER, _plan

    pages = PdfReader(BytesIO(render_refund_call_bytes(REFUND_HEADER, _plan()))).pages
    for page in pages:
        size = (float(page.mediabox.width), float(page.mediabox.height))
        assert size == pytest.approx(A4, abs=1.0)


@pytest.mark.parametrize(
    ("path", "value", "start"),
    [
        (("expenses", 0, "category"), "food", "expenses[0].category: vrsta izrednega izdatka"),
        (("finding", "method"), "x", "finding.method: način vračila"),
    ],
)
def test_a_choice_outside_the_list_is_refused_in_correct_slovenian(r5_data, path, value, start):
    # "vrsta … ni dovoljen" mixed genders; the message says the value is not allowed
    from rejnistvo.forms.data import parse_r5

    from rejnistvo.rules.errors import InputError

    target = r5_data
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    with pytest.raises(InputError) as refused:
        parse_r5(r5_data)
    text = f"{refused.value.field}: {refused.value.message}"
    assert text.startswith(start) and f"»{value}« ni dovoljena vrednost; dovoljeno:" in text


def test_refund_call_closes_the_as_received_clause_with_a_comma():
    # "vrnete v posameznih zneskih, kot ste jih prejeli, najpozneje do …" (Slovenian
    # punctuation closes the embedded clause); a lump sum has no clause to close
    from rejnistvo.forms.refund_call import render_refund_call_bytes

    from rejnistvo.rules.refund import RefundMethod
    from tests.forms.test_sheets import REFUND_HEADER, _plan

    text = pdf_text(render_refund_call_bytes(REFUND_HEADER, _plan()))
    assert "kot ste jih prejeli, najpozneje do" in text
    lump = pdf_text(render_refund_call_bytes(REFUND_HEADER, _plan(RefundMethod.LUMP_SUM)))
    assert "v enkratnem znesku najpozneje do" in lump


def test_refund_call_one_payment_is_znesek_several_are_zneske():
    from rejnistvo.forms.refund_call import render_refund_call_bytes

    from rejnistvo.rules.refund import RefundMethod
    from tests.forms.test_sheets import REFUND_HEADER, _plan

    several = pdf_text(render_refund_call_bytes(REFUND_HEADER, _plan()))
    assert "Zneske nakažite na račun" in several
    lump = pdf_text(render_refund_call_bytes(REFUND_HEADER, _plan(RefundMethod.LUMP_SUM)))
    assert "Znesek nakažite na račun" in lump and "Zneske" not in lump
