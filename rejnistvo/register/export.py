"""The register written out: CSV for Slovenian Excel, XLSX, and a landscape PDF table.

Every writer goes to a temporary file first and renames it at the end, so an error
never leaves half a file under the name the user chose.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Callable, Sequence
from datetime import date, datetime
from pathlib import Path

from rejnistvo.atomic_write import write_output
from rejnistvo.printing.formats import fmt_date
from rejnistvo.register.rows import COLUMNS, RegisterRow
from rejnistvo.rules.errors import InputError
from rejnistvo.spreadsheet_text import csv_text

FORMATS = ("csv", "xlsx", "pdf")

#: ``progress(done, total) -> bool``: called as the work goes on; False cancels it.
Progress = Callable[[int, int], bool]


class ExportCancelled(Exception):
    """The progress callback asked to stop; no file was written (the temporary one is gone)."""


class _Steps:
    """Counts work done and asks the callback, not more often than every ``every`` steps
    (a callback that repaints a dialog costs more than writing one CSV row)."""

    def __init__(self, progress: Progress | None, total: int, every: int = 25) -> None:
        self.progress, self.total, self.every = progress, max(total, 1), every
        self.done = 0

    def start(self) -> None:
        self._ask()

    def step(self, count: int = 1) -> None:
        before = self.done
        self.done = min(self.done + count, self.total)
        if self.done == self.total or self.done // self.every != before // self.every:
            self._ask()

    def _ask(self) -> None:
        if self.progress is not None and self.progress(self.done, self.total) is False:
            raise ExportCancelled()


def register_title(subgroup: int, year: int) -> str:
    return f"Evidenca obravnavanih primerov R-4 – podskupina {subgroup}, leto {year}"


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, date):
        return fmt_date(value)
    return str(value)


def _csv_cell(value: object) -> object:
    """A text guarded against running as a formula (``spreadsheet_text``), the rest as
    ``_cell_text`` writes it (a day count stays a number)."""
    return csv_text(value) if isinstance(value, str) else _cell_text(value)


# In the PDF the column heading already names what the cell is: "Center" over "Center za
# socialno delo Ljubljana" or "Enota" over "Enota Domžale" only repeats it in a narrow cell.
_PDF_DROP_PREFIX = {"centre": "Center za socialno delo ", "unit": "Enota "}


_MEMBERS = next(index for index, column in enumerate(COLUMNS) if column.key == "members")

# A date inside a longer text ("ZVIŠA za 50 % (1. 1. 2027 – 31. 12. 2027)") wraps as a
# whole: no-break spaces keep "31." and "12. 2027" on one line.
_DATE_IN_TEXT = re.compile(r"\b(\d{1,2})\. (\d{1,2})\. (\d{4})\b")


def pdf_cell_text(key: str, value: object) -> str:
    """A cell as the PDF prints it: the column's own label not repeated at its start,
    a date never broken over two lines."""
    text = _cell_text(value)
    prefix = _PDF_DROP_PREFIX.get(key)
    if prefix and text.casefold().startswith(prefix.casefold()) and text[len(prefix) :].strip():
        text = text[len(prefix) :].strip()
    return _DATE_IN_TEXT.sub("\\1.\u00a0\\2.\u00a0\\3", text)


def write_csv(
    rows: Sequence[RegisterRow], path: str | Path, *, progress: Progress | None = None
) -> Path:
    """UTF-8 with BOM and `;`: what Slovenian Excel opens correctly with a double click
    (its list separator is `;`, because `,` is the decimal comma)."""
    steps = _Steps(progress, len(rows))

    def write(temporary: Path) -> None:
        steps.start()
        with temporary.open("w", encoding="utf-8-sig", newline="") as handle:
            writer = csv.writer(handle, delimiter=";", quoting=csv.QUOTE_MINIMAL)
            writer.writerow([column.heading for column in COLUMNS])
            for row in rows:
                writer.writerow([_csv_cell(column.value(row)) for column in COLUMNS])
                steps.step()

    return write_output(path, write)


def write_xlsx(
    rows: Sequence[RegisterRow],
    path: str | Path,
    *,
    title: str = "Evidenca",
    progress: Progress | None = None,
) -> Path:
    """One sheet: bold frozen header, column widths, dates as real Excel dates."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    from rejnistvo.xlsx_rows import append_as_typed

    # Filling the cells is one half of the work, saving the file the other.
    steps = _Steps(progress, 2 * len(rows) or 1)
    steps.start()
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Evidenca"
    sheet.append([column.heading for column in COLUMNS])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    for row in rows:
        append_as_typed(
            sheet, [column.value(row) if column.value(row) != "" else None for column in COLUMNS]
        )
        steps.step()
    for index, column in enumerate(COLUMNS, start=1):
        letter = get_column_letter(index)
        sheet.column_dimensions[letter].width = column.width
        if column.kind == "date":
            for (cell,) in sheet.iter_rows(min_row=2, min_col=index, max_col=index):
                cell.number_format = "d. m. yyyy"
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = sheet.dimensions
    workbook.properties.title = title
    # A fixed creation time: the same register exported twice gives the same cells and metadata.
    workbook.properties.created = datetime(2000, 1, 1)

    def write(temporary: Path) -> None:
        workbook.save(temporary)
        steps.step(steps.total)

    return write_output(path, write)


def write_pdf(
    rows: Sequence[RegisterRow],
    path: str | Path,
    *,
    title: str,
    printed_on: date | None = None,
    progress: Progress | None = None,
) -> Path:
    """Landscape A4 table; the header row repeats on every page, each page numbered.

    Progress: the first half counts the rows made into cells, the second half the rows
    laid out on pages (reportlab draws the table page by page)."""
    from xml.sax.saxutils import escape

    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import LongTable, Paragraph, SimpleDocTemplate, Spacer, TableStyle

    from rejnistvo.printing.document import PageCountingCanvas
    from rejnistvo.register.fonts import table_fonts

    regular, bold = table_fonts()
    # A hyphenated name ("Primorsko-notranjska") too long for its column breaks after its
    # own hyphen, not mid-word where reportlab would otherwise cut it.
    cell_style = ParagraphStyle(
        "cell", fontName=regular, fontSize=6.5, leading=8, embeddedHyphenation=1
    )
    head_style = ParagraphStyle("head", parent=cell_style, fontName=bold)
    title_style = ParagraphStyle("title", fontName=bold, fontSize=12, leading=15)
    page_size = landscape(A4)
    margin = 10 * mm
    usable = page_size[0] - 2 * margin
    total_width = sum(column.pdf_width for column in COLUMNS)
    widths = [usable * column.pdf_width / total_width for column in COLUMNS]
    # The day printed comes from the caller's clock; without one the footer omits it.
    printed = f" · natisnjeno {fmt_date(printed_on)}" if printed_on else ""

    steps = _Steps(progress, 2 * len(rows) or 1)
    steps.start()
    data = [[Paragraph(escape(column.heading), head_style) for column in COLUMNS]]
    for row in rows:
        cells = [escape(pdf_cell_text(column.key, column.value(row))) for column in COLUMNS]
        # One member a line: "Mateja Štefanič" whole, not "Mateja" at the end of one line
        # and "Štefanič, Brina" on the next.
        cells[_MEMBERS] = "<br/>".join(escape(name) for name in row.members)
        data.append([Paragraph(cell, cell_style) for cell in cells])
        steps.step()
    if not rows:
        data.append([Paragraph("Ni primerov.", cell_style)] + [""] * (len(COLUMNS) - 1))
    table = LongTable(data, colWidths=widths, repeatRows=1)
    spans = [("SPAN", (0, 1), (-1, 1))] if not rows else []
    table.setStyle(
        TableStyle(
            spans
            + [
                # a cell's own font, set before its paragraph draws: else Helvetica,
                # declared on every page and never embedded (SPEC 4)
                ("FONTNAME", (0, 0), (-1, -1), regular),
                ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e6e6e6")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 2),
                ("RIGHTPADDING", (0, 0), (-1, -1), 2),
            ]
        )
    )

    class NumberedPages(PageCountingCanvas):
        def page_footer(self, number: int, total: int) -> None:
            self.saveState()
            self.setFont(regular, 7)
            self.drawString(margin, 6 * mm, f"{title}{printed}")
            self.drawRightString(page_size[0] - margin, 6 * mm, f"stran {number} od {total}")
            self.restoreState()

    def write(temporary: Path) -> None:
        document = SimpleDocTemplate(
            str(temporary),
            pagesize=page_size,
            leftMargin=margin,
            rightMargin=margin,
            topMargin=margin,
            bottomMargin=12 * mm,
            title=title,
            author="Rejništvo",
            lang="sl-SI",  # as the forms: a screen reader reads it in Slovenian
            # else every page declares Helvetica, a font never embedded (SPEC 4)
            initialFontName=regular,
        )

        def after_flowable(flowable: object) -> None:
            # Each page's part of the long table, its repeated header row not counted.
            if isinstance(flowable, LongTable) and rows:
                steps.step(max(len(getattr(flowable, "_cellvalues", ())) - 1, 0))

        document.afterFlowable = after_flowable
        document.build(
            [Paragraph(escape(title), title_style), Spacer(1, 4 * mm), table],
            canvasmaker=NumberedPages,
        )
        steps.step(steps.total)

    return write_output(path, write)


def write_register(
    rows: Sequence[RegisterRow],
    fmt: str,
    path: str | Path,
    *,
    subgroup: int,
    year: int,
    progress: Progress | None = None,
    printed_on: date | None = None,
) -> Path:
    """Write the register in `fmt` (csv, xlsx or pdf); a PDF's footer names `printed_on`.

    ``progress(done, total)`` is called as the work goes on (first with done = 0); when
    it returns False the export stops with ``ExportCancelled`` and no file is left."""
    title = register_title(subgroup, year)
    if fmt == "csv":
        return write_csv(rows, path, progress=progress)
    if fmt == "xlsx":
        return write_xlsx(rows, path, title=title, progress=progress)
    if fmt == "pdf":
        return write_pdf(rows, path, title=title, progress=progress, printed_on=printed_on)
    raise InputError("format", f"Neznana oblika »{fmt}«; dovoljene so: csv, xlsx, pdf.")
