"""One change of the log as its details window shows it: the logged row with the names
of the records it names (the child, carer, centre, placement … instead of their ids)."""

from __future__ import annotations

from typing import Any

from rejnistvo.store import Database
from rejnistvo.store.audit_browse import audit_row
from rejnistvo.store.record_names import ID_FIELDS, names_of


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
    record_id = row.get("record_id")
    row["record_name"] = (
        names_of(db, row["table_name"], [record_id]).get(record_id, "")
        if isinstance(record_id, int)
        else ""
    )
    return row
