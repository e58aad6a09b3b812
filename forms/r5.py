"""OBRAZEC R-5 – Poročilo o namenskosti porabe sredstev zvišane oskrbnine (Pravilnik čl. 28;
printed in the gazette as Priloga 3 with the label "Priloga 4", which we keep).

Top to bottom like the official form: the carer's part (period, percent, the table of
extraordinary expenses of čl. 27 with SKUPAJ, date and signature, the attachments), then
the centre's part with its two findings — 1. used for the purpose, 2. not used for it, with
the refund deadline and the method box ticked (čl. 28/4). Without a finding the centre's
part prints blank.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus.flowables import CondPageBreak, Flowable, KeepTogether

from rejnistvo.printing import (
    FRAME_WIDTH,
    FormLine,
    Rule,
    box,
    build_pdf,
    choice,
    field,
    markup,
    para,
    table,
    text,
)
from rejnistvo.printing.document import TableEnd
from rejnistvo.printing.formats import fmt_amount, fmt_date, fmt_eur
from rejnistvo.rules.catalogues import expense_categories

from ._common import (
    CENTRE_LABEL,
    UNIT_LABEL,
    after_label,
    annex_label,
    coerce,
    date_and_signature,
    form_label,
    period_from,
    period_to,
)
from .data import R5Finding, R5Form, parse_r5

TITLE = "OBRAZEC R-5 – Poročilo o namenskosti porabe sredstev zvišane oskrbnine"
HEADING = "POROČILO O NAMENSKOSTI PORABE SREDSTEV ZVIŠANE OSKRBNINE"
MIN_ATTACHMENT_LINES = 3
MIN_EXPENSE_ROWS = 4  # an empty report leaves rows to fill by hand


def build_story(form: R5Form) -> list[Flowable]:
    return [*_carer_part(form), Rule(8), *_centre_part(form.finding)]


def _carer_part(form: R5Form) -> list[Flowable]:
    return [
        annex_label("Priloga 4"),
        form_label(TITLE),
        para(HEADING, "title"),
        markup("<b>Izpolni rejnik/ca:</b>"),
        para("Podatki o rejniku/ci"),
        FormLine(
            [
                field(form.carer.name, 85, caption="(ime in priimek rejnika/ce)"),
                text(", EMŠO "),
                field(form.carer.emso, 38),
            ]
        ),
        FormLine(
            [
                text("V obdobju od "),
                field(period_from(form.period), 28),
                text(" do "),
                field(period_to(form.period), 28),
                text(" je bil/a za otroka"),
            ],
            space_before=4,
        ),
        FormLine(
            [
                field(form.child.name, 85, caption="(ime in priimek otroka)"),
                text(" zvišana oskrbnina za "),
                field(str(form.percent) if form.percent else None, 14),
                text("%."),
            ]
        ),
        # the carer signs under the report: the last expense and SKUPAJ go with the
        # signature, never the signature alone at the top of the next page
        TableEnd(_expense_table(form), [date_and_signature(fmt_date(form.report_date) or None)]),
        *_attachments(form.attachments),
    ]


def _attachments(documents: list[str]) -> list[Flowable]:
    # the heading stays with the first lines; a long list then runs on over the page
    lines = _attachment_lines(documents)
    head = KeepTogether(
        [markup("<b>PRILOGA</b> (računi, dokazila):"), *lines[:MIN_ATTACHMENT_LINES]]
    )
    return [head, *lines[MIN_ATTACHMENT_LINES:]]


def _expense_table(form: R5Form) -> Flowable:
    names = expense_categories()
    head: list[object] = [
        para("Vrsta izrednega izdatka", "cell_head"),
        para("Višina izrednega izdatka (v evrih)", "cell_head"),
    ]
    rows: list[list[object]] = [head]
    for expense in form.expenses:
        kind = names.get(expense.category, expense.category)
        lines = [markup(f"<b>{_esc(kind)}</b>", "cell")]
        if expense.description:
            lines.append(para(expense.description, "cell_value"))
        if expense.document:
            lines.append(para(f"dokazilo: {expense.document}", "cell"))
        rows.append([lines, para(fmt_amount(expense.amount), "cell_num")])
    for _ in range(0 if form.expenses else MIN_EXPENSE_ROWS):
        rows.append(["", ""])
    total = fmt_amount(form.total) if form.expenses else ""
    rows.append([markup("<b>SKUPAJ</b>", "cell"), markup(f"<b>{total}</b>", "cell_num")])
    widths = [FRAME_WIDTH - 62 * mm, 62 * mm]  # the amount's heading on one line
    t = table(rows, widths, num_cols=(1,), total_row=True)
    t.spaceBefore = 6
    return t


def _esc(value: str) -> str:
    return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _attachment_lines(documents: list[str]) -> list[Flowable]:
    count = max(MIN_ATTACHMENT_LINES, len(documents))
    padded: list[str | None] = [*documents, *[None] * (count - len(documents))]
    return [
        FormLine([text(f"{i}. "), field(doc, 100)], space_after=0)
        for i, doc in enumerate(padded, start=1)
    ]


def _centre_part(finding: R5Finding | None) -> list[Flowable]:
    f = finding or R5Finding()
    # "ustrezno označi": circle each finding that applies (both may, for a partial refund)
    justified = finding is not None and bool(f.justified)
    unjustified = finding is not None and bool(f.unjustified)
    centre = after_label(f.centre, CENTRE_LABEL)  # the form prints the label itself
    unit = after_label(f.unit, UNIT_LABEL)
    centre_1 = centre if justified else None
    unit_1 = unit if justified else None
    centre_2 = centre if unjustified else None
    unit_2 = unit if unjustified else None
    return [
        CondPageBreak(90 * mm),
        markup("<b>Izpolni center za socialno delo</b> (ustrezno označi)"),
        FormLine(
            [
                choice("1.", justified),
                text(" Center za socialno delo "),
                field(centre_1, 45),
                text(", Enota "),
                field(unit_1, 35),
                text(" ugotavlja, da so bila sredstva zvišane oskrbnine v višini "),
                field(fmt_eur(f.justified) if justified else None, 30),
                text(" porabljena namensko."),
            ],
            space_before=6,
        ),
        FormLine(
            [
                choice("2.", unjustified),
                text(" Center za socialno delo "),
                field(centre_2, 45),
                text(", Enota "),
                field(unit_2, 35),
                text(" ugotavlja, da so bila sredstva zvišane oskrbnine v višini "),
                field(fmt_eur(f.unjustified) if unjustified else None, 30),
                text(
                    " porabljena nenamensko ali za njihov prejem ni bilo več zakonskih razlogov. "
                    "Rejnik/ca sredstva zvišane oskrbnine vrne do "
                ),
                field(fmt_date(f.refund_deadline) if unjustified else None, 28),
                text(":"),
            ],
            space_before=6,
        ),
        FormLine(
            [box(unjustified and f.method == "lump_sum"), text(" v enkratnem znesku,")],
            space_before=2,
            space_after=0,
        ),
        FormLine(
            [
                box(unjustified and f.method == "as_received"),
                text(" v posameznih zneskih, kot jih je prejel."),
            ]
        ),
        date_and_signature(fmt_date(f.date) or None),
    ]


def render_r5_bytes(data: R5Form | Mapping[str, Any]) -> bytes:
    """The R-5 report as PDF bytes (the window previews it with QtPdf)."""
    form = coerce(data, R5Form, parse_r5)
    return build_pdf(build_story(form), title=TITLE, footer_label="Obrazec R-5")


def render_r5(data: R5Form | Mapping[str, Any], out_path: str | os.PathLike[str]) -> bytes:
    """Write the R-5 report to out_path (whole or not at all); returns the bytes too."""
    form = coerce(data, R5Form, parse_r5)
    return build_pdf(build_story(form), title=TITLE, footer_label="Obrazec R-5", out_path=out_path)
