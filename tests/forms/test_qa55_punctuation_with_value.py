"""QA55: the form text right after a filled value ("%." after the percentage, the full stop
after a period's end, ":" after the refund deadline) went to the next line on its own
when the value ended a line: R-5 of a child with a long name printed "zvišana oskrbnina
za 25" and, on the next line, "%.". A mark glued to its value now takes the value along
to the next line; a line breaks only where the form has a space."""

from __future__ import annotations

from io import BytesIO

import pytest
from pypdf import PdfReader
from rejnistvo.forms.r5 import render_r5_bytes

from rejnistvo.printing import FRAME_WIDTH, FormLine, field, text
from tests.forms.conftest import load_example
from tests.forms.test_qa55_dates_whole import lines_of

CHILD = "Tanja Škof Šćepanović Žužek Čebašek Šuštaršič Ćirić Kovačič"


@pytest.mark.parametrize("value", ["25", None])
def test_the_percent_sign_never_begins_a_line(value: str | None) -> None:
    for width in range(150, int(FRAME_WIDTH) + 1, 2):
        segments = [
            field(CHILD, 85, caption="(ime in priimek otroka)"),
            text(" zvišana oskrbnina za "),
            field(value, 14),
            text("%."),
        ]
        printed = lines_of(FormLine(segments), width)
        marked = next(row for row in printed if "%." in row)
        assert not marked.lstrip().startswith("%."), (width, printed)


def test_r5_prints_the_percentage_with_its_sign() -> None:
    data = load_example("r5")
    data["child"]["name"] = CHILD
    page = PdfReader(BytesIO(render_r5_bytes(data))).pages[0]
    raw = page.extract_text(extraction_mode="layout")  # a printed line is a line
    line = next(row for row in raw.splitlines() if "%." in row)
    assert "25" in line, raw
