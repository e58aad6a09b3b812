"""Monthly payment sheet of one placement (not an official form; SPEC 3.2, Pravilnik čl. 26
and the program's two readings of it, each stated on the sheet).

Each month: days in the month, days placed, the coverage factor, the rates in force with
their legal source (footnotes), board and its increase, fee and its uplift, the total; then
the sums and a short explanation of the formula, so a reader can check every figure by
hand.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any

from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus.flowables import Flowable, KeepTogether

from rejnistvo.printing import LANDSCAPE_FRAME_WIDTH as WIDTH
from rejnistvo.printing import build_pdf, markup, para, register_fonts, table
from rejnistvo.printing.document import escape
from rejnistvo.printing.fonts import SANS, SANS_BOLD, SERIF, SERIF_BOLD
from rejnistvo.printing.formats import fmt_amount, fmt_date, fmt_factor, fmt_month
from rejnistvo.rules.months import MonthPayment, fee_share_text
from rejnistvo.rules.periods import Period

from ._common import after_label

TITLE = "OBRAČUN REJNINE PO MESECIH"

EXPLANATION = (
    "Kako je izračunano: 26. člen pravilnika določa, da se oskrbnina, če je obdobje "
    "namestitve v mesecu krajše od 30 dni, izplača v sorazmernem delu. Za mesec z <i>D</i> "
    "dnevi in <i>P</i> dnevi namestitve po rejniški pogodbi in aneksih je faktor 1, če je "
    "<i>P</i> ≥ 30 ali <i>P</i> = <i>D</i> (cel mesec), sicer <i>P</i>/30. Oskrbnina = faktor "
    "× povprečje dnevnih zneskov (veljavni znesek × (1 + zvišanje)) po dnevih namestitve. "
    "Vsak znesek je zaokrožen na cent (polovica navzgor). Primer: 22 dni v marcu, osnovna "
    "oskrbnina 638,00 EUR: 22/30 × 638,00 = 467,87 EUR. Zvišanje oskrbnine v mesecu je "
    "oskrbnina z zvišanjem minus oskrbnina brez njega; skupaj = oskrbnina + plačilo dela."
)
READINGS = (
    "Razlaga programa, ne besedilo 26. člena: 26. člen govori le o oskrbnini, plačilo dela "
    "(z zvišanjem) program po analogiji deli v enakem sorazmerju. "
    "Razlaga programa, ne besedilo 26. člena: cel mesec s 28 ali 29 dnevi program šteje kot "
    "cel mesec (faktor 1), čeprav ima manj kot 30 dni."
)
PART_TIME_NOTE = (
    "* namestitev le ob koncih tedna, praznikih in šolskih počitnicah: oskrbnina "
    "75 % veljavne, plačilo dela v deležu, določenem v rejniški pogodbi."
)
#: the same with the contract's share, so the fee can be checked by hand
PART_TIME_SHARE_NOTE = (
    "* namestitev le ob koncih tedna, praznikih in šolskih počitnicah: oskrbnina "
    "75 % veljavne, plačilo dela {share} veljavnega (delež, določen v rejniški pogodbi)."
)


#: rows 3 pt lower than reportlab's default padding (3 above, 3 below): a calendar year
#: (the Izračun screen's default) with its heading, two rate rows' sources, a missing
#: indexation and the explanation fits one A4 page; it ran onto a second page, with
#: only the last lines of the explanation and the readings there
_TIGHT_ROWS = (
    ("TOPPADDING", (0, 0), (-1, -1), 1.5),
    ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
)


#: the columns in mm, scaled to the frame: the month as wide as »september 2026 *« (a
#: part-time month, the longest name; at 26 it ran over the border); the rates column has
#: room to spare for two rows' text
BASE_WIDTHS = (29, 16, 18, 15, 37, 22, 22, 22, 22, 24)
HEAD = (
    "Mesec",
    "Dni v mesecu",
    "Dni namest.",
    "Faktor",
    "Veljavni znesek: oskrbnina / plačilo dela",
    "Oskrbnina",
    "od tega zvišanje",
    "Plačilo dela",
    "od tega zvišanje",
    "Skupaj",
)
_PADDING = 2 * 3 + 1  # the table's left and right padding, and a point to spare


def column_widths(
    rows: Sequence[Sequence[object]], totals: Sequence[str]
) -> tuple[list[float], float]:
    """The columns' widths (points): the base layout, widened where a figure would run
    over its border into the next column (an amount typed a hundred times too high, the
    sums of many years), the room taken from columns that have it to spare. A figure
    never wraps: the sums' »2.835.019.1« / »57,04« read as two numbers. When no layout
    of the frame holds them all, the table's type is made smaller: the second value is
    the factor of its font sizes (1 when it is not)."""
    register_fonts()
    scale = WIDTH / (sum(BASE_WIDTHS) * mm)
    widths = [w * mm * scale for w in BASE_WIDTHS]
    least = [
        max(stringWidth(word, SANS_BOLD, 8.5) for word in head.split()) + _PADDING for head in HEAD
    ]
    for row in rows:
        for col, value in enumerate(row):
            font = SANS if col == 0 else SERIF
            for line in str(value).splitlines():
                least[col] = max(least[col], stringWidth(line, font, 9) + _PADDING)
    for col, total in enumerate(totals, start=5):
        least[col] = max(least[col], stringWidth(total, SERIF_BOLD, 9) + _PADDING)
    short = sum(max(0.0, need - width) for need, width in zip(least, widths, strict=True))
    if not short:
        return widths, 1.0
    spare = [max(0.0, width - need) for need, width in zip(least, widths, strict=True)]
    if sum(spare) < short:  # every column as its text needs, in a smaller type
        pads = _PADDING * len(least)  # (the padding does not shrink with the type)
        size = (WIDTH - pads) / (sum(least) - pads)
        return [(need - _PADDING) * size + _PADDING for need in least], size
    share = short / sum(spare)
    fitted = [
        max(need, width - room * share)
        for need, width, room in zip(least, widths, spare, strict=True)
    ]
    return fitted, 1.0


def _sized(xml: str, size: float) -> str:
    """Markup in a font this many points (unchanged at the style's own size)."""
    return f'<font size="{size:.2f}">{xml}</font>'


def _periods(value: object) -> str:
    if isinstance(value, Period):
        if value.end is None:
            return f"od {fmt_date(value.start)} dalje (nedoločen čas)"
        return f"od {fmt_date(value.start)} do {fmt_date(value.end)}"
    if isinstance(value, list | tuple):
        return "; ".join(_periods(v) for v in value)
    return str(value)


def _header(header: Mapping[str, Any]) -> list[Flowable]:
    labels = [
        ("centre", "Center za socialno delo"),
        ("unit", "Enota"),
        ("carer", "Rejnik/ica"),
        ("child", "Otrok"),
        ("contract_no", "Rejniška pogodba št."),
        ("placement", "Obdobje namestitve"),
        ("board_increases", "Zvišanje oskrbnine"),
        ("fee_uplifts", "Zvišanje plačila dela"),
        ("date", "Datum izpisa"),
    ]
    rows = []
    for key, label in labels:
        value = header.get(key)
        if value in (None, "", [], ()):
            continue
        shown = (
            fmt_date(value)
            if key == "date"
            else _adjustments(value)
            if key in ("board_increases", "fee_uplifts")
            else _periods(value)
        )
        if key in ("centre", "unit"):  # the label column names it already
            shown = after_label(shown, label) or shown
        rows.append([para(label, "cell"), para(shown, "cell_value")])
    if not rows:
        return []
    t = table(rows, [50 * mm, 120 * mm], header_rows=0)
    t.hAlign = "LEFT"
    t.spaceAfter = 4  # a warning below must not touch the table
    t.setStyle(
        [
            ("GRID", (0, 0), (-1, -1), 0.25, "#999999"),
            ("BACKGROUND", (0, 0), (0, -1), "#eeeeee"),
            *_TIGHT_ROWS,
        ]
    )
    return [t]


def _adjustments(value: object) -> str:
    items = value if isinstance(value, list | tuple) else [value]
    parts = []
    for item in items:
        percent = getattr(item, "percent", None)
        period = getattr(item, "period", None)
        parts.append(f"{percent} % {_periods(period)}" if percent and period else str(item))
    return "; ".join(parts)


def build_story(header: Mapping[str, Any], payments: Sequence[MonthPayment]) -> list[Flowable]:
    sources: list[str] = []

    def note(source: str) -> str:
        if source not in sources:
            sources.append(source)
        return _superscript(sources.index(source) + 1)

    body: list[list[object]] = []
    sums = [Decimal("0.00")] * 5
    part_time = False
    for p in payments:
        factor = fmt_factor(p.factor, p.days_placed)
        rates = "\n".join(
            f"{fmt_amount(r.board)} / {fmt_amount(r.fee)} {note(r.source or 'vir ni naveden')}"
            for r in p.rates
        )
        month = fmt_month(p.month) + (" *" if p.part_time else "")
        part_time = part_time or p.part_time
        figures = [p.board, p.board_increase, p.fee, p.fee_uplift, p.total]
        sums = [a + b for a, b in zip(sums, figures, strict=True)]
        # plain strings, not Paragraphs: a sheet of many years stays quick to lay out
        body.append(
            [
                month,
                str(p.days_in_month),
                str(p.days_placed),
                factor,
                rates or "–",
                *[fmt_amount(v) for v in figures],
            ]
        )
    totals = [fmt_amount(v) for v in sums]
    widths, size = column_widths(body, totals)
    if size == 1:
        head = [para(h, "cell_head") for h in HEAD]
        sums_row = [markup(f"<b>{total}</b>", "cell_num") for total in totals]
    else:  # (the rare smaller type: the heading and the sums shrink with the figures)
        head = [markup(_sized(escape(h), 8.5 * size), "cell_head") for h in HEAD]
        sums_row = [markup(_sized(f"<b>{total}</b>", 9 * size), "cell_num") for total in totals]
    rows: list[list[object]] = [
        list(head),
        *body,
        [markup("<b>SKUPAJ</b>", "cell"), "", "", "", "", *sums_row],
    ]
    t = table(rows, widths, total_row=True, num_cols=tuple(range(1, 10)))
    t.setStyle(
        [
            ("FONTNAME", (1, 1), (-1, -2), SERIF),
            ("FONTSIZE", (0, 1), (-1, -2), 9 * size),
            ("LEADING", (0, 1), (-1, -2), 11 * size),
            *_TIGHT_ROWS,
        ]
    )
    t.spaceBefore = 8
    t.hAlign = "LEFT"
    t.spaceAfter = 6
    story: list[Flowable] = [para(header.get("title") or TITLE, "title"), *_header(header)]
    # A missing 1 March indexation (SPEC 3.1) is said before the figures it affects.
    for warning in header.get("warnings") or ():
        story.append(markup(f"<b>Opozorilo:</b> {escape(str(warning))}", "small"))
    story.append(t)
    notes: list[Flowable] = []
    if part_time:
        share = header.get("fee_share")
        note_text = (
            PART_TIME_SHARE_NOTE.format(share=fee_share_text(Decimal(share)))
            if share is not None
            else PART_TIME_NOTE
        )
        notes.append(para(note_text, "small"))
    for i, source in enumerate(sources, start=1):
        notes.append(para(f"{_superscript(i)} {source}", "small"))
    notes.append(markup(EXPLANATION, "small"))
    notes.append(markup(READINGS, "small"))
    # the notes under the table go to a page together: the explanation was cut between
    # pages mid-sentence, the program's readings of čl. 26 alone on a second page
    story.append(KeepTogether(notes))
    return story


def _superscript(number: int) -> str:
    return str(number).translate(str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹"))


def render_payment_sheet_bytes(
    header: Mapping[str, Any], payments: Sequence[MonthPayment]
) -> bytes:
    """The payment sheet as PDF bytes. `header` keys (all optional): title, centre, unit,
    carer, child, contract_no, placement (Period or list), board_increases, fee_uplifts
    (Adjustment or list), date, warnings (lines printed above the table), fee_share (the
    contract's share of the fee of a part-time placement, e.g. Decimal("0.40"))."""
    return build_pdf(
        build_story(header, payments), title=TITLE, footer_label="Obračun rejnine", wide=True
    )


def render_payment_sheet(
    header: Mapping[str, Any], payments: Sequence[MonthPayment], out_path: str | os.PathLike[str]
) -> bytes:
    """Write the payment sheet to out_path (whole or not at all); returns the bytes too."""
    return build_pdf(
        build_story(header, payments),
        title=TITLE,
        footer_label="Obračun rejnine",
        out_path=out_path,
        wide=True,
    )
