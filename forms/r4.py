"""OBRAZEC R-4 – Zvišanje plačila dela (Pravilnik, Priloga 1; čl. 7, 29, 30).

Reads top to bottom like the official form: the centre's PREDLOG, then the commission's
SKLEP. Without a decision the SKLEP part prints blank for the commission to fill by hand.
The form's attachment "obrazložitev" follows on its own page: the ZIRD 53 reasons and the
workload a stored case holds (the JSON of SPEC 6.1 has no field for them), then the
proposal's rationale.
The gazette's "zviša plačilo delo" is an evident typo: we print "plačilo dela" (SPEC 4).
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from copy import copy
from datetime import date
from typing import Any

from reportlab.platypus.flowables import (
    CondPageBreak,
    Flowable,
    KeepTogether,
    PageBreak,
    Spacer,
)

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
    small,
    tab,
    text,
    text_block,
)
from rejnistvo.printing.document import FRAME_HEIGHT, Paragraph, stacked_height
from rejnistvo.printing.formats import fmt_date

from ._common import (
    CENTRE_LABEL,
    UNIT_LABEL,
    after_label,
    annex_label,
    blank_lines,
    coerce,
    form_label,
    period_from,
    period_to,
)
from .data import Person, R4Decision, R4Form, parse_r4

TITLE = "OBRAZEC R-4 – Zvišanje plačila dela"
PROPOSAL_HEADING = "PREDLOG ZA ZVIŠANJE PLAČILA DELA"
RESOLUTION_HEADING = "SKLEP KOMISIJE O ZVIŠANEM PLAČILU DELA"


def build_story(form: R4Form) -> list[Flowable]:
    return [*_proposal(form), Rule(8), *_resolution(form), *_attachment(form)]


def _proposal(form: R4Form) -> list[Flowable]:
    child, carer = form.child, form.carer
    pct = form.proposed_percent
    return [
        annex_label("Priloga 1"),
        form_label(TITLE),
        FormLine(
            [
                text("Center za socialno delo: "),
                field(after_label(form.centre, CENTRE_LABEL), 62),
                text(", Enota: "),
                field(after_label(form.unit, UNIT_LABEL), 40),
            ],
            space_before=4,
        ),
        para(PROPOSAL_HEADING, "title"),
        _number_and_date("Št. zadeve: ", form.case_no, form.date),
        FormLine([text("Predlagamo, da se za:")], space_before=4),
        _person_line("otroka ", child, "(ime in priimek otroka)"),
        _person_line("rejniku/ici ", carer, "(ime in priimek rejnika/ice)"),
        FormLine(
            [
                text("zviša plačilo dela za "),
                choice("25%", pct == 25, caption="(ustrezno obkrožiti)"),
                text(" ali "),
                choice("50%", pct == 50),
                text(" za obdobje od "),
                field(period_from(form.period), 28),
                text(" do "),
                field(period_to(form.period), 28),
                text("."),
            ]
        ),
        FormLine([tab(95), text("Podpis: "), field(None, 55)], space_before=10),
        markup("<b>PRILOGA:</b>"),
        para("– obrazložitev"),
    ]


def _resolution(form: R4Form) -> list[Flowable]:
    decision = form.decision or _BLANK_DECISION
    blank = form.decision is None
    increase = not blank and decision.outcome == "increase"
    no_increase = not blank and decision.outcome == "no_increase"
    subgroups = []
    for n in range(1, 7):
        caption = "(ustrezno obkrožiti)" if n == 1 else ""
        subgroups += [choice(f"{n}.", decision.subgroup == n, caption=caption), text(" ")]
    # Names of the carer and child in the resolution are those of the proposal.
    carer = form.carer if not blank else None
    child = form.child if not blank else None
    story: list[Flowable] = [
        CondPageBreak(120),
        para(RESOLUTION_HEADING, "title"),
        _number_and_date("Sklep št. ", decision.resolution_no, decision.date),
        FormLine(
            [
                text("Komisija za določitev zvišanja plačila dela "),
                *subgroups,
                text("podskupine je obravnavala predlog in sklenila, da se "),
                small("(ustrezno označiti oz. izpolniti):"),
            ],
            space_before=4,
        ),
        _person_line("rejniku/ici ", carer, "(ime in priimek rejnika/ice)"),
        _person_line("za otroka ", child, "(ime in priimek otroka)"),
        FormLine(
            [
                choice("1.", increase),
                text(" PLAČILO DELA ZVIŠA za "),
                field(str(decision.percent) if increase and decision.percent else None, 18),
                text("% v obdobju od "),
                field(period_from(decision.period) if increase else None, 28),
                text(" do "),
                field(period_to(decision.period) if increase else None, 28),
                text("."),
            ],
            space_before=6,
        ),
        FormLine([choice("2.", no_increase), text(" PLAČILO DELA NE ZVIŠA.")], space_before=2),
    ]
    heading = markup("<b>Obrazložitev:</b>")
    rationale = text_block(decision.rationale) or blank_lines()
    members = [
        FormLine([text(f"{i}. "), field(name, 75), tab(100), field(None, 60, caption="(podpis)")])
        for i, name in enumerate(decision.members, start=1)
    ]
    # The members' signatures never stand alone on a page (a page of signatures could be
    # put under another decision): the rationale's last paragraph goes with them — with
    # its heading when it is the only one, so the heading is not left at a page's foot.
    *before, last = rationale
    closing = [Spacer(0, 6), para("Člani komisije (ime in priimek, podpis):"), *members]
    kept = [last] if before else [heading, last]
    story += [heading, *before] if before else []
    if stacked_height([*kept, *closing], FRAME_WIDTH) > FRAME_HEIGHT:
        # A paragraph too long to go with them whole split wherever the page ended, once
        # between the second and the third member, who signed alone on the next page: its
        # last lines go with them, its first ones with the heading, the rest flows.
        head, tail = _split_after(last, _line_count(last) - TAIL_LINES)
        if tail is not None:
            if before:
                story.append(head)
            else:
                opening, rest = _split_after(head, HEADING_LINES)
                story += [KeepTogether([heading, opening]), *([rest] if rest else [])]
            kept = [tail]
    story.append(KeepTogether([*kept, *closing]))
    return story


#: the rationale's last lines that go with the members' signatures when it is too long to
#: go whole, and its first lines that stay with its heading
TAIL_LINES = 3
HEADING_LINES = 2


def _line_count(block: Flowable) -> int:
    """Lines of a paragraph laid out across the frame (0 for anything else)."""
    if not isinstance(block, Paragraph):
        return 0
    block.wrap(FRAME_WIDTH, 1e9)
    return len(block.blPara.lines)


def _split_after(block: Flowable, lines: int) -> tuple[Flowable, Flowable | None]:
    """A paragraph cut after its first `lines` lines (both parts print as the whole did),
    or the block and None when it is not a paragraph or not that long."""
    count = _line_count(block)
    if lines < 2 or count <= lines:  # (reportlab never leaves a single line behind)
        return block, None
    parts = block.split(FRAME_WIDTH, lines * block.style.leading + 0.01)
    if len(parts) != 2:
        return block, None
    first, rest = parts
    # one paragraph: no gap where it was cut (in the style, which the parts reportlab
    # splits off again at a page's foot keep)
    first.style = copy(first.style)
    first.style.spaceAfter = 0
    rest.style = copy(rest.style)
    rest.style.spaceBefore = 0
    return first, rest


def _number_and_date(label: str, number: str | None, day: date | None) -> FormLine:
    """ "Št. zadeve: … Datum: …" and "Sklep št. … Datum: …": one layout for both numbers."""
    return FormLine(
        [
            text(label),
            field(number, 50),
            tab(105),
            text("Datum: "),
            field(fmt_date(day) or None, 40),
        ]
    )


def _person_line(lead: str, person: Person | None, caption: str) -> FormLine:
    """A child's or carer's name and EMŠO; None (a blank resolution) prints blank lines."""
    return FormLine(
        [
            text(lead),
            field(person.name if person else None, 80, caption=caption),
            text(", EMŠO "),
            field(person.emso if person else None, 38),
        ]
    )


_BLANK_DECISION = R4Decision(outcome="", members=(None, None, None))


WORKLOAD_WORDS = {"moderate": "zmerno povečan", "strong": "močno povečan"}


def _attachment(form: R4Form) -> list[Flowable]:
    """PRILOGA – obrazložitev, on its own page after the form: the ZIRD 53 reasons ticked
    in the case and the workload (what čl. 30 weighs), then the proposal's rationale."""
    body = text_block(form.rationale)
    grounds = _grounds(form)
    if not body and not grounds:
        return []
    return [
        PageBreak(),
        para("PRILOGA k predlogu za zvišanje plačila dela: obrazložitev", "title"),
        _number_and_date("Št. zadeve: ", form.case_no, form.date),
        FormLine([text("Otrok: "), field(form.child.name, 80)]),
        FormLine([text("Rejnik/ica: "), field(form.carer.name, 80)]),
        *grounds,
        markup("<b>Obrazložitev:</b>"),
        *(body or blank_lines()),
    ]


def _grounds(form: R4Form) -> list[Flowable]:
    grounds: list[Flowable] = []
    if form.reasons:
        grounds.append(markup("<b>Razlogi iz 53. člena ZIRD:</b>"))
        grounds += [
            FormLine([box(True), text(f" {reason}")], space_after=0, hanging=True)
            for reason in form.reasons
        ]
    workload = WORKLOAD_WORDS.get(form.workload or "")
    if workload:
        grounds.append(
            FormLine([text("Obseg dela z otrokom: "), field(workload, 40)], space_before=6)
        )
    return grounds


def footer_label(form: R4Form) -> str:
    """Every page names the case, so a page of a long rationale is never lost."""
    return f"Obrazec R-4, št. zadeve {form.case_no}" if form.case_no else "Obrazec R-4"


def render_r4_bytes(data: R4Form | Mapping[str, Any]) -> bytes:
    """The R-4 form as PDF bytes (the window previews it with QtPdf)."""
    form = coerce(data, R4Form, parse_r4)
    return build_pdf(build_story(form), title=TITLE, footer_label=footer_label(form))


def render_r4(data: R4Form | Mapping[str, Any], out_path: str | os.PathLike[str]) -> bytes:
    """Write the R-4 form to out_path (whole or not at all); returns the bytes too."""
    form = coerce(data, R4Form, parse_r4)
    return build_pdf(
        build_story(form), title=TITLE, footer_label=footer_label(form), out_path=out_path
    )
