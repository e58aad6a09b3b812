"""Each page's footer names the case at the left and »stran X od Y« at the right; a case
number longer than the room between them is shortened with »…«, never printed over the
page number or off the page."""

from __future__ import annotations

from io import BytesIO

from pypdf import PdfReader
from rejnistvo.forms.r4 import render_r4_bytes

from rejnistvo.printing.document import MARGIN_BOTTOM, PAGE_SIZE


def footer_runs(pdf: bytes) -> list[tuple[float, str]]:
    """(x, text) of what is drawn on the footer's line of the first page."""
    runs: list[tuple[float, str]] = []

    def visit(text, cm, tm, font, size):
        if text.strip() and abs(tm[5] * cm[3] + cm[5] - MARGIN_BOTTOM / 2) < 1:
            runs.append((tm[4] * cm[0] + cm[4], text.strip()))

    PdfReader(BytesIO(pdf)).pages[0].extract_text(visitor_text=visit)
    return runs


def test_a_long_case_number_is_shortened_before_the_page_number(r4_data):
    from reportlab.pdfbase.pdfmetrics import stringWidth

    from rejnistvo.printing.fonts import SANS

    r4_data["case_no"] = "1220-14/2026-" + "Š" * 150
    runs = footer_runs(render_r4_bytes(r4_data))
    label = next(text for x, text in runs if text.startswith("Obrazec R-4"))
    page_x = next(x for x, text in runs if text.startswith("stran 1 od"))
    label_x = next(x for x, text in runs if text.startswith("Obrazec R-4"))
    assert label.endswith("…") and "1220-14/2026-Š" in label
    assert label_x + stringWidth(label, SANS, 8) < page_x
    assert page_x + stringWidth("stran 1 od 2", SANS, 8) <= PAGE_SIZE[0]


def test_a_usual_case_number_prints_whole(r4_data):
    runs = footer_runs(render_r4_bytes(r4_data))
    assert "Obrazec R-4, št. zadeve 1220-14/2026" in [text for _, text in runs]
