"""R-4 proposals as the carer's centre writes them (SPEC 3.3; čl. 7, 29, 30).

The proposer owns the proposal: placement, case number, date, reasons, workload,
proposed percent and period, rationale, the day it was prepared and the subgroup (until
it is sent). Everything after that — sent, received, accepted, commission, decision,
resolution number, members, returned — belongs to the workflow
(``rejnistvo.register.workflow`` and ``services.coordinator``): ``save_proposal`` never
writes those fields, so a proposer's save can never undo a coordinator's step, and a
stale save (a ``version`` older than the stored one) is refused with ``StaleRecordError``.

A decided case is read-only here. A wrong decision is put right only through
``correct_decision``: an explicit correction with a reason, checked like a decision and
written in one transaction together with an audit row (action ``correction``) that
keeps the reason, the day and the fields before and after.

The list reads narrow: ``case_pages`` gives every case's id from one query and its
search text (case number, child, carer) when the list folds it (``case_texts``);
``case_rows`` the shown lines (status by the one
rule of ``services.cases``) of just the rows painted, or of the one row a save changed.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, fields, replace
from datetime import date
from typing import Any

from rejnistvo.clock import Clock
from rejnistvo.printing.formats import fmt_date
from rejnistvo.register import workflow
from rejnistvo.rules.consistency import check_not_future
from rejnistvo.rules.errors import InputError
from rejnistvo.services.cases import r4_status
from rejnistvo.services.row_pages import Record, RowPages, TextsOf, chunks, marks
from rejnistvo.services.typed_numbers import first_same, narrowing, number_key
from rejnistvo.store import Database, StoreError, get_record, list_records, save_record
from rejnistvo.store.audit import write_audit
from rejnistvo.store.case_documents import R4_STEP_COLUMNS
from rejnistvo.store.reads import read_rows, read_tuples

WORKLOADS = ("moderate", "strong")


def decision_text(outcome: str | None, percent: int | None) -> str:
    """The commission's decision as the list shows it: the register's words (»ZVIŠA za
    25 %«, »NE ZVIŠA«) without the period, which the editor shows."""
    from rejnistvo.register.rows import decision_text as register_words

    return register_words(outcome, percent, None, None)


@dataclass(frozen=True)
class Reason:
    """A ZIRD 53 reason: a catalogue key, or a reason typed in words."""

    reason_key: str | None = None
    text: str | None = None


@dataclass(frozen=True)
class Member:
    position: int
    name: str
    candidate_id: int | None = None


@dataclass(frozen=True)
class Proposal:
    """What the carer's centre writes on R-4."""

    placement_id: int
    case_no: str | None = None
    centre_id: int | None = None
    unit_id: int | None = None
    proposal_date: date | None = None
    workload: str | None = None  # "moderate" | "strong"
    proposed_percent: int | None = None
    period_from: date | None = None
    period_to: date | None = None
    rationale: str | None = None
    prepared_on: date | None = None
    subgroup_id: int | None = None
    reasons: tuple[Reason, ...] = ()

    def as_record(self) -> dict[str, Any]:
        record = {f.name: getattr(self, f.name) for f in fields(self) if f.name != "reasons"}
        record["reasons"] = [{"reason_key": r.reason_key, "text": r.text} for r in self.reasons]
        return record


PROPOSAL_FIELDS = frozenset(f.name for f in fields(Proposal))
#: the fields a correction of the decision may change
DECISION_FIELDS = frozenset(
    {
        "decided_on",
        "outcome",
        "decision_percent",
        "decision_from",
        "decision_to",
        "decision_rationale",
        "resolution_no",
        "members",
    }
)


@dataclass(frozen=True)
class R4Case:
    """A stored R-4 case: the proposal and the workflow's steps, typed."""

    id: int
    version: int
    proposal: Proposal
    sent_on: date | None = None
    received_on: date | None = None
    accepted_on: date | None = None
    commission_named_on: date | None = None
    decided_on: date | None = None
    returned_on: date | None = None
    resolution_no: str | None = None
    resolution_year: int | None = None
    outcome: str | None = None  # "increase" | "no_increase"
    decision_percent: int | None = None
    decision_from: date | None = None
    decision_to: date | None = None
    decision_rationale: str | None = None
    members: tuple[Member, ...] = ()
    case_uuid: str | None = None
    prepared_by: str | None = None
    resolution_received_on: date | None = None
    carer_name: str = ""
    child_name: str = ""
    extra: Mapping[str, Any] = field(default_factory=dict, compare=False, repr=False)

    @property
    def status(self) -> str:
        return r4_status(
            {
                "sent_on": self.sent_on,
                "received_on": self.received_on,
                "accepted_on": self.accepted_on,
                "commission_named_on": self.commission_named_on,
                "decided_on": self.decided_on,
                "returned_on": self.returned_on,
            }
        )

    @property
    def decided(self) -> bool:
        return self.decided_on is not None or self.outcome is not None

    @property
    def decision_text(self) -> str:
        return decision_text(self.outcome, self.decision_percent)

    @classmethod
    def from_record(cls, record: Mapping[str, Any]) -> R4Case:
        """Converted once, at the store boundary (``get_record`` / ``list_records``)."""
        proposal_values: dict[str, Any] = {k: record.get(k) for k in PROPOSAL_FIELDS}
        proposal_values.pop("reasons")
        proposal = Proposal(
            **proposal_values,
            reasons=tuple(
                Reason(r.get("reason_key"), r.get("text")) for r in record.get("reasons") or ()
            ),
        )
        values: dict[str, Any] = {k: record.get(k) for k in _OWN_FIELDS}
        values["carer_name"] = record.get("carer_name") or ""
        values["child_name"] = record.get("child_name") or ""
        return cls(
            id=int(record["id"]),
            version=int(record.get("version") or 1),
            proposal=proposal,
            members=tuple(
                Member(int(m["position"]), str(m["name"]), m.get("candidate_id"))
                for m in record.get("members") or ()
            ),
            **values,
        )


#: the case's own columns, worked out once (a list converts 8,000 cases)
_OWN_FIELDS = tuple(
    f.name
    for f in fields(R4Case)
    if f.name not in {"id", "version", "proposal", "members", "extra"}
)


# ---------------------------------------------------------------------------- reading


def load_case(db: Database, case_id: int) -> R4Case:
    return R4Case.from_record(get_record(db, "r4_cases", case_id))


def list_cases(db: Database, name: str | None = None) -> list[R4Case]:
    """Every R-4 case with the carer's and child's names (no reasons or members)."""
    return [R4Case.from_record(row) for row in list_records(db, "r4_cases", name=name)]


#: the R-4 list: a case with its placement's child and carer (the list's first order: id)
_LIST_FROM = (
    " FROM r4_cases r JOIN placements p ON p.id = r.placement_id"
    " JOIN carers c ON c.id = p.carer_id JOIN children ch ON ch.id = p.child_id"
)
_ROW_COLUMNS = (
    "r.id, r.version, r.case_no, ch.name AS child_name, c.name AS carer_name, r.outcome, "
    "r.decision_percent, " + ", ".join(f"r.{column}" for column in R4_STEP_COLUMNS)
)


def _list_row(row: Mapping[str, Any]) -> Record:
    """One line of the R-4 list (the status by the one rule of ``services.cases``)."""
    return {
        "id": row["id"],
        "version": int(row["version"] or 1),
        "case_no": row["case_no"],
        "child_name": row["child_name"] or "",
        "carer_name": row["carer_name"] or "",
        "status": r4_status(row),
        "decision": decision_text(row["outcome"], row["decision_percent"]),
    }


def case_rows(db: Database, ids: Sequence[int]) -> list[Record]:
    """The R-4 list's lines of these cases (id, version, case_no, child_name,
    carer_name, status, decision); a case that is gone is left out."""
    found: list[Record] = []
    for part in chunks(ids):
        sql = f"SELECT {_ROW_COLUMNS}{_LIST_FROM} WHERE r.id IN ({marks(len(part))})"
        found += [_list_row(row) for row in read_rows(db, sql, part)]
    return found


def case_row(db: Database, case_id: int) -> Record:
    """The list line of one case (after a save; the editor's "changed elsewhere" check)."""
    rows = case_rows(db, [case_id])
    if not rows:
        raise StoreError(f"Primera R-4 {case_id} ni (morda je bil izbrisan).")
    return rows[0]


def case_pages(db: Database) -> RowPages:
    """The R-4 list in pages: ids by id, searched by case number, child and carer (as the
    search box says); the lines (``case_rows``) read only for the rows painted.

    Only the ids are read now (from the table's own b-tree, no join); the search texts
    when the list folds them, after its first paint (``TextsOf``, ``case_texts``): at
    20k the texts were ~75 % of the list's read before the screen was painted."""
    ids = [row[0] for row in read_tuples(db, "SELECT id FROM r4_cases ORDER BY id")]
    return RowPages(
        ids, TextsOf(ids, lambda part: case_texts(db, part)), lambda i: case_rows(db, i)
    )


def case_texts(db: Database, ids: Sequence[int]) -> dict[int, str]:
    """The search texts of these cases (ascending ids, as the list's first order gives
    them): one range of the table read in id order, without a look-up per id; a case
    that is gone is left out."""
    if not ids:
        return {}
    # the texts joined by SQLite as ``search_text`` joins them: no Python call per case
    rows = read_tuples(
        db,
        "SELECT r.id, coalesce(r.case_no, '') || ' ' || coalesce(ch.name, '') || ' ' ||"
        f" coalesce(c.name, ''){_LIST_FROM} WHERE r.id BETWEEN ? AND ?",
        [min(ids), max(ids)],
    )
    return dict(rows)  # (id, text) pairs


def subgroup_of_centre(db: Database, centre_id: int | None) -> int | None:
    """The subgroup the centre belongs to (a setting in Nastavitve), if any."""
    if centre_id is None:
        return None
    for subgroup in list_records(db, "subgroups"):
        centres = get_record(db, "subgroups", subgroup["id"])["centres"]
        if any(c.get("centre_id") == centre_id for c in centres):
            return int(subgroup["id"])
    return None


def carer_centre(db: Database, placement_id: int) -> tuple[int | None, int | None]:
    """R-4 is the proposal of the carer's centre: (centre, unit) of the placement's carer."""
    placement = get_record(db, "placements", placement_id)
    centre_id = placement.get("carer_centre_id")
    unit_id = None
    carer = get_record(db, "carers", placement["carer_id"])
    if centre_id is None or carer.get("centre_id") in (None, centre_id):
        centre_id = centre_id or carer.get("centre_id")
        unit_id = carer.get("unit_id")
    return centre_id, unit_id


# ---------------------------------------------------------------------------- writing


def _check_proposal(db: Database, proposal: Proposal) -> None:
    if proposal.proposed_percent not in (None, 25, 50):
        raise InputError("proposed_percent", "Predlagano zvišanje je 25 % ali 50 %.")
    if proposal.workload not in (None, *WORKLOADS):
        raise InputError("workload", "Obseg dela je »zmerno povečan« ali »močno povečan«.")
    if proposal.period_from and proposal.period_to:
        if proposal.period_to < proposal.period_from:
            raise InputError(
                "period", "Konec obdobja je pred začetkom; konec mora biti isti ali poznejši dan."
            )
        workflow.check_inside_placement(
            db, proposal.placement_id, proposal.period_from, proposal.period_to
        )
    if proposal.subgroup_id is not None and not 1 <= proposal.subgroup_id <= 6:
        raise InputError("subgroup", "Podskupina je številka od 1 do 6.")


def _check_not_future(proposal: Proposal, today: date) -> None:
    """The form's date and the day it was prepared are days that have come: 25. 12.
    typed for 25. 11. would print a future date on the R-4 and start its steps there."""
    for name, day, label in (
        ("proposal_date", proposal.proposal_date, "Datum predloga"),
        ("step_prepared_on", proposal.prepared_on, "Datum priprave"),
    ):
        check_not_future(day, today, name, label)


def case_no_taken(db: Database, proposal: Proposal, case_id: int | None = None) -> str | None:
    """Another R-4 case of the same centre with this case number, in words (None: none).
    Each proposal is a case of its own; a number typed twice (copied from the previous
    proposal) put two children under one number in the coordinator's register and the
    packages, so the screen asks before such a save. Spaces and case do not count; another
    centre numbers its cases itself, so its case of the same number is another."""
    wanted = number_key(proposal.case_no)
    if not wanted:
        return None
    narrowed, params = narrowing("r.case_no", wanted)
    if proposal.centre_id is not None:
        narrowed += "r.centre_id = ? AND "
        params.append(proposal.centre_id)
    cursor = db.execute(
        "SELECT r.case_no, ch.name, c.name FROM r4_cases r "
        "LEFT JOIN placements t ON t.id = r.placement_id "
        "LEFT JOIN children ch ON ch.id = t.child_id "
        "LEFT JOIN carers c ON c.id = t.carer_id "
        f"WHERE {narrowed}r.id IS NOT ? AND r.case_no IS NOT NULL ORDER BY r.id",
        [*params, case_id],
    )
    found = first_same(cursor, wanted)
    if found is None:
        return None
    case_no, child, carer = found
    return (
        f"Številka zadeve {case_no} je že vpisana pri predlogu za otroka "
        f"{child or '—'} (rejnik/ica {carer or '—'})."
    )


def save_proposal(
    db: Database,
    proposal: Proposal,
    *,
    case_id: int | None = None,
    version: int | None = None,
    today: date | None = None,
) -> R4Case:
    """Insert a new proposal, or update the proposal of case `case_id` as read at
    `version`. Only the proposal's fields are written. Refused: a stale version
    (StaleRecordError), a decided case (use ``correct_decision``), a change of subgroup
    after the case was sent, a wrong percent or period, and with `today` a proposal
    dated or prepared after it (InputError)."""
    _check_proposal(db, proposal)
    if today is not None:
        _check_not_future(proposal, today)
    record = proposal.as_record()
    with db.atomic():
        if case_id is not None:
            current = workflow.load_case(db, case_id, version)
            if current.get("decided_on") or current.get("outcome"):
                raise InputError(
                    "decided",
                    "Primer je odločen (sklep "
                    f"{current.get('resolution_no') or '—'}); predloga ni več mogoče spreminjati. "
                    "Napako v sklepu popravite z ukazom »Popravi sklep …«, ki zahteva razlog.",
                )
            if current.get("sent_on") and proposal.subgroup_id != current.get("subgroup_id"):
                raise InputError(
                    "subgroup",
                    f"Predlog je bil {fmt_date(current['sent_on'])} poslan koordinatorju "
                    f"podskupine {current.get('subgroup_id')}; podskupine ni več mogoče zamenjati.",
                )
            record["id"] = case_id
            record["version"] = current["version"]
        case_id = save_record(db, "r4_cases", record)
        return load_case(db, case_id)


def mark_sent(
    db: Database, case_id: int, version: int | None, on: date, *, today: date | None = None
) -> R4Case:
    """The centre sent the proposal to the subgroup's coordinator on `on` (a workflow
    step the proposer takes; a package export records it the same way). With `today`, a
    later day is refused: the sending is recorded once it happened."""
    with db.atomic():
        case = workflow.load_case(db, case_id, version)
        if today is not None:
            workflow.check_not_future(
                db, case_id, version, on, today, "sent_on", "Datum pošiljanja"
            )
        if case.get("sent_on"):
            raise InputError("sent_on", f"Predlog je že poslan ({fmt_date(case['sent_on'])}).")
        workflow.check_sendable_now(db, case)
        prepared = case.get("prepared_on") or case.get("proposal_date")
        if prepared is not None and on < prepared:
            raise InputError(
                "sent_on",
                f"Datum pošiljanja ({fmt_date(on)}) je pred datumom priprave predloga "
                f"({fmt_date(prepared)}); dovoljen je isti ali poznejši datum.",
            )
        if case.get("subgroup_id") is None:
            raise InputError(
                "subgroup", "Izberite podskupino, katere koordinatorju predlog pošiljate."
            )
        save_record(db, "r4_cases", {"id": case_id, "version": case["version"], "sent_on": on})
        return load_case(db, case_id)


def _member_rows(members: Iterable[Member | str | Mapping[str, Any]]) -> list[dict[str, Any]]:
    rows = []
    for position, member in enumerate(members, start=1):
        if isinstance(member, Member):
            rows.append(
                {"position": position, "name": member.name, "candidate_id": member.candidate_id}
            )
        elif isinstance(member, str):
            rows.append({"position": position, "name": member, "candidate_id": None})
        else:
            rows.append(
                {
                    "position": position,
                    "name": str(member["name"]),
                    "candidate_id": member.get("candidate_id"),
                }
            )
    names = [" ".join(str(row["name"]).split()) for row in rows]
    if len(rows) != 3 or not all(names) or len({n.casefold() for n in names}) != 3:
        raise InputError("members", "Komisijo sestavljajo natanko trije različni člani.")
    return rows


def correct_decision(
    db: Database,
    case_id: int,
    version: int | None,
    changes: Mapping[str, Any],
    reason: str,
    clock: Clock,
) -> R4Case:
    """Correct the decision of a decided case (a typing error in the resolution number,
    the period, the outcome …). `changes` holds only fields of ``DECISION_FIELDS``;
    `reason` is required. The corrected decision is checked like a new one (outcome,
    25/50 %, period inside the placement, rationale when it departs from the rule, dates
    in order) and written with an audit row ``correction`` that keeps the reason."""
    reason = " ".join(reason.split())
    if len(reason) < 5:
        raise InputError(
            "reason", "Vpišite razlog popravka (vsaj 5 znakov); zapiše se v dnevnik sprememb."
        )
    unknown = set(changes) - DECISION_FIELDS
    if unknown:
        raise InputError(
            sorted(unknown)[0], "Popravek sklepa lahko spremeni le podatke odločitve komisije."
        )
    with db.atomic():
        case = workflow.load_case(db, case_id, version)
        if not (case.get("decided_on") and case.get("outcome")):
            raise InputError(
                "decided", "Primer še ni odločen; odločitev zapiše koordinator (Koordinator)."
            )
        merged = {**case, **changes}
        percent, period_from, period_to = workflow.check_decision(
            db,
            case,
            str(merged.get("outcome")),
            merged.get("decision_percent"),
            merged.get("decision_from"),
            merged.get("decision_to"),
            merged.get("decision_rationale") or "",
            keep_recorded=True,
        )
        decided_on = merged.get("decided_on")
        if not isinstance(decided_on, date):
            raise InputError("decided_on", "Vpišite datum sklepa.")
        named = case.get("commission_named_on")
        if named is not None and decided_on < named:
            raise InputError(
                "decided_on",
                f"Datum sklepa ({fmt_date(decided_on)}) je pred imenovanjem komisije "
                f"({fmt_date(named)}).",
            )
        returned = case.get("returned_on")
        if returned is not None and decided_on > returned:
            raise InputError(
                "decided_on",
                f"Datum sklepa ({fmt_date(decided_on)}) je po vrnitvi dokumentov "
                f"({fmt_date(returned)}).",
            )
        if decided_on != case.get("decided_on"):
            # a corrected date is a day that has come, as when the decision was recorded
            workflow.check_not_future(
                db, case_id, version, decided_on, clock.today(), "decided_on", "Datum sklepa"
            )
        number = " ".join(str(merged.get("resolution_no") or "").split())
        if not number:
            raise InputError("resolution_no", "Vpišite številko sklepa.")
        workflow.check_number_of_year(
            db, case["subgroup_id"], number, decided_on.year, case.get("resolution_year")
        )
        update: dict[str, Any] = {
            "decided_on": decided_on,
            "outcome": merged["outcome"],
            "decision_percent": percent,
            "decision_from": period_from,
            "decision_to": period_to,
            "decision_rationale": merged.get("decision_rationale") or None,
            "resolution_no": number,
            "resolution_year": decided_on.year,
        }
        if "members" in changes:
            update["members"] = _member_rows(changes["members"])
        changed = sorted(k for k, v in update.items() if case.get(k) != v)
        if not changed:
            raise InputError("changes", "Popravek ne spreminja ničesar.")
        save_record(db, "r4_cases", {"id": case_id, "version": case["version"], **update})
        write_audit(
            db,
            "r4_cases",
            case_id,
            "correction",
            {key: case.get(key) for key in changed},
            {
                **{key: update[key] for key in changed},
                "reason": reason,
                "corrected_on": clock.today(),
            },
        )
        return load_case(db, case_id)


def same_proposal(edited: Proposal, stored: Proposal) -> bool:
    """Whether an edited proposal says what the stored one says. The reasons ticked in
    the catalogue are a set (the editor lists them in the catalogue's order, the store as
    they were saved); the reasons typed in words keep their order."""

    def compared(proposal: Proposal) -> tuple[Proposal, frozenset[str], tuple[str, ...]]:
        keys = frozenset(r.reason_key for r in proposal.reasons if r.reason_key)
        texts = tuple(r.text for r in proposal.reasons if not r.reason_key and r.text)
        return replace(proposal, reasons=()), keys, texts

    return compared(edited) == compared(stored)


def proposal_from_changes(case: R4Case, **changes: Any) -> Proposal:
    """The case's proposal with some fields changed (tests, the CLI)."""
    values = {f.name: getattr(case.proposal, f.name) for f in fields(Proposal)}
    values.update(changes)
    return Proposal(**values)


def reasons_from(keys: Sequence[str], texts: Sequence[str]) -> tuple[Reason, ...]:
    """Checked catalogue keys and typed reasons (each its own reason, čl. 30)."""
    return tuple(Reason(reason_key=k) for k in keys) + tuple(Reason(text=t) for t in texts)
