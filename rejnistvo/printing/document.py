"""Page furniture and building: A4, margins, "stran X od Y", styles, PDF to bytes or file.

Every document is a platypus story (Paragraphs, Tables, FormLines) so that long texts and
long tables flow onto further pages; nothing is ever cut off at a page edge.
"""

from __future__ import annotations

import html
import os
from collections.abc import Sequence
from functools import cache
from io import BytesIO
from pathlib import Path
from typing import TYPE_CHECKING, Any

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus.doctemplate import SimpleDocTemplate
from reportlab.platypus.flowables import Flowable
from reportlab.platypus.paragraph import Paragraph as _RLParagraph
from reportlab.platypus.paragraph import ParaParser, textTransformFrags

from rejnistvo.printing.fonts import SANS, SANS_BOLD, SERIF, register_family

if TYPE_CHECKING:
    from reportlab.platypus.tables import Table

PAGE_SIZE = A4
MARGIN_LEFT = MARGIN_RIGHT = 20 * mm
MARGIN_TOP = 18 * mm
MARGIN_BOTTOM = 20 * mm
# platypus' frame keeps 6 pt inside each margin; a table as wide as the margins allow would
# stick out past the text on both sides (and past the right margin when left-aligned)
FRAME_PADDING = 6
FRAME_WIDTH = PAGE_SIZE[0] - MARGIN_LEFT - MARGIN_RIGHT - 2 * FRAME_PADDING
LANDSCAPE_FRAME_WIDTH = PAGE_SIZE[1] - MARGIN_LEFT - MARGIN_RIGHT - 2 * FRAME_PADDING
FRAME_HEIGHT = PAGE_SIZE[1] - MARGIN_TOP - MARGIN_BOTTOM - 2 * FRAME_PADDING


def stacked_height(
    blocks: list[Flowable], width: float, height: float = 1e9, canv: Any = None
) -> float:
    """How tall `blocks` stand one under another in a frame `width` wide, their space
    before and after included (what a page must hold to keep them together)."""
    total = 0.0
    for f in blocks:
        total += f.wrapOn(canv, width, height)[1] + f.getSpaceBefore() + f.getSpaceAfter()
    return total


@cache
def styles() -> dict[str, ParagraphStyle]:
    """The few paragraph styles every document shares."""
    register_family(SANS)
    register_family(SERIF)
    body = ParagraphStyle(
        "body", fontName=SANS, fontSize=10, leading=14, alignment=TA_LEFT, spaceAfter=3
    )
    return {
        "body": body,
        "form_label": ParagraphStyle(
            "form_label", parent=body, fontName=SANS_BOLD, fontSize=10, spaceAfter=6
        ),
        "title": ParagraphStyle(
            "title",
            parent=body,
            fontName=SANS_BOLD,
            fontSize=12,
            leading=16,
            alignment=TA_CENTER,
            spaceBefore=6,
            spaceAfter=6,
        ),
        "heading": ParagraphStyle(
            "heading",
            parent=body,
            fontName=SANS_BOLD,
            fontSize=10.5,
            leading=14,
            spaceBefore=6,
            spaceAfter=3,
        ),
        "value": ParagraphStyle(
            "value", parent=body, fontName=SERIF, fontSize=10, leading=14, spaceAfter=4
        ),
        "small": ParagraphStyle("small", parent=body, fontSize=8, leading=10, spaceAfter=2),
        "annex": ParagraphStyle("annex", parent=body, fontSize=9, alignment=TA_RIGHT),
        "cell": ParagraphStyle("cell", parent=body, fontSize=9, leading=11, spaceAfter=0),
        "cell_value": ParagraphStyle(
            "cell_value", parent=body, fontName=SERIF, fontSize=9, leading=11, spaceAfter=0
        ),
        "cell_head": ParagraphStyle(
            "cell_head", parent=body, fontName=SANS_BOLD, fontSize=8.5, leading=10.5, spaceAfter=0
        ),
        "cell_num": ParagraphStyle(
            "cell_num",
            parent=body,
            fontName=SERIF,
            fontSize=9,
            leading=11,
            alignment=TA_RIGHT,
            spaceAfter=0,
        ),
    }


def escape(text: str) -> str:
    """&, < and > as entities, for user text inside reportlab markup: xml.sax.saxutils'
    escape without its import (urllib.request, http.client, email: 20 ms of a `print`)."""
    return html.escape(text, quote=False)


class Paragraph(_RLParagraph):  # type: ignore[misc]  # reportlab is untyped
    """reportlab's Paragraph without the work it repeats for the same text.

    * Parsing the markup (html.parser, a fifth of a table-heavy form) is done once per
      text and style: headings, labels, months and amounts repeat within a document and
      from one document to the next. Each paragraph gets its own copies of the parsed
      fragments, since laying out a paragraph rewrites them.
    * Laying out again at the width it was last laid out at gives the same lines, so it
      is not redone (a table measures each cell before it draws it); and a paragraph of
      a text already laid out at that width takes the lines made then (and, with several
      fonts, the word list reportlab puts in place of its fragments): laying out rewrites
      fragments, but drawing and splitting only read the lines.
    Anything unusual (bullets, a parse error, frags given by reportlab's own `split`)
    takes reportlab's path unchanged."""

    def _setup(self, text: Any, style: Any, bulletText: Any, frags: Any, cleaner: Any) -> None:
        self._laid_out_at: tuple[float, Any] | None = None
        self._parsed_as: tuple[Any, ...] | None = None
        if frags is not None or bulletText or self.caseSensitive != 1:
            super()._setup(text, style, bulletText, frags, cleaner)
            return
        key = (text, id(style))
        parsed = _PARSED.get(key)
        if parsed is None or parsed[0] is not style:
            cleaned = cleaner(text)
            parser = ParaParser()
            parser.caseSensitive = self.caseSensitive
            out_style, parsed_frags, bullet_frags = parser.parse(cleaned, style)
            if parsed_frags is None or bullet_frags:
                super()._setup(text, style, bulletText, frags, cleaner)  # (its error, or bullets)
                return
            textTransformFrags(parsed_frags, out_style)
            if len(_PARSED) >= _PARSED_KEPT:
                _PARSED.clear()
            parsed = _PARSED[key] = (style, cleaned, out_style, parsed_frags)
        _, cleaned, out_style, parsed_frags = parsed
        # what reportlab's _setup sets, in the same order
        self.text = cleaned
        self.frags = [frag.clone() for frag in parsed_frags]
        self.style = out_style
        self.bulletText = bulletText
        self.debug = 0
        self._parsed_as = parsed

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        # (reportlab's split may drop or replace the lines: then they are made again)
        lines = self.__dict__.get("blPara")
        done = self._laid_out_at
        if lines is not None and done is not None and done[0] == availWidth and done[1] is lines:
            return self.width, self.height
        parsed = self._parsed_as
        if done is None and parsed is not None:  # first layout of a paragraph we parsed
            known = _LINES.get((id(parsed), availWidth))
            if known is not None and known[0] is parsed:
                self.__dict__.update(known[1])
                if "frags" in known[1]:
                    self.frags = list(known[1]["frags"])  # (its own list: split slices it)
                self._laid_out_at = (availWidth, self.blPara)
                return self.width, self.height
        self._laid_out_at = None
        width, height = super().wrap(availWidth, availHeight)
        lines = self.__dict__.get("blPara")
        if lines is None:  # (none when there is no room at all)
            return width, height
        self._laid_out_at = (availWidth, lines)
        if done is None and parsed is not None and getattr(lines, "kind", None) in (0, 1):
            if len(_LINES) >= _PARSED_KEPT:
                _LINES.clear()
            laid_out = {name: self.__dict__[name] for name in _LAYOUT if name in self.__dict__}
            if lines.kind == 1:  # laying out replaced the fragments by its word list
                laid_out["frags"] = list(self.frags)
            _LINES[(id(parsed), availWidth)] = (parsed, laid_out)
        return width, height


#: (text, id(style)) -> (style, cleaned text, parsed style, parsed fragments)
_PARSED: dict[tuple[str, int], tuple[Any, str, Any, list[Any]]] = {}
_PARSED_KEPT = 4096
#: (id(parsed), width) -> (parsed, what reportlab's wrap and breakLines set on a paragraph)
_LINES: dict[tuple[int, float], tuple[Any, dict[str, Any]]] = {}
_LAYOUT = (
    "width",
    "height",
    "blPara",
    "_wrapWidths",
    "_width_max",
    "_splitLongWordCount",
    "_hyphenations",
)


def para(text: str, style: str = "body") -> Paragraph:
    """A paragraph of plain text (escaped: user text may contain <, & …)."""
    return Paragraph(escape(text), styles()[style])


def markup(xml: str, style: str = "body") -> Paragraph:
    """A paragraph with reportlab markup the caller wrote itself (<b>, <i>, <sup>)."""
    return Paragraph(xml, styles()[style])


def text_block(value: str | None, style: str = "value") -> list[Flowable]:
    """A long user text (a rationale) as paragraphs, one per line, so it can flow onto
    further pages; an empty one is nothing (the caller prints blank lines instead)."""
    if not value or not value.strip():
        return []
    return [para(line, style) for line in value.strip().splitlines() if line.strip()]


#: a row at most this tall is never split: when it does not fit in what is left of the
#: page, it moves whole to the next one (under the repeated header) rather than leave its
#: last words there. About 21 lines of 9 pt cells: a third of a portrait page, half a
#: landscape one — so moving a row whole leaves at most that much blank at a page's foot.
ROW_SPLIT_OVER = 240.0
#: a taller row split at a page's foot puts at least this much there (three cell lines),
#: never a line or two (reportlab's splitInRow: the least height of the part it splits off)
ROW_SPLIT_FIRST_PART = 36


def table(
    rows: Sequence[Sequence[object]],
    col_widths: list[float],
    *,
    header_rows: int = 1,
    num_cols: tuple[int, ...] = (),
    total_row: bool = False,
) -> Table:
    """A grid table whose header repeats on every page it runs onto."""
    # (imported here: a form without a table, R-4 or R-1, does not load reportlab's tables)
    from reportlab.platypus.tables import TableStyle

    t = _table_class()(
        rows, colWidths=col_widths, repeatRows=header_rows, splitInRow=ROW_SPLIT_FIRST_PART
    )
    commands = [
        ("FONTNAME", (0, 0), (-1, -1), SANS),
        ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
    ]
    if header_rows:  # (a table without a header must not turn grey: row -1 is the last)
        commands.append(("BACKGROUND", (0, 0), (-1, header_rows - 1), colors.HexColor("#eeeeee")))
    for first, last in _runs(sorted(set(num_cols))):  # (one command for adjacent columns)
        commands.append(("ALIGN", (first, 0), (last, -1), "RIGHT"))
    if total_row:
        commands.append(("LINEABOVE", (0, -1), (-1, -1), 1.2, colors.black))
    t.setStyle(TableStyle(commands))
    return t


@cache
def _table_class() -> type[Table]:
    """reportlab's Table that splits a row only when it is tall (``ROW_SPLIT_OVER``).

    reportlab splits between rows first and splits inside a row only when no row after
    the header fits in what is left of the page (``splitInRow``, on so that a long
    reason can flow over pages): a table that begins near a page's foot then showed its
    header and a row's first lines there and the row's last words under the header
    repeated on the next page. Refusing that split moves the table part to the next
    page whole; a document without such a split is laid out exactly as before."""
    from reportlab.platypus.tables import Table

    class RowKeepingTable(Table):  # type: ignore[misc]  # reportlab is untyped
        def _splitRows(self, availHeight: float, doInRowSplit: int = 0) -> list[Any]:  # noqa: N802, N803
            if doInRowSplit:
                row = self._getFirstPossibleSplitRowPosition(availHeight, ignoreSpans=1)
                if row < len(self._rowHeights) and self._rowHeights[row] <= ROW_SPLIT_OVER:
                    return []
            result: list[Any] = super()._splitRows(availHeight, doInRowSplit)
            return result

    return RowKeepingTable


class TableEnd(Flowable):  # type: ignore[misc]  # reportlab is untyped
    """A table whose last rows stay on one page with what follows it (a signature; the
    tail is kept together).

    Kept together whole, a table longer than the space left is split wherever the page
    ends, and what signs it could stand alone on the next page. Here, when the table and
    its tail do not fit, the table is cut so that at least `last_rows` rows (a total row
    among them) go on, under the repeated header, with the tail; a table that is all
    tail goes on whole, with its lead (heading). When they fit, they are laid out as the
    plain lead, table and tail would be."""

    def __init__(
        self,
        table: Table,
        tail: Sequence[Flowable],
        last_rows: int = 2,
        lead: Sequence[Flowable] = (),
    ) -> None:
        super().__init__()
        self.table = table
        self.tail = list(tail)
        self.last_rows = last_rows
        #: what stands above the table (its heading): never apart from its first rows
        self.lead = list(lead)

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        # as reportlab's KeepTogether: too tall to draw as one, so the frame asks split()
        return availWidth, 0xFFFFFF

    def _height(self, blocks: list[Flowable], width: float, height: float) -> float:
        return stacked_height(blocks, width, height, getattr(self, "canv", None))

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:  # noqa: N803
        from reportlab.platypus.flowables import KeepTogether

        table = self.table
        room = availHeight - table.getSpaceBefore()
        room -= self._height(self.lead, availWidth, availHeight)
        height = table.wrap(availWidth, availHeight)[1]
        if height + self._height(self.tail, availWidth, availHeight) <= room:
            return [*self.lead, table, KeepTogether(self.tail)]
        rows = list(table._rowHeights)
        head = table.repeatRows if isinstance(table.repeatRows, int) else 0
        parts: list[Flowable] = []
        if len(rows) - head > self.last_rows:
            # what of the table may stay here: never its last rows
            limit = sum(rows[: len(rows) - self.last_rows])
            parts = table.split(availWidth, min(room, limit))
        if len(parts) == 2:
            return [*self.lead, parts[0], TableEnd(parts[1], self.tail, self.last_rows)]
        if not getattr(getattr(self, "_frame", None), "_atTop", False):
            return []  # all of it to the next page, where the last rows and tail fit
        # not even a page holds the last rows with the tail (a row taller than a page):
        # the total row alone goes with it, or else the table flows as any other
        if self.last_rows > 1:
            fewer = TableEnd(table, self.tail, 1, self.lead)
            fewer._frame = self._frame
            fewer.canv = getattr(self, "canv", None)
            return fewer.split(availWidth, availHeight)
        return [*self.lead, *(table.split(availWidth, room) or [table]), *self.tail]


def _runs(columns: list[int]) -> list[tuple[int, int]]:
    """[1, 2, 3, 5] -> [(1, 3), (5, 5)]."""
    runs: list[tuple[int, int]] = []
    for col in columns:
        if runs and col > 0 and runs[-1][1] == col - 1:
            runs[-1] = (runs[-1][0], col)
        else:
            runs.append((col, col))
    return runs


class PageCountingCanvas(Canvas):  # type: ignore[misc]  # reportlab is untyped
    """Holds the pages back until the end so each footer can say "stran X od Y": a
    document's canvas gives ``page_footer`` (the register's and the forms' differ)."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self._pages: list[dict[str, object]] = []

    def showPage(self) -> None:  # noqa: N802 - reportlab's name
        self._pages.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        total = len(self._pages)
        for number, state in enumerate(self._pages, start=1):
            self.__dict__.update(state)
            self.page_footer(number, total)
            super().showPage()
        super().save()

    def page_footer(self, number: int, total: int) -> None:
        raise NotImplementedError


class _NumberedCanvas(PageCountingCanvas):
    """The forms' footer: the document's label at the left, "stran X od Y" at the right."""

    footer_label = ""

    def page_footer(self, number: int, total: int) -> None:
        self.saveState()
        self.setFont(SANS, 8)
        self.setFillColor(colors.HexColor("#444444"))
        y = MARGIN_BOTTOM / 2
        page = f"stran {number} od {total}"
        right = self._pagesize[0] - MARGIN_RIGHT
        if self.footer_label:
            room = right - stringWidth(page, SANS, 8) - 5 * mm - MARGIN_LEFT
            self.drawString(MARGIN_LEFT, y, _shortened(self.footer_label, room, 8))
        self.drawRightString(right, y, page)
        self.restoreState()


def _shortened(label: str, width: float, size: float) -> str:
    """The label, or as much of it as fits in width with »…«: a footer over the page
    number would hide it (the page itself prints the whole case number)."""
    if stringWidth(label, SANS, size) <= width:
        return label
    while label and stringWidth(label + "…", SANS, size) > width:
        label = label[:-1]
    return label.rstrip() + "…"


def build_pdf(
    story: list[Flowable],
    *,
    title: str,
    footer_label: str = "",
    out_path: str | os.PathLike[str] | None = None,
    wide: bool = False,
) -> bytes:
    """Lay the story out on A4 pages and return the PDF; also write it to out_path.

    The file is written whole or not at all (a temporary file renamed into place), so a
    failed print never leaves half a PDF where the user expects one. `wide` turns the
    page to landscape for wide tables (the payment sheet).
    """
    register_family(SANS)
    register_family(SERIF)
    buffer = BytesIO()
    doc = SimpleDocTemplate(
        buffer,
        pagesize=landscape(PAGE_SIZE) if wide else PAGE_SIZE,
        leftMargin=MARGIN_LEFT,
        rightMargin=MARGIN_RIGHT,
        topMargin=MARGIN_TOP,
        bottomMargin=MARGIN_BOTTOM,
        title=title,
        author="Rejništvo",
        creator="Rejništvo",
        lang="sl-SI",
        invariant=1,
        # otherwise every page declares Helvetica, a font that is never embedded
        initialFontName=SANS,
    )
    canvas_class = type("_Canvas", (_NumberedCanvas,), {"footer_label": footer_label})
    doc.build(list(story), canvasmaker=canvas_class)
    data = buffer.getvalue()
    if out_path is not None:
        write_atomic(Path(out_path), data)
    return data


def write_atomic(path: Path, data: bytes) -> None:
    """Write data to path through a temporary file in the same folder (the program's one
    writer, ``rejnistvo.atomic_write``): a missing folder is refused, not created; a
    temporary file a crash leaves is removed at the next start. Raises OSError."""
    from rejnistvo.atomic_write import replace_bytes

    replace_bytes(path, data)
