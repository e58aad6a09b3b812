"""Form lines: printed text with fields, blank lines, circled choices and tick boxes.

An official form is mostly lines like "zviša plačilo dela za 25% ali 50% za obdobje od ___
do ___." A `FormLine` lays such a line out from segments, wraps it at word boundaries when
a value is long, and draws the marks a hand would make on paper: a circle around the
chosen option, a cross in the chosen box. A filled field prints its value (in the serif
face, like typed text) on a thin line; an empty field prints the form's blank line of
underscores, so a blank form still copies out as "_____".
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Literal, NamedTuple

from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus.flowables import Flowable

from rejnistvo.printing.fonts import SANS, SANS_BOLD, SERIF, register_family

Kind = Literal["text", "bold", "small", "field", "choice", "box", "tab"]

_WORDS = re.compile(r"\S+\s*|\s+")


@lru_cache(maxsize=16384)
def _width(value: str, font: str, size: float) -> float:
    """reportlab's stringWidth, remembered: a form's labels and blanks are measured again
    at every line break decision and in every document."""
    width: float = stringWidth(value, font, size)
    return width


class Seg(NamedTuple):
    """One piece of a form line; build them with the helpers below, not by hand.

    (A named tuple, not a frozen dataclass: the same fields, equality, hash and
    immutability, for a fifth of what making the class costs — 4 M machine instructions
    of every `print` process.)"""

    kind: Kind
    text: str = ""
    width: float = 0.0  # fields: the minimum width (points) of the line printed for them
    chosen: bool = False  # choices: circled; boxes: crossed
    caption: str = ""  # the form's small caption under it, e.g. "(ime in priimek otroka)"


def text(value: str) -> Seg:
    return Seg("text", value)


def bold(value: str) -> Seg:
    return Seg("bold", value)


def small(value: str) -> Seg:
    return Seg("small", value)


def field(value: str | None, width_mm: float = 40, caption: str = "") -> Seg:
    """A filled value, or the form's blank line when value is None or empty."""
    return Seg("field", value or "", width_mm * mm, caption=caption)


def choice(label: str, chosen: bool, caption: str = "") -> Seg:
    """An option of "ustrezno obkrožiti": circled when chosen."""
    return Seg("choice", label, chosen=chosen, caption=caption)


def box(chosen: bool) -> Seg:
    """A tick box ☐, crossed ☒ when chosen."""
    return Seg("box", chosen=chosen)


def tab(position_mm: float) -> Seg:
    """Continue at this distance from the left edge (like "Datum:" on the right half)."""
    return Seg("tab", width=position_mm * mm)


class _Token:
    """One word (or field) of a segment, measured for line breaking. (A plain class: a
    dataclass made its methods from source text at every `print` process's start.)"""

    __slots__ = ("seg", "text", "width", "trail", "field_width", "first")

    def __init__(
        self,
        seg: Seg,
        text: str,
        width: float,  # including trailing spaces
        trail: float,  # width of the trailing spaces (ignored at the end of a line)
        field_width: float = 0.0,  # fields: width of the drawn line
        first: bool = False,  # while drawing: the segment's first run
    ) -> None:
        self.seg = seg
        self.text = text
        self.width = width
        self.trail = trail
        self.field_width = field_width
        self.first = first


#: a word that ends in a number ("1.", "12.", "2026", "388,92"), and what may not stand
#: apart from it at a line break: another number, the currency, a percent sign
_ENDS_IN_NUMBER = re.compile(r"\d[.,]?$")
_STAYS_WITH_NUMBER = re.compile(r"(\d|EUR\b|€|%)")


def _glue_numbers(words: list[str]) -> list[str]:
    """A value's words with a date ("1. 12. 2026") or an amount ("388,92 EUR") kept as one:
    broken at the end of a line, "vrne do 1." / "12. 2026" reads as another date."""
    out: list[str] = []
    for word in words:
        if (
            out
            and out[-1][-1:].isspace()
            and _ENDS_IN_NUMBER.search(out[-1].rstrip())
            and _STAYS_WITH_NUMBER.match(word)
        ):
            out[-1] += word
        else:
            out.append(word)
    return out


_JOINABLE = ("text", "bold", "small", "field")


def _glued(line: list[_Token], token: _Token) -> bool:
    """Whether the token continues the line's last word with no space between them (the
    full stop after a blank, "%." after a percentage): both then go to the next line."""
    if len(line) < 2 or not token.text or token.text[0].isspace():
        return False
    last = line[-1]
    return (
        token.seg.kind in ("text", "bold", "small")
        and last.seg.kind in ("text", "bold", "small", "field")
        and bool(last.text)
        and last.trail == 0
        and not last.text[-1].isspace()
        and line[-2].seg is not _HANG
    )


_HANG = Seg("tab")  # the indent of a wrapped line (drawn as nothing, like a tab)


def _first_word_x(tokens: list[_Token]) -> float:
    """Where the first word stands on the first line (after a box or a choice)."""
    x = 0.0
    for token in tokens:
        if token.seg.kind in ("text", "bold", "field") and token.text.strip():
            return x
        x += token.width
    return 0.0


#: (segments, font size, leading, width) -> (lines of tokens, height)
_LAID_OUT: dict[tuple[object, ...], tuple[list[list[_Token]], float]] = {}
_LAID_OUT_KEPT = 4096


def _last_rows(lines: list[list[_Token]]) -> dict[int, int]:
    """The last line each captioned segment reaches (by the segment's identity: two
    equal fields are two places on the form)."""
    last: dict[int, int] = {}
    for row, line in enumerate(lines):
        for token in line:
            if token.seg.caption:
                last[id(token.seg)] = row
    return last


def _caption_rows(lines: list[list[_Token]]) -> set[int]:
    """The lines with a caption under them: they need its room below."""
    return set(_last_rows(lines).values())


class FormLine(Flowable):  # type: ignore[misc]  # reportlab is untyped
    """A line (or, when long, several) of form text with fields and marks."""

    def __init__(
        self,
        segments: list[Seg],
        font_size: float = 10,
        leading: float | None = None,
        space_before: float = 0,
        space_after: float = 3,
        hanging: bool = False,
    ) -> None:
        super().__init__()
        register_family(SANS)
        register_family(SERIF)
        self.segments = segments
        #: a wrapped line continues under the first word (a ticked item's text under
        #: its own text, not under the box)
        self.hanging = hanging
        self.font_size = font_size
        self.leading = leading or font_size * 1.6
        self.spaceBefore = space_before
        self.spaceAfter = space_after
        self._lines: list[list[_Token]] = []

    # -- measuring -------------------------------------------------------------------
    def _font(self, seg: Seg) -> tuple[str, float]:
        if seg.kind == "bold":
            return SANS_BOLD, self.font_size
        if seg.kind == "small":
            return SANS, self.font_size * 0.75
        if seg.kind == "field" and seg.text:
            return SERIF, self.font_size
        return SANS, self.font_size

    def _tokens(self, avail: float) -> list[_Token]:
        tokens: list[_Token] = []
        for seg in self.segments:
            font, size = self._font(seg)
            space = _width(" ", font, size)
            if seg.kind == "tab":
                tokens.append(_Token(seg, "", 0, 0))
            elif seg.kind == "box":
                w = self.font_size * 0.9
                tokens.append(_Token(seg, "", w + space, space))
            elif seg.kind == "choice":
                w = _width(seg.text, font, size) + 4
                tokens.append(_Token(seg, seg.text, w + space, space))
            elif seg.kind == "field" and not seg.text:
                # a blank never wider than the line: it would wrap into a stray "___"
                n = max(3, int(min(seg.width, avail) // _width("_", font, size)))
                blank = "_" * n
                w = _width(blank, font, size)
                tokens.append(_Token(seg, blank, w, 0, w))
            else:
                words = _WORDS.findall(seg.text)
                if seg.kind == "field":
                    words = _glue_numbers(words)
                for word in words:
                    stripped = word.rstrip()
                    w = _width(word, font, size)
                    trail = w - _width(stripped, font, size)
                    tokens.append(_Token(seg, word, w, trail))
                if seg.kind == "field" and tokens:
                    # A short value still gets the field's full line, like ink on a blank.
                    value_width = sum(t.width for t in tokens[-len(words) :])
                    if value_width < seg.width:
                        tokens[-1].width += seg.width - value_width
                        tokens[-1].field_width = seg.width - value_width
        return tokens

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        # The same segments at the same width break the same way: a form's fixed lines
        # (and a line measured twice, as KeepTogether does) are laid out once. Tokens are
        # only read after this (drawing joins copies of them).
        key = (tuple(self.segments), self.font_size, self.leading, availWidth, self.hanging)
        known = _LAID_OUT.get(key)
        if known is None:
            known = self._lay_out(availWidth)
            if len(_LAID_OUT) >= _LAID_OUT_KEPT:
                _LAID_OUT.clear()
            _LAID_OUT[key] = known
        self._lines, self.height = known
        self.width = availWidth
        return self.width, self.height

    def _lay_out(self, availWidth: float) -> tuple[list[list[_Token]], float]:  # noqa: N803
        lines: list[list[_Token]] = [[]]
        x = 0.0
        tokens = self._tokens(availWidth)
        hang = _first_word_x(tokens) if self.hanging else 0.0
        for token in self._split_long(tokens, availWidth - hang):
            if token.seg.kind == "tab":
                # a tab moves to its stop; one the text has passed (a long name before
                # the signature) goes there on the next line, not to the left margin
                if x >= token.seg.width - 6 and lines[-1]:
                    lines.append([])
                    x = 0.0
                token.width = token.seg.width - x
            fits = x + token.width - token.trail <= availWidth
            if not fits and lines[-1]:
                # "%.", ":" or "," right after a value belong to it: they never begin a
                # line ("zvišana oskrbnina za 25" / "%."); the value goes down with them
                carried = [lines[-1].pop()] if _glued(lines[-1], token) else []
                lines.append([])
                x = 0.0
                if hang and token.seg.kind != "tab":
                    lines[-1].append(_Token(_HANG, "", hang, 0))
                    x = hang
                for word in carried:
                    lines[-1].append(word)
                    x += word.width
            lines[-1].append(token)
            x += token.width
        rows = _caption_rows(lines)
        return lines, sum(self._line_height(row in rows) for row in range(len(lines)))

    def _split_long(self, tokens: list[_Token], avail: float) -> list[_Token]:
        """Cut a word wider than the line into pieces: nothing may run off the page."""
        out: list[_Token] = []
        for token in tokens:
            if (
                token.width <= avail
                or not token.text
                or token.seg.kind not in ("text", "bold", "field")
            ):
                out.append(token)
                continue
            font, size = self._font(token.seg)
            piece = ""
            for char in token.text:
                if stringWidth(piece + char, font, size) > avail and piece:
                    out.append(_Token(token.seg, piece, stringWidth(piece, font, size), 0))
                    piece = ""
                piece += char
            out.append(_Token(token.seg, piece, stringWidth(piece, font, size), 0))
        return out

    def _line_height(self, captioned: bool) -> float:
        return self.leading + (self.font_size * 0.9 if captioned else 0)

    # -- drawing ---------------------------------------------------------------------
    def draw(self) -> None:
        y_top = self.height
        last_rows = _last_rows(self._lines)
        captioned = set(last_rows.values())
        for row, line in enumerate(self._lines):
            baseline = y_top - self.leading + (self.leading - self.font_size) / 2 + 1
            captions: list[tuple[_Token, float]] = []
            for token, x in self._runs(line):
                self._draw_token(token, x, baseline)
                # under the value's last line: on the first of a wrapped value it would
                # stand between its lines
                if token.seg.caption and last_rows[id(token.seg)] == row:
                    captions.append((token, x))
            # after the line's text, so a copied line reads "otroka ____, EMŠO ____" and the
            # captions follow
            for token, cx in captions:
                self._draw_caption(token, cx, baseline)
            y_top -= self._line_height(row in captioned)

    def _runs(self, line: list[_Token]) -> list[tuple[_Token, float]]:
        """Words of one segment on one line joined again: one drawString per run, not per
        word (drawing is most of the time a form takes)."""
        runs: list[tuple[_Token, float]] = []
        x = 0.0
        for token in line:
            last = runs[-1][0] if runs else None
            if last is not None and last.seg is token.seg and token.seg.kind in _JOINABLE:
                last.text += token.text
                last.width += token.width
                last.trail = token.trail
            else:
                first = token is self._first_of(token.seg)
                runs.append(
                    (_Token(token.seg, token.text, token.width, token.trail, first=first), x)
                )
            x += token.width
        return runs

    def _draw_token(self, token: _Token, x: float, baseline: float) -> None:
        canv = self.canv
        seg = token.seg
        font, size = self._font(seg)
        canv.setLineWidth(0.6)
        if seg.kind == "box":
            side = self.font_size * 0.8
            canv.rect(x, baseline - 1, side, side)
            if seg.chosen:
                canv.line(x + 1.5, baseline + 0.5, x + side - 1.5, baseline + side - 2.5)
                canv.line(x + 1.5, baseline + side - 2.5, x + side - 1.5, baseline + 0.5)
            return
        if seg.kind == "tab":
            return
        canv.setFont(font, size)
        if seg.kind == "choice":
            canv.drawString(x + 2, baseline, token.text)
            if seg.chosen:
                w = token.width - token.trail
                canv.ellipse(x - 1, baseline - size * 0.4, x + w + 1, baseline + size * 1.05)
        else:
            canv.drawString(x, baseline, token.text.rstrip() if token.trail else token.text)
        if seg.kind == "field" and seg.text:
            # the value sits on a thin line, as if typed onto the form's blank
            canv.setLineWidth(0.4)
            canv.line(x, baseline - 2, x + token.width, baseline - 2)

    def _first_of(self, seg: Seg) -> _Token | None:
        for line in self._lines:
            for token in line:
                if token.seg is seg:
                    return token
        return None

    def _draw_caption(self, run: _Token, x: float, baseline: float) -> None:
        seg = run.seg
        size = self.font_size * 0.7
        self.canv.saveState()
        self.canv.setFont(SANS, size)
        # below a circle the caption needs more room than below a line
        y = baseline - size - (6 if seg.kind == "choice" else 3)
        if seg.kind == "field":
            # under a field the caption is centred, as on the official forms; under a
            # wrapped value's last line, centred under that line's part of it
            width = (
                max(seg.width, _width(seg.text, SERIF, self.font_size))
                if run.first
                else run.width - run.trail
            )
            centre = x + min(width, self.width - x) / 2
            caption_width = _width(seg.caption, SANS, size)
            # never past the frame's edges (under a wrapped value's short last line)
            left = max(0.0, min(centre - caption_width / 2, self.width - caption_width))
            self.canv.drawString(left, y, seg.caption)
        else:
            self.canv.drawString(x, y, seg.caption)
        self.canv.restoreState()

    # tests look at the marks through this, since a drawn circle cannot be read back from a PDF
    def chosen_labels(self) -> list[str]:
        return [s.text or "☒" for s in self.segments if s.kind in ("choice", "box") and s.chosen]


class Rule(Flowable):  # type: ignore[misc]  # reportlab is untyped
    """A thin horizontal rule across the frame (separates the parts of a form)."""

    def __init__(self, space: float = 4) -> None:
        super().__init__()
        self.spaceBefore = space
        self.spaceAfter = space

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        self.width = availWidth
        return availWidth, 1

    def draw(self) -> None:
        self.canv.setLineWidth(0.5)
        self.canv.line(0, 0.5, self.width, 0.5)
