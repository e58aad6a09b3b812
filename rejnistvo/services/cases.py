"""The status of every case, R-4 and R-5: one rule for every screen and the `cases` CLI.

* R-4 (a row of ``r4_cases``): the last workflow step with a date — prepared, sent,
  accepted, commission_named, decided, returned (SPEC 3.3).
* R-5 (a board increase; its report, finding and refund hang off it): refunded (a
  refund whose every instalment is paid), refund_ordered (a refund), found (the centre's
  finding), reported (the report arrived), overdue (no report and the due date has
  passed), awaiting_report (otherwise). The due date is ``rules.reminders.r5_due``: the
  last day of the increase − 30 days (čl. 28/3; a period shorter than 31 days: its last
  day), or the day the centre asked for the report (``report_requested_on``), whichever
  is earlier. When the centre asked for a new report after one was received
  (``asked_again_on``, čl. 28/3), that report is due on the day it set, and until it
  arrives the case awaits it (or it is overdue) whatever the earlier report's finding and
  refund: the caseworker's next step is to get it. *Roki*, the R-5 list and
  ``python -m rejnistvo cases`` all call ``r5_report_state`` / ``r5_status``, so they
  cannot disagree.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from rejnistvo.rules.periods import Period
from rejnistvo.rules.reminders import R5Status, r5_due
from rejnistvo.rules.reminders import r5_status as report_state_rule
from rejnistvo.store import Database
from rejnistvo.store.case_documents import R4_STEP_COLUMNS, case_facts

R4_STATUSES = (
    "prepared",
    "sent",
    "received",
    "accepted",
    "commission_named",
    "decided",
    "returned",
)
R5_STATUSES = (
    "awaiting_report",
    "overdue",
    "reported",
    "found",
    "refund_ordered",
    "refunded",
)


def r4_status(steps: Mapping[str, Any]) -> str:
    """The last step with a date (keys as the columns of ``r4_cases``)."""
    status = "prepared"
    for column in R4_STEP_COLUMNS:
        if steps.get(column):
            status = column.removesuffix("_on")
    return status


def r5_report_state(
    period_from: date,
    period_to: date,
    today: date,
    *,
    report_date: date | None = None,
    requested_on: date | None = None,
    soon_days: int | None = None,
    asked_again: bool = False,
) -> R5Status:
    """Where the R-5 report stands (received, overdue, due soon, not due): the rule of
    ``rules.reminders.r5_status`` with the centre's request honoured."""
    period = Period(period_from, period_to)
    if soon_days is None:
        return report_state_rule(period, today, report_date, requested_on, asked_again=asked_again)
    return report_state_rule(
        period, today, report_date, requested_on, soon_days=soon_days, asked_again=asked_again
    )


def r5_report_due(
    period_from: date, period_to: date, requested_on: date | None, asked_again: bool = False
) -> date:
    """The day the R-5 report is due (čl. 28/3, or earlier at the centre's request; a
    report asked for again: the day the centre set)."""
    return r5_due(Period(period_from, period_to), requested_on, asked_again)


def r5_status(
    *,
    period_from: date,
    period_to: date,
    today: date,
    report_date: date | None = None,
    requested_on: date | None = None,
    finding_date: date | None = None,
    has_refund: bool = False,
    refund_paid: bool = False,
    asked_again: bool = False,
) -> str:
    """The status code of one R-5 case (see the module docstring)."""
    if not (asked_again and report_date is None):
        if has_refund:
            return "refunded" if refund_paid else "refund_ordered"
        if finding_date is not None:
            return "found"
        if report_date is not None:
            return "reported"
    state = r5_report_state(
        period_from, period_to, today, requested_on=requested_on, asked_again=asked_again
    )
    return "overdue" if state is R5Status.OVERDUE else "awaiting_report"


@dataclass(frozen=True)
class CaseSummary:
    """One line of the `cases` list (SPEC 6)."""

    id: int
    kind: str  # "r4" | "r5"
    child: str
    carer: str
    status: str

    def as_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "kind": self.kind,
            "child": self.child,
            "carer": self.carer,
            "status": self.status,
        }


def status_of_facts(fact: dict[str, Any], today: date) -> str:
    """The status of one row of ``store.case_documents.case_facts``."""
    if fact["kind"] == "r4":
        return r4_status(fact)
    return r5_status(
        period_from=fact["from_date"],
        period_to=fact["to_date"],
        today=today,
        report_date=fact["report_date"],
        requested_on=fact["report_requested_on"],
        finding_date=fact["finding_date"],
        has_refund=fact["refund_id"] is not None,
        refund_paid=bool(fact["instalments"]) and not fact["unpaid_instalments"],
        asked_again=fact.get("asked_again_on") is not None,
    )


def list_cases(db: Database, today: date, name: str | None = None) -> list[CaseSummary]:
    """R-4 and R-5 cases with their status, r4 first, each by id. `name` keeps the cases
    whose child's or carer's name contains the fragment."""
    return [
        CaseSummary(
            fact["id"], fact["kind"], fact["child"], fact["carer"], status_of_facts(fact, today)
        )
        for fact in case_facts(db, name)
    ]


def r5_statuses(db: Database, today: date) -> dict[int, str]:
    """{board increase id: status} — for the R-5 screen's list."""
    return {c.id: c.status for c in list_cases(db, today) if c.kind == "r5"}
