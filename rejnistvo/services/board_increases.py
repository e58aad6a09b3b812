"""Board increases with their R-5 report, the centre's finding and the refund
(Pravilnik čl. 27, 28; SPEC 3.4). One use case per function; no Qt.

* ``load_case(db, increase_id)`` → ``R5Case`` (typed records with their versions);
* ``increase_facts(db, placement_id, percent, period, today)`` → what the window shows
  while an increase is typed: R-5 due date (and why, for a short period), days paid,
  the whole period's amount and, while it lasts, what was received before today;
* ``refund_preview(db, case)`` → the refund plan of the rules for what is typed;
* ``save_case(db, case, today)`` → stores the increase, its report and its refund in ONE
  transaction after every check (overlap with another increase of the placement, period
  inside the placement, the consistency checks ``print`` makes, the refund rules); a
  stale version is refused with ``StaleRecordError``;
* ``case_pages(db, today)`` → the list in pages (ids and search texts; the lines of
  the rows painted), ``case_rows`` / ``case_row`` → lines of a few cases (a save updates
  its row), ``list_rows`` → every line (an export); the status of each by the one rule
  of ``services.cases``.

Refused input raises ``InputError(field, message)``; the fields are ``placement``,
``percent``, ``period``, ``categories``, ``report_date``, ``expenses[i].amount``,
``finding_date``, ``justified``, ``unjustified``, ``call_date``, ``deadline``,
``method``, ``instalments`` and ``instalments[i].due``.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from rejnistvo.rules import consistency
from rejnistvo.rules.catalogues import EXPENSE_CATEGORY_KEYS
from rejnistvo.rules.errors import InputError, RuleError
from rejnistvo.rules.money import ZERO, format_amount
from rejnistvo.rules.months import (
    Adjustment,
    PartTimePlacement,
    check_percent,
    month_payments,
    month_range,
)
from rejnistvo.rules.overlap import check_no_overlap
from rejnistvo.rules.periods import Period, check_within, format_date
from rejnistvo.rules.plural import count_phrase
from rejnistvo.rules.rates import RateTable
from rejnistvo.rules.refund import (
    Instalment,
    RefundMethod,
    RefundPlan,
    check_finding_parts,
    check_instalment_dates,
    excess_paid,
    keep_paid,
    keep_typed_dues,
    paid_days,
    received_months,
    refund_plan,
    report_due_date,
    report_due_reason,
    same_day_notes,
)
from rejnistvo.rules.workdays import next_working_day
from rejnistvo.services import cases
from rejnistvo.services.rates import rate_table, rate_warnings
from rejnistvo.services.row_pages import RowPages, TextsOf, chunks, marks
from rejnistvo.store import (
    Database,
    StoreError,
    delete_record,
    get_record,
    get_setting,
    list_records,
    save_record,
    units_of,
)
from rejnistvo.store.case_documents import R5_FACT_DATES
from rejnistvo.store.reads import read_rows, read_tuples


# -- typed records -------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Expense:
    category: str
    amount: Decimal
    description: str | None = None
    document: str | None = None


@dataclass(frozen=True, slots=True)
class RefundInstalment:
    due: date
    amount: Decimal
    paid_on: date | None = None


@dataclass(frozen=True, slots=True)
class BoardIncrease:
    placement_id: int
    percent: int
    period: Period
    categories: tuple[str, ...]
    decision_no: str | None = None
    decision_date: date | None = None
    report_requested_on: date | None = None
    id: int | None = None
    version: int | None = None


@dataclass(frozen=True, slots=True)
class R5Report:
    """The carer's report (date, expenses) and the centre's finding on it."""

    report_date: date | None = None
    expenses: tuple[Expense, ...] = ()
    finding_date: date | None = None
    justified: Decimal | None = None
    unjustified: Decimal | None = None
    finding_centre_id: int | None = None
    finding_unit_id: int | None = None
    id: int | None = None
    version: int | None = None

    @property
    def total(self) -> Decimal:
        """SKUPAJ of the report."""
        return sum((e.amount for e in self.expenses), ZERO)


@dataclass(frozen=True, slots=True)
class Refund:
    """The call to refund. ``deadline`` None = the latest allowed one; ``instalments``
    empty = the rules' default plan; ``amount`` is set by the service (= unjustified)."""

    call_date: date
    method: RefundMethod = RefundMethod.LUMP_SUM
    deadline: date | None = None
    instalments: tuple[RefundInstalment, ...] = ()
    amount: Decimal | None = None
    id: int | None = None
    version: int | None = None
    #: the day the centre gave back what the carer paid beyond the refund
    excess_returned_on: date | None = None
    #: what the carer paid beyond the refund, as the service found it (None: nothing)
    excess: Decimal | None = None


@dataclass(frozen=True, slots=True)
class R5Case:
    increase: BoardIncrease
    report: R5Report | None = None
    refund: Refund | None = None


@dataclass(frozen=True, slots=True)
class DueDate:
    """The R-5 due date and, when it is not "30 days before the end", why."""

    day: date
    reason: str | None = None


@dataclass(frozen=True, slots=True)
class IncreaseFacts:
    due: DueDate
    paid_days: int
    received: Decimal  # over the whole period
    # While the period lasts (asked with `today`), only the days before today were paid:
    # the whole period's amount is not "received" yet. None once the period is over.
    received_by_today: Decimal | None = None
    # A missing 1 March indexation for a month of the period (SPEC 3.1): the amounts
    # above are computed with the newest amounts entered, and say so.
    warnings: tuple[str, ...] = ()

    @property
    def paid_days_text(self) -> str:
        """ "181 dni zvišanja v času namestitve" (Slovenian counts, rules.plural)."""
        return f"{count_phrase(self.paid_days, 'dan')} zvišanja v času namestitve"


@dataclass(frozen=True, slots=True)
class R5Row:
    """One line of the list of R-5 cases."""

    id: int
    version: int
    placement_id: int
    child_name: str
    carer_name: str
    percent: int
    from_date: date
    to_date: date
    report_due: date
    status: str
    decision_no: str | None = None
    #: the report awaited (or received) was asked for again after an earlier one (m021)
    asked_again: bool = False
    extra: dict[str, Any] = field(default_factory=dict, compare=False)

    def as_dict(self) -> dict[str, Any]:
        # the field names worked out once: a page of the list converts 200 rows
        return {name: getattr(self, name) for name in _R5_ROW_FIELDS}


_R5_ROW_FIELDS = tuple(f.name for f in dataclasses.fields(R5Row) if f.name != "extra")


# -- reading -------------------------------------------------------------------------------
def placement_part_time(db: Database, placement_id: int) -> PartTimePlacement | None:
    """A placement on weekends and holidays only was paid 75 % of the board, its board
    increase too (SPEC 3.2): what it received and can refund is counted so, as the
    payment run counts it (``store.ledger.sources``)."""
    placement = get_record(db, "placements", placement_id)
    if not placement.get("part_time"):
        return None
    return PartTimePlacement(Decimal(placement.get("fee_share") or "0"))


def placement_periods(db: Database, placement_id: int) -> list[Period]:
    """The contract's and the annexes' periods of a stored placement."""
    placement = get_record(db, "placements", placement_id)
    return [
        Period(p["from_date"], p["to_date"])
        for p in placement.get("periods") or []
        if p.get("from_date")
    ]


def _increase(row: dict[str, Any]) -> BoardIncrease:
    return BoardIncrease(
        placement_id=row["placement_id"],
        percent=row["percent"],
        period=Period(row["from_date"], row["to_date"]),
        categories=tuple(c["category"] for c in row.get("categories", [])),
        decision_no=row.get("decision_no"),
        decision_date=row.get("decision_date"),
        report_requested_on=row.get("report_requested_on"),
        id=row["id"],
        version=row.get("version"),
    )


def report_from_row(row: dict[str, Any]) -> R5Report:
    """A stored report (``r5_reports`` or ``r5_earlier_reports``, with its expenses)."""
    return R5Report(
        report_date=row.get("report_date"),
        expenses=tuple(
            Expense(e["category"], e["amount"], e.get("description"), e.get("document"))
            for e in row.get("expenses", [])
        ),
        finding_date=row.get("finding_date"),
        justified=row.get("justified"),
        unjustified=row.get("unjustified"),
        finding_centre_id=row.get("finding_centre_id"),
        finding_unit_id=row.get("finding_unit_id"),
        id=row["id"],
        version=row.get("version"),
    )


def _refund(row: dict[str, Any]) -> Refund:
    return Refund(
        call_date=row["call_date"],
        method=RefundMethod(row.get("method") or RefundMethod.LUMP_SUM),
        deadline=row.get("deadline"),
        instalments=tuple(
            RefundInstalment(i["due"], i["amount"], i.get("paid_on"))
            for i in row.get("instalments", [])
        ),
        amount=row.get("amount"),
        id=row["id"],
        version=row.get("version"),
        excess_returned_on=row.get("excess_returned_on"),
        excess=row.get("excess"),
    )


def load_case(db: Database, increase_id: int) -> R5Case:
    """The increase with its report and refund, as stored (StoreError if it is gone)."""
    increase = _increase(get_record(db, "board_increases", increase_id))
    reports = list_records(db, "r5_reports", increase_id=increase_id)
    refunds = list_records(db, "refunds", increase_id=increase_id)
    report = report_from_row(get_record(db, "r5_reports", reports[0]["id"])) if reports else None
    refund = _refund(get_record(db, "refunds", refunds[0]["id"])) if refunds else None
    return R5Case(increase, report, refund)


def stored_version(db: Database, increase_id: int) -> int | None:
    """The increase's version now (None if it was deleted): editors compare it with the
    one they loaded to know whether another screen changed the case."""
    rows = list_records(db, "board_increases", id=increase_id)
    return rows[0].get("version") if rows else None


def finding_centre_default(db: Database, placement_id: int) -> tuple[int | None, int | None]:
    """The centre (and unit) that makes the finding: the child's centre of the placement
    (čl. 28: the child's centre checks the report), the child's unit if it is of it."""
    placement = get_record(db, "placements", placement_id)
    centre = placement.get("child_centre_id")
    unit = None
    if centre is not None and placement.get("child_id") is not None:
        child = get_record(db, "children", placement["child_id"])
        if child.get("centre_id") == centre:
            unit = child.get("unit_id")
    return centre, unit


def centre_choices(db: Database) -> list[tuple[str, int]]:
    return [(c["name"], c["id"]) for c in list_records(db, "centres")]


def unit_choices(db: Database, centre_id: int | None) -> list[tuple[str, int]]:
    if centre_id is None:
        return []
    return [(u["name"], u["id"]) for u in units_of(db, centre_id)]


# -- figures -------------------------------------------------------------------------------
def report_due(period: Period) -> DueDate:
    """Čl. 28/3: 30 days before the end; for a period shorter than 31 days that day is
    before the start, so the report is due on the last day (SPEC 3.4), and the rules
    say why."""
    if period.end is None:
        raise InputError("period", "zvišanje oskrbnine je začasno: obdobje mora imeti konec.")
    return DueDate(report_due_date(period), report_due_reason(period))


def increase_facts(
    db: Database, placement_id: int, percent: int, period: Period, today: date | None = None
) -> IncreaseFacts:
    """What the window shows while an increase is typed (RuleError if it cannot say);
    with `today` inside or before the period, also what was received before today."""
    check_percent(percent, "percent")
    due = report_due(period)
    placement = placement_periods(db, placement_id)
    part_time = placement_part_time(db, placement_id)
    adjustment = Adjustment(percent, period)
    rates = rate_table(db)
    by_today = None
    if today is not None and period.end is not None and today <= period.end:
        months = received_months(adjustment, placement, rates, today, part_time)
        by_today = sum((m.increase for m in months), ZERO)
    return IncreaseFacts(
        due=due,
        paid_days=paid_days(period, placement),
        received=_received_whole(adjustment, placement, rates, part_time),
        received_by_today=by_today,
        warnings=tuple(rate_warnings(db, _placed_months(period, placement))),
    )


def _placed_months(period: Period, placement: Sequence[Period]) -> list[date]:
    """The months in which the increase `period` has placed days."""
    assert period.end is not None
    months: set[date] = set()
    for placed in placement:
        part = placed.clip(period.start, period.end)
        if part is not None:
            months.update(month_range(*part))
    return sorted(months)


def _received_whole(
    increase: Adjustment,
    placement: Sequence[Period],
    rates: RateTable,
    part_time: PartTimePlacement | None,
) -> Decimal:
    assert increase.period.end is not None
    if paid_days(increase.period, placement) == 0:
        return ZERO
    payments = month_payments(
        month_range(increase.period.start, increase.period.end),
        placement,
        rates,
        board_increases=[increase],
        part_time=part_time,
    )
    return sum((p.board_increase for p in payments), ZERO)


def refund_preview(
    db: Database, case: R5Case, typed_dues: Sequence[date | None] = ()
) -> RefundPlan:
    """The rules' refund plan for the case as typed (``case.refund`` must be set).
    `typed_dues`: due days the user typed for unpaid instalments of the plan shown before
    (by position, None where the plan's own): those still allowed stay (``due_notes``
    says which could not)."""
    if case.refund is None:
        raise InputError("call_date", "vpišite datum poziva k vračilu.")
    inc = case.increase
    unjustified = case.report.unjustified if case.report else None
    finding = case.report.finding_date if case.report else None
    consistency.check_call_not_before_finding(finding, case.refund.call_date, "call_date")
    consistency.check_refund_deadline_after(
        case.refund.deadline, finding, "deadline", "ugotovitve centra"
    )
    plan = refund_plan(
        Adjustment(inc.percent, inc.period),
        placement_periods(db, inc.placement_id),
        rate_table(db),
        case.refund.call_date,
        unjustified,
        case.refund.deadline,
        case.refund.method,
        placement_part_time(db, inc.placement_id),
    )
    # Instalments marked paid keep what was paid; the rest of the refund is re-shared.
    typed = [Instalment(i.due, i.amount, i.paid_on) for i in case.refund.instalments]
    instalments = keep_paid(plan.instalments, typed, plan.refund)
    notes: list[str] = []
    if any(day is not None for day in typed_dues):
        instalments, notes = keep_typed_dues(
            instalments, typed_dues, case.refund.call_date, plan.deadline
        )
    # SPEC 3.4's days may put two instalments on one day: the clerk is told which, and how
    # to give each its own
    notes += same_day_notes(instalments, case.refund.call_date, plan.deadline, plan.latest_deadline)
    return dataclasses.replace(
        plan,
        instalments=instalments,
        due_notes=tuple(notes),
        excess=excess_paid(instalments, plan.refund),
    )


# -- checks --------------------------------------------------------------------------------
def _overlap_label(row: dict[str, Any]) -> tuple[str, str]:
    reference = f"odločba {row['decision_no']}" if row.get("decision_no") else ""
    return f"zvišanjem oskrbnine {row['percent']} %", reference


def check_increase(db: Database, increase: BoardIncrease) -> list[Period]:
    """The increase alone: percent, a closed period inside the placement, not overlapping
    another increase of the placement, at least one category. Returns the placement."""
    check_percent(increase.percent, "percent")
    if increase.period.end is None:
        raise InputError(
            "period",
            "zvišanje oskrbnine je začasno (28. člen): vpišite tudi konec obdobja.",
        )
    consistency.check_request_not_before_start(
        increase.report_requested_on, increase.period.start, "report_requested_on"
    )
    if not increase.categories:
        raise InputError("categories", "izberite vsaj eno vrsto izrednih izdatkov (27. člen).")
    for key in increase.categories:
        if key not in EXPENSE_CATEGORY_KEYS:
            raise InputError("categories", f"»{key}« ni vrsta izrednih izdatkov 27. člena.")
    try:
        placement = placement_periods(db, increase.placement_id)
    except StoreError:
        raise InputError("placement", "izbrane namestitve ni več; izberite drugo.") from None
    if not _recorded_as_is(db, increase):
        check_within(increase.period, placement, "period")
    others = [
        (_overlap_label(row), Period(row["from_date"], row["to_date"]))
        for row in list_records(db, "board_increases", placement_id=increase.placement_id)
        if row["id"] != increase.id
    ]
    check_no_overlap(others, increase.period, "period")
    return placement


def _recorded_as_is(db: Database, increase: BoardIncrease) -> bool:
    """Whether the increase is stored with this placement and period: a decision recorded
    inside the placement stays valid when the child later leaves early (SPEC 6: only
    placed days count), so its R-5 report, finding and refund can still be saved. A new or
    changed period must lie inside the placement."""
    if increase.id is None:
        return False
    try:
        row = get_record(db, "board_increases", increase.id)
    except StoreError:
        return False
    return (
        row["placement_id"] == increase.placement_id
        and Period(row["from_date"], row["to_date"]) == increase.period
    )


def _check_report(report: R5Report, received_amount: Decimal, standing: bool = False) -> None:
    """`standing`: the finding was made on an earlier report, before the centre asked for
    the one awaited or typed now (čl. 28/3); it stands until corrected, so it is not
    compared with this report's date and total."""
    if not standing:
        consistency.check_finding_not_before_report(
            report.report_date, report.finding_date, "finding_date"
        )
        if report.expenses:
            consistency.check_justified_within_total(report.justified, report.total, "justified")
    if report.justified is not None and report.justified > received_amount:
        raise InputError(
            "justified",
            f"namensko porabljeni znesek ({format_amount(report.justified)} EUR) presega "
            f"prejeto zvišanje oskrbnine; dovoljeno je od 0,00 do "
            f"{format_amount(received_amount)} EUR.",
        )
    consistency.check_unjustified_within_received(
        report.unjustified, received_amount, "unjustified"
    )
    check_finding_parts(report.justified, report.unjustified, received_amount, "unjustified")


def _check_something_to_refund(unjustified: Decimal | None, received: Decimal, call: date) -> None:
    """A call needs the finding's amount to refund, said as the screen asks for it (the
    print input's own check names JSON fields and an empty method the screen lacks)."""
    allowed = f"od 0,01 do {format_amount(received)} EUR, prejetih pred dnem poziva"
    if unjustified is None:
        raise InputError(
            "unjustified",
            f"vpišite nenamensko porabljeni ali brez razloga prejeti znesek, ki ga poziv k "
            f"vračilu z dne {format_date(call)} zahteva vrniti ({allowed}), ali izbrišite "
            "datum poziva, če vračila ni.",
        )
    if unjustified <= 0:
        raise InputError(
            "unjustified",
            f"nenamensko porabljeni znesek je {format_amount(unjustified)} EUR, zato ni ničesar "
            f"za vračilo: izbrišite datum poziva ali vpišite znesek za vračilo ({allowed}).",
        )


def _checked_refund(db: Database, case: R5Case) -> Refund:
    """The refund as it will be stored: the rules' amount and deadline; the typed
    instalment dates kept when they fit the plan, else the plan's own."""
    assert case.refund is not None
    refund = case.refund
    unjustified = case.report.unjustified if case.report else None
    plan = refund_preview(db, case)
    _check_something_to_refund(unjustified, plan.received, refund.call_date)
    consistency.check_method_has_refund(str(refund.method), unjustified, "unjustified")
    # A typed due day that is not a working day moves to the next one (ZUP 101), as the
    # plan's own dates do: the instalment is late only from then (Roki).
    typed = tuple(dataclasses.replace(i, due=next_working_day(i.due)) for i in refund.instalments)
    if typed and len(typed) == len(plan.instalments):
        if sum((i.amount for i in typed), ZERO) != plan.refund:
            typed = ()
    else:
        typed = ()
    if typed:
        check_instalment_dates(
            [Instalment(i.due, i.amount) for i in typed], refund.call_date, plan.deadline
        )
        # the typed days; the amounts are the plan's (a paid one's is what was paid)
        instalments = tuple(
            RefundInstalment(t.due, p.amount, t.paid_on)
            for t, p in zip(typed, plan.instalments, strict=True)
        )
    else:
        instalments = tuple(RefundInstalment(i.due, i.amount, i.paid_on) for i in plan.instalments)
    _check_excess_returned(refund, plan)
    return dataclasses.replace(
        refund,
        deadline=plan.deadline,
        amount=plan.refund,
        instalments=instalments,
        excess=plan.excess if plan.excess > 0 else None,
    )


def _check_excess_returned(refund: Refund, plan: RefundPlan) -> None:
    """The day the excess was given back: only where the carer paid more than the refund,
    and not before the carer's last payment."""
    day = refund.excess_returned_on
    if day is None:
        return
    if plan.excess <= 0:
        raise InputError(
            "excess_returned_on",
            "rejnik ni vrnil več od zneska za vračilo, zato ni ničesar, kar bi mu center "
            "vrnil: izbrišite dan vračila presežka.",
        )
    last_paid = max(i.paid_on for i in plan.instalments if i.paid_on is not None)
    if day < last_paid:
        raise InputError(
            "excess_returned_on",
            f"presežek ni mogel biti vrnjen pred zadnjim plačilom rejnika "
            f"({format_date(last_paid)}); vpišite dan od {format_date(last_paid)} dalje.",
        )


# -- saving --------------------------------------------------------------------------------
def same_case(db: Database, edited: R5Case, stored: R5Case) -> bool:
    """Whether a case collected from the editor says what the stored one says, so that
    saving it would write a version and a change-log line for nothing. The categories
    ticked are a set; the refund's amount is the rules' (from the finding), not typed;
    and the child's centre offered for a finding not made yet is no edit."""
    increase, report, refund = edited.increase, edited.report, edited.refund
    if set(increase.categories) == set(stored.increase.categories):
        increase = dataclasses.replace(increase, categories=stored.increase.categories)
    if (
        report is not None
        and stored.report is not None
        and report.finding_date is None
        and stored.report.finding_centre_id is None
        and (report.finding_centre_id, report.finding_unit_id)
        == _offered_centre(db, increase.placement_id)
    ):
        report = dataclasses.replace(report, finding_centre_id=None, finding_unit_id=None)
    if refund is not None and stored.refund is not None and refund.amount is None:
        # the amount and the excess are the rules' (from the finding and the payments)
        refund = dataclasses.replace(
            refund, amount=stored.refund.amount, excess=stored.refund.excess
        )
    return R5Case(increase, report, refund) == stored


def _offered_centre(db: Database, placement_id: int) -> tuple[int | None, int | None] | None:
    try:
        return finding_centre_default(db, placement_id)
    except RuleError:
        return None


def _check_not_future(case: R5Case, today: date) -> None:
    """The report's arrival, the centre's finding and the call are days that have come:
    a call sent »5. 1. 2027« on 5. 12. 2026 would start the refund's deadlines (and
    Roki's reminders of its instalments) on a day that has not come."""
    report, refund = case.report, case.refund
    for name, day, label in (
        ("report_date", report.report_date if report else None, "Datum poročila"),
        ("finding_date", report.finding_date if report else None, "Datum ugotovitve"),
        ("call_date", refund.call_date if refund else None, "Datum poziva"),
        (
            "excess_returned_on",
            refund.excess_returned_on if refund else None,
            "Presežek vrnjen rejniku",
        ),
        *(
            (f"instalments[{k}].paid_on", i.paid_on, "Dan plačila")
            for k, i in enumerate(refund.instalments if refund else ())
        ),
    ):
        consistency.check_not_future(day, today, name, label)


def _increase_record(inc: BoardIncrease) -> dict[str, Any]:
    record: dict[str, Any] = {
        "placement_id": inc.placement_id,
        "percent": inc.percent,
        "from_date": inc.period.start,
        "to_date": inc.period.end,
        "decision_no": inc.decision_no,
        "decision_date": inc.decision_date,
        "report_requested_on": inc.report_requested_on,
        "categories": [{"category": c} for c in inc.categories],
    }
    if inc.id is not None:
        record["id"] = inc.id
        if inc.version is not None:
            record["version"] = inc.version
    return record


def report_record(report: R5Report) -> dict[str, Any]:
    """The report and its finding as the store keeps them (``r5_reports``, and
    ``r5_earlier_reports`` once the centre asks for a new one), without its identity."""
    return {
        "report_date": report.report_date,
        "finding_date": report.finding_date,
        "justified": report.justified,
        "unjustified": report.unjustified,
        "finding_centre_id": report.finding_centre_id,
        "finding_unit_id": report.finding_unit_id,
        "expenses": [
            {
                "category": e.category,
                "description": e.description,
                "amount": e.amount,
                "document": e.document,
            }
            for e in report.expenses
        ],
    }


def _with_identity(record: dict[str, Any], item: R5Report | Refund) -> dict[str, Any]:
    if item.id is not None:
        record["id"] = item.id
        if item.version is not None:
            record["version"] = item.version
    return record


def request_on_working_day(case: R5Case) -> R5Case:
    """The case with the day the centre asked for the report by (»Poročilo zahtevano do«)
    moved off a Saturday, Sunday or holiday to the next working day (ZUP 101: a term that
    ends on a day the authority does not work ends on the next working day). Kept as
    typed, a report asked for by 25. 12. was »zamuja« on Roki from 26. 12., while the
    carer had until 28. 12. (QA54). The regular day, 30 days before the end, is the
    rule's own (SPEC 3.4) and is not moved."""
    day = case.increase.report_requested_on
    if day is None or next_working_day(day) == day:
        return case
    increase = dataclasses.replace(case.increase, report_requested_on=next_working_day(day))
    return dataclasses.replace(case, increase=increase)


def save_case(db: Database, case: R5Case, today: date, drop_refund: Refund | None = None) -> R5Case:
    """Store the increase, its report and finding and its refund in one transaction.

    ``drop_refund`` is the stored refund as the editor read it, to be deleted (the call
    date was cleared); its version is checked like the others. Returns the case as
    stored, with new ids and versions. ``today``: the report, the finding and the call
    are days that have come."""
    _check_not_future(case, today)
    case = request_on_working_day(case)
    placement = check_increase(db, case.increase)
    inc = case.increase
    report = case.report
    if report is not None:
        if report.finding_date is not None and report.finding_centre_id is None:
            centre, unit = finding_centre_default(db, inc.placement_id)
            report = dataclasses.replace(report, finding_centre_id=centre, finding_unit_id=unit)
        got = _received_whole(
            Adjustment(inc.percent, inc.period),
            placement,
            rate_table(db),
            placement_part_time(db, inc.placement_id),
        )
        # the finding of an earlier report, standing (čl. 28/3; services.r5_requests)
        from rejnistvo.services.r5_requests import finding_of_earlier_report

        standing = inc.id is not None and finding_of_earlier_report(db, inc.id, report)
        _check_report(report, got, standing)
    refund = _checked_refund(db, dataclasses.replace(case, report=report)) if case.refund else None

    with db.atomic():
        # The increase is saved even when unchanged: its version is the case's version,
        # so a second editor of any part of the case is refused.
        increase_id = save_record(db, "board_increases", _increase_record(inc))
        if report is not None:
            save_record(
                db,
                "r5_reports",
                _with_identity({"increase_id": increase_id, **report_record(report)}, report),
            )
        if refund is not None:
            save_record(
                db,
                "refunds",
                _with_identity(
                    {
                        "increase_id": increase_id,
                        "call_date": refund.call_date,
                        "deadline": refund.deadline,
                        "method": str(refund.method),
                        "amount": refund.amount,
                        "excess_returned_on": refund.excess_returned_on,
                        "excess": refund.excess,
                        "instalments": [
                            {"due": i.due, "amount": i.amount, "paid_on": i.paid_on}
                            for i in refund.instalments
                        ],
                    },
                    refund,
                ),
            )
        elif drop_refund is not None and drop_refund.id is not None:
            delete_record(db, "refunds", drop_refund.id, drop_refund.version)
    return load_case(db, increase_id)


# -- the list and the status ---------------------------------------------------------------
STATUSES = cases.R5_STATUSES


def _row(row: dict[str, Any], status: str) -> R5Row:
    return R5Row(
        id=row["id"],
        version=row.get("version") or 1,
        placement_id=row["placement_id"],
        child_name=row.get("child_name") or "",
        carer_name=row.get("carer_name") or "",
        percent=row["percent"],
        from_date=row["from_date"],
        to_date=row["to_date"],
        report_due=cases.r5_report_due(
            row["from_date"],
            row["to_date"],
            row.get("report_requested_on"),
            row.get("asked_again_on") is not None,
        ),
        status=status,
        decision_no=row.get("decision_no"),
        asked_again=row.get("asked_again_on") is not None,
    )


#: the R-5 list: an increase with its child and carer and what its status depends on
_LIST_FROM = (
    " FROM board_increases b JOIN placements p ON p.id = b.placement_id"
    " JOIN carers c ON c.id = p.carer_id JOIN children ch ON ch.id = p.child_id"
)
_ROW_SQL = (
    "SELECT b.id, b.version, b.placement_id, ch.name AS child_name, c.name AS carer_name,"
    " b.percent, b.from_date, b.to_date, b.report_requested_on, b.decision_no,"
    " rep.report_date, rep.finding_date, rep.asked_again_on, f.id AS refund_id,"
    " (SELECT count(*) FROM refund_instalments i WHERE i.refund_id = f.id) AS instalments,"
    " (SELECT count(*) FROM refund_instalments i"
    "  WHERE i.refund_id = f.id AND i.paid_on IS NULL) AS unpaid_instalments"
    + _LIST_FROM
    + " LEFT JOIN r5_reports rep ON rep.increase_id = b.id"
    " LEFT JOIN refunds f ON f.increase_id = b.id"
)


def _list_row(row: dict[str, Any], today: date) -> R5Row:
    """One line of the R-5 list; the status by the one rule of ``services.cases``."""
    for column in R5_FACT_DATES:
        value = row[column]
        row[column] = date.fromisoformat(value) if value else None
    row["kind"] = "r5"
    return _row(row, cases.status_of_facts(row, today))


def case_rows(db: Database, ids: Sequence[int], today: date) -> list[R5Row]:
    """The R-5 list's lines of these increases; one that is gone is left out."""
    found: list[R5Row] = []
    for part in chunks(ids):
        sql = f"{_ROW_SQL} WHERE b.id IN ({marks(len(part))})"
        found += [_list_row(row, today) for row in read_rows(db, sql, part)]
    return found


def list_rows(db: Database, today: date) -> list[R5Row]:
    """Every R-5 case for the list, with its status (by ``services.cases``)."""
    return [_list_row(row, today) for row in read_rows(db, _ROW_SQL + " ORDER BY b.id")]


def case_row(db: Database, increase_id: int, today: date) -> R5Row:
    """The list line of one case (after a save: update that row, not the whole list)."""
    rows = case_rows(db, [increase_id], today)
    if not rows:
        raise StoreError(f"Zvišanja oskrbnine {increase_id} ni (morda je bilo izbrisano).")
    return rows[0]


def case_pages(db: Database, today: date) -> RowPages:
    """The R-5 list in pages: ids by id, searched by child and carer (as the search box
    says); the lines (``case_rows``, as dicts) read only for the rows painted."""
    # the ids only; the texts when the list folds them, after its first paint
    ids = [row[0] for row in read_tuples(db, "SELECT id FROM board_increases ORDER BY id")]
    return RowPages(
        ids,
        TextsOf(ids, lambda part: case_texts(db, part)),
        lambda wanted: [row.as_dict() for row in case_rows(db, wanted, today)],
    )


def case_texts(db: Database, ids: Sequence[int]) -> dict[int, str]:
    """The search texts (child, carer) of these cases, ascending ids: one range in id
    order, joined by SQLite as ``search_text`` joins them; a case gone is left out."""
    if not ids:
        return {}
    sql = "SELECT b.id, coalesce(ch.name, '') || ' ' || coalesce(c.name, '')"
    return dict(
        read_tuples(db, f"{sql}{_LIST_FROM} WHERE b.id BETWEEN ? AND ?", [min(ids), max(ids)])
    )


# -- helpers of the window -----------------------------------------------------------------
def check_instalments(
    instalments: Sequence[Instalment], plan: RefundPlan, call_date: date | None
) -> None:
    """Instalment dates the user edited: in order, after the call, not after the deadline."""
    if call_date is not None:
        check_instalment_dates(instalments, call_date, plan.deadline)


def refund_call_header(db: Database, case: R5Case) -> dict[str, Any]:
    """The stored names the call to refund prints: the finding centre (or the child's
    centre), the carer with the address, the child, the decision and the period."""
    inc = case.increase
    placement = get_record(db, "placements", inc.placement_id)
    report = case.report or R5Report()
    centre_id = report.finding_centre_id or placement.get("child_centre_id")
    centre = get_record(db, "centres", centre_id) if centre_id is not None else {}
    unit = None
    if report.finding_unit_id is not None and centre_id is not None:
        unit = next(
            (u["name"] for u in units_of(db, centre_id) if u["id"] == report.finding_unit_id),
            None,
        )
    carer = get_record(db, "carers", placement["carer_id"])
    child = get_record(db, "children", placement["child_id"])
    return {
        "centre": centre.get("name"),
        "unit": unit,
        "case_no": inc.decision_no,
        "call_date": case.refund.call_date if case.refund else None,
        "carer": carer.get("name"),
        "carer_address": carer.get("address"),
        "child": child.get("name"),
        "increase_percent": inc.percent,
        "increase_period": inc.period,
        # The refund is paid to this installation's centre: its IBAN from Nastavitve;
        # the reference (sklic) defaults to SI00 + the case number in the form.
        "account": get_setting(db, "centre_iban") or None,
        "reference": None,
    }
