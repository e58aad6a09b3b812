"""The subgroup coordinator's work on R-4 cases (SPEC 3.3, 3.5; čl. 7, 29, 30).

The steps are ``rejnistvo.register.workflow`` (the one place with their checks); this
module gives the screen and the CLI typed rows and passes the ``version`` of the case
the coordinator was shown, so a step on a case someone changed meanwhile is refused
with ``StaleRecordError`` instead of acting on what she has not seen.

Waiting time (*Čaka (dni)*) is ``workflow.waiting_days`` from ``workflow.received_date``
— the day of receipt (``received_on``), else the day the centre sent it (``sent_on``) —
until the decision or today. *Roki* (``services.deadlines``) counts the same way.

Long lists come as ``RowPages`` (issue 13): ``incoming_pages`` (the narrow ``list_row``
records; the step panel reads the whole case with ``incoming_case`` when one is
selected) and ``package_case_pages`` (every case, for Paketi); a step's changed row is
built by the same functions (``incoming_rows``, ``package_case``).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from rejnistvo.printing.formats import fmt_date
from rejnistvo.register import workflow
from rejnistvo.register.queries import case_members, select_cases
from rejnistvo.register.rows import decision_text, register_status
from rejnistvo.register.workflow import Candidate
from rejnistvo.rules.uplift import UpliftSuggestion
from rejnistvo.services.cases import r4_status
from rejnistvo.services.row_pages import RowPages, TextsOf, chunks, marks, search_text
from rejnistvo.store import Database
from rejnistvo.store.case_documents import R4_STEP_COLUMNS
from rejnistvo.store.reads import read_rows, read_tuples


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
        """The record a table model shows (id = the case): ``incoming_row``'s."""
        return {name: getattr(self, name) for name in self.__dataclass_fields__} | {
            "members": ", ".join(self.members)
        }


#: what the incoming list shows and its steps need of a case (its record, narrow)
_LIST_SELECT = (
    "SELECT c.id, c.version, c.case_no, c.sent_on, c.received_on, c.accepted_on, "
    "c.commission_named_on, c.decided_on, c.returned_on, ch.name AS child, ce.name AS centre "
    "FROM r4_cases c "
    "LEFT JOIN centres ce ON ce.id = c.centre_id "
    "LEFT JOIN placements p ON p.id = c.placement_id "
    "LEFT JOIN children ch ON ch.id = p.child_id WHERE "
)

_INCOMING = (
    "c.subgroup_id = ? AND c.returned_on IS NULL "
    "AND COALESCE(c.received_on, c.sent_on, c.accepted_on) IS NOT NULL"
)


def list_row(record: Mapping[str, Any], today: date, threshold: int) -> dict[str, Any]:
    """A case (a record with the columns of ``_LIST_SELECT``) as the incoming list shows
    it: the one builder of the list's records, for its pages and a step's changed row.

    Status is the register's (``rows.register_status``; »poslano« before the day of
    receipt is recorded), waiting days
    ``workflow.waiting_days`` from ``workflow.received_date``; overdue once undecided and
    waiting longer than `threshold` days."""
    as_date = workflow.as_date
    received_on, sent_on = as_date(record["received_on"]), as_date(record["sent_on"])
    accepted, named = as_date(record["accepted_on"]), as_date(record["commission_named_on"])
    decided, returned = as_date(record["decided_on"]), as_date(record["returned_on"])
    received = workflow.received_date({"received_on": received_on, "sent_on": sent_on})
    days = workflow.waiting_days(received, decided, today)
    status = register_status(accepted, named, decided, returned, received_on is not None)
    return {
        "id": record["id"],
        "version": int(record["version"]),
        "case_no": record["case_no"] or "",
        "child": record["child"] or "",
        "centre": record["centre"] or "",
        "sent_on": sent_on,
        "received_on": received_on,
        "received": received,
        "accepted": accepted,
        "commission_named": named,
        "decided": decided,
        "status": status,
        "waiting": days,
        "overdue": days is not None and decided is None and days > threshold,
        "returned": returned,
    }


def list_search_text(row: Mapping[str, Any]) -> str:
    """The list's columns of a ``list_row`` as the screen shows them: number, child,
    status, waiting days, sent, received (as stored), centre."""
    waiting = row["waiting"]
    return search_text(
        row["case_no"],
        row["child"],
        row["status"],
        "" if waiting is None else waiting,
        fmt_date(row["sent_on"]),
        fmt_date(row["received_on"]),
        row["centre"],
    )


def incoming_row(
    record: dict[str, Any], members: Sequence[str], today: date, threshold: int
) -> dict[str, Any]:
    """A case (a ``select_cases`` record) with everything the step panel shows: its list
    record (``list_row``) and the carer, unit, proposal, commission and decision."""
    as_date = workflow.as_date
    return list_row(record, today, threshold) | {
        "carer": record["carer"] or "",
        "unit": record["unit"] or "",
        "proposed_percent": record["proposed_percent"],
        "members": ", ".join(members),
        "decision": decision_text(
            record["outcome"],
            record["decision_percent"],
            as_date(record["decision_from"]),
            as_date(record["decision_to"]),
        ),
        "resolution_no": record["resolution_no"],
    }


def _incoming(
    record: dict[str, Any], members: tuple[str, ...], today: date, threshold: int
) -> IncomingCase:
    return IncomingCase(**{**incoming_row(record, members, today, threshold), "members": members})


def incoming_cases(db: Database, subgroup: int, today: date) -> list[IncomingCase]:
    """The subgroup's proposals that reached the coordinator and are not yet returned,
    longest waiting first."""
    threshold = workflow.waiting_threshold(db)
    records = select_cases(db, _INCOMING, (subgroup,))
    members = case_members(db, [r["id"] for r in records])
    cases = [_incoming(r, members.get(r["id"], ()), today, threshold) for r in records]
    return sorted(cases, key=lambda c: (-(c.waiting or 0), c.id))


def incoming_case(db: Database, case_id: int, today: date) -> IncomingCase | None:
    """One case with what the step panel shows (read when the coordinator selects it)."""
    records = select_cases(db, "c.id = ?", (case_id,))
    if not records:
        return None
    members = case_members(db, [case_id]).get(case_id, ())
    return _incoming(records[0], members, today, workflow.waiting_threshold(db))


def _list_rows(db: Database, where: str, params: Sequence[object]) -> list[dict[str, Any]]:
    return read_rows(db, _LIST_SELECT + where, params)


def incoming_rows(db: Database, ids: Sequence[int], today: date) -> list[dict[str, Any]]:
    """The given cases' list records (``list_row``; in no particular order, a case no
    longer there left out)."""
    threshold = workflow.waiting_threshold(db)
    rows: list[dict[str, Any]] = []
    for part in chunks(ids):
        found = _list_rows(db, f"c.id IN ({marks(len(part))})", part)
        rows += [list_row(record, today, threshold) for record in found]
    return rows


def incoming_pages(db: Database, subgroup: int, today: date) -> RowPages:
    """``incoming_cases`` as the list reads them, in pages: the ids longest waiting first
    (from the three dates ``list_row`` counts the waiting from, read narrow), each case's
    ``list_search_text`` read when the list folds it after its first paint (``TextsOf``),
    and ``list_row`` records of the rows painted."""
    as_date = workflow.as_date
    found = read_tuples(
        db,
        "SELECT c.id, c.received_on, c.sent_on, c.decided_on FROM r4_cases c WHERE " + _INCOMING,
        [subgroup],
    )
    # list_row's waiting days (received: received_on, else sent_on), without the row
    waiting = {
        case_id: workflow.waiting_days(
            as_date(received_on) or as_date(sent_on), as_date(decided_on), today
        )
        for case_id, received_on, sent_on, decided_on in found
    }
    ids = sorted(waiting, key=lambda case_id: (-(waiting[case_id] or 0), case_id))
    return RowPages(
        ids,
        TextsOf(ids, lambda part: _incoming_texts(db, part, today)),
        lambda wanted: incoming_rows(db, wanted, today),
    )


def _incoming_texts(db: Database, ids: Sequence[int], today: date) -> dict[int, str]:
    return {row["id"]: list_search_text(row) for row in incoming_rows(db, ids, today)}


# ---------------------------------------------------------------------- every case (Paketi)

_PACKAGE_CASES = (
    "SELECT t.id, t.case_no, c.name, ch.name, "
    + ", ".join(f"t.{column}" for column in R4_STEP_COLUMNS)
    + " FROM r4_cases t JOIN placements p ON p.id = t.placement_id "
    "JOIN carers c ON c.id = p.carer_id JOIN children ch ON ch.id = p.child_id"
)


def _package_record(row: Sequence[Any], state_names: Mapping[str, str]) -> dict[str, Any]:
    """A case as the packages list shows it (the one builder, for pages and a step's row)."""
    case_id, case_no, carer, child, *steps = row
    return {
        "id": case_id,
        "case_no": case_no,
        "carer_name": carer or "",
        "child_name": child or "",
        "state": state_names[r4_status(dict(zip(R4_STEP_COLUMNS, steps, strict=True)))],
    }


def package_case_pages(db: Database, state_names: Mapping[str, str]) -> RowPages:
    """Every R-4 case (the list a package is made from), by id, read in pages: number,
    carer, child and the state (``services.cases.r4_status``, shown as `state_names`
    names it); the search text is those four as shown."""
    ids: list[int] = []
    search: list[str] = []
    for row in db.execute(_PACKAGE_CASES + " ORDER BY t.id"):
        record = _package_record(row, state_names)
        ids.append(record["id"])
        # search_text's join, spelt out: 34,000 cases at 80k
        search.append(
            f"{record['case_no'] or ''} {record['carer_name']} {record['child_name']} "
            f"{record['state']}"
        )
    return RowPages(ids, search, lambda wanted: _package_records(db, wanted, state_names))


def _package_records(
    db: Database, ids: Sequence[int], state_names: Mapping[str, str]
) -> list[dict[str, Any]]:
    records: list[dict[str, Any]] = []
    for part in chunks(ids):
        sql = _PACKAGE_CASES + f" WHERE t.id IN ({marks(len(part))})"
        records += [_package_record(row, state_names) for row in db.execute(sql, list(part))]
    return records


def package_case(
    db: Database, case_id: int, state_names: Mapping[str, str]
) -> dict[str, Any] | None:
    """One case as the packages list shows it (after a step: its row only)."""
    found = _package_records(db, [case_id], state_names)
    return found[0] if found else None


@dataclass(frozen=True)
class CaseDetail:
    """What the step panel shows of a case besides its list row."""

    proposed_percent: int | None
    period_from: date | None
    period_to: date | None
    suggestion: UpliftSuggestion
    # the decision recorded (outcome None: not decided yet), shown as it was made
    outcome: str | None = None
    decision_percent: int | None = None
    decision_from: date | None = None
    decision_to: date | None = None
    decision_rationale: str = ""


def case_detail(db: Database, case_id: int) -> CaseDetail:
    case = workflow.load_case(db, case_id)
    return CaseDetail(
        case.get("proposed_percent"),
        case.get("period_from"),
        case.get("period_to"),
        workflow.rule_suggestion(case),
        outcome=case.get("outcome"),
        decision_percent=case.get("decision_percent"),
        decision_from=workflow.as_date(case.get("decision_from")),
        decision_to=workflow.as_date(case.get("decision_to")),
        decision_rationale=case.get("decision_rationale") or "",
    )


def candidates(db: Database, subgroup: int, on: date) -> list[Candidate]:
    return workflow.active_candidates(db, subgroup, on)


def commission_warnings(db: Database, case_id: int, members: Sequence[Candidate]) -> list[str]:
    return workflow.commission_warnings(db, case_id, members)


def next_resolution_no(db: Database, subgroup: int, year: int) -> str:
    return workflow.next_resolution_no(db, subgroup, year)


# ------------------------------------------------------------------------------ steps


def _not_future(
    db: Database,
    case_id: int,
    version: int | None,
    on: date,
    today: date | None,
    field: str,
    label: str,
) -> None:
    """A step is dated the day it happened: with the caller's `today`, a later day is refused."""
    if today is not None:
        workflow.check_not_future(db, case_id, version, on, today, field, label)


def record_received(
    db: Database, case_id: int, version: int | None, on: date, *, today: date | None = None
) -> None:
    _not_future(db, case_id, version, on, today, "received_on", "Datum prejema")
    workflow.record_received(db, case_id, on, version=version)


def accept(
    db: Database, case_id: int, version: int | None, on: date, *, today: date | None = None
) -> None:
    _not_future(db, case_id, version, on, today, "accepted_on", "Datum sprejema")
    workflow.accept_proposal(db, case_id, on, version=version)


def name_commission(
    db: Database,
    case_id: int,
    version: int | None,
    candidate_ids: Sequence[int],
    on: date,
    *,
    today: date | None = None,
) -> list[str]:
    _not_future(db, case_id, version, on, today, "commission_named_on", "Datum imenovanja komisije")
    return workflow.name_commission(db, case_id, candidate_ids, on, version=version)


@dataclass(frozen=True)
class Decision:
    """The commission's decision as the coordinator enters it."""

    outcome: str  # "increase" | "no_increase"
    percent: int | None = None
    period_from: date | None = None
    period_to: date | None = None
    rationale: str = ""


def decide(
    db: Database,
    case_id: int,
    version: int | None,
    decision: Decision,
    on: date,
    *,
    today: date | None = None,
) -> str:
    """Record the decision; returns the resolution number given in the same transaction."""
    _not_future(db, case_id, version, on, today, "decided_on", "Datum sklepa")
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


def mark_returned(
    db: Database, case_id: int, version: int | None, on: date, *, today: date | None = None
) -> None:
    _not_future(db, case_id, version, on, today, "returned_on", "Datum vrnitve")
    workflow.mark_returned(db, case_id, on, version=version)
