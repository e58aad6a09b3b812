"""Call to refund unjustified board-increase money, with its instalment plan (not an
official form; SPEC 3.4, Pravilnik čl. 28/4, ZUP 100, 101).

States who calls whom for what, as the centre ("we") to the carer ("you") throughout: the
centre, the carer with the address, the child, the increase period, the amount received
before the call, the amount to refund, the deadline with its legal limit (no longer than
the period the increase was received; moved off a non-working day), the method, the
instalments with due dates (working days) and amounts that sum to the refund, and where
to pay: the centre's account, the payment reference (sklic) and the purpose.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from datetime import date
from decimal import Decimal
from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus.flowables import Flowable, KeepTogether

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
from rejnistvo.rules.iban import format_iban
from rejnistvo.rules.periods import Period
from rejnistvo.rules.plural import count_phrase
from rejnistvo.rules.refund import RefundPlan, paid_back

TITLE = "POZIV K VRAČILU SREDSTEV ZVIŠANE OSKRBNINE"
# The call speaks as the centre ("we") to the carer ("you", formal plural) throughout.
METHOD_TEXT = {
    "lump_sum": "v enkratnem znesku",
    "as_received": "v posameznih zneskih, kot ste jih prejeli",
}
LEGAL_BASIS = (
    "Podlaga: četrti odstavek 28. člena Pravilnika o pogojih in postopkih za izvajanje "
    "rejniške dejavnosti (Uradni list RS, št. 77/19 in 78/25). Rok vračila ne sme biti daljši "
    "od obdobja prejemanja sredstev zvišane oskrbnine. Začne teči naslednji dan po vročitvi "
    "poziva (100. člen ZUP); če se izteče na soboto, nedeljo ali praznik, se izteče prvi "
    "naslednji delovni dan (101. člen ZUP). Enako velja za roke plačila obrokov."
)
PURPOSE = "vračilo zvišane oskrbnine"
BLANK = "____________"


def _esc(value: object) -> str:
    return str(value).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _nb(value: str) -> str:
    """No line break inside a date ("7. 1.|2027" reads wrong)."""
    return value.replace(" ", "\u00a0")


def _b(value: object) -> str:
    # no line break inside a date or an amount ("7. 1.|2027" reads wrong)
    if value in (None, ""):
        return BLANK
    shown = _esc(value).replace(" ", "\u00a0") if len(str(value)) < 20 else _esc(value)
    return f"<b>{shown}</b>"


def payment_reference(case_no: str | None) -> str | None:
    """The payment reference (sklic) of a call: model SI00 with the case number's digits,
    up to three parts joined by "-" (P1-P2-P3, at most 20 digits), e.g. 1221-3/2026 →
    "SI00 1221-3-2026". None when the case has no number."""
    if not case_no:
        return None
    parts = [p for p in re.split(r"\D+", case_no) if p][:3]
    if not parts:
        return None
    digits = 0
    kept: list[str] = []
    for part in parts:
        if digits + len(part) > 20:
            break
        kept.append(part)
        digits += len(part)
    return f"SI00 {'-'.join(kept)}" if kept else None


def _account(value: object) -> str | None:
    """IBAN grouped by four, as Slovenian payment slips print it. (The rules' formatter
    loads python-stdnum only for a call that has an account: importing it with this
    module was ~20 ms of the first call a window or process printed.)"""
    return format_iban(str(value)) if value else None


#: "street, 4290 Tržič": the post code (four digits) and town after the last comma
_POST_TOWN = re.compile(r"^(?P<street>.+?),\s*(?P<town>\d{4}\s+\S.*)$")


def address_lines(address: str | None) -> list[str]:
    """The address as a letter prints it: its own lines, and an address typed on one line
    ("Kidričeva cesta 28, 4290 Tržič") with the post code and town on a line of their own."""
    lines = [line.strip() for line in (address or "").splitlines() if line.strip()]
    if len(lines) == 1 and (match := _POST_TOWN.match(lines[0])):
        return [match["street"], match["town"]]
    return lines


def build_story(header: Mapping[str, Any], plan: RefundPlan) -> list[Flowable]:
    period: Period | None = header.get("increase_period")
    percent = header.get("increase_percent")
    call_date: date | None = header.get("call_date")
    method = str(plan.method)
    period_text = (
        f"od {_nb(fmt_date(period.start))} do {_nb(fmt_date(period.end))}"
        if period and period.end
        else f"od {BLANK} do {BLANK}"
    )
    reference = header.get("reference") or payment_reference(header.get("case_no"))
    address = header.get("carer_address")
    story: list[Flowable] = [
        markup(f"{_b(header.get('centre'))}<br/>{_esc(header.get('unit') or '')}"),
        markup(f"Številka: {_b(header.get('case_no'))}<br/>Datum: {_b(fmt_date(call_date))}"),
        markup(
            f"{_b(header.get('carer'))}<br/>"
            + (
                "<br/>".join(_esc(line) for line in address_lines(address))
                or f"{BLANK}<br/>{BLANK}"
            ),
        ),
        para(TITLE, "title"),
        markup(
            f"Pri pregledu vašega poročila o namenskosti porabe sredstev zvišane oskrbnine "
            f"(obrazec R-5) za otroka {_b(header.get('child'))} smo ugotovili, da sredstva "
            f"zvišane oskrbnine (zvišanje za {_b(f'{percent} %' if percent else '')} v obdobju "
            f"{period_text}) v višini {_b(fmt_eur(plan.refund))} niso bila porabljena za izredne "
            f"izdatke, zaradi katerih je bila oskrbnina zvišana, ali da za njihov prejem ni bilo "
            f"več zakonskih razlogov."
        ),
        markup(
            f"Do dneva poziva ste prejeli {_b(fmt_eur(plan.received))} sredstev zvišane "
            f"oskrbnine. Pozivamo vas, da znesek {_b(fmt_eur(plan.refund))} vrnete "
            # the clause "kot ste jih prejeli" is closed by a comma (vrinjeni stavek)
            f"<b>{METHOD_TEXT.get(method, method)}</b>{',' if method == 'as_received' else ''} "
            "najpozneje do "
            f"{_b(fmt_date(plan.deadline))}."
        ),
        markup(_term_text(plan), "body"),
        para(LEGAL_BASIS, "small"),
        para("Prejeta sredstva zvišane oskrbnine po mesecih (pred dnem poziva)", "heading"),
        _months_table(plan),
        para(f"Načrt vračila: {count_phrase(len(plan.instalments), 'obrok')}", "heading"),
        _instalments_table(plan),
        *_paid_so_far(plan),
    ]
    # The date and signature go with the payment instructions they sign: alone at the top
    # of a page they would sign nothing a reader can see.
    story.append(
        KeepTogether(
            [
                *_payment_instruction(plan, header.get("account"), reference),
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


def _payment_instruction(plan: RefundPlan, account: Any, reference: Any) -> list[Flowable]:
    """Where to pay what is still owed. A call printed again after everything was paid
    asks for nothing: »Zneske nakažite« there would read as a demand to pay again."""
    if paid_back(plan.instalments) >= plan.refund:
        return []
    owed = [i for i in plan.instalments if i.paid_on is None]
    # one payment left (a lump sum, one instalment, or what paid instalments left short):
    # "Znesek", else "Zneske"; after payments the rest is "preostali/preostale"
    some_paid = len(owed) < len(plan.instalments)
    if len(owed) > 1:
        what = "Preostale zneske" if some_paid else "Zneske"
    else:
        what = "Preostali znesek" if some_paid else "Znesek"
    return [
        markup(
            f"{what} nakažite na račun {_b(_account(account))}, "
            f"sklic {_b(reference)}, namen: {PURPOSE}."
        )
    ]


def _term_text(plan: RefundPlan) -> str:
    """The legal limit of the term, and a deadline moved off a non-working day."""
    latest = _nb(fmt_date(plan.latest_deadline))
    lines = []
    if plan.paid_days:
        lines.append(
            f"Obdobje prejemanja zvišane oskrbnine pred pozivom: "
            f"{count_phrase(plan.paid_days, 'dan')}; najpoznejši dopustni rok vračila je "
            f"{latest}."
        )
    else:
        lines.append(f"Najpoznejši dopustni rok vračila je {latest}.")
    if plan.deadline_moved_from is not None:
        lines.append(
            f"Rok {_nb(fmt_date(plan.deadline_moved_from))} je dela prost dan, zato se izteče "
            f"prvi naslednji delovni dan, {_nb(fmt_date(plan.deadline))}."
        )
    return " ".join(lines)


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
    # A call printed again after payments marks what was paid: a reprint is not read as
    # a new demand for every instalment.
    paid = any(i.paid_on is not None for i in plan.instalments)
    titles = ["Obrok", "Rok plačila", "Znesek (EUR)"] + (["Plačano"] if paid else [])
    rows: list[list[object]] = [[para(title, "cell_head") for title in titles]]
    total = Decimal("0.00")
    for i, instalment in enumerate(plan.instalments, start=1):
        total += instalment.amount
        row: list[object] = [
            para(f"{i}.", "cell"),
            para(fmt_date(instalment.due), "cell_value"),
            para(fmt_amount(instalment.amount), "cell_num"),
        ]
        if paid:
            row.append(
                para(fmt_date(instalment.paid_on) if instalment.paid_on else "", "cell_value")
            )
        rows.append(row)
    total_row: list[object] = [
        markup("<b>SKUPAJ</b>", "cell"),
        "",
        markup(f"<b>{fmt_amount(total)}</b>", "cell_num"),
    ]
    rows.append(total_row + ([""] if paid else []))
    widths = [20 * mm, 40 * mm, 45 * mm] + ([35 * mm] if paid else [])
    t = table(rows, widths, total_row=True)
    t.hAlign = "LEFT"
    return t


def _paid_so_far(plan: RefundPlan) -> list[Flowable]:
    """Under the plan of a call printed again after payments: what was paid and what is
    still owed (nothing when none is marked paid)."""
    paid = [i for i in plan.instalments if i.paid_on is not None]
    if not paid:
        return []
    done = paid_back(plan.instalments)
    last = max(i.paid_on for i in paid if i.paid_on is not None)
    if done > plan.refund:  # paid beyond the refund: the centre owes it back
        return [
            markup(
                f"Do {_b(fmt_date(last))} ste vrnili {_b(fmt_eur(done))}, "
                f"{_b(fmt_eur(done - plan.refund))} več od zneska za vračilo; presežek vam "
                "center vrne."
            )
        ]
    if done == plan.refund:
        return [
            markup(
                f"Do {_b(fmt_date(last))} ste vrnili {_b(fmt_eur(done))}, ves znesek za "
                "vračilo; ničesar več vam ni treba vrniti."
            )
        ]
    return [
        markup(
            f"Do {_b(fmt_date(last))} ste vrnili {_b(fmt_eur(done))}; "
            f"še vrniti: {_b(fmt_eur(plan.refund - done))}."
        )
    ]


def render_refund_call_bytes(header: Mapping[str, Any], plan: RefundPlan) -> bytes:
    """The refund call as PDF bytes. `header` keys (all optional): centre, unit, case_no,
    call_date (date), carer, carer_address (lines separated by newlines), child,
    increase_percent, increase_period (Period), account (the centre's IBAN), reference
    (sklic; default: SI00 with the case number). A missing one prints a blank line."""
    return build_pdf(build_story(header, plan), title=TITLE, footer_label="Poziv k vračilu")


def render_refund_call(
    header: Mapping[str, Any], plan: RefundPlan, out_path: str | os.PathLike[str]
) -> bytes:
    """Write the refund call to out_path (whole or not at all); returns the bytes too."""
    return build_pdf(
        build_story(header, plan), title=TITLE, footer_label="Poziv k vračilu", out_path=out_path
    )


_ = FRAME_WIDTH  # the tables are narrower than the frame on purpose: left-aligned
