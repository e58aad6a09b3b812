"""Records named as a clerk knows them (the change log's details showed »otrok 12«,
»namestitev 7«): a child, carer, centre … by its name, a placement (and an increase, its
R-5 report and refund) by its child and carer, an R-4 case by its number, a one-off
payment by its carer and day, a rate row by its first day, a closed month by the month.
Read-only."""

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


def _day(column: str) -> str:
    """An ISO date column as SQL that reads it the Slovenian way (»1. 3. 2026«)."""
    return (
        f"CAST(substr({column}, 9, 2) AS INTEGER) || '. ' || "
        f"CAST(substr({column}, 6, 2) AS INTEGER) || '. ' || substr({column}, 1, 4)"
    )


#: a table → the query of its records' names (id, name) and its id column, for an
#: ``IN (?, …)`` of the ids wanted
_NAME_QUERIES: dict[str, tuple[str, str]] = {
    **{
        table: (f"SELECT id, name FROM {table}", "id")
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
    "placements": (f"SELECT p.id, {_PLACEMENT} FROM placements p{_PLACEMENT_JOINS}", "p.id"),
    "r4_cases": (
        "SELECT c.id, COALESCE(c.case_no, '') || ' – ' || COALESCE(ch.name, '') "
        "FROM r4_cases c LEFT JOIN placements p ON p.id = c.placement_id"
        f"{_PLACEMENT_JOINS}",
        "c.id",
    ),
    "board_increases": (
        f"SELECT b.id, {_PLACEMENT} FROM board_increases b "
        f"JOIN placements p ON p.id = b.placement_id{_PLACEMENT_JOINS}",
        "b.id",
    ),
    # an R-5 save writes the report and the refund beside the increase: named alike
    **{
        table: (
            f"SELECT t.id, {_PLACEMENT} FROM {table} t JOIN board_increases b "
            f"ON b.id = t.increase_id JOIN placements p ON p.id = b.placement_id"
            f"{_PLACEMENT_JOINS}",
            "t.id",
        )
        for table in ("r5_reports", "r5_earlier_reports", "refunds")
    },
    "one_off_payments": (
        f"SELECT o.id, COALESCE(ca.name, '') || ', ' || {_day('o.date')} "
        "FROM one_off_payments o LEFT JOIN carers ca ON ca.id = o.carer_id",
        "o.id",
    ),
    "rates": (f"SELECT id, 'od ' || {_day('valid_from')} FROM rates", "id"),
    "payment_runs": (
        "SELECT id, 'mesec ' || CAST(substr(month, 6, 2) AS INTEGER) || '/' "
        "|| substr(month, 1, 4) FROM payment_runs",
        "id",
    ),
    "sepa_files": (
        "SELECT id, 'datoteka SEPA za mesec ' || CAST(substr(month, 6, 2) AS INTEGER) || '/' "
        "|| substr(month, 1, 4) FROM sepa_files",
        "id",
    ),
}
#: the tables whose records have a name (``names_of``)
NAMED_TABLES = frozenset(_NAME_QUERIES)
#: ids per query: well inside SQLite's limit of bound parameters
_CHUNK = 500


def names_of(db: Database, table: str, ids: Iterable[int]) -> dict[int, str]:
    """The names of the `ids` in `table` that still exist and have one (a deleted
    record, or a table without names, is left out: the caller shows its number). One
    query for up to 500 ids (a page of the change log names its rows at once)."""
    query = _NAME_QUERIES.get(table)
    if query is None:
        return {}
    select, id_column = query
    wanted = sorted(set(ids))
    found: dict[int, str] = {}
    for start in range(0, len(wanted), _CHUNK):
        part = wanted[start : start + _CHUNK]
        sql = f"{select} WHERE {id_column} IN ({', '.join('?' * len(part))})"
        for record_id, name in read_tuples(db, sql, part):
            text = str(name or "").strip(" –")
            if text:
                found[record_id] = text
    return found
