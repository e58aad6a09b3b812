"""Which local R-4 case a package's case UUID stands for, in both databases.

The store's schema (m001, m002) has no column for a case's stable identity across
files, so the exchange keeps its own additive table ``exchange_cases`` (created on first
use, never altering a store table). When the store gains ``r4_cases.case_uuid`` this
module is the one place to switch. Every write here is audited with the store's log.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlite_utils import Database

from rejnistvo.store.audit import write_audit

TABLE = "exchange_cases"

_DDL = f"""
CREATE TABLE IF NOT EXISTS {TABLE} (
    case_id INTEGER PRIMARY KEY REFERENCES r4_cases(id) ON DELETE CASCADE,
    case_uuid TEXT NOT NULL UNIQUE,
    origin TEXT NOT NULL CHECK (origin IN ('local', 'imported')),
    sender_centre TEXT,
    sender_unit TEXT,
    sender_user TEXT,
    received_on TEXT,
    resolution_received_on TEXT
)
"""


def ensure_table(db: Database) -> None:
    if not db[TABLE].exists():
        db.execute(_DDL)


def link_for_case(db: Database, case_id: int) -> dict[str, Any] | None:
    if not db[TABLE].exists():
        return None
    rows = list(db.query(f"SELECT * FROM {TABLE} WHERE case_id = ?", [case_id]))
    return rows[0] if rows else None


def case_for_uuid(db: Database, case_uuid: str) -> int | None:
    if not db[TABLE].exists():
        return None
    row = db.execute(f"SELECT case_id FROM {TABLE} WHERE case_uuid = ?", [case_uuid]).fetchone()
    return row[0] if row else None


def sender_user(db: Database, case_id: int) -> str:
    link = link_for_case(db, case_id)
    return (link or {}).get("sender_user") or ""


def add_link(
    db: Database, case_id: int, case_uuid: str, origin: str, **extra: Any
) -> dict[str, Any]:
    """Record the case's UUID (call inside the transaction of the change it belongs to)."""
    ensure_table(db)
    row = {"case_id": case_id, "case_uuid": case_uuid, "origin": origin}
    row.update({k: (v.isoformat() if isinstance(v, date) else v) for k, v in extra.items()})
    db[TABLE].insert(row)
    write_audit(db, TABLE, case_id, "insert", None, row)
    return row


def update_link(db: Database, case_id: int, **changes: Any) -> None:
    before = link_for_case(db, case_id)
    values = {k: (v.isoformat() if isinstance(v, date) else v) for k, v in changes.items()}
    db[TABLE].update(case_id, values)
    write_audit(db, TABLE, case_id, "update", before, link_for_case(db, case_id))
