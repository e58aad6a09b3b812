"""Consistency of an R-4 or R-5 case: checks between fields that are each valid alone.

Each check is a pure function that raises `InputError(field, message)` with a Slovenian
message naming what is wrong and what is allowed. They are shared by `forms/data.py`
(the JSON of `print`) and by the services behind the R-4 and R-5 windows, so that the
window and `print` refuse the same things with the same words.

A value that is None is a blank field (the form prints its blank line, the window has
not got it yet): a check with a None operand passes, so a half-filled case can be kept
and printed. Each function takes the field name to report, with a default that is the
field's JSON path in SPEC 6.1; a window passes the name of its own widget's field.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from datetime import date, timedelta
from decimal import Decimal

from rejnistvo.rules.errors import InputError
from rejnistvo.rules.money import format_amount
from rejnistvo.rules.periods import Period, format_date

COMMISSION_SIZE = 3  # čl. 7: the commission decides in a composition of three members


# -- proposal and the commission's resolution ------------------------------------------
def check_decision_not_before_proposal(
    proposal_date: date | None, decision_date: date | None, field: str = "decision.date"
) -> None:
    """The commission decides on a proposal it has received: the resolution (sklep) may
    be dated on the day of the proposal or later, never before it."""
    if proposal_date is None or decision_date is None:
        return
    if decision_date < proposal_date:
        raise InputError(
            field,
            f"datum sklepa ({format_date(decision_date)}) je pred datumom predloga "
            f"({format_date(proposal_date)}); sklep je lahko izdan na dan predloga ali pozneje.",
        )


def check_increase_has_period(
    outcome: str | None, period: Period | None, field: str = "decision.period"
) -> None:
    """A resolution that raises the fee ("ZVIŠA za X % v obdobju od … do …") must say the
    period; only "NE ZVIŠA" has none."""
    if outcome == "increase" and period is None:
        raise InputError(
            field,
            "komisija je plačilo dela zvišala: navedite obdobje zvišanja (od … do …); "
            "brez obdobja je le sklep »plačila dela ne zviša«.",
        )


def check_three_members(members: Sequence[str | None], field: str = "decision.members") -> None:
    """Exactly three places for the commission's members (čl. 7); a blank name is a
    place left for a hand-written name."""
    if len(members) != COMMISSION_SIZE:
        raise InputError(
            field,
            "komisija odloča v sestavi treh članov (7. člen pravilnika): navedite natanko "
            f"3 člane (navedenih: {len(members)}).",
        )


def _person_key(name: str) -> str:
    """How two typed names are compared: letter case and spacing do not matter."""
    return " ".join(name.split()).casefold()


def check_distinct_members(members: Sequence[str | None], field: str = "decision.members") -> None:
    """Three different people: the same name twice (ignoring case and spacing) is one
    member counted twice. Blank places are not compared."""
    seen: dict[str, int] = {}
    for index, name in enumerate(members):
        if name is None or not name.strip():
            continue
        key = _person_key(name)
        if key in seen:
            raise InputError(
                f"{field}[{index}]",
                f"član komisije »{name.strip()}« je naveden dvakrat (kot {seen[key] + 1}. in "
                f"{index + 1}. član); komisijo sestavljajo trije različni člani.",
            )
        seen[key] = index


def check_child_and_carer_differ(
    child_emso: str | None, carer_emso: str | None, field: str = "carer.emso"
) -> None:
    """The child and the carer are two people: their EMŠO numbers cannot be the same."""
    if child_emso is None or carer_emso is None:
        return
    if child_emso.replace(" ", "") == carer_emso.replace(" ", ""):
        raise InputError(
            field,
            "EMŠO rejnika/ce je enaka EMŠO otroka; otrok in rejnik/ca sta različni osebi, "
            "vpišite vsakemu svojo EMŠO.",
        )


def check_not_future(day: date | None, today: date, field: str, label: str) -> None:
    """A day on which something was done (a form dated, a report received, a call sent)
    has come: 25. 12. typed for 25. 11. would print a future date and start the
    deadlines that hang on it there."""
    if day is not None and day > today:
        raise InputError(
            field,
            f"{label} ({format_date(day)}) je v prihodnosti; dovoljen je današnji "
            f"({format_date(today)}) ali zgodnejši dan.",
        )


# -- the report, the centre's finding and the refund -------------------------------------
def check_request_not_before_start(
    requested: date | None, start: date, field: str = "report_requested_on"
) -> None:
    """The centre may ask for the report at any time (čl. 28/3), but about money the carer
    receives: a day before the increase starts is a typo (2025 for 2026) that made the
    case an overdue report before anything was paid."""
    if requested is not None and requested < start:
        raise InputError(
            field,
            f"Poročilo zahtevano do ({format_date(requested)}) je pred začetkom zvišanja "
            f"oskrbnine ({format_date(start)}): o porabi rejnik lahko poroča šele, ko "
            f"zvišanje prejema; dovoljen je dan od {format_date(start)} naprej.",
        )


def check_finding_not_before_report(
    report_date: date | None, finding_date: date | None, field: str = "finding.date"
) -> None:
    """The centre finds on a report it has received: the finding is dated on the day of
    the report or later."""
    if report_date is None or finding_date is None:
        return
    if finding_date < report_date:
        raise InputError(
            field,
            f"datum ugotovitve centra ({format_date(finding_date)}) je pred datumom poročila "
            f"({format_date(report_date)}); ugotovitev je lahko na dan poročila ali pozneje.",
        )


def check_call_not_before_finding(
    finding_date: date | None, call_date: date | None, field: str = "call_date"
) -> None:
    """The call to refund carries out the centre's finding (čl. 28/4): it is dated on the
    day of the finding or later."""
    if finding_date is None or call_date is None:
        return
    if call_date < finding_date:
        raise InputError(
            field,
            f"datum poziva k vračilu ({format_date(call_date)}) je pred datumom ugotovitve "
            f"centra ({format_date(finding_date)}); poziv je lahko na dan ugotovitve ali "
            "pozneje.",
        )


def check_refund_deadline_after(
    deadline: date | None,
    after: date | None,
    field: str = "finding.refund_deadline",
    after_what: str = "ugotovitve centra",
) -> None:
    """The refund term runs from the day after the call (ZUP 100): the deadline must be
    strictly after the finding or call it belongs to. `after_what` names that date in the
    message, in the genitive ("ugotovitve centra", "poziva")."""
    if deadline is None or after is None:
        return
    if deadline <= after:
        earliest = (
            f"; rok mora biti najmanj dan pozneje, torej {format_date(after + timedelta(days=1))} "
            "ali pozneje"
            if after < date.max
            else ""
        )
        raise InputError(
            field,
            f"rok vračila ({format_date(deadline)}) ni po datumu {after_what} "
            f"({format_date(after)}){earliest}.",
        )


def check_justified_within_total(
    justified: Decimal | None, total: Decimal | None, field: str = "finding.justified"
) -> None:
    """Money used for the purpose cannot exceed what the report lists (SKUPAJ)."""
    if justified is None or total is None:
        return
    if justified > total:
        raise InputError(
            field,
            f"namensko porabljeni znesek ({format_amount(justified)} EUR) presega izdatke v "
            f"poročilu (SKUPAJ {format_amount(total)} EUR); dovoljeno je od 0,00 do "
            f"{format_amount(total)} EUR.",
        )


def check_unjustified_within_received(
    unjustified: Decimal | None, received: Decimal | None, field: str = "finding.unjustified"
) -> None:
    """SPEC 3.4: 0 ≤ unjustified ≤ received — one cannot refund more than was paid."""
    if unjustified is None or received is None:
        return
    if unjustified > received:
        raise InputError(
            field,
            f"nenamensko porabljeni znesek ({format_amount(unjustified)} EUR) presega "
            f"prejeta sredstva zvišane oskrbnine ({format_amount(received)} EUR); dovoljeno "
            f"je od 0,00 do {format_amount(received)} EUR.",
        )


def check_method_has_refund(
    method: str | None, unjustified: Decimal | None, field: str = "finding.method"
) -> None:
    """A way of refunding (lump sum or as received) only makes sense for an amount to
    refund: without an unjustified amount above zero there is nothing to pay back."""
    if method is None:
        return
    if unjustified is None or unjustified <= 0:
        raise InputError(
            field,
            "način vračila je naveden, nenamensko porabljenega zneska pa ni; navedite znesek "
            "za vračilo (finding.unjustified) ali pustite način vračila prazen.",
        )


def expenses_outside_categories(
    expense_categories: Sequence[str], granted: Collection[str]
) -> list[int]:
    """The positions of the reported expenses whose category (čl. 27) is not one the
    board was raised for: čl. 28/4 asks whether the money went to those expenses, so
    the centre is shown them (the carer's report is taken as reported, not refused).
    None granted yet: nothing to compare with."""
    if not granted:
        return []
    return [i for i, category in enumerate(expense_categories) if category not in granted]
