"""What changed since the last close (the inputs a payment run reads, one-off payments
written): a run of an open month recomputes only what this names.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import cast

from sqlite_utils import Database

from rejnistvo.rules.errors import RuleError
from rejnistvo.rules.rates import Rate

# What a month's amount is computed from; a write to any of these (always audited, SPEC 5)
# may change a closed month. Periods are saved nested in their placement.
_INPUT_TABLES = ("rates", "placements", "placement_periods", "board_increases", "r4_cases")


@dataclass(frozen=True, slots=True)
class SinceClose:
    """What was written since the last closed month was closed (``changes_since_last_close``).

    `placements`: placements whose own inputs (periods, board increases, R-4 cases) were
    written, None when that cannot be narrowed (every placement). `rates_changed`: a rate
    row was added, corrected or removed; `rates_then` is then the table the last close
    computed with (rebuilt from the audit log's before and after), None when it cannot
    be rebuilt."""

    placements: set[int] | None
    rates_changed: bool = False
    rates_then: tuple[Rate, ...] | None = None


def _last_close_audit_id(db: Database) -> int | None:
    """The audit row of the latest closed month's close (None: nothing closed)."""
    row = db.execute(
        "SELECT max(a.id) FROM audit_log a WHERE a.table_name = 'payment_runs' "
        "AND a.action = 'close' AND a.record_id = "
        "(SELECT id FROM payment_runs ORDER BY month DESC LIMIT 1)"
    ).fetchone()
    return None if row is None or row[0] is None else int(row[0])


def one_offs_written_since_last_close(db: Database) -> set[int]:
    """One-off payments added or changed since the latest month was closed (every one
    still recorded, when nothing is closed), from the audit log."""
    since = _last_close_audit_id(db) or 0
    return {
        int(row[0])
        for row in db.execute(
            "SELECT DISTINCT record_id FROM audit_log WHERE id > ? "
            "AND table_name = 'one_off_payments' AND action IN ('insert', 'update') "
            "AND record_id IS NOT NULL",
            [since],
        ).fetchall()
    }


def changes_since_last_close(db: Database) -> SinceClose | None:
    """``SinceClose`` from the audit log, None when no close is found.

    At each closing every earlier closed month was brought up to date (its arrears paid
    or its overpayment listed), so a placement with no such write since then has no
    difference to show: the run skips comparing its closed months."""
    row = db.execute(
        "SELECT max(a.id) FROM audit_log a WHERE a.table_name = 'payment_runs' "
        "AND a.action = 'close' AND a.record_id = "
        "(SELECT id FROM payment_runs ORDER BY month DESC LIMIT 1)"
    ).fetchone()
    if row is None or row[0] is None:
        return None
    marks = ", ".join("?" for _ in _INPUT_TABLES)
    changed: set[int] | None = set()
    rate_rows: list[tuple[int | None, str, str | None, str | None]] = []
    for table, record_id, action, before, after in db.execute(
        f"SELECT table_name, record_id, action, before, after FROM audit_log WHERE id > ? "
        f"AND table_name IN ({marks}) ORDER BY id",
        [row[0], *_INPUT_TABLES],
    ).fetchall():
        if table == "rates":
            rate_rows.append((record_id, action, before, after))
            continue
        if changed is None:
            continue
        if record_id is None:
            changed = None
            continue
        if table == "placements":
            changed.add(int(record_id))
            continue
        found = False
        for text in (before, after):
            data = json.loads(text) if text else None
            if isinstance(data, dict) and isinstance(data.get("placement_id"), int):
                changed.add(data["placement_id"])
                found = True
        if not found:
            changed = None
    if not rate_rows:
        return SinceClose(changed)
    return SinceClose(changed, True, _rates_then(db, rate_rows))


def _rates_then(
    db: Database, changes: list[tuple[int | None, str, str | None, str | None]]
) -> tuple[Rate, ...] | None:
    """The rate rows as they were before `changes` (audit rows of ``rates``, oldest
    first): today's rows with each change undone, newest first. None when a change is
    not one this can undo (an unknown action, a row missing from its record)."""
    rows: dict[int, tuple[str, str, str]] = {
        int(i): (str(v), str(b), str(f))
        for i, v, b, f in db.execute("SELECT id, valid_from, board, fee FROM rates").fetchall()
    }

    def record(text: str | None) -> tuple[int, tuple[str, str, str]] | None:
        data = json.loads(text) if text else None
        if not isinstance(data, dict) or not isinstance(data.get("id"), int):
            return None
        values = (data.get("valid_from"), data.get("board"), data.get("fee"))
        if not all(isinstance(v, str) for v in values):
            return None
        return data["id"], cast("tuple[str, str, str]", values)

    for record_id, action, before, after in reversed(changes):
        was, now = record(before), record(after)
        if record_id is None or record_id not in {r[0] for r in (was, now) if r is not None}:
            return None
        if action == "insert" and now is not None and rows.get(now[0]) == now[1]:
            del rows[now[0]]
        elif action == "update" and was is not None and now is not None and was[0] == now[0]:
            if rows.get(now[0]) != now[1]:
                return None
            rows[was[0]] = was[1]
        elif action == "delete" and was is not None and was[0] not in rows:
            rows[was[0]] = was[1]
        else:
            return None
    try:
        return tuple(
            sorted(
                (Rate(date.fromisoformat(v), Decimal(b), Decimal(f)) for v, b, f in rows.values()),
                key=lambda r: r.valid_from,
            )
        )
    except (ValueError, ArithmeticError, RuleError):
        return None
