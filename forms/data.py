"""Form data of SPEC.md 6.1: the JSON of R-1, R-4 and R-5 parsed into dataclasses.

The same JSON travels between a centre and its coordinator, so it is checked strictly:
unknown fields are refused, EMŠO numbers are checked, amounts have at most two decimals,
periods do not end before they start, the commission has exactly three members and the
subgroup is 1–6. Every refusal is an `InputError` naming the field (JSON path) with a
Slovenian message. A field that is absent or null is None here and prints as the form's
blank line, so an empty object prints a blank form to fill by hand.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from rejnistvo.clock import SystemClock
from rejnistvo.rules import consistency
from rejnistvo.rules.catalogues import EXPENSE_CATEGORY_KEYS
from rejnistvo.rules.emso import check_emso
from rejnistvo.rules.errors import InputError
from rejnistvo.rules.money import parse_amount
from rejnistvo.rules.periods import Period, check_keys, parse_date, parse_period

if TYPE_CHECKING:  # the refund rule (and Babel with it) loads only for an R-5 check
    from rejnistvo.rules.rates import RateTable
    from rejnistvo.rules.refund import RefundPlan

OUTCOMES = ("increase", "no_increase")
METHODS = ("lump_sum", "as_received")
SUBGROUPS = range(1, 7)
PERCENTS = (25, 50)
MEMBER_COUNT = 3
Day = date  # the dataclasses below have a field called `date`, which shadows the type


# -- dataclasses -------------------------------------------------------------------------
@dataclass(frozen=True)
class Person:
    """A child or a carer as a form names them."""

    name: str | None = None
    emso: str | None = None


@dataclass(frozen=True)
class R4Decision:
    """SKLEP KOMISIJE: what the commission of the subgroup decided."""

    outcome: str  # "increase" | "no_increase"
    members: tuple[str | None, str | None, str | None]
    resolution_no: str | None = None
    date: date | None = None
    subgroup: int | None = None
    percent: int | None = None
    period: Period | None = None
    rationale: str | None = None


@dataclass(frozen=True)
class R4Form:
    """OBRAZEC R-4: the centre's proposal and, when decided, the commission's resolution."""

    centre: str | None = None
    unit: str | None = None
    case_no: str | None = None
    date: date | None = None
    child: Person = Person()
    carer: Person = Person()
    proposed_percent: int | None = None
    period: Period | None = None
    rationale: str | None = None
    decision: R4Decision | None = None


@dataclass(frozen=True)
class Expense:
    """One expense of an R-5 report, with its document."""

    category: str  # education | interest | health | other (čl. 27/1–4)
    amount: Decimal
    description: str | None = None
    document: str | None = None


@dataclass(frozen=True)
class R5Finding:
    """The part the child's centre fills in: justified and unjustified amounts, refund."""

    centre: str | None = None
    unit: str | None = None
    date: date | None = None
    justified: Decimal | None = None
    unjustified: Decimal | None = None
    refund_deadline: Day | None = None
    method: str | None = None  # "lump_sum" | "as_received"


@dataclass(frozen=True)
class R5Form:
    """OBRAZEC R-5: the carer's report on the use of the board increase."""

    carer: Person = Person()
    child: Person = Person()
    period: Period | None = None
    percent: int | None = None
    expenses: tuple[Expense, ...] = ()
    report_date: date | None = None
    finding: R5Finding | None = None

    @property
    def total(self) -> Decimal:
        """SKUPAJ: the sum of the expenses."""
        return sum((e.amount for e in self.expenses), Decimal("0.00"))

    @property
    def attachments(self) -> list[str]:
        """PRILOGA (računi, dokazila): the expenses' documents, each once, in order."""
        seen: list[str] = []
        for expense in self.expenses:
            if expense.document and expense.document not in seen:
                seen.append(expense.document)
        return seen


@dataclass(frozen=True)
class R1Form:
    """OBRAZEC R-1: application for a licence to foster."""

    name: str | None = None
    emso: str | None = None
    address: str | None = None
    electronic_delivery: bool = False
    email: str | None = None
    place: str | None = None
    date: date | None = None


# -- field parsers -------------------------------------------------------------------------
def _path(parent: str, key: str) -> str:
    return f"{parent}.{key}" if parent else key


def _text(data: Mapping[str, Any], key: str, parent: str, label: str) -> str | None:
    value = data.get(key)
    if value is None:
        return None
    if not isinstance(value, str):
        raise InputError(
            _path(parent, key), f"{label} mora biti besedilo (ali null za prazno polje)."
        )
    value = value.strip()
    return value or None


def _date(data: Mapping[str, Any], key: str, parent: str, label: str) -> date | None:
    value = data.get(key)
    if value is None:
        return None
    try:
        return parse_date(value, _path(parent, key))
    except InputError as error:
        raise InputError(error.field, f"{label}: {error.message}") from None


def _amount(data: Mapping[str, Any], key: str, parent: str, label: str) -> Decimal | None:
    value = data.get(key)
    if value is None:
        return None
    try:
        return parse_amount(value, _path(parent, key))
    except InputError as error:
        raise InputError(error.field, f"{label}: {error.message}") from None


def _period(data: Mapping[str, Any], key: str, parent: str, label: str) -> Period | None:
    value = data.get(key)
    if value is None:
        return None
    try:
        return parse_period(value, _path(parent, key))
    except InputError as error:
        raise InputError(error.field, f"{label}: {error.message}") from None


def _percent(data: Mapping[str, Any], key: str, parent: str, label: str) -> int | None:
    value = data.get(key)
    if value is None:
        return None
    if isinstance(value, bool) or value not in PERCENTS:
        raise InputError(
            _path(parent, key), f"{label} »{value}« ni dovoljen; dovoljena sta 25 in 50."
        )
    return int(value)


def _choice(
    data: Mapping[str, Any], key: str, parent: str, label: str, allowed: tuple[str, ...]
) -> str | None:
    value = data.get(key)
    if value is None:
        return None
    if value not in allowed:
        raise InputError(
            _path(parent, key),
            f"{label}: »{value}« ni dovoljena vrednost; dovoljeno: {', '.join(allowed)}.",
        )
    return str(value)


def _emso(data: Mapping[str, Any], key: str, parent: str, label: str) -> str | None:
    value = _text(data, key, parent, label)
    if value is None:
        return None
    try:
        # a form's data from outside (print --json, a received package): nobody on it
        # was born after the real day
        check_emso(value, _path(parent, key), today=SystemClock().today())
    except InputError as error:
        raise InputError(error.field, f"{label}: {error.message}") from None
    return value.replace(" ", "")


def _person(data: Mapping[str, Any], key: str, who: str, with_emso: bool = True) -> Person:
    value = data.get(key)
    if value is None:
        return Person()
    fields = ("name", "emso") if with_emso else ("name",)
    obj = check_keys(value, key, fields)
    return Person(
        name=_text(obj, "name", key, f"ime in priimek {who}"),
        emso=_emso(obj, "emso", key, f"EMŠO {who}") if with_emso else None,
    )


def _root(obj: object, allowed: tuple[str, ...], what: str) -> Mapping[str, Any]:
    if not isinstance(obj, Mapping):
        raise InputError(
            "", f"podatki obrazca {what} morajo biti objekt JSON s polji {', '.join(allowed)}."
        )
    return check_keys(obj, "", allowed)


# -- forms ---------------------------------------------------------------------------------
R4_FIELDS = (
    "centre",
    "unit",
    "case_no",
    "date",
    "child",
    "carer",
    "proposed_percent",
    "period",
    "rationale",
    "decision",
)
R4_DECISION_FIELDS = (
    "resolution_no",
    "date",
    "subgroup",
    "outcome",
    "percent",
    "period",
    "rationale",
    "members",
)


def parse_r4(obj: object) -> R4Form:
    data = _root(obj, R4_FIELDS, "R-4")
    form = R4Form(
        centre=_text(data, "centre", "", "center za socialno delo"),
        unit=_text(data, "unit", "", "enota"),
        case_no=_text(data, "case_no", "", "številka zadeve"),
        date=_date(data, "date", "", "datum predloga"),
        child=_person(data, "child", "otroka"),
        carer=_person(data, "carer", "rejnika/ice"),
        proposed_percent=_percent(data, "proposed_percent", "", "predlagani odstotek zvišanja"),
        period=_period(data, "period", "", "obdobje zvišanja v predlogu"),
        rationale=_text(data, "rationale", "", "obrazložitev predloga"),
        decision=_decision(data.get("decision")),
    )
    check_r4(form)
    return form


def check_r4(form: R4Form) -> None:
    """Fields valid alone but not together (issue 11); the R-4 window runs the same
    checks from `rejnistvo.rules.consistency`."""
    consistency.check_child_and_carer_differ(form.child.emso, form.carer.emso, "carer.emso")
    decision = form.decision
    if decision is None:
        return
    consistency.check_decision_not_before_proposal(form.date, decision.date, "decision.date")
    consistency.check_increase_has_period(decision.outcome, decision.period, "decision.period")
    consistency.check_three_members(decision.members, "decision.members")
    consistency.check_distinct_members(decision.members, "decision.members")


def _decision(obj: object) -> R4Decision | None:
    if obj is None:
        return None
    p = "decision"
    data = check_keys(obj, p, R4_DECISION_FIELDS, required=("outcome", "members"))
    outcome = _choice(data, "outcome", p, "izid odločitve komisije", OUTCOMES)
    if outcome is None:
        raise InputError(
            f"{p}.outcome", "izid odločitve komisije manjka; dovoljeno: increase, no_increase."
        )
    subgroup = data.get("subgroup")
    if subgroup is not None and (isinstance(subgroup, bool) or subgroup not in SUBGROUPS):
        raise InputError(
            f"{p}.subgroup", f"podskupina »{subgroup}« ne obstaja; dovoljene so 1, 2, 3, 4, 5 in 6."
        )
    percent = _percent(data, "percent", p, "odstotek zvišanja v sklepu")
    period = _period(data, "period", p, "obdobje zvišanja v sklepu")
    if outcome == "increase" and percent is None:
        raise InputError(
            f"{p}.percent", "komisija je plačilo dela zvišala: navedite odstotek 25 ali 50."
        )
    if outcome == "no_increase" and (percent is not None or period is not None):
        field = f"{p}.percent" if percent is not None else f"{p}.period"
        raise InputError(
            field,
            "sklep »plačila dela ne zviša« nima odstotka ne obdobja; pustite ju prazna (null).",
        )
    members = data.get("members")
    if not isinstance(members, list):
        raise InputError(
            f"{p}.members",
            "člani komisije so seznam natanko treh imen (7. člen pravilnika).",
        )
    consistency.check_three_members(members, f"{p}.members")
    names: list[str | None] = []
    for i, member in enumerate(members):
        if member is not None and not isinstance(member, str):
            raise InputError(
                f"{p}.members[{i}]", "ime in priimek člana komisije mora biti besedilo."
            )
        names.append(member.strip() or None if member else None)
    return R4Decision(
        outcome=outcome,
        members=(names[0], names[1], names[2]),
        resolution_no=_text(data, "resolution_no", p, "številka sklepa"),
        date=_date(data, "date", p, "datum sklepa"),
        subgroup=None if subgroup is None else int(subgroup),
        percent=percent,
        period=period,
        rationale=_text(data, "rationale", p, "obrazložitev sklepa"),
    )


R5_FIELDS = ("carer", "child", "period", "percent", "expenses", "report_date", "finding")
R5_EXPENSE_FIELDS = ("category", "description", "amount", "document")
R5_FINDING_FIELDS = (
    "centre",
    "unit",
    "date",
    "justified",
    "unjustified",
    "refund_deadline",
    "method",
)


def parse_r5(obj: object) -> R5Form:
    data = _root(obj, R5_FIELDS, "R-5")
    raw_expenses = data.get("expenses")
    if raw_expenses is None:
        raw_expenses = []
    if not isinstance(raw_expenses, list):
        raise InputError("expenses", "izredni izdatki morajo biti seznam objektov JSON.")
    form = R5Form(
        carer=_person(data, "carer", "rejnika/ce"),
        child=_person(data, "child", "otroka", with_emso=False),
        period=_period(data, "period", "", "obdobje zvišane oskrbnine"),
        percent=_percent(data, "percent", "", "odstotek zvišanja oskrbnine"),
        expenses=tuple(_expense(item, i) for i, item in enumerate(raw_expenses)),
        report_date=_date(data, "report_date", "", "datum poročila"),
        finding=_finding(data.get("finding")),
    )
    check_r5(form)
    return form


def check_r5(form: R5Form) -> None:
    """Fields valid alone but not together (issue 11); the R-5 window runs the same
    checks from `rejnistvo.rules.consistency`. What needs the amounts in force (the money
    received before the finding, the latest refund deadline) is `check_r5_refund`."""
    finding = form.finding
    if finding is None:
        return
    p = "finding"
    consistency.check_finding_not_before_report(form.report_date, finding.date, f"{p}.date")
    consistency.check_refund_deadline_after(
        finding.refund_deadline, finding.date, f"{p}.refund_deadline"
    )
    # An R-5 without expenses prints a blank table (SKUPAJ blank): nothing to compare.
    total = form.total if form.expenses else None
    consistency.check_justified_within_total(finding.justified, total, f"{p}.justified")
    consistency.check_method_has_refund(finding.method, finding.unjustified, f"{p}.method")


def check_r5_refund(form: R5Form, rates: RateTable) -> RefundPlan | None:
    """The finding against the program's own refund rule (SPEC 3.4, čl. 28/4), the finding
    being the call: the unjustified amount within the increase received before it, and the
    refund deadline not past the latest allowed one. The form does not carry the placement,
    so the child counts as placed for the whole increase period (the most that can have
    been received); a stored case is checked against its placement by the R-5 service.
    None when the form lacks what the rule needs (period, percent, finding date)."""
    from rejnistvo.rules.months import Adjustment
    from rejnistvo.rules.refund import RefundMethod, refund_plan

    finding = form.finding
    if (
        finding is None
        or form.period is None
        or form.period.end is None
        or form.percent is None
        or finding.date is None
        or not finding.unjustified
    ):
        return None
    p = "finding"
    increase = Adjustment(form.percent, form.period)
    try:
        plan = refund_plan(
            increase,
            [form.period],
            rates,
            finding.date,
            finding.unjustified,
            finding.refund_deadline,
            RefundMethod(finding.method or RefundMethod.LUMP_SUM),
        )
    except InputError as error:
        where = {
            "call_date": f"{p}.date",
            "unjustified": f"{p}.unjustified",
            "deadline": f"{p}.refund_deadline",
            "increase": "period",
        }.get(error.field, error.field)
        raise InputError(where, error.message) from None
    consistency.check_unjustified_within_received(
        finding.unjustified, plan.received, f"{p}.unjustified"
    )
    return plan


def _expense(obj: object, index: int) -> Expense:
    p = f"expenses[{index}]"
    data = check_keys(obj, p, R5_EXPENSE_FIELDS, required=("category", "amount"))
    category = _choice(
        data, "category", p, "vrsta izrednega izdatka (27. člen)", EXPENSE_CATEGORY_KEYS
    )
    amount = _amount(data, "amount", p, "višina izrednega izdatka")
    if category is None or amount is None:
        field = f"{p}.category" if category is None else f"{p}.amount"
        raise InputError(field, "vrsta in višina izrednega izdatka sta obvezni.")
    return Expense(
        category=category,
        amount=amount,
        description=_text(data, "description", p, "opis izdatka"),
        document=_text(data, "document", p, "dokazilo"),
    )


def _finding(obj: object) -> R5Finding | None:
    if obj is None:
        return None
    p = "finding"
    data = check_keys(obj, p, R5_FINDING_FIELDS)
    return R5Finding(
        centre=_text(data, "centre", p, "center za socialno delo"),
        unit=_text(data, "unit", p, "enota"),
        date=_date(data, "date", p, "datum ugotovitve"),
        justified=_amount(data, "justified", p, "namensko porabljeni znesek"),
        unjustified=_amount(data, "unjustified", p, "nenamensko porabljeni znesek"),
        refund_deadline=_date(data, "refund_deadline", p, "rok vračila"),
        method=_choice(data, "method", p, "način vračila", METHODS),
    )


R1_FIELDS = ("name", "emso", "address", "electronic_delivery", "email", "place", "date")


def parse_r1(obj: object) -> R1Form:
    data = _root(obj, R1_FIELDS, "R-1")
    electronic = data.get("electronic_delivery")
    if electronic is None:
        electronic = False
    if not isinstance(electronic, bool):
        raise InputError(
            "electronic_delivery", "soglasje z elektronskim vročanjem je true ali false."
        )
    email = _text(data, "email", "", "elektronski naslov")
    if email is not None:
        if not electronic:
            raise InputError(
                "email",
                "elektronski naslov se navede le ob soglasju z elektronskim "
                "vročanjem (electronic_delivery: true).",
            )
        local, _, domain = email.partition("@")
        if not local or "." not in domain or " " in email:
            raise InputError(
                "email",
                f"»{email}« ni elektronski naslov; pričakovan je npr. ime.priimek@primer.si.",
            )
    return R1Form(
        name=_text(data, "name", "", "priimek in ime"),
        emso=_emso(data, "emso", "", "EMŠO vlagatelja/ice"),
        address=_text(data, "address", "", "stalno prebivališče"),
        electronic_delivery=electronic,
        email=email,
        place=_text(data, "place", "", "kraj"),
        date=_date(data, "date", "", "datum vloge"),
    )


PARSERS = {"r1": parse_r1, "r4": parse_r4, "r5": parse_r5}
