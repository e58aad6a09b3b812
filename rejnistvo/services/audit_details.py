"""The change log as Dnevnik sprememb shows it: a page of rows, each with the name of the
record it changed, and one change with the names of the records it names (the child,
carer, centre, placement … instead of their ids)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from rejnistvo.store import Database
from rejnistvo.store.audit_browse import DEFAULT_LIMIT, audit_row, recent_audit_rows
from rejnistvo.store.record_names import ID_FIELDS, NAMED_TABLES, names_of


def _ids_by_field(value: Any, found: dict[str, set[int]]) -> None:
    """Every id field's ids in a logged snapshot, its lists of rows included."""
    if isinstance(value, list):
        for item in value:
            _ids_by_field(item, found)
    elif isinstance(value, dict):
        for key, item in value.items():
            if key in ID_FIELDS and isinstance(item, int) and not isinstance(item, bool):
                found.setdefault(key, set()).add(item)
            elif isinstance(item, (list, dict)):
                _ids_by_field(item, found)


def audit_entry(db: Database, row_id: int) -> dict[str, Any] | None:
    """The log's row `row_id` (``audit_row``) with ``names`` (an id field → {id: name})
    and ``record_name`` (the changed record's own name, "" when it has none). None if
    there is no such row. StoreError if the file cannot be read."""
    row = audit_row(db, row_id)
    if row is None:
        return None
    wanted: dict[str, set[int]] = {}
    _ids_by_field(row.get("before"), wanted)
    _ids_by_field(row.get("after"), wanted)
    row["names"] = {key: names_of(db, ID_FIELDS[key], ids) for key, ids in wanted.items()}
    _name_records(db, [row])
    return row


def audit_page(
    db: Database,
    text: str | None = None,
    date_from: date | None = None,
    date_to: date | None = None,
    limit: int = DEFAULT_LIMIT,
    offset: int = 0,
) -> tuple[list[dict[str, Any]], bool]:
    """A page of the log (``recent_audit_rows``), each row with ``record_name``: the
    changed record's name, one query per table of the page (not one per row: a page is
    500 rows of a log of 100,000)."""
    rows, more = recent_audit_rows(db, text, date_from, date_to, limit, offset)
    _name_records(db, rows)
    return rows, more


def _name_records(db: Database, rows: Sequence[dict[str, Any]]) -> None:
    """Each row's ``record_name``: the record's name now; of a record deleted since, the
    name its last snapshot in the row holds; "" for a record without a name."""
    wanted: dict[str, set[int]] = {}
    for row in rows:
        if row["table_name"] in NAMED_TABLES and isinstance(row.get("record_id"), int):
            wanted.setdefault(row["table_name"], set()).add(row["record_id"])
    names = {table: names_of(db, table, ids) for table, ids in wanted.items()}
    for row in rows:
        name = names.get(row["table_name"], {}).get(row["record_id"])
        row["record_name"] = name or (
            _snapshot_name(row) if row["table_name"] in NAMED_TABLES else ""
        )


def _snapshot_name(row: dict[str, Any]) -> str:
    for snapshot in (row.get("after"), row.get("before")):
        if isinstance(snapshot, dict):
            name = snapshot.get("name") or snapshot.get("case_no")
            if isinstance(name, str) and name.strip():
                return name.strip()
    return ""
