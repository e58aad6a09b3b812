"""Call to refund unjustified board-increase money, with its instalment plan (not an
official form; SPEC 3.4, Pravilnik čl. 28/4, ZUP 100, 101).

States who calls whom for what: the centre, the carer, the child, the increase period, the
amount received, the amount to refund, the deadline with its legal limit (no longer than
the period the increase was received), the method, and the instalments with due dates and
amounts that sum to the refund.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from datetime import date
from decimal import Decimal
from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether

from rejnistvo.printing import (
    FRAME_WIDTH,
    FormLine,
    build_pdf,
    field,
    markup,
    para,
    tab,
    table,
    text,
)
from rejnistvo.printing.formats import fmt_amount, fmt_date, fmt_eur, fmt_month
from rejnistvo.rules.periods import Period
from rejnistvo.rules.refund import RefundPlan

TITLE = "POZIV K VRAČILU SREDSTEV ZVIŠANE OSKRBNINE"
METHOD_TEXT = {
    "lump_sum": "v enkratnem znesku",
    "as_received": "v posameznih zneskih, kot jih je prejel/a",
}
LEGAL_BASIS = (
    "Podlaga: četrti odstavek 28. člena Pravilnika o pogojih in postopkih za izvajanje "
    "rejniške dejavnosti (Uradni list RS, št. 77/19 in 78/25). Center otroka v pozivu določi "
    "rok vračila, ki ne sme biti daljši od obdobja prejemanja sredstev zvišane oskrbnine; "
    "rok začne teči naslednji dan po vročitvi poziva (100. člen ZUP), če se izteče na dan, ko "
    "center ne dela, se izteče naslednji delovni dan (101. člen ZUP)."
)


def _esc(value: object) -> str:
    return str(value).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _nb(value: str) -> str:
    """No line break inside a date ("7. 1.|2027" reads wrong)."""
    return value.replace(" ", "\u00a0")


def _b(value: object) -> str:
    # no line break inside a date or an amount ("7. 1.|2027" reads wrong)
    shown = _esc(value).replace(" ", "\u00a0") if len(str(value)) < 20 else _esc(value)
    return f"<b>{shown}</b>" if value not in (None, "") else "____________"


def build_story(header: Mapping[str, Any], plan: RefundPlan) -> list[Flowable]:
    period: Period | None = header.get("increase_period")
    percent = header.get("increase_percent")
    call_date: date | None = header.get("call_date")
    method = str(plan.method)
    period_text = (
        f"od {fmt_date(period.start)} do {fmt_date(period.end)}"
        if period and period.end
        else "____________"
    )
    story: list[Flowable] = [
        markup(f"{_b(header.get('centre'))}<br/>{_esc(header.get('unit') or '')}"),
        markup(f"Številka: {_b(header.get('case_no'))}<br/>Datum: {_b(fmt_date(call_date))}"),
        markup(
            f"Rejnik/ica: {_b(header.get('carer'))}<br/>{_esc(header.get('carer_address') or '')}"
        ),
        para(TITLE, "title"),
        markup(
            f"Center za socialno delo je pri pregledu poročila o namenskosti porabe sredstev "
            f"zvišane oskrbnine (obrazec R-5) za otroka {_b(header.get('child'))} ugotovil, da "
            f"sredstva zvišane oskrbnine (zvišanje za {_b(f'{percent} %' if percent else '')} "
            f"v obdobju {period_text}) v višini {_b(fmt_eur(plan.refund))} niso bila porabljena "
            f"za izredne izdatke, zaradi katerih je bila oskrbnina zvišana, ali za njihov prejem "
            f"ni bilo več zakonskih razlogov."
        ),
        markup(
            f"V obdobju zvišanja ste prejeli {_b(fmt_eur(plan.received))} sredstev zvišane "
            f"oskrbnine. Pozivamo vas, da znesek {_b(fmt_eur(plan.refund))} vrnete "
            f"<b>{METHOD_TEXT.get(method, method)}</b> najkasneje do {_b(fmt_date(plan.deadline))}."
        ),
        markup(
            f"Zvišana oskrbnina je bila izplačana za {plan.paid_days} dni, zato je najpoznejši "
            f"dopustni rok vračila {_nb(fmt_date(plan.latest_deadline))}."
            if plan.paid_days
            else f"Najpoznejši dopustni rok vračila je {_nb(fmt_date(plan.latest_deadline))}.",
            "body",
        ),
        para(LEGAL_BASIS, "small"),
        para("Prejeta sredstva zvišane oskrbnine po mesecih", "heading"),
        _months_table(plan),
        para("Načrt vračila", "heading"),
        _instalments_table(plan),
    ]
    account = header.get("account")
    if account:
        story.append(
            markup(
                f"Zneske nakažite na račun {_b(account)}"
                + (f", sklic {_b(header.get('reference'))}." if header.get("reference") else ".")
            )
        )
    story.append(
        KeepTogether(
            [
                FormLine(
                    [
                        text("Datum: "),
                        field(fmt_date(call_date) or None, 35),
                        tab(95),
                        text("Podpis odgovorne osebe:"),
                    ],
                    space_before=12,
                    space_after=0,
                ),
                FormLine([tab(95), field(None, 60)], space_before=8),
            ]
        )
    )
    return story


def _months_table(plan: RefundPlan) -> Flowable:
    rows: list[list[object]] = [
        [para("Mesec", "cell_head"), para("Prejeto zvišanje (EUR)", "cell_head")]
    ]
    for month in plan.months:
        rows.append(
            [para(fmt_month(month.month), "cell"), para(fmt_amount(month.increase), "cell_num")]
        )
    rows.append(
        [markup("<b>SKUPAJ</b>", "cell"), markup(f"<b>{fmt_amount(plan.received)}</b>", "cell_num")]
    )
    t = table(rows, [60 * mm, 45 * mm], total_row=True)
    t.hAlign = "LEFT"
    return t


def _instalments_table(plan: RefundPlan) -> Flowable:
    rows: list[list[object]] = [
        [
            para("Obrok", "cell_head"),
            para("Rok plačila", "cell_head"),
            para("Znesek (EUR)", "cell_head"),
        ]
    ]
    total = Decimal("0.00")
    for i, instalment in enumerate(plan.instalments, start=1):
        total += instalment.amount
        rows.append(
            [
                para(f"{i}.", "cell"),
                para(fmt_date(instalment.due), "cell_value"),
                para(fmt_amount(instalment.amount), "cell_num"),
            ]
        )
    rows.append(
        [markup("<b>SKUPAJ</b>", "cell"), "", markup(f"<b>{fmt_amount(total)}</b>", "cell_num")]
    )
    t = table(rows, [20 * mm, 40 * mm, 45 * mm], total_row=True)
    t.hAlign = "LEFT"
    return t


def render_refund_call_bytes(header: Mapping[str, Any], plan: RefundPlan) -> bytes:
    """The refund call as PDF bytes. `header` keys (all optional): centre, unit, case_no,
    call_date (date), carer, carer_address, child, increase_percent, increase_period
    (Period), account, reference."""
    return build_pdf(build_story(header, plan), title=TITLE, footer_label="Poziv k vračilu")


def render_refund_call(
    header: Mapping[str, Any], plan: RefundPlan, out_path: str | os.PathLike[str]
) -> bytes:
    """Write the refund call to out_path (whole or not at all); returns the bytes too."""
    return build_pdf(
        build_story(header, plan), title=TITLE, footer_label="Poziv k vračilu", out_path=out_path
    )


_ = FRAME_WIDTH  # the tables are narrower than the frame on purpose: left-aligned
