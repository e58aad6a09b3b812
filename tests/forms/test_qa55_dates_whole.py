"""QA55: a date or an amount filled into a form line was broken at the end of the line like
any words. On every R-5 finding with a deadline on the 1st to the 9th of a month the line
ended "… sredstva zvišane oskrbnine vrne do 1." and the next began "12. 2026 :" — a reader
saw the deadline as "12. 2026" (the demo's case 7 printed "vrne do 1." / "2. 2027"). A
filled value now keeps a date ("1. 12. 2026") and an amount with its currency ("388,92
EUR") on one line; other words of a value (a long name, an address) still wrap."""

from __future__ import annotations

import re
from io import BytesIO
from typing import Any

import pytest
from pypdf import PdfReader
from rejnistvo.forms.r5 import render_r5_bytes

from rejnistvo.printing import FRAME_WIDTH, FormLine, field, text
from tests.forms.conftest import load_example

PREFIX = (
    "porabljena nenamensko ali za njihov prejem ni bilo več zakonskih razlogov. "
    "Rejnik/ca sredstva zvišane oskrbnine vrne do "
)


class RecordingCanvas:
    """Records every string drawn with its baseline."""

    def __init__(self) -> None:
        self.texts: list[tuple[str, float]] = []

    def drawString(self, x: float, y: float, value: str) -> None:  # noqa: N802
        self.texts.append((value, y))

    def __getattr__(self, name: str) -> Any:
        return lambda *args, **kwargs: None


def lines_of(line: FormLine, width: float) -> list[str]:
    """The text of each printed line, top to bottom."""
    line.wrap(width, 1000)
    line.canv = RecordingCanvas()
    line.draw()
    rows: dict[float, str] = {}
    for value, y in line.canv.texts:
        rows[y] = rows.get(y, "") + value
    return [rows[y] for y in sorted(rows, reverse=True)]


@pytest.mark.parametrize("value", ["1. 12. 2026", "4. 1. 2027", "29. 2. 2028", "388,92 EUR"])
def test_a_date_or_an_amount_is_never_broken_at_a_line_end(value: str) -> None:
    # every width from a narrow column to the frame: wherever the line breaks
    for width in range(120, int(FRAME_WIDTH) + 1, 3):
        printed = lines_of(FormLine([text(PREFIX), field(value, 28), text(":")]), width)
        assert any(value in row for row in printed), (width, printed)


def test_a_long_name_still_wraps_between_its_words() -> None:
    name = "Ana-Štefanija Đurđević Ćosić Žagar Šinkovec Čeligoj Mlakar Kos Vrhovnik Marolt"
    printed = lines_of(FormLine([text("rejniku/ici "), field(name, 85)]), 300)
    assert len(printed) > 1
    assert "".join(printed).replace(" ", "") == ("rejniku/ici " + name).replace(" ", "")


def test_r5_prints_the_refund_deadline_whole() -> None:
    data = load_example("r5")
    data["finding"]["refund_deadline"] = "2026-12-01"
    reader = PdfReader(BytesIO(render_r5_bytes(data)))
    raw = "\n".join(page.extract_text() or "" for page in reader.pages)
    assert re.search(r"vrne do\s*1\. 12\. 2026", raw), raw
