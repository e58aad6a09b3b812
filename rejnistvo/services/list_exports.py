"""Any list a clerk sees (Rejniki, Otroci, Namestitve, Roki, R-4, R-5, Izplačila) as a
spreadsheet (XLSX or CSV) or as a printed PDF list. No Qt here.

A list is a title, the column headers and the rows as the screen shows them: each cell
is text, or a ``date``/``Decimal``/``int`` that the spreadsheet keeps as a real date or
number (so a clerk can sum and sort in Excel). CSV is what Slovenian Excel opens with a
double click: UTF-8 with a BOM, ``;`` between fields, dates "2. 3. 2026", amounts
"1.234,56". Files are written whole or not at all (a temporary file renamed into place).
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

from rejnistvo.rules.errors import InputError
from rejnistvo.spreadsheet_text import csv_text

Cell = str | date | Decimal | int | None

FORMATS = ("xlsx", "csv")


@dataclass(frozen=True)
class ListTable:
    title: str
    headers: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]
    #: a line under the title: the filter in force, the day it was made
    subtitle: str = ""
    #: columns holding amounts (right-aligned in print)
    amount_columns: tuple[int, ...] = field(default=())


def cell_text(value: Cell) -> str:
    """The cell as the screen writes it: "2. 3. 2026", "1.234,56"."""
    from rejnistvo.printing.formats import fmt_amount, fmt_date

    if value is None:
        return ""
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, date):
        return str(fmt_date(value))
    if isinstance(value, Decimal):
        return str(fmt_amount(value))
    return str(value)


def to_csv(table: ListTable) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(table.headers)
    for row in table.rows:
        # a text cell guarded (a formula), a number or date as the screen writes it
        writer.writerow([csv_text(v) if isinstance(v, str) else cell_text(v) for v in row])
    return buffer.getvalue().encode("utf-8-sig")


def to_xlsx(table: ListTable) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    from rejnistvo.xlsx_rows import append_as_typed

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    # Excel allows 31 characters and no []:*?/\ in a sheet's name.
    name = "".join(c for c in table.title if c not in "[]:*?/\\")[:31] or "Seznam"
    sheet.title = name
    sheet.append(list(table.headers))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in table.rows:
        append_as_typed(sheet, [_xlsx_value(v) for v in row])
    for index, header in enumerate(table.headers, start=1):
        values = [len(header)] + [len(cell_text(r[index - 1])) for r in table.rows[:300]]
        letter = sheet.cell(row=1, column=index).column_letter
        sheet.column_dimensions[letter].width = min(max(values) + 2, 60)
        if any(isinstance(r[index - 1], date) for r in table.rows[:50]):
            for (cell,) in sheet.iter_rows(min_row=2, min_col=index, max_col=index):
                cell.number_format = "D. M. YYYY"
        elif any(isinstance(r[index - 1], Decimal) for r in table.rows[:50]):
            for (cell,) in sheet.iter_rows(min_row=2, min_col=index, max_col=index):
                cell.number_format = "#,##0.00"
    sheet.freeze_panes = "A2"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _xlsx_value(value: Cell) -> object:
    if isinstance(value, datetime):
        return value.date()
    return value


PDF_BODY_SIZE = 9  # the "cell" style
PDF_HEAD_SIZE = 8.5  # the "cell_head" style
PDF_PADDING = 3 + 3 + 1  # left and right padding of the shared table, and a point to spare


def pdf_column_widths(table: ListTable, width: float) -> list[float]:
    """Column widths (points) from the content: a date, a number or an amount is never
    broken, a text column is at least as wide as its longest word; room left over goes to
    the columns whose text is longest, and a too-wide list shrinks only its text columns."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    from rejnistvo.printing.fonts import SANS, SANS_BOLD, SERIF, register_fonts

    register_fonts()
    count = max(len(table.headers), 1)
    least = [0.0] * count  # no cell wraps inside a word (nor inside a figure)
    natural = [0.0] * count  # every cell on one line
    for col, head in enumerate(table.headers):
        words = head.split() or [""]
        least[col] = max(stringWidth(w, SANS_BOLD, PDF_HEAD_SIZE) for w in words)
        natural[col] = stringWidth(head, SANS_BOLD, PDF_HEAD_SIZE)
    for row in table.rows:
        for col, value in enumerate(row[:count]):
            text = cell_text(value)
            figure = not isinstance(value, str) or col in table.amount_columns
            font = SERIF if col in table.amount_columns else SANS
            full = stringWidth(text, font, PDF_BODY_SIZE)
            natural[col] = max(natural[col], full)
            if figure:
                least[col] = max(least[col], full)
            else:
                words = text.split() or [""]
                longest = max(stringWidth(w, font, PDF_BODY_SIZE) for w in words)
                least[col] = max(least[col], longest)
    least = [w + PDF_PADDING for w in least]
    natural = [max(w + PDF_PADDING, low) for w, low in zip(natural, least, strict=True)]
    if sum(natural) <= width:
        spare = width - sum(natural)
        total = sum(natural) or 1.0
        return [w + spare * w / total for w in natural]
    if sum(least) >= width:  # even unbroken words do not fit: shrink all alike
        return [w * width / sum(least) for w in least]
    # Short columns first get all they need (one line); the longest texts share the rest.
    widths = list(least)
    room = width - sum(least)
    order = sorted(range(count), key=lambda c: natural[c] - least[c])
    for left, col in enumerate(order):
        extra = min(natural[col] - least[col], room / (count - left))
        widths[col] += extra
        room -= extra
    return widths


def to_pdf(table: ListTable) -> bytes:
    """The list on A4 (landscape when it has more than five columns), its header
    repeated on every page."""
    from rejnistvo.printing import (
        FRAME_WIDTH,
        LANDSCAPE_FRAME_WIDTH,
        build_pdf,
        para,
    )
    from rejnistvo.printing import (
        table as grid,
    )

    wide = len(table.headers) > 5
    width = LANDSCAPE_FRAME_WIDTH if wide else FRAME_WIDTH
    story = [para(table.title, "title")]
    if table.subtitle:
        story.append(para(table.subtitle))
    rows: list[list[object]] = [[para(h, "cell_head") for h in table.headers]]
    for row in table.rows:
        rows.append(
            [
                para(cell_text(v), "cell_num" if col in table.amount_columns else "cell")
                for col, v in enumerate(row)
            ]
        )
    widths = pdf_column_widths(table, width)
    story.append(grid(rows, widths, num_cols=tuple(table.amount_columns)))
    story.append(para(f"Vrstic: {len(table.rows)}"))
    return build_pdf(story, title=table.title, footer_label=table.title, wide=wide)


def export_bytes(table: ListTable, fmt: str) -> bytes:
    if fmt == "xlsx":
        return to_xlsx(table)
    if fmt == "csv":
        return to_csv(table)
    if fmt == "pdf":
        return to_pdf(table)
    raise InputError("format", f"Oblika »{fmt}« ni podprta; izberite XLSX, CSV ali PDF.")


def export_list(table: ListTable, path: Path) -> Path:
    """Write the list to ``path``; the format follows the suffix (.xlsx, .csv, .pdf)."""
    from rejnistvo.printing import write_atomic

    fmt = path.suffix.lower().lstrip(".")
    data = export_bytes(table, fmt)
    write_atomic(path, data)
    return path


def file_name(*parts: object, ext: str) -> str:
    """A file name that says what it is: ``file_name("R-4", "1220-14/2026", "Čuk",
    ext="pdf")`` → "R-4 1220-14-2026 Čuk.pdf". Characters no system allows in a name
    become "-"; empty parts are left out."""
    bad = '<>:"/\\|?*'
    words = []
    for part in parts:
        text = "" if part is None else str(part).strip()
        if not text:
            continue
        words.append("".join("-" if c in bad or ord(c) < 32 else c for c in text))
    stem = " ".join(words).strip(" .") or "dokument"
    return f"{stem}.{ext.lstrip('.')}"
