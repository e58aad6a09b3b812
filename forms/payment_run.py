"""The monthly payment run as a list (not an official form; SPEC 3.6): A4 landscape, per
centre and unit, each line with its days, factor, board and its increase, fee and its
uplift, the total; totals per unit, per centre and overall; the overpayments listed apart
(never deducted); the warnings; signature lines for who prepared and who approved it."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from functools import cache
from typing import TYPE_CHECKING

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus.flowables import CondPageBreak, Flowable, KeepTogether, Spacer
from reportlab.platypus.tables import Table

from rejnistvo.printing import LANDSCAPE_FRAME_WIDTH as WIDTH
from rejnistvo.printing import build_pdf, markup, para, register_fonts, styles, table
from rejnistvo.printing.document import Paragraph, TableEnd, escape
from rejnistvo.printing.fonts import SANS, SANS_BOLD, SERIF, SERIF_BOLD
from rejnistvo.printing.formats import fmt_amount, fmt_date, fmt_month
from rejnistvo.rules.money import ZERO
from rejnistvo.rules.payment_run import KIND_LABELS

from ._common import CENTRE_LABEL, date_and_signature

if TYPE_CHECKING:
    from rejnistvo.services.payment_run import PaymentRun, RunLine

TITLE = "IZPLAČILO REJNIN"
HEAD = (
    "Rejnik/ica", "Otrok", "Pogodba", "Vrsta", "Za mesec", "Dni", "Faktor", "Oskrbnina",
    "od tega zvišanje", "Plačilo dela", "od tega zvišanje", "Skupaj", "Razlog",
)  # fmt: skip
NUM_COLS = tuple(range(5, 12))  # days, factor and the five amounts: right-aligned, serif
NOWRAP_COLS = (2, 4, *NUM_COLS)  # a contract number, a month or a figure never wraps
NAME_COLS = (0, 1)  # a name gets one line up to NAME_MAX, then wraps
NAME_MAX = 34 * mm
REASON_COL = 12  # the reason takes what the figures and the names leave
TEXT_MIN = {0: 20 * mm, 1: 20 * mm, 12: 38 * mm}
BODY_SIZE = 8
HEAD_SIZE = 8.5
TOTAL_SIZE = 9
PADDING = 3  # left and right, as the shared table() sets them


@cache
def _cell_style() -> ParagraphStyle:
    return ParagraphStyle("run_cell", parent=styles()["cell"], fontSize=BODY_SIZE, leading=10)


def _kind(line: RunLine) -> str:
    return KIND_LABELS[line.kind]


def _text_cells(line: RunLine) -> list[str]:
    """The row as plain strings, in HEAD order (widths are measured on these). Days go
    with the factor: a month with no day placed any more shows 0 and 0, a one-off line
    (no factor) neither."""
    a = line.amounts
    reason = line.reason + (f" ({line.settlement})" if line.settlement else "")
    return [
        line.carer, line.child, line.contract, _kind(line), fmt_month(line.for_month),
        str(line.days) if line.factor else "", line.factor, fmt_amount(a.board),
        fmt_amount(a.board_increase), fmt_amount(a.fee), fmt_amount(a.fee_uplift),
        fmt_amount(a.total), reason,
    ]  # fmt: skip


_DATE = re.compile(r"(\d{1,2}\.) (\d{1,2}\.) (\d{4})")


def keep_dates_whole(text: str) -> str:
    """ "1. 11. 2026" with no-break spaces: a wrapped reason never splits a date."""
    return _DATE.sub("\\1\u00a0\\2\u00a0\\3", text)


def _cells(texts: list[str]) -> list[object]:
    # Names, the kind and the reason wrap inside their cell; everything else is one line.
    return [
        value
        if col in NOWRAP_COLS or not value
        else Paragraph(escape(keep_dates_whole(value)), _cell_style())
        for col, value in enumerate(texts)
    ]


def _longest_word(value: str, font: str, size: float) -> float:
    return max((stringWidth(word, font, size) for word in value.split()), default=0.0)


def column_widths(rows: Sequence[list[str]], totals: Sequence[str]) -> list[float]:
    """Column widths (points) from the content: a column that must not wrap is as wide as
    its widest value, one that may wrap at least as wide as its longest word; the header
    wraps between words only. The names and the reason take what is left."""
    register_fonts()
    widths: list[float] = []
    one_line = [0.0] * len(HEAD)  # names: their width unbroken
    for col, head in enumerate(HEAD):
        need = _longest_word(head, SANS_BOLD, HEAD_SIZE)
        font = SERIF if col in NUM_COLS else SANS
        for row in rows:
            value = row[col]
            if col in NOWRAP_COLS:
                need = max(need, stringWidth(value, font, BODY_SIZE))
            else:
                need = max(need, _longest_word(value, font, BODY_SIZE))
                one_line[col] = max(one_line[col], stringWidth(value, font, BODY_SIZE))
        if col == 11:
            for total in totals:
                need = max(need, stringWidth(total, SERIF_BOLD, TOTAL_SIZE))
        widths.append(need + 2 * PADDING + 1)
    least = list(widths)
    for col in NAME_COLS:
        unbroken = one_line[col] + 2 * PADDING + 1
        widths[col] = max(least[col], TEXT_MIN[col], min(unbroken, NAME_MAX))
    widths[REASON_COL] = WIDTH - (sum(widths) - widths[REASON_COL])
    if widths[REASON_COL] < TEXT_MIN[REASON_COL]:  # names wrap more before the reason does
        short = TEXT_MIN[REASON_COL] - widths[REASON_COL]
        for left, col in enumerate(NAME_COLS):  # both names give way alike
            give = min(short / (len(NAME_COLS) - left), widths[col] - least[col])
            widths[col] -= give
            short -= give
        widths[REASON_COL] = max(WIDTH - (sum(widths) - widths[REASON_COL]), least[REASON_COL])
    return widths


def run_widths(run: PaymentRun) -> list[float]:
    """One set of widths for every table of the run, so the columns line up down the pages."""
    lines = [*run.paid_lines(), *run.overpayment_lines(), *run.undone_lines()]
    totals = [fmt_amount(run.total), fmt_amount(-run.overpayments)]
    return column_widths([_text_cells(line) for line in lines], totals)


def _table(
    lines: Sequence[RunLine], total_label: str, total: Decimal, widths: list[float]
) -> Flowable:
    texts = [_text_cells(line) for line in lines]
    total_text = fmt_amount(total)
    rows: list[list[object]] = [[para(h, "cell_head") for h in HEAD]]
    rows += [_cells(row) for row in texts]
    rows.append(
        [
            markup(f"<b>{escape(total_label)}</b>", "cell"),
            *[""] * 10,
            markup(f"<b>{total_text}</b>", "cell_num"),
            "",
        ]  # fmt: skip
    )
    t = table(rows, widths, total_row=True, num_cols=NUM_COLS)
    t.setStyle(
        [
            ("FONTNAME", (5, 1), (11, -2), SERIF),
            ("FONTSIZE", (0, 1), (-1, -2), BODY_SIZE),
            ("LEADING", (0, 1), (-1, -2), 10),
            ("SPAN", (0, -1), (10, -1)),
        ]
    )
    t.hAlign = "LEFT"
    t.spaceAfter = 4
    return t


def short_name(name: str, label: str) -> str:
    """ "Enota Novo mesto" after the label "Enota" is just "Novo mesto": a heading never
    repeats its label ("Enota: Enota Novo mesto")."""
    if name.casefold().startswith(label.casefold() + " "):
        rest = name[len(label) :].strip()
        if rest:
            return rest
    return name


def _status(run: PaymentRun) -> str:
    if run.closed_on is None:
        return "Mesec ni zaključen: predlog izplačila po današnjih podatkih."
    return (
        f"Mesec zaključen {fmt_date(run.closed_on)} ({run.closed_by}); izpis kaže, kar je bilo "
        "izplačano."
    )


#: room a unit's heading needs below it (the heading, the table's head and two rows);
#: with less left on the page the heading starts the next page
HEADING_ROOM = 28 * mm


def build_story(run: PaymentRun, printed_on: date) -> list[Flowable]:
    story: list[Flowable] = [
        para(f"{TITLE} ZA {fmt_month(run.month).upper()}", "title"),
        para(f"{_status(run)} Datum izpisa: {fmt_date(printed_on)}.", "body"),
    ]
    # before the figures too, as on the payment sheet: a missing 1 March indexation was
    # said only under the last page's total (page 24 of 24 at 300 placements), after every
    # amount had been read as right
    story += [para(f"Opozorilo: {warning}", "body") for warning in run.warnings]
    paid = run.paid_lines()
    widths = run_widths(run)
    by_centre: dict[str, dict[str, list[RunLine]]] = {}
    for line in paid:
        by_centre.setdefault(line.centre or "(brez centra)", {}).setdefault(
            line.unit or "(brez enote)", []
        ).append(line)
    for centre, units in by_centre.items():
        story.append(CondPageBreak(HEADING_ROOM + 8 * mm))
        story.append(para(centre, "heading"))
        centre_total = ZERO
        for unit, lines in units.items():
            unit_total = sum((line.total for line in lines), ZERO)
            centre_total += unit_total
            unit_name = short_name(unit, "Enota")
            # a heading never ends a page with its table on the next one
            story.append(CondPageBreak(HEADING_ROOM))
            story.append(para(f"Enota: {unit_name}", "body"))
            story.append(_table(lines, f"Skupaj enota {unit_name}", unit_total, widths))
        centre_name = short_name(centre, CENTRE_LABEL)
        story.append(
            markup(
                f"<b>Skupaj {CENTRE_LABEL} {escape(centre_name)}: "
                f"{fmt_amount(centre_total)} EUR</b>",
                "body",
            )
        )
    if not paid:
        story.append(para("V tem mesecu ni izplačil.", "body"))
    story.append(Spacer(1, 4 * mm))
    story.append(markup(f"<b>SKUPAJ ZA IZPLAČILO: {fmt_amount(run.total)} EUR</b>", "heading"))
    over = run.overpayment_lines()
    if over:
        # as a unit's heading: never alone at a page's foot, its table on the next page
        story.append(CondPageBreak(HEADING_ROOM))
        story.append(
            para("Preplačila (niso odšteta od izplačila; poravnajo se posebej)", "heading")
        )
        story.append(_table(over, "Skupaj preplačila", -run.overpayments, widths))
    undone = run.undone_lines()
    if undone:
        story.append(CondPageBreak(HEADING_ROOM))
        story.append(
            para(
                "Razveljavljena preplačila (poznejša sprememba jih je vrnila; se ne izplačajo "
                "in ne terjajo)",
                "heading",
            )
        )
        story.append(_table(undone, "Skupaj razveljavljeno", run.undone, widths))
    for warning in run.warnings:
        story.append(para(f"Opozorilo: {warning}", "small"))
    # both signatures on one page, with what is above them: the total or a warning, or
    # the last rows of the overpayments' table (a table is not measured twice) — an
    # approval alone on a last page is easily lost
    signatures: list[Flowable] = [
        Spacer(1, 6 * mm),
        para("Pripravil/a:", "body"),
        date_and_signature(None),
        Spacer(1, 4 * mm),
        para("Odobril/a:", "body"),
        date_and_signature(None),
    ]
    last = story.pop()
    if isinstance(last, Table):  # two lines and the table's total go with them
        heading = [story.pop()] if isinstance(story[-1], Paragraph) else []
        story.append(TableEnd(last, signatures, last_rows=3, lead=heading))
    else:
        story.append(KeepTogether([last, *signatures]))
    return story


def render_payment_run(run: PaymentRun, printed_on: date) -> bytes:
    """The run as PDF bytes (A4 landscape)."""
    return build_pdf(
        build_story(run, printed_on),
        title=f"{TITLE} {fmt_month(run.month)}",
        footer_label=f"Izplačilo rejnin – {fmt_month(run.month)}",
        wide=True,
    )
