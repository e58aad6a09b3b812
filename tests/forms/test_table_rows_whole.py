"""A table row that is not tall moves whole to the next page; only a tall row splits at a
page's foot (rejnistvo/printing/document.py: ROW_SPLIT_OVER); documents without such a
split are the same bytes as before."""

from __future__ import annotations

import pytest
from reportlab.platypus import Spacer
from reportlab.platypus.tables import Table

from rejnistvo.printing import document
from rejnistvo.printing.document import (
    MARGIN_BOTTOM,
    MARGIN_TOP,
    PAGE_SIZE,
    ROW_SPLIT_OVER,
    build_pdf,
    para,
    table,
)
from tests.forms.conftest import load_example, pdf_pages

FRAME_HEIGHT = PAGE_SIZE[1] - MARGIN_TOP - MARGIN_BOTTOM - 12  # platypus' frame padding
WIDTHS = [120.0, 300.0]


def _rows(words: int) -> list[list[object]]:
    reason = " ".join(f"beseda{i}" for i in range(words))
    return [
        [para("Datum", "cell_head"), para("Razlog izdatka", "cell_head")],
        [para("1. 3. 2026", "cell"), para(reason, "cell")],
        [para("2. 3. 2026", "cell"), para("zadnja vrstica", "cell")],
    ]


def _heights(words: int) -> list[float]:
    probe = table(_rows(words), WIDTHS)
    probe.wrap(sum(WIDTHS), 10_000)
    return list(probe._rowHeights)


def _story(words: int) -> list[object]:
    """The table begins where its header and four lines of the first row fit, not more."""
    head, row, _last = _heights(words)
    room = head + 4 * 11 + 6
    assert row > room - head  # the first row does not fit below the spacer
    return [Spacer(1, FRAME_HEIGHT - room), table(_rows(words), WIDTHS)]


def test_a_short_row_moves_whole_to_the_next_page():
    words = 120  # ~ 12 lines: less than ROW_SPLIT_OVER
    assert _heights(words)[1] <= ROW_SPLIT_OVER
    pages = pdf_pages(build_pdf(_story(words), title="t"))
    assert len(pages) == 2
    assert "Razlog izdatka" not in pages[0] and "beseda" not in pages[0]
    assert pages[1].count("Razlog izdatka") == 1
    assert "beseda0 " in pages[1] and "beseda119" in pages[1] and "zadnja vrstica" in pages[1]


def test_reportlab_alone_left_the_short_rows_last_words_under_the_repeated_header(monkeypatch):
    """What the rule changes (the test above can fail): reportlab's own Table split it."""
    monkeypatch.setattr(document, "_table_class", lambda: Table)
    pages = pdf_pages(build_pdf(_story(120), title="t"))
    assert "beseda0 " in pages[0] and "beseda119" in pages[1]
    assert pages[1].count("Razlog izdatka") == 1  # the header again above the last words


def test_a_tall_row_splits_at_the_foot_and_goes_on_under_the_header():
    words = 250  # taller than ROW_SPLIT_OVER, shorter than a page
    assert ROW_SPLIT_OVER < _heights(words)[1] < FRAME_HEIGHT
    pages = pdf_pages(build_pdf(_story(words), title="t"))
    assert len(pages) == 2
    assert "Razlog izdatka" in pages[0] and "beseda0 " in pages[0]
    assert "Razlog izdatka" in pages[1] and "beseda249" in pages[1]
    assert "beseda249" not in pages[0]


@pytest.mark.parametrize("kind", ["r5", "r1"])
def test_documents_without_such_a_split_are_the_same_bytes(monkeypatch, kind):
    from rejnistvo.forms import render_form

    data = load_example(kind)
    ours = render_form(kind, data)
    monkeypatch.setattr(document, "_table_class", lambda: Table)
    monkeypatch.setattr(document, "ROW_SPLIT_FIRST_PART", 1)  # reportlab's, as before
    assert render_form(kind, data) == ours


def test_a_long_r5_expense_list_starts_each_page_with_a_whole_expense(monkeypatch):
    """reportlab puts the rest of a table split between rows into what is left of the
    same page first: with room only for the header, it split the next expense there, and
    its description went on under the header on the next page."""
    from rejnistvo.forms import render_form

    data = load_example("r5")
    first = data["expenses"][0]
    data["expenses"] = [
        {**first, "description": f"izdatek{n} " + "za šolske potrebščine " * (n % 7)}
        for n in range(90)
    ]
    head = "Vrsta izrednega izdatka Višina izrednega izdatka (v evrih) "

    def continued(pages: list[str]) -> list[str]:
        """What each later page shows first under the repeated header."""
        return [page.split(head, 1)[1][:20] for page in pages[1:] if head in page]

    ours = pdf_pages(render_form("r5", data))
    monkeypatch.setattr(document, "_table_class", lambda: Table)
    monkeypatch.setattr(document, "ROW_SPLIT_FIRST_PART", 1)
    before = pdf_pages(render_form("r5", data))
    assert any(text.startswith("izdatek") for text in continued(before))  # split rows
    assert len(continued(ours)) >= 4
    assert all(text.startswith("Izobraževalni") for text in continued(ours))
    assert all(f"izdatek{n} " in " ".join(ours) for n in range(90))
    assert "SKUPAJ" in ours[-1] or "SKUPAJ" in ours[-2]
