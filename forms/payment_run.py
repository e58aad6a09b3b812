"""The monthly payment run as a list (not an official form; SPEC 3.6): A4 landscape, per
centre and unit, each line with its days, factor, board and its increase, fee and its
uplift, the total; totals per unit, per centre and overall; the overpayments listed apart
(never deducted); the warnings; signature lines for who prepared and who approved it."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer

from rejnistvo.printing import LANDSCAPE_FRAME_WIDTH as WIDTH
from rejnistvo.printing import build_pdf, markup, para, table
from rejnistvo.printing.fonts import SERIF
from rejnistvo.printing.formats import fmt_amount, fmt_date, fmt_month
from rejnistvo.rules.money import ZERO
from rejnistvo.rules.payment_run import KIND_LABELS

from ._common import date_and_signature

if TYPE_CHECKING:
    from rejnistvo.services.payment_run import PaymentRun, RunLine

TITLE = "IZPLAČILO REJNIN"
HEAD = (
    "Rejnik/ica", "Otrok", "Pogodba", "Vrsta", "Za mesec", "Dni", "Faktor", "Oskrbnina",
    "od tega zvišanje", "Plačilo dela", "od tega zvišanje", "Skupaj", "Razlog",
)  # fmt: skip
_WIDTHS = (34, 30, 24, 18, 18, 9, 11, 18, 16, 18, 16, 19, 60)


def _cells(line: RunLine) -> list[object]:
    a = line.amounts
    reason = line.reason + (f" ({line.settlement})" if line.settlement else "")
    return [
        line.carer, line.child, line.contract, KIND_LABELS[line.kind],
        fmt_month(line.for_month), str(line.days) if line.days else "", line.factor,
        fmt_amount(a.board), fmt_amount(a.board_increase), fmt_amount(a.fee),
        fmt_amount(a.fee_uplift), fmt_amount(a.total),
        para(reason, "cell") if reason else "",
    ]  # fmt: skip


def _table(lines: Sequence[RunLine], total_label: str, total: Decimal) -> Flowable:
    scale = WIDTH / (sum(_WIDTHS) * mm)
    rows: list[list[object]] = [[para(h, "cell_head") for h in HEAD]]
    rows += [_cells(line) for line in lines]
    rows.append(
        [
            markup(f"<b>{total_label}</b>", "cell"),
            *[""] * 10,
            markup(f"<b>{fmt_amount(total)}</b>", "cell_num"),
            "",
        ]  # fmt: skip
    )
    t = table(rows, [w * mm * scale for w in _WIDTHS], total_row=True, num_cols=tuple(range(5, 12)))
    t.setStyle(
        [
            ("FONTNAME", (5, 1), (11, -2), SERIF),
            ("FONTSIZE", (0, 1), (-1, -2), 8),
            ("LEADING", (0, 1), (-1, -2), 10),
            ("SPAN", (0, -1), (10, -1)),
        ]
    )
    t.hAlign = "LEFT"
    t.spaceAfter = 4
    return t


def _status(run: PaymentRun) -> str:
    if run.closed_on is None:
        return "Mesec ni zaključen: predlog izplačila po današnjih podatkih."
    return (
        f"Mesec zaključen {fmt_date(run.closed_on)} ({run.closed_by}); izpis kaže, kar je bilo "
        "izplačano."
    )


def build_story(run: PaymentRun, printed_on: date) -> list[Flowable]:
    story: list[Flowable] = [
        para(f"{TITLE} ZA {fmt_month(run.month).upper()}", "title"),
        para(f"{_status(run)} Datum izpisa: {fmt_date(printed_on)}.", "body"),
    ]
    paid = run.paid_lines()
    by_centre: dict[str, dict[str, list[RunLine]]] = {}
    for line in paid:
        by_centre.setdefault(line.centre or "(brez centra)", {}).setdefault(
            line.unit or "(brez enote)", []
        ).append(line)
    for centre, units in by_centre.items():
        story.append(para(centre, "heading"))
        centre_total = ZERO
        for unit, lines in units.items():
            unit_total = sum((line.total for line in lines), ZERO)
            centre_total += unit_total
            story.append(para(f"Enota: {unit}", "body"))
            story.append(_table(lines, f"Skupaj enota {unit}", unit_total))
        story.append(markup(f"<b>Skupaj {centre}: {fmt_amount(centre_total)} EUR</b>", "body"))
    if not paid:
        story.append(para("V tem mesecu ni izplačil.", "body"))
    story.append(Spacer(1, 4 * mm))
    story.append(markup(f"<b>SKUPAJ ZA IZPLAČILO: {fmt_amount(run.total)} EUR</b>", "heading"))
    over = run.overpayment_lines()
    if over:
        story.append(
            para("Preplačila (niso odšteta od izplačila; poravnajo se posebej)", "heading")
        )
        story.append(_table(over, "Skupaj preplačila", -run.overpayments))
    for warning in run.warnings:
        story.append(para(f"Opozorilo: {warning}", "small"))
    story.append(Spacer(1, 6 * mm))
    story.append(para("Pripravil/a:", "body"))
    story.append(date_and_signature(None))
    story.append(para("Odobril/a:", "body"))
    story.append(date_and_signature(None))
    return story


def render_payment_run(run: PaymentRun, printed_on: date) -> bytes:
    """The run as PDF bytes (A4 landscape)."""
    return build_pdf(
        build_story(run, printed_on),
        title=f"{TITLE} {fmt_month(run.month)}",
        footer_label=f"Izplačilo rejnin – {fmt_month(run.month)}",
        wide=True,
    )
