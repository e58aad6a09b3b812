"""The bank files (SEPA) made of a month, and which carers each paid (m022). Every write
runs inside the caller's ``db.atomic()`` (``rejnistvo.services.payment_sepa`` owns the
transaction and the audit row)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlite_utils import Database

from rejnistvo.store.ledger.rows import month_key


@dataclass(frozen=True)
class SepaFile:
    """A bank file made of a month: when, by whom, how many transfers and their total."""

    id: int
    month: date
    made_at: str
    made_by: str
    execution_date: date
    transfer_count: int
    total: Decimal
    only_left_out: bool


def sepa_files(db: Database, month: date) -> list[SepaFile]:
    """The files made of `month`, oldest first."""
    rows = db.execute(
        "SELECT id, made_at, made_by, execution_date, transfer_count, total, only_left_out "
        "FROM sepa_files WHERE month = ? ORDER BY id",
        [month_key(month)],
    ).fetchall()
    return [
        SepaFile(
            row[0],
            month,
            row[1],
            row[2],
            date.fromisoformat(row[3]),
            row[4],
            Decimal(row[5]),
            bool(row[6]),
        )  # fmt: skip
        for row in rows
    ]


def paid_in_sepa_files(db: Database, month: date) -> list[tuple[int | None, str, str, Decimal]]:
    """(carer id, carer's name, contract, amount) of every transfer in a file of `month`,
    oldest file first."""
    return [
        (row[0], row[1], row[2], Decimal(row[3]))
        for row in db.execute(
            "SELECT t.carer_id, t.carer, t.contract, t.amount FROM sepa_file_transfers t "
            "JOIN sepa_files f ON f.id = t.file_id WHERE f.month = ? ORDER BY f.id, t.id",
            [month_key(month)],
        )
    ]


def insert_sepa_file(
    db: Database,
    month: date,
    made_at: str,
    made_by: str,
    execution_date: date,
    only_left_out: bool,
    transfers: Iterable[tuple[int | None, str, str, Decimal]],
) -> int:
    """A file and its transfers (carer id, name, contract, amount); returns its id."""
    rows = list(transfers)
    total = sum((amount for *_, amount in rows), Decimal("0.00"))
    cursor = db.execute(
        "INSERT INTO sepa_files (month, made_at, made_by, execution_date, transfer_count, "
        "total, only_left_out) VALUES (?, ?, ?, ?, ?, ?, ?)",
        [
            month_key(month),
            made_at,
            made_by,
            execution_date.isoformat(),
            len(rows),
            f"{total:.2f}",
            int(only_left_out),
        ],  # fmt: skip
    )
    file_id = int(cursor.lastrowid or 0)
    db.conn.executemany(
        "INSERT INTO sepa_file_transfers (file_id, carer_id, carer, contract, amount) "
        "VALUES (?, ?, ?, ?, ?)",
        [(file_id, cid, name, contract, f"{amount:.2f}") for cid, name, contract, amount in rows],
    )
    return file_id
