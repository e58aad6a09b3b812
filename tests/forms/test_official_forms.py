"""R-4, R-5, R-1 read back from the PDF: every official heading, every filled value, č š ž,
blank lines where a field is empty, the marks (circles, boxes) and long inputs on many pages."""

from __future__ import annotations

import copy
from io import BytesIO

from pypdf import PdfReader
from rejnistvo.forms import render_form
from rejnistvo.forms.data import parse_r4, parse_r5
from rejnistvo.forms.r1 import render_r1_bytes
from rejnistvo.forms.r4 import build_story as r4_story
from rejnistvo.forms.r4 import render_r4, render_r4_bytes
from rejnistvo.forms.r5 import build_story as r5_story
from rejnistvo.forms.r5 import render_r5_bytes

from rejnistvo.printing import FormLine
from tests.forms.conftest import pdf_pages, pdf_text


def marks(story) -> list[list[str]]:
    """Labels circled or ticked, line by line (a drawn circle cannot be read from a PDF)."""
    return [f.chosen_labels() for f in story if isinstance(f, FormLine)]


# -- R-4 ---------------------------------------------------------------------------------
R4_HEADINGS = [
    "Priloga 1",
    "OBRAZEC R-4 – Zvišanje plačila dela",
    "PREDLOG ZA ZVIŠANJE PLAČILA DELA",
    "Predlagamo, da se za:",
    "(ime in priimek otroka)",
    "(ime in priimek rejnika/ice)",
    "zviša plačilo dela za",
    "(ustrezno obkrožiti)",
    "PRILOGA:",
    "– obrazložitev",
    "SKLEP KOMISIJE O ZVIŠANEM PLAČILU DELA",
    "Komisija za določitev zvišanja plačila dela",
    "podskupine je obravnavala",
    "predlog in sklenila, da se",
    "(ustrezno označiti oz. izpolniti):",
    "PLAČILO DELA ZVIŠA za",
    "PLAČILO DELA NE ZVIŠA.",
    "Obrazložitev:",
    "Člani komisije (ime in priimek, podpis):",
]


def test_r4_prints_every_heading_and_value(r4_data):
    text = pdf_text(render_r4_bytes(r4_data))
    for heading in R4_HEADINGS:
        assert heading in text, heading
    # the form prints its labels; the stored names fill the blanks without repeating them
    assert "Center za socialno delo: Gorenjska , Enota: Kranj" in text  # a blank, then ","
    assert "Center za socialno delo: Center" not in text and "Enota: Enota" not in text
    for value in [
        "1220-14/2026",
        "2. 3. 2026",
        "Žiga Čebašek",
        "0101006500006",
        "Špela Žagar",
        "0101980505007",
        "1. 4. 2026",
        "31. 3. 2027",
        "3-017/2026",
        "20. 3. 2026",
        "Ana Novak",
        "Boštjan Kranjc",
        "Čarna Šuštar",
        "vsakodnevno učno pomoč",
        "zmerno povečan obseg dela",
    ]:
        assert value in text, value
    # the gazette's typo is not reproduced (SPEC 4)
    assert "plačilo delo " not in text


def test_r4_marks_the_choices(r4_data):
    story = r4_story(parse_r4(r4_data))
    chosen = [label for line in marks(story) for label in line]
    assert chosen == ["25%", "3.", "1."]  # proposal 25 %, subgroup 3, item 1 (ZVIŠA)
    r4_data["proposed_percent"] = 50
    r4_data["decision"].update(outcome="no_increase", percent=None, period=None, subgroup=6)
    chosen = [label for line in marks(r4_story(parse_r4(r4_data))) for label in line]
    assert chosen == ["50%", "6.", "2."]


def test_r4_without_decision_prints_blank_resolution(r4_data):
    del r4_data["decision"]
    form = parse_r4(r4_data)
    text = pdf_text(render_r4_bytes(form))
    assert "SKLEP KOMISIJE O ZVIŠANEM PLAČILU DELA" in text
    assert "Sklep št. ____" in text
    assert "1. ____" in text and "3. ____" in text  # members' blank lines
    assert "Ana Novak" not in text
    chosen = [label for line in marks(r4_story(form)) for label in line]
    assert chosen == ["25%"]


def test_empty_r4_is_a_blank_form():
    text = pdf_text(render_form("r4", {}))
    assert "Center za socialno delo: ____" in text
    assert "otroka ____" in text
    for heading in ("PREDLOG ZA ZVIŠANJE PLAČILA DELA", "SKLEP KOMISIJE O ZVIŠANEM PLAČILU DELA"):
        assert heading in text


def test_r4_long_rationale_flows_onto_more_pages(r4_data, tmp_path):
    r4_data["rationale"] = "\n".join(
        f"Odstavek {i}: otrok potrebuje čuječo pomoč pri šolskem delu, "
        "ker ima težave z branjem in pisanjem. " * 3
        for i in range(120)
    )
    r4_data["decision"]["rationale"] = "\n".join(
        f"Sklepna ugotovitev {i} komisije glede obsega dela." for i in range(80)
    )
    out = tmp_path / "r4.pdf"
    pages = pdf_pages(render_r4(r4_data, out))
    assert len(pages) >= 4
    text = " ".join(pages)
    assert "Odstavek 119:" in text and "Sklepna ugotovitev 79 komisije" in text
    assert "Čarna Šuštar" in text  # the signatures follow the long rationale
    assert f"stran 1 od {len(pages)}" in pages[0]
    assert out.read_bytes()[:5] == b"%PDF-"


def test_fonts_are_embedded_and_letters_copy_out(r4_data):
    data = render_r4_bytes(r4_data)
    reader = PdfReader(BytesIO(data))
    fonts = set()
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            fonts.add(str(font["/BaseFont"]))
            descriptor = font["/FontDescriptor"].get_object()
            assert "/FontFile2" in descriptor  # the TrueType subset is embedded
    assert any("DejaVuSans" in f for f in fonts) and any("DejaVuSerif" in f for f in fonts)
    text = pdf_text(data)
    for word in ("Čebašek", "Žagar", "Šuštar", "č", "š", "ž"):
        assert word in text


# -- R-5 ---------------------------------------------------------------------------------
R5_HEADINGS = [
    "Priloga 4",
    "OBRAZEC R-5 – Poročilo o namenskosti porabe sredstev zvišane oskrbnine",
    "POROČILO O NAMENSKOSTI PORABE SREDSTEV ZVIŠANE OSKRBNINE",
    "Izpolni rejnik/ca:",
    "Podatki o rejniku/ci",
    "(ime in priimek rejnika/ce)",
    "V obdobju od",
    "je bil/a za otroka",
    "zvišana oskrbnina za",
    "Vrsta izrednega izdatka",
    "Višina izrednega izdatka (v evrih)",
    "SKUPAJ",
    "PRILOGA (računi, dokazila):",
    "Izpolni center za socialno delo (ustrezno označi)",
    "porabljena namensko.",
    "porabljena nenamensko ali za njihov prejem ni bilo več zakonskih razlogov.",
    "Rejnik/ca sredstva zvišane oskrbnine vrne do",
    "v enkratnem znesku,",
    "v posameznih zneskih, kot jih je prejel.",
    "Podpis:",
]


def test_r5_prints_every_heading_and_value(r5_data):
    text = pdf_text(render_r5_bytes(r5_data))
    for heading in R5_HEADINGS:
        assert heading in text, heading
    for value in [
        "Špela Žagar",
        "0101980505007",
        "Žiga Čebašek",
        "1. 1. 2026",
        "30. 6. 2026",
        "Izobraževalni proces",
        "Zdravje",
        "Dodatna učna pomoč iz matematike",
        "120,00",
        "680,00",
        "SKUPAJ 800,00",
        "1. račun 2026-0042",
        "2. račun 17/2026",
        "20. 5. 2026",
        "800,00 EUR",
        "157,00 EUR",
        "15. 12. 2026",
        "6. 7. 2026",
        "Center za socialno delo Gorenjska , Enota Kranj ugotavlja",
    ]:
        assert value in text, value
    assert "Center za socialno delo Center" not in text and "Enota Enota" not in text


def test_r5_marks_findings_and_method(r5_data):
    chosen = [label for line in marks(r5_story(parse_r5(r5_data))) for label in line]
    assert chosen == ["1.", "2.", "☒"]
    story = r5_story(parse_r5(r5_data))
    boxes = [
        f for f in story if isinstance(f, FormLine) and any(s.kind == "box" for s in f.segments)
    ]
    assert [f.chosen_labels() for f in boxes] == [[], ["☒"]]  # "kot jih je prejel" ticked
    r5_data["finding"].update(justified="0.00", method="lump_sum")
    story = r5_story(parse_r5(r5_data))
    assert [label for line in marks(story) for label in line] == ["2.", "☒"]


def test_r5_without_finding_or_expenses_prints_blanks(r5_data):
    r5_data["expenses"] = []
    del r5_data["finding"]
    form = parse_r5(r5_data)
    text = pdf_text(render_r5_bytes(form))
    for line in ("1. ____", "2. ____", "3. ____"):
        assert line in text
    assert "Center za socialno delo ____" in text
    assert [label for line in marks(r5_story(form)) for label in line] == []


def test_r5_long_expense_list_repeats_the_table_header(r5_data):
    r5_data["expenses"] = [
        {
            "category": ["education", "interest", "health", "other"][i % 4],
            "description": f"Izdatek št. {i}: učbeniki, šolske potrebščine in prevoz",
            "amount": "10.05",
            "document": f"račun {i:04d}",
        }
        for i in range(150)
    ]
    pages = pdf_pages(render_r5_bytes(r5_data))
    assert len(pages) >= 4
    table_pages = [page for page in pages if "Izdatek št." in page]
    assert len(table_pages) >= 3
    for page in table_pages:
        assert "Vrsta izrednega izdatka" in page
    text = " ".join(pages)
    assert "SKUPAJ 1.507,50" in text
    assert "150. račun 0149" in text  # every document in the attachments list
    assert "Druge posebne obravnave" in text and "Interesne dejavnosti" in text


# -- R-1 ---------------------------------------------------------------------------------
def test_r1_prints_headings_and_values(r1_data):
    text = pdf_text(render_r1_bytes(r1_data))
    for heading in [
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
        "lahko pošiljajo v elektronski obliki.",
        "Elektronski naslov:",
        "PRILOGI:",
        "kratka predstavitev kandidata in celotne družine",
        "dokazilo o zaključeni izobrazbi",
    ]:
        assert heading in text, heading
    for value in [
        "Žagar Špela",
        "0101980505007",
        "Čopova ulica 12, 4000 Kranj",
        "spela.zagar@primer.si",
        "V/na Kranj",
        "2. 3. 2026",
    ]:
        assert value in text, value
    assert text.count("V/na Kranj") == 2


def test_r1_without_consent_leaves_the_statement_blank(r1_data):
    data = copy.deepcopy(r1_data)
    data.update(electronic_delivery=False, email=None)
    text = pdf_text(render_r1_bytes(data))
    assert text.count("V/na Kranj") == 1
    assert "Elektronski naslov: ____" in text


def test_nothing_runs_off_the_line(r4_data):
    """A value without spaces longer than the line is cut into pieces, never off the page."""
    from rejnistvo.forms.r4 import build_story

    from rejnistvo.printing import FRAME_WIDTH

    r4_data["centre"] = "Center" + "X" * 300
    story = build_story(parse_r4(r4_data))
    line = next(f for f in story if isinstance(f, FormLine))
    line.wrap(FRAME_WIDTH - 12, 1000)
    x_ends = [sum(t.width - t.trail for t in row) for row in line._lines]
    assert len(line._lines) >= 3 and max(x_ends) <= FRAME_WIDTH - 12
    text = pdf_text(render_r4_bytes(r4_data)).replace(" ", "")
    assert text.count("X") >= 300


def test_blank_lines_of_the_rationale_stay_whole():
    text = pdf_text(render_form("r4", {}))
    start = text.index("Obrazložitev:")
    blanks = text[start : text.index("Člani komisije")].split()[1:]
    assert len(blanks) == 3 and all(len(b) > 60 and set(b) == {"_"} for b in blanks)


def test_r5_one_very_long_description_splits_across_pages(r5_data):
    r5_data["expenses"][0]["description"] = " ".join(f"beseda{i}" for i in range(1500))
    pages = pdf_pages(render_r5_bytes(r5_data))
    assert len(pages) >= 3
    text = " ".join(pages)
    assert "beseda0 " in text and "beseda1499" in text and "SKUPAJ 800,00" in text
    assert all("Vrsta izrednega izdatka" in page for page in pages if "beseda" in page)
