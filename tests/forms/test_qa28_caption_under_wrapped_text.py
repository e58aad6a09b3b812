"""QA28: a caption under a filled field whose value wraps (R-1's long address, R-4's and
R-5's long names) stood under the first line, between the two lines of the value; it
now stands under the value's last line, and the lines of the value keep their spacing."""

from __future__ import annotations

from typing import Any

from rejnistvo.printing import FRAME_WIDTH, FormLine, field, text

LONG_ADDRESS = (
    "Černelčeva ulica 128 b, Šentjur pri Celju, Žalec, Škofja vas, Črnomelj, Šmarješke Toplice 8220"
)
CAPTION = "(ulica, hišna številka, kraj, poštna številka)"


class RecordingCanvas:
    """Records every text drawn, with its baseline: what a reader sees where."""

    def __init__(self) -> None:
        self.texts: list[tuple[str, float]] = []

    def drawString(self, x: float, y: float, value: str) -> None:  # noqa: N802
        self.texts.append((value, y))

    drawCentredString = drawString  # noqa: N815

    def __getattr__(self, name: str) -> Any:
        return lambda *args, **kwargs: None


def drawn(line: FormLine) -> list[tuple[str, float]]:
    line.wrap(FRAME_WIDTH, 1000)
    line.canv = RecordingCanvas()
    line.draw()
    return line.canv.texts


def address_line(value: str) -> FormLine:
    return FormLine([text("Naslov: "), field(value, 120, caption=CAPTION)])


def test_the_caption_stands_under_the_last_line_of_a_wrapped_address():
    texts = drawn(address_line(LONG_ADDRESS))
    value_lines = [y for value, y in texts if value not in (CAPTION, "Naslov: ", "Naslov:")]
    assert len(set(value_lines)) == 2  # the address wraps
    caption_y = next(y for value, y in texts if value == CAPTION)
    assert caption_y < min(value_lines)
    # the value's two lines stand a plain line apart: no caption's room between them
    assert max(value_lines) - min(value_lines) == address_line(LONG_ADDRESS).leading


def test_a_short_address_keeps_its_caption_under_it_on_one_line():
    texts = drawn(address_line("Celjska 3, Žalec"))
    value_y = next(y for value, y in texts if value.startswith("Celjska"))
    caption_y = next(y for value, y in texts if value == CAPTION)
    assert value_y - 12 < caption_y < value_y


class PlacedCanvas(RecordingCanvas):
    def __init__(self) -> None:
        super().__init__()
        self.lefts: dict[str, float] = {}

    def drawString(self, x: float, y: float, value: str) -> None:  # noqa: N802
        self.lefts[value] = x
        super().drawString(x, y, value)


def test_a_caption_under_a_short_last_line_stays_inside_the_frame():
    line = address_line("Černelčeva ulica 128 b, Šentjur pri Celju, Žalec, Škofja vas, X")
    line.wrap(FRAME_WIDTH, 1000)
    line.canv = PlacedCanvas()
    line.draw()
    assert line.canv.lefts[CAPTION] >= 0
