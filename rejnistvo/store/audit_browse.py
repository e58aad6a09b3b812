"""Reading the audit log for the window's viewer (Nastavitve → Dnevnik sprememb).

The log grows with every change (tens of thousands of rows in a demo at scale), so the
viewer asks for the newest rows that match a text and a date range, a bounded page at a
time, instead of loading the whole log the way ``audit.audit_rows`` does.
"""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from sqlite_utils import Database

from rejnistvo.rules.text import fold
from rejnistvo.store.labels import ACTIONS, TABLE_NAMES
from rejnistvo.store.reads import read_rows

DEFAULT_LIMIT = 500
_SEARCHED = ("user_name", "os_user", "table_name", "action", "before", "after")


def _like(fragment: str) -> str:
    escaped = fragment.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _named(names: dict[str, str], word: str) -> list[str]:
    """The stored names whose Slovenian name, as the viewer shows it, contains `word`
    (case and č, š, ž folded the way every list of the program searches)."""
    key = fold(word)
    return [stored for stored, shown in names.items() if key in fold(shown)]


def _word_condition(word: str) -> tuple[str, list[Any]]:
    """One word of the search: a stored column contains it, the record's id is it, or the
    Slovenian name of the row's table or action contains it ("Rejniki", "zaključek")."""
    parts = [f"{col} LIKE ? ESCAPE '\\'" for col in _SEARCHED] + ["CAST(record_id AS TEXT) = ?"]
    params: list[Any] = [_like(word)] * len(_SEARCHED) + [word]
    # The few matching stored names go into the query: the paging stays in SQL.
    for column, names in (("table_name", TABLE_NAMES), ("action", ACTIONS)):
        stored = _named(names, word)
        if stored:
            parts.append(f"{column} IN ({', '.join('?' for _ in stored)})")
            params += stored
    return "(" + " OR ".join(parts) + ")", params


def recent_audit_rows(
    db: Database,
    text: str | None = None,
    date_from: date | None = None,
    date_to: date | None = None,
    limit: int = DEFAULT_LIMIT,
    offset: int = 0,
) -> tuple[list[dict[str, Any]], bool]:
    """Newest first: rows whose user, OS account, table, action or values contain every
    word of `text` (case-insensitive for ASCII) — a table or action also by the Slovenian
    name the viewer shows ("Rejniki", "sprememba", "zakljucek"; case and č, š, ž
    folded) — logged on a UTC day inside the range (both ends inclusive). Returns
    (rows, more) where `more` says further rows match.
    Rows carry before/after parsed and ``changed``: the names of the changed fields."""
    where: list[str] = []
    params: list[Any] = []
    for word in (text or "").split():
        condition, values = _word_condition(word)
        where.append(condition)
        params += values
    if date_from is not None:
        where.append("substr(at, 1, 10) >= ?")
        params.append(date_from.isoformat())
    if date_to is not None:
        where.append("substr(at, 1, 10) <= ?")
        params.append(date_to.isoformat())
    sql = (
        "SELECT id, at, user_name, os_user, table_name, record_id, action, before, after "
        "FROM audit_log"
    )
    if where:
        sql += " WHERE " + " AND ".join(where)
    sql += " ORDER BY id DESC LIMIT ? OFFSET ?"
    params += [limit + 1, offset]
    fetched = read_rows(db, sql, params)
    more = len(fetched) > limit
    rows = [_with_changes(row) for row in fetched[:limit]]
    return rows, more


def _with_changes(row: dict[str, Any]) -> dict[str, Any]:
    """The row with its snapshots parsed and the names of the fields that changed."""
    row["before"] = json.loads(row["before"]) if row["before"] else None
    row["after"] = json.loads(row["after"]) if row["after"] else None
    row["changed"] = changed_fields(row["before"], row["after"])
    return row


def changed_fields(before: Any, after: Any) -> list[str]:
    """Top-level keys whose values differ between the two snapshots, in order; for an
    insert or delete every key of the one that exists."""
    old = before if isinstance(before, dict) else {}
    new = after if isinstance(after, dict) else {}
    keys = list(old) + [k for k in new if k not in old]
    # The version is bookkeeping of every update, not a change the user made.
    return [k for k in keys if k not in ("id", "version") and old.get(k) != new.get(k)]


def audit_row(db: Database, row_id: int) -> dict[str, Any] | None:
    """One row of the log with before/after parsed and ``changed`` (as
    ``recent_audit_rows`` gives it): the viewer keeps only the listed columns of a page
    and reads the record's snapshots when the user opens that row. None if there is none."""
    sql = (
        "SELECT id, at, user_name, os_user, table_name, record_id, action, before, after "
        "FROM audit_log WHERE id = ?"
    )
    found = read_rows(db, sql, [row_id])
    return _with_changes(found[0]) if found else None
