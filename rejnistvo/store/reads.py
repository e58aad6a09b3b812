"""One narrow query read whole, for the services' lists and pickers: a file that cannot
be read is a ``StoreError`` with its Slovenian message, never sqlite's."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from rejnistvo.store.errors import sqlite_errors_as_store_errors

#: The ledger's overpayment lines (SPEC 3.6) whose settlement is not recorded yet and
#: that no later change gave back whole (``overpayment_undoings``, m014), a
#: ``WHERE`` over ``payment_lines``: the ledger lists them, and *Roki* first asks whether
#: there is any (without loading the ledger's modules at the program's start).
UNSETTLED_OVERPAYMENTS = (
    "kind = 'overpayment' AND id NOT IN (SELECT line_id FROM overpayment_settlements) "
    "AND id NOT IN (SELECT overpayment_id FROM overpayment_undoings WHERE closes = 1)"
)


def read_rows(db: Any, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
    """The rows as dicts by column name."""
    with sqlite_errors_as_store_errors(db=db):
        cursor = db.execute(sql, list(params))
        names = [d[0] for d in cursor.description]
        return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def read_tuples(db: Any, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
    """The rows as plain tuples: a list's ids and search texts (20,000 rows) without a
    dict per row."""
    with sqlite_errors_as_store_errors(db=db):
        return list(db.execute(sql, list(params)).fetchall())


def references(
    db: Any, referring: Sequence[tuple[str, str, str]], record_id: int
) -> dict[str, int]:
    """How many records of each kind refer to a record: `referring` lists (table, column,
    label); the labels with at least one, in that order (a refused delete names them)."""
    counts: dict[str, int] = {}
    for table, column, label in referring:
        (count,) = read_tuples(db, f"SELECT count(*) FROM {table} WHERE {column} = ?", [record_id])[
            0
        ]
        if count:
            counts[label] = int(count)
    return counts
