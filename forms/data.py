"""Form data of SPEC.md 6.1: the JSON of R-1, R-4 and R-5 parsed into records.

The same JSON travels between a centre and its coordinator, so it is checked strictly:
unknown fields are refused, EMŠO numbers are checked, amounts have at most two decimals,
periods do not end before they start, the commission has exactly three members and the
subgroup is 1–6. Every refusal is an `InputError` naming the field (JSON path) with a
Slovenian message. A field that is absent or null is None here and prints as the form's
blank line, so an empty object prints a blank form to fill by hand.

The R-5's and the R-1's dataclasses and parsers live in `data_r5` and `data_r1` and are
named here too, loaded at first use: a process printing an R-4 does not make them.
"""

from __future__ import annotations

import importlib
from collections.abc import Mapping
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Any, NamedTuple

from rejnistvo.clock import SystemClock
from rejnistvo.rules import consistency
from rejnistvo.rules.emso import check_emso
from rejnistvo.rules.errors import InputError
from rejnistvo.rules.money import parse_json_amount
from rejnistvo.rules.periods import Period, check_keys, parse_date, parse_period

if TYPE_CHECKING:  # load when first named (their own modules, see below)
    from .data_r1 import R1_FIELDS as R1_FIELDS
    from .data_r1 import R1Form as R1Form
    from .data_r5 import R5_EXPENSE_FIELDS as R5_EXPENSE_FIELDS
    from .data_r5 import R5_FIELDS as R5_FIELDS
    from .data_r5 import R5_FINDING_FIELDS as R5_FINDING_FIELDS
    from .data_r5 import Expense as Expense
    from .data_r5 import R5Finding as R5Finding
    from .data_r5 import R5Form as R5Form
    from .data_r5 import check_r5 as check_r5
    from .data_r5 import check_r5_refund as check_r5_refund

OUTCOMES = ("increase", "no_increase")
METHODS = ("lump_sum", "as_received")
SUBGROUPS = range(1, 7)
PERCENTS = (25, 50)
MEMBER_COUNT = 3
Day = date  # the records below have a field called `date`, which shadows the type


# -- records -----------------------------------------------------------------------------
class ParsedForm:
    """A form parsed and checked (R-1, R-4, R-5): printed as it is."""

    __slots__ = ()


class Person(NamedTuple):
    """A child or a carer as a form names them."""

    name: str | None = None
    emso: str | None = None


class R4Decision(NamedTuple):
    """SKLEP KOMISIJE: what the commission of the subgroup decided."""

    outcome: str  # "increase" | "no_increase"
    members: tuple[str | None, str | None, str | None]
    resolution_no: str | None = None
    date: Day | None = None
    subgroup: int | None = None
    percent: int | None = None
    period: Period | None = None
    rationale: str | None = None


class _R4Fields(NamedTuple):
    centre: str | None = None
    unit: str | None = None
    case_no: str | None = None
    date: Day | None = None
    child: Person = Person()
    carer: Person = Person()
    proposed_percent: int | None = None
    period: Period | None = None
    rationale: str | None = None
    decision: R4Decision | None = None
    # Not in the JSON of SPEC 6.1 (never parsed from it): what a stored case holds for
    # the attachment »obrazložitev« – the ZIRD 53 reasons ticked, in words, and the
    # workload ("moderate" | "strong", čl. 30).
    reasons: tuple[str, ...] = ()
    workload: str | None = None


class R4Form(_R4Fields, ParsedForm):
    """OBRAZEC R-4: the centre's proposal and, when decided, the commission's resolution.

    The R-4's records are named tuples, not frozen dataclasses: the same fields, equality,
    hash and immutability, while making the three classes costs a fifth (13 M machine
    instructions of a `print r4` process, which makes them before its one form)."""

    __slots__ = ()


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
        return parse_json_amount(value, _path(parent, key))
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
    if isinstance(value, str):
        # "25" in quotes: saying »25« is not allowed, 25 and 50 are, read as nonsense.
        raise InputError(
            _path(parent, key),
            f"{label} je besedilo »{value}«; vpišite število 25 ali 50 (brez narekovajev).",
        )
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
    if isinstance(subgroup, str):
        raise InputError(
            f"{p}.subgroup",
            f"podskupina je besedilo »{subgroup}«; vpišite število od 1 do 6 (brez narekovajev).",
        )
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


def parse_r5(obj: object) -> R5Form:
    from .data_r5 import parse_r5 as parse

    return parse(obj)


def parse_r1(obj: object) -> R1Form:
    from .data_r1 import parse_r1 as parse

    return parse(obj)


PARSERS = {"r1": parse_r1, "r4": parse_r4, "r5": parse_r5}

# The R-5's and R-1's names live in their own modules, loaded at the first use of one of
# them here (PEP 562): a process that prints an R-4 makes none of their dataclasses.
_HOMES = {
    "data_r5": (
        "R5_EXPENSE_FIELDS",
        "R5_FIELDS",
        "R5_FINDING_FIELDS",
        "Expense",
        "R5Finding",
        "R5Form",
        "check_r5",
        "check_r5_refund",
    ),
    "data_r1": ("R1_FIELDS", "R1Form"),
}
_HOME_OF = {name: module for module, names in _HOMES.items() for name in names}


def __getattr__(name: str) -> Any:
    module = _HOME_OF.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{module}", __package__), name)
    globals()[name] = value
    return value
