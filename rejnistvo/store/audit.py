"""Append-only processing log (ZVOP-2) with a hash chain.

Each row stores who (the user name from settings and the OS account), when, which
record, and the values before and after, as JSON. Triggers make UPDATE and DELETE on
the table fail; an edit made outside the program (triggers dropped, file edited) breaks
the chain: each row's hash is sha256(previous row's hash + this row's content), so
`verify_audit_chain` names the first row that does not match.
"""

from __future__ import annotations

import getpass
import hashlib
import json
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

from sqlite_utils import Database

from rejnistvo.store.schema import AUDIT_TRIGGERS

GENESIS = "0" * 64
_CONTENT_FIELDS = (
    "id",
    "at",
    "user_name",
    "os_user",
    "table_name",
    "record_id",
    "action",
    "before",
    "after",
)


def _json_default(value: Any) -> Any:
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, date):
        return value.isoformat()
    raise TypeError(f"cannot serialise {type(value).__name__}")


def to_json(value: Any) -> str | None:
    if value is None:
        return None
    return json.dumps(value, ensure_ascii=False, sort_keys=True, default=_json_default)


def row_hash(prev_hash: str, row: dict[str, Any]) -> str:
    content = json.dumps([row.get(field) for field in _CONTENT_FIELDS], ensure_ascii=False)
    return hashlib.sha256((prev_hash + content).encode("utf-8")).hexdigest()


def os_user() -> str:
    try:
        return getpass.getuser()
    except Exception:  # noqa: BLE001 - no account name (odd environments): still log the change
        return "?"


def write_audit(
    db: Database,
    table: str,
    record_id: int | None,
    action: str,
    before: Any = None,
    after: Any = None,
) -> None:
    """Append one row. Call inside the transaction of the change it records."""
    last = db.execute("SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1").fetchone()
    prev_hash = last[1] if last else GENESIS
    user = db.execute("SELECT value FROM settings WHERE key = 'user_name'").fetchone()
    row: dict[str, Any] = {
        "id": (last[0] + 1) if last else 1,
        "at": datetime.now(UTC).isoformat(timespec="seconds"),
        "user_name": (user[0] if user else "") or "",
        "os_user": os_user(),
        "table_name": table,
        "record_id": record_id,
        "action": action,
        "before": to_json(before),
        "after": to_json(after),
    }
    row["prev_hash"] = prev_hash
    row["hash"] = row_hash(prev_hash, row)
    db.table("audit_log").insert(row)


def audit_rows(
    db: Database, table: str | None = None, record_id: int | None = None
) -> list[dict[str, Any]]:
    """Log rows, oldest first, optionally of one table and record; before/after parsed."""
    where: list[str] = []
    params: list[str | int] = []
    if table is not None:
        where.append("table_name = ?")
        params.append(table)
    if record_id is not None:
        where.append("record_id = ?")
        params.append(record_id)
    rows = db["audit_log"].rows_where(" AND ".join(where) or None, params, order_by="id")
    result = []
    for row in rows:
        row["before"] = json.loads(row["before"]) if row["before"] else None
        row["after"] = json.loads(row["after"]) if row["after"] else None
        result.append(row)
    return result


def verify_audit_chain(db: Database) -> list[str]:
    """Problems with the log, in Slovenian; empty when every row is as written."""
    problems = []
    present = {trigger.name for trigger in db.table("audit_log").triggers}
    for name in AUDIT_TRIGGERS:
        if name not in present:
            problems.append(f"Dnevnik sprememb ni več zaščiten: manjka sprožilec {name}.")
    prev_hash = GENESIS
    for row in db.query("SELECT * FROM audit_log ORDER BY id"):
        if row["prev_hash"] != prev_hash:
            problems.append(
                f"Dnevnik sprememb, vrstica {row['id']}: ne nadaljuje prejšnje vrstice "
                "(vrstica je bila izbrisana ali vstavljena zunaj programa)."
            )
        elif row_hash(prev_hash, row) != row["hash"]:
            problems.append(
                f"Dnevnik sprememb, vrstica {row['id']}: vsebina ne ustreza zapisanemu "
                "odtisu (vrstica je bila spremenjena zunaj programa)."
            )
        prev_hash = row["hash"]
    return problems
