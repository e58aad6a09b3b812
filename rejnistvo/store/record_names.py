"""Records named as a clerk knows them (the change log's details showed »otrok 12«,
»namestitev 7«): a child, carer, centre … by its name, a placement by its child and
carer, an R-4 case by its number. Read-only."""

from __future__ import annotations

from collections.abc import Iterable

from sqlite_utils import Database

from rejnistvo.store.reads import read_tuples

#: a stored id's field → the table it points into
ID_FIELDS: dict[str, str] = {
    "centre_id": "centres",
    "carer_centre_id": "centres",
    "child_centre_id": "centres",
    "finding_centre_id": "centres",
    "unit_id": "units",
    "finding_unit_id": "units",
    "carer_id": "carers",
    "child_id": "children",
    "subgroup_id": "subgroups",
    "candidate_id": "candidates",
    "placement_id": "placements",
    "case_id": "r4_cases",
    "increase_id": "board_increases",
}

_PLACEMENT = (
    "COALESCE(ch.name, '') || ' – ' || COALESCE(ca.name, '') "
    "|| CASE WHEN p.contract_no IS NULL OR p.contract_no = '' THEN '' "
    "ELSE ' (pogodba ' || p.contract_no || ')' END"
)
_PLACEMENT_JOINS = (
    " LEFT JOIN children ch ON ch.id = p.child_id LEFT JOIN carers ca ON ca.id = p.carer_id"
)

#: a table → the query of its records' names (id, name) by id
_NAME_QUERIES: dict[str, str] = {
    **{
        table: f"SELECT id, name FROM {table} WHERE id = ?"
        for table in (
            "centres",
            "units",
            "carers",
            "children",
            "subgroups",
            "candidates",
            "coordinators",
        )
    },
    "placements": f"SELECT p.id, {_PLACEMENT} FROM placements p{_PLACEMENT_JOINS} WHERE p.id = ?",
    "r4_cases": (
        "SELECT c.id, COALESCE(c.case_no, '') || ' – ' || COALESCE(ch.name, '') "
        "FROM r4_cases c LEFT JOIN placements p ON p.id = c.placement_id"
        f"{_PLACEMENT_JOINS} WHERE c.id = ?"
    ),
    "board_increases": (
        f"SELECT b.id, {_PLACEMENT} FROM board_increases b "
        f"JOIN placements p ON p.id = b.placement_id{_PLACEMENT_JOINS} WHERE b.id = ?"
    ),
}


def names_of(db: Database, table: str, ids: Iterable[int]) -> dict[int, str]:
    """The names of the `ids` in `table` that still exist and have one (a deleted
    record, or a table without names, is left out: the caller shows its number)."""
    query = _NAME_QUERIES.get(table)
    if query is None:
        return {}
    found: dict[int, str] = {}
    for record_id in sorted(set(ids)):
        rows = read_tuples(db, query, [record_id])
        if rows:
            name = str(rows[0][1] or "").strip(" –")
            if name:
                found[record_id] = name
    return found
