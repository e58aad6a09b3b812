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

from sqlite_utils import Database

from rejnistvo.register.rows import RegisterRow

# The date of receipt in SQL (alias c for r4_cases).
RECEIVED = "COALESCE(c.received_on, c.sent_on, c.accepted_on)"

_SELECT = """
SELECT c.id, c.version, c.case_no, c.proposed_percent, c.received_on, c.sent_on, c.accepted_on, c.commission_named_on,
       c.decided_on, c.outcome, c.decision_percent, c.decision_from, c.decision_to,
       c.resolution_no, c.returned_on, c.subgroup_id,
       ce.name AS centre, u.name AS unit, ch.name AS child, ca.name AS carer
FROM r4_cases c
LEFT JOIN centres ce ON ce.id = c.centre_id
LEFT JOIN units u ON u.id = c.unit_id
LEFT JOIN placements p ON p.id = c.placement_id
LEFT JOIN children ch ON ch.id = p.child_id
LEFT JOIN carers ca ON ca.id = p.carer_id
"""


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
