"""Reading the register from the case store (read-only SQL; writes go through workflow.py).

Which cases a year's register holds: the R-4 cases of the subgroup that reached the
coordinator, whose date of receipt falls in that year. The date of receipt is
``received_on`` (set when the proposal package is imported, or by the coordinator in the
workflow); without it, the date the centre sent the package (it travels by e-mail the
same day); without that, the acceptance date. A case received in December and decided in
January stays in the December year's register, with the January resolution number.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from rejnistvo.printing.formats import fmt_date
from rejnistvo.register.rows import RegisterRow, decision_text, register_status
from rejnistvo.services.row_pages import RowPages, chunks, marks, search_text
from rejnistvo.store import Database

# The date of receipt in SQL (alias c for r4_cases).
RECEIVED = "COALESCE(c.received_on, c.sent_on, c.accepted_on)"

#: a case with its centre, unit, child and carer (the register's rows and its search)
_CASE_JOINS = """
FROM r4_cases c
LEFT JOIN centres ce ON ce.id = c.centre_id
LEFT JOIN units u ON u.id = c.unit_id
LEFT JOIN placements p ON p.id = c.placement_id
LEFT JOIN children ch ON ch.id = p.child_id
LEFT JOIN carers ca ON ca.id = p.carer_id
"""

_SELECT = (
    """
SELECT c.id, c.version, c.case_no, c.proposed_percent, c.prepared_on, c.proposal_date,
       c.received_on, c.sent_on, c.accepted_on, c.commission_named_on,
       c.decided_on, c.outcome, c.decision_percent, c.decision_from, c.decision_to,
       c.resolution_no, c.returned_on, c.subgroup_id,
       ce.name AS centre, u.name AS unit, ch.name AS child, ca.name AS carer"""
    + _CASE_JOINS
)


def _date(value: object) -> date | None:
    if value in (None, ""):
        return None
    if isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])


def case_members(db: Database, case_ids: Sequence[int]) -> dict[int, tuple[str, ...]]:
    """The commission of each case, in position order."""
    if not case_ids:
        return {}
    marks = ",".join("?" for _ in case_ids)
    members: dict[int, list[str]] = {}
    for case_id, name in db.execute(
        f"SELECT case_id, name FROM r4_members WHERE case_id IN ({marks}) ORDER BY case_id, position",
        list(case_ids),
    ):
        members.setdefault(case_id, []).append(name)
    return {key: tuple(value) for key, value in members.items()}


def to_row(record: dict[str, Any], members: tuple[str, ...], seq: int = 0) -> RegisterRow:
    return RegisterRow(
        seq=seq,
        case_id=record["id"],
        case_no=record["case_no"] or "",
        centre=record["centre"] or "",
        unit=record["unit"] or "",
        child=record["child"] or "",
        carer=record["carer"] or "",
        proposed_percent=record["proposed_percent"],
        received=_date(record.get("received_on"))
        or _date(record["sent_on"])
        or _date(record["accepted_on"]),
        accepted=_date(record["accepted_on"]),
        commission_named=_date(record["commission_named_on"]),
        members=members,
        decided=_date(record["decided_on"]),
        outcome=record["outcome"],
        decided_percent=record["decision_percent"],
        period_from=_date(record["decision_from"]),
        period_to=_date(record["decision_to"]),
        resolution_no=record["resolution_no"],
        returned=_date(record["returned_on"]),
        prepared=_date(record.get("prepared_on")) or _date(record.get("proposal_date")),
        receipt_recorded=_date(record.get("received_on")) is not None,
    )


def select_cases(db: Database, where: str, params: Sequence[object]) -> list[dict[str, Any]]:
    cursor = db.execute(_SELECT + " WHERE " + where, list(params))
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, values, strict=True)) for values in cursor.fetchall()]


def register_rows(db: Database, subgroup: int, year: int) -> list[RegisterRow]:
    """The register of `subgroup` for `year`, in order of receipt, numbered 1, 2, …"""
    first, last = f"{year:04d}-01-01", f"{year:04d}-12-31"
    records = select_cases(
        db,
        f"c.subgroup_id = ? AND {RECEIVED} BETWEEN ? AND ?",
        (subgroup, first, last),
    )
    records.sort(
        key=lambda r: (r["received_on"] or r["sent_on"] or r["accepted_on"] or "", r["id"])
    )
    members = case_members(db, [r["id"] for r in records])
    return [to_row(r, members.get(r["id"], ()), seq) for seq, r in enumerate(records, start=1)]


def register_row(db: Database, case_id: int) -> RegisterRow | None:
    """One case as a register row (seq 0), e.g. for the coordinator's detail pane."""
    records = select_cases(db, "c.id = ?", (case_id,))
    if not records:
        return None
    return to_row(records[0], case_members(db, [case_id]).get(case_id, ()))


def register_years(db: Database, subgroup: int) -> list[int]:
    """Years that have a register for the subgroup, newest first (for a year chooser)."""
    rows = db.execute(
        f"SELECT DISTINCT substr({RECEIVED}, 1, 4) FROM r4_cases c "
        f"WHERE c.subgroup_id = ? AND {RECEIVED} IS NOT NULL ORDER BY 1 DESC",
        [subgroup],
    ).fetchall()
    return [int(value) for (value,) in rows if value and value.isdigit()]


# ------------------------------------------------------------------------ the screen's list


def register_record(row: RegisterRow) -> dict[str, Any]:
    """A register row as the coordinator's table shows it (id = the case; the status,
    the decision's text and the members joined as the register writes them)."""
    record: dict[str, Any] = dict(vars(row))  # the fields (a frozen dataclass without slots)
    record.update(
        id=row.case_id,
        status=row.status,
        decision=row.decision_text,
        members=", ".join(row.members),
    )
    return record


#: what the register's search needs of each case (its table shows every column)
_SEARCH_SELECT = (
    """
SELECT c.id, c.case_no, c.proposed_percent, c.received_on, c.sent_on, c.accepted_on,
       c.commission_named_on, c.decided_on, c.outcome, c.decision_percent, c.decision_from,
       c.decision_to, c.resolution_no, c.returned_on,
       ce.name, u.name, ch.name, ca.name, COALESCE(c.prepared_on, c.proposal_date)"""
    + _CASE_JOINS
    + f"WHERE c.subgroup_id = ? AND {RECEIVED} BETWEEN ? AND ?\n"
)

_MEMBERS_OF_YEAR = f"""
SELECT m.case_id, m.name FROM r4_members m JOIN r4_cases c ON c.id = m.case_id
WHERE c.subgroup_id = ? AND {RECEIVED} BETWEEN ? AND ? ORDER BY m.case_id, m.position
"""


def _percent_text(value: int | None) -> str:
    return f"{value} %" if value else ""


def register_pages(db: Database, subgroup: int, year: int, status: str | None = None) -> RowPages:
    """The register of `subgroup` for `year` as the coordinator's screen lists it, read in
    pages: in order of receipt, each case keeping its running number in the whole year's
    register (``register_rows``) when `status` (``rows.STATUSES``) leaves some out.

    The search text of a case is every column as the screen shows it (dates "2. 3. 2026",
    the proposal "25 %", the members joined by ", ")."""
    params = [subgroup, f"{year:04d}-01-01", f"{year:04d}-12-31"]
    found = db.execute(_SEARCH_SELECT, params).fetchall()
    # the same order as register_rows: the stored receipt text, then the id
    found.sort(key=lambda r: (r[3] or r[4] or r[5] or "", r[0]))
    members: dict[int, list[str]] = {}
    for case_id, name in db.execute(_MEMBERS_OF_YEAR, params):
        members.setdefault(case_id, []).append(name)
    seqs: dict[int, int] = {}
    ids: list[int] = []
    search: list[str] = []
    for seq, r in enumerate(found, start=1):
        (case_id, case_no, proposed, received_on, sent_on, accepted_on, named_on, decided_on,
         outcome, decided_percent, decision_from, decision_to, resolution_no, returned_on,
         centre, unit, child, carer, prepared_on) = r  # fmt: skip
        accepted, named = _date(accepted_on), _date(named_on)
        decided, returned = _date(decided_on), _date(returned_on)
        recorded = _date(received_on) is not None
        if status and register_status(accepted, named, decided, returned, recorded) != status:
            continue
        seqs[case_id] = seq
        ids.append(case_id)
        search.append(
            search_text(
                seq,
                case_no or "",
                centre or "",
                unit or "",
                child or "",
                carer or "",
                _percent_text(proposed),
                fmt_date(_date(prepared_on)),
                fmt_date(_date(received_on) or _date(sent_on) or accepted),
                fmt_date(accepted),
                fmt_date(named),
                ", ".join(members.get(case_id, ())),
                fmt_date(decided),
                decision_text(outcome, decided_percent, _date(decision_from), _date(decision_to)),
                resolution_no or "",
                fmt_date(returned),
            )
        )

    def fetch(wanted: Sequence[int]) -> list[dict[str, Any]]:
        records: list[dict[str, Any]] = []
        for part in chunks(wanted):
            rows = select_cases(db, f"c.id IN ({marks(len(part))})", part)
            names = case_members(db, part)
            records += [
                register_record(to_row(row, names.get(row["id"], ()), seqs.get(row["id"], 0)))
                for row in rows
            ]
        return records

    return RowPages(ids, search, fetch)
