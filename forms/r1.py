"""OBRAZEC R-1 – Vloga za pridobitev dovoljenja za izvajanje rejniške dejavnosti
(Pravilnik čl. 11, Priloga 2).

Top to bottom like the official form: the applicant's data and signature, the statement
on electronic delivery (with its own place, date and signature), the two attachments.
The statement part is filled only when the applicant agrees to electronic delivery;
otherwise it prints blank and unsigned, as the applicant would leave it.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import Any

from reportlab.platypus.flowables import Flowable

from rejnistvo.printing import FormLine, box, build_pdf, field, markup, para, tab, text
from rejnistvo.printing.formats import fmt_date

from ._common import annex_label, coerce, form_label
from .data import R1Form, parse_r1

TITLE = "OBRAZEC R-1 – Vloga za pridobitev dovoljenja za izvajanje rejniške dejavnosti"
HEADING = "VLOGA ZA PRIDOBITEV DOVOLJENJA ZA IZVAJANJE<br/>REJNIŠKE DEJAVNOSTI"
STATEMENT = (
    "Izjavljam, da se mi upravni akti in drugi dokumenti v postopku pridobitve dovoljenja "
    "za izvajanje rejniške dejavnosti lahko pošiljajo v elektronski obliki."
)


def build_story(form: R1Form) -> list[Flowable]:
    consent = form.electronic_delivery
    return [
        annex_label("Priloga 2"),
        form_label(TITLE),
        markup(HEADING, "title"),
        markup("<b>PODATKI O VLAGATELJU/ICI:</b>"),
        FormLine([text("Priimek in ime: "), field(form.name, 120)], space_before=6),
        FormLine([text("EMŠO: "), field(form.emso, 50)], space_before=4),
        FormLine(
            [
                text("Stalno prebivališče: "),
                field(form.address, 120, caption="(ulica, hišna številka, kraj, poštna številka)"),
            ],
            space_before=4,
        ),
        *_place_date_signature(form.place, fmt_date(form.date) or None),
        markup("<b>IZJAVA:</b>"),
        para(STATEMENT),
        FormLine(
            [text("Elektronski naslov: "), field(form.email if consent else None, 80)],
            space_before=6,
        ),
        *_place_date_signature(
            form.place if consent else None, (fmt_date(form.date) or None) if consent else None
        ),
        markup("<b>PRILOGI:</b>"),
        FormLine(
            [box(False), text(" kratka predstavitev kandidata in celotne družine")], space_after=0
        ),
        FormLine([box(False), text(" dokazilo o zaključeni izobrazbi")]),
    ]


def _place_date_signature(place: str | None, day: str | None) -> list[Flowable]:
    return [
        FormLine(
            [
                text("V/na "),
                field(place, 40),
                text(", dne "),
                field(day, 30),
                tab(105),
                text("Podpis vlagatelja/ice:"),
            ],
            space_before=12,
            space_after=0,
        ),
        FormLine([tab(105), field(None, 60)], space_before=8, space_after=10),
    ]


def render_r1_bytes(data: R1Form | Mapping[str, Any]) -> bytes:
    """The R-1 application as PDF bytes (the window previews it with QtPdf)."""
    form = coerce(data, R1Form, parse_r1)
    return build_pdf(build_story(form), title=TITLE, footer_label="Obrazec R-1")


def render_r1(data: R1Form | Mapping[str, Any], out_path: str | os.PathLike[str]) -> bytes:
    """Write the R-1 application to out_path (whole or not at all); returns the bytes too."""
    form = coerce(data, R1Form, parse_r1)
    return build_pdf(build_story(form), title=TITLE, footer_label="Obrazec R-1", out_path=out_path)
