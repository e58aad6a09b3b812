"""What the PDF engine remembers between paragraphs and documents (parsed markup, laid-out
lines, font widths, compressed maps) must not change a byte of what reportlab writes."""

from __future__ import annotations

from reportlab.platypus import Table
from reportlab.platypus.paragraph import Paragraph as ReportlabParagraph

from rejnistvo.printing import document
from rejnistvo.printing.document import Paragraph, build_pdf, styles, table
from tests.forms.conftest import pdf_text

LONG = (
    "Otrok obiskuje osnovno šolo s prilagojenim programom & potrebuje vsakodnevno učno "
    "pomoč; rejnica ga vozi na terapije <b>v Ljubljano</b> in k specialistom. "
) * 40


def _story(paragraph: type) -> list[object]:
    st = styles()
    cells = [
        [paragraph("<b>Mesec</b>", st["cell_head"]), paragraph("Znesek", st["cell_head"])],
        *[
            [paragraph(f"marec {year}", st["cell"]), paragraph("1.234,56", st["cell_num"])]
            for year in range(2020, 2060)
        ],
    ]
    return [
        paragraph("OBRAČUN – žiga čebašek", st["title"]),
        *[paragraph(LONG, st["body"]) for _ in range(3)],  # split across pages
        table(cells, [200, 100]),
        paragraph("OBRAČUN – žiga čebašek", st["title"]),  # the same text again
    ]


def test_our_paragraph_writes_reportlabs_bytes() -> None:
    """Parsed once, laid out once per width: the PDF is byte for byte reportlab's own,
    also for paragraphs split across pages and table headers repeated on each page."""
    ours = build_pdf(_story(Paragraph), title="t")
    again = build_pdf(_story(Paragraph), title="t")  # everything remembered now
    plain = build_pdf(_story(ReportlabParagraph), title="t")
    assert ours == plain
    assert again == plain
    assert "žiga čebašek" in pdf_text(ours)


def test_paragraphs_of_the_same_text_do_not_share_fragments() -> None:
    """Laying out a paragraph rewrites its fragments; another of the same text keeps its own."""
    first = Paragraph("<b>Ena</b> dva tri", styles()["body"])
    second = Paragraph("<b>Ena</b> dva tri", styles()["body"])
    assert first.frags is not second.frags
    assert all(a is not b for a, b in zip(first.frags, second.frags, strict=True))
    first.wrap(30, 100)
    assert [f.text for f in second.frags] == ["Ena", " dva tri"]


def test_a_new_width_lays_the_paragraph_out_again() -> None:
    para = Paragraph(LONG, styles()["body"])
    _, wide = para.wrap(400, 1000)
    _, narrow = para.wrap(200, 1000)
    _, wide_again = para.wrap(400, 1000)
    assert narrow > wide == wide_again


def test_remembered_texts_are_bounded(monkeypatch) -> None:
    monkeypatch.setattr(document, "_PARSED_KEPT", 3)
    monkeypatch.setattr(document, "_PARSED", {})
    for n in range(10):
        Paragraph(f"besedilo {n}", styles()["body"])
    assert len(document._PARSED) <= 3


def test_table_cells_are_our_paragraphs() -> None:
    cell = document.para("x", "cell")
    assert isinstance(cell, Paragraph)
    assert isinstance(table([[cell]], [50]), Table)


def test_a_plain_paragraph_takes_the_lines_of_the_same_text_at_the_same_width() -> None:
    """One font, the same text, style and width: the lines laid out before are taken
    (they are only read afterwards); another width lays the paragraph out anew."""
    first = Paragraph("marec 2026 – 1.234,56 EUR", styles()["cell"])
    second = Paragraph("marec 2026 – 1.234,56 EUR", styles()["cell"])
    assert first.wrap(60, 100) == second.wrap(60, 100)
    assert second.blPara is first.blPara
    third = Paragraph("marec 2026 – 1.234,56 EUR", styles()["cell"])
    assert third.wrap(300, 100)[1] < first.height
    assert third.blPara is not first.blPara


def test_a_paragraph_with_markup_takes_the_lines_but_keeps_its_own_word_list() -> None:
    """Several fonts ("kind 1"): laying out puts a word list in place of the fragments;
    the next paragraph of the same text takes the lines and its own copy of that list
    (reportlab's split slices it)."""
    first = Paragraph("<b>Obrazložitev:</b> dolgo besedilo " * 5, styles()["body"])
    second = Paragraph("<b>Obrazložitev:</b> dolgo besedilo " * 5, styles()["body"])
    assert first.wrap(120, 500) == second.wrap(120, 500)
    assert second.blPara is first.blPara and first.blPara.kind == 1
    assert second.frags == first.frags and second.frags is not first.frags


def test_form_lines_of_the_same_segments_share_their_layout() -> None:
    """A form's fixed lines break the same way in every document: laid out once per
    width; other values or another width are laid out anew."""
    from rejnistvo.printing import FormLine, field, tab, text

    def line(name: str | None) -> FormLine:
        return FormLine([text("otroka "), field(name, 80), tab(105), text("Datum: ")])

    first, second, other = line("Žiga Čebašek"), line("Žiga Čebašek"), line("Ana Novak")
    assert first.wrap(480, 100) == second.wrap(480, 100)
    assert second._lines is first._lines
    other.wrap(480, 100)
    assert other._lines is not first._lines
    narrow = line("Žiga Čebašek")
    assert narrow.wrap(120, 100)[1] > first.height
    assert narrow._lines is not first._lines
