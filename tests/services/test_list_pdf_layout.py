"""Printed lists: column widths from the content, figures never broken, text wraps."""

from datetime import date
from decimal import Decimal

from reportlab.pdfbase.pdfmetrics import stringWidth

from rejnistvo.printing import LANDSCAPE_FRAME_WIDTH
from rejnistvo.printing.fonts import SANS
from rejnistvo.services.list_exports import ListTable, pdf_column_widths, to_pdf

LONG = "Dolga opomba o tem, kar se je zgodilo pri tej namestitvi " * 3
TABLE = ListTable(
    "Izplačila",
    ("Rejnik/ica", "Otrok", "Pogodba", "Od", "Do", "Znesek", "Opomba"),
    (("Neža Vidmar", "Gašper Zupan", "1220-112/2024", date(2026, 1, 1), date(2026, 12, 31),
      Decimal("12582.92"), LONG),),
    amount_columns=(5,),
)  # fmt: skip


def test_short_columns_get_one_line_and_the_long_text_the_rest():
    widths = pdf_column_widths(TABLE, LANDSCAPE_FRAME_WIDTH)
    assert abs(sum(widths) - LANDSCAPE_FRAME_WIDTH) < 1
    assert widths[2] > stringWidth("1220-112/2024", SANS, 9) + 6
    assert widths[4] > stringWidth("31. 12. 2026", SANS, 9) + 6
    assert widths[6] > 2 * max(widths[:6])  # the note wraps, nothing else has to


def test_pdf_keeps_contract_date_and_amount_whole():
    from io import BytesIO

    from pypdf import PdfReader

    text = PdfReader(BytesIO(to_pdf(TABLE))).pages[0].extract_text()
    for whole in ("1220-112/2024", "31. 12. 2026", "12.582,92", "Gašper Zupan"):
        assert whole in text
