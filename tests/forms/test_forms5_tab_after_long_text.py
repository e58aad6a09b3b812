"""A tab stop the text has already passed (a long member's name before the signature line,
a long place before »Podpis vlagatelja/ice:«) continues on the next line at the stop, under
where it stands on every other line, not at the left margin under the name."""

from __future__ import annotations

from reportlab.lib.units import mm

from rejnistvo.printing import FRAME_WIDTH, FormLine, field, tab, text

LONG_NAME = "Marija Terezija Škrjanc-Žnidaršič Čebašek von Habsburg-Lothringen Šantelj"


def line_starts(line: FormLine) -> list[tuple[int, float, str]]:
    """(line number, x, kind) of each token that is no tab."""
    line.wrap(FRAME_WIDTH, 1000)
    starts = []
    for number, tokens in enumerate(line._lines):
        x = 0.0
        for token in tokens:
            if token.seg.kind != "tab":
                starts.append((number, x, token.seg.kind))
            x += token.width
    return starts


def member_line(name: str) -> FormLine:
    return FormLine([text("1. "), field(name, 75), tab(100), field(None, 60, caption="(podpis)")])


def test_the_signature_line_stays_at_its_stop_after_a_long_name():
    starts = line_starts(member_line(LONG_NAME))
    number, x, kind = starts[-1]  # the blank signature line
    assert kind == "field" and number == 1
    assert abs(x - 100 * mm) < 0.01


def test_a_short_name_keeps_one_line():
    starts = line_starts(member_line("Ana Novak"))
    assert {number for number, _, _ in starts} == {0}
    assert abs(starts[-1][1] - 100 * mm) < 0.01
