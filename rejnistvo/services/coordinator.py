"""The subgroup coordinator's work on R-4 cases (SPEC 3.3, 3.5; čl. 7, 29, 30).

The steps are ``rejnistvo.register.workflow`` (the one place with their checks); this
module gives the screen and the CLI typed rows and passes the ``version`` of the case
the coordinator was shown, so a step on a case someone changed meanwhile is refused
with ``StaleRecordError`` instead of acting on what she has not seen.

Waiting time (*Čaka (dni)*) is ``workflow.waiting_days`` from ``workflow.received_date``
— the day of receipt (``received_on``), else the day the centre sent it (``sent_on``) —
until the decision or today. *Roki* (``services.deadlines``) counts the same way.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlite_utils import Database

from rejnistvo.register import workflow
from rejnistvo.register.queries import case_members, select_cases, to_row
from rejnistvo.register.workflow import Candidate
from rejnistvo.rules.uplift import UpliftSuggestion


@dataclass(frozen=True)
class IncomingCase:
    """A proposal at the coordinator, not yet returned, as the list shows it."""

    id: int
    version: int
    case_no: str
    child: str
    carer: str
    centre: str
    unit: str
    proposed_percent: int | None
    sent_on: date | None
    received_on: date | None  # as stored (None: not recorded)
    received: date | None  # the day waiting counts from
    accepted: date | None
    commission_named: date | None
    decided: date | None
    status: str  # Slovenian, as the register's
    members: tuple[str, ...]
    decision: str
    resolution_no: str | None
    waiting: int | None
    overdue: bool
    returned: date | None = None  # a returned case leaves the list

    def as_row(self) -> dict[str, Any]:
        """The record a table model shows (id = the case)."""
        return {name: getattr(self, name) for name in self.__dataclass_fields__} | {
            "members": ", ".join(self.members)
        }


def _incoming(
    record: dict[str, Any], members: tuple[str, ...], today: date, threshold: int
) -> IncomingCase:
    row = to_row(record, members)
    received = workflow.received_date(record)
    days = workflow.waiting_days(received, row.decided, today)
    return IncomingCase(
        id=row.case_id,
        version=int(record["version"]),
        case_no=row.case_no,
        child=row.child,
        carer=row.carer,
        centre=row.centre,
        unit=row.unit,
        proposed_percent=row.proposed_percent,
        sent_on=workflow.as_date(record.get("sent_on")),
        received_on=workflow.as_date(record.get("received_on")),
        received=received,
        accepted=row.accepted,
        commission_named=row.commission_named,
        decided=row.decided,
        status=row.status,
        members=row.members,
        decision=row.decision_text,
        resolution_no=row.resolution_no,
        waiting=days,
        overdue=days is not None and row.decided is None and days > threshold,
        returned=row.returned,
    )


_INCOMING = (
    "c.subgroup_id = ? AND c.returned_on IS NULL "
    "AND COALESCE(c.received_on, c.sent_on, c.accepted_on) IS NOT NULL"
)


def incoming_cases(db: Database, subgroup: int, today: date) -> list[IncomingCase]:
    """The subgroup's proposals that reached the coordinator and are not yet returned,
    longest waiting first."""
    threshold = workflow.waiting_threshold(db)
    records = select_cases(db, _INCOMING, (subgroup,))
    members = case_members(db, [r["id"] for r in records])
    cases = [_incoming(r, members.get(r["id"], ()), today, threshold) for r in records]
    return sorted(cases, key=lambda c: (-(c.waiting or 0), c.id))


def incoming_case(db: Database, case_id: int, today: date) -> IncomingCase | None:
    """One case as the list shows it (after a step: the changed row only)."""
    records = select_cases(db, "c.id = ?", (case_id,))
    if not records:
        return None
    members = case_members(db, [case_id]).get(case_id, ())
    return _incoming(records[0], members, today, workflow.waiting_threshold(db))


@dataclass(frozen=True)
class CaseDetail:
    """What the step panel shows of a case besides its list row."""

    proposed_percent: int | None
    period_from: date | None
    period_to: date | None
    suggestion: UpliftSuggestion


def case_detail(db: Database, case_id: int) -> CaseDetail:
    case = workflow.load_case(db, case_id)
    return CaseDetail(
        case.get("proposed_percent"),
        case.get("period_from"),
        case.get("period_to"),
        workflow.rule_suggestion(case),
    )


def candidates(db: Database, subgroup: int, on: date) -> list[Candidate]:
    return workflow.active_candidates(db, subgroup, on)


def commission_warnings(db: Database, case_id: int, members: Sequence[Candidate]) -> list[str]:
    return workflow.commission_warnings(db, case_id, members)


def next_resolution_no(db: Database, subgroup: int, year: int) -> str:
    return workflow.next_resolution_no(db, subgroup, year)


# ------------------------------------------------------------------------------ steps


def record_received(db: Database, case_id: int, version: int | None, on: date) -> None:
    workflow.record_received(db, case_id, on, version=version)


def accept(db: Database, case_id: int, version: int | None, on: date) -> None:
    workflow.accept_proposal(db, case_id, on, version=version)


def name_commission(
    db: Database, case_id: int, version: int | None, candidate_ids: Sequence[int], on: date
) -> list[str]:
    return workflow.name_commission(db, case_id, candidate_ids, on, version=version)


@dataclass(frozen=True)
class Decision:
    """The commission's decision as the coordinator enters it."""

    outcome: str  # "increase" | "no_increase"
    percent: int | None = None
    period_from: date | None = None
    period_to: date | None = None
    rationale: str = ""


def decide(db: Database, case_id: int, version: int | None, decision: Decision, on: date) -> str:
    """Record the decision; returns the resolution number given in the same transaction."""
    return workflow.record_decision(
        db,
        case_id,
        on=on,
        outcome=decision.outcome,
        percent=decision.percent,
        period_from=decision.period_from,
        period_to=decision.period_to,
        rationale=decision.rationale,
        version=version,
    )


def mark_returned(db: Database, case_id: int, version: int | None, on: date) -> None:
    workflow.mark_returned(db, case_id, on, version=version)
