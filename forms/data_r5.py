"""OBRAZEC R-5's data (SPEC 6.1): the JSON parsed into dataclasses and checked.

Apart from `data` (which names everything here, loaded on first use) so that a process
printing an R-4 does not make these dataclasses: each costs about as much as loading a
module (dataclasses compiles its methods from source text)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import TYPE_CHECKING

from rejnistvo.rules import consistency
from rejnistvo.rules.catalogues import EXPENSE_CATEGORY_KEYS
from rejnistvo.rules.errors import InputError
from rejnistvo.rules.periods import Period, check_keys

from .data import (
    METHODS,
    Day,
    ParsedForm,
    Person,
    _amount,
    _choice,
    _date,
    _percent,
    _period,
    _person,
    _root,
    _text,
)

if TYPE_CHECKING:  # the refund rule (and Babel with it) loads only for an R-5 check
    from rejnistvo.rules.rates import RateTable
    from rejnistvo.rules.refund import RefundPlan


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
class R5Form(ParsedForm):
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
    from rejnistvo.rules.refund import (
        RefundMethod,
        check_finding_parts,
        received_months,
        refund_plan,
    )

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
    # the most the whole period can have brought (the child placed throughout)
    whole = received_months(increase, [form.period], rates, form.period.end + timedelta(days=1))
    check_finding_parts(
        finding.justified,
        finding.unjustified,
        sum((m.increase for m in whole), Decimal("0.00")),
        f"{p}.unjustified",
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
