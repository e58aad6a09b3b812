"""Overpayments (SPEC 3.6): their settlements, the later changes that gave them back
(``overpayment_undoings``, m014) and those still open.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from sqlite_utils import Database

from rejnistvo.rules.payment_run import Amounts
from rejnistvo.store.ledger.rows import (
    AMOUNTS_TEXT,
    Settlement,
    amounts_of,
    month_key,
    optional_date,
)
from rejnistvo.store.reads import UNSETTLED_OVERPAYMENTS


def settlements(db: Database, line_ids: Iterable[int] | None = None) -> dict[int, Settlement]:
    sql = (
        "SELECT line_id, method, offset_month, settled_on, note, recorded_by "
        "FROM overpayment_settlements"
    )
    params: list[Any] = []
    if line_ids is not None:
        sql += " WHERE line_id IN (SELECT value FROM json_each(?))"
        params.append(json.dumps(sorted(set(line_ids))))
    return {
        int(r[0]): Settlement(
            int(r[0]), r[1], optional_date(r[2]), date.fromisoformat(r[3]), r[4] or "", r[5]
        )
        for r in db.execute(sql, params).fetchall()
    }


def insert_settlement(db: Database, settlement: Settlement) -> int:
    cursor = db.execute(
        "INSERT INTO overpayment_settlements (line_id, method, offset_month, settled_on, note, "
        "recorded_by) VALUES (?, ?, ?, ?, ?, ?)",
        [
            settlement.line_id,
            settlement.method,
            None if settlement.offset_month is None else month_key(settlement.offset_month),
            settlement.settled_on.isoformat(),
            settlement.note,
            settlement.recorded_by,
        ],
    )
    return int(cursor.lastrowid or 0)


@dataclass(frozen=True, slots=True)
class OpenOverpayment:
    """An overpayment of a closed month not settled and not wholly undone (m014): what
    is still to be recovered (``amounts``, negative total), its month and placement and
    the closed month whose run found it."""

    line_id: int
    placement_id: int
    for_month: date
    found_in: date
    amounts: Amounts


def has_open_overpayments(db: Database) -> bool:
    """Whether any placement's overpayment is open (``open_overpayments`` would find one).
    Through the partial index of overpayments: ``+placement_id`` keeps SQLite from
    reading every line of the ledger through the placement index instead (0.7 s at
    252,000 lines, none of them an overpayment)."""
    row = db.execute(
        f"SELECT 1 FROM payment_lines WHERE {UNSETTLED_OVERPAYMENTS} "
        "AND +placement_id IS NOT NULL AND one_off_id IS NULL LIMIT 1"
    ).fetchone()
    return row is not None


def open_overpayments(
    db: Database, placements: set[int] | None = None
) -> dict[tuple[int, date], list[OpenOverpayment]]:
    """{(placement, month): its open overpayments, newest first} — the ones a later
    change may give back (a run undoes the newest first: the change made last is the
    one most likely reverted). One-off payments' overpayments are not among them (they
    are matched by their payment, ``services.payment_run.one_offs``). A few rows: this
    reads only overpayment lines (a partial index) and their undoings; only those of
    `placements`, when given (a run asks for the placements whose difference may give
    one back: after a lowered rate a quarter of a million overpayments wait)."""
    sql = (
        "SELECT id, placement_id, for_month, "
        "(SELECT r.month FROM payment_runs r WHERE r.id = run_id), "
        f"{AMOUNTS_TEXT} FROM payment_lines WHERE {UNSETTLED_OVERPAYMENTS} "
        "AND placement_id IS NOT NULL AND one_off_id IS NULL"
    )
    params: list[Any] = []
    if placements is not None:
        sql += " AND placement_id IN (SELECT value FROM json_each(?))"
        params.append(json.dumps(sorted(placements)))
    rows = db.execute(sql + " ORDER BY id DESC", params).fetchall()
    if not rows:
        return {}
    undone = undone_amounts(db, [int(r[0]) for r in rows])
    found: dict[tuple[int, date], list[OpenOverpayment]] = {}
    for line_id, placement_id, month, run_month, text in rows:
        amounts = amounts_of(text)
        amounts = amounts + undone.get(int(line_id), Amounts())
        if amounts.total >= 0:
            continue
        for_month = date.fromisoformat(month)
        found.setdefault((int(placement_id), for_month), []).append(
            OpenOverpayment(
                int(line_id), int(placement_id), for_month, date.fromisoformat(run_month), amounts
            )
        )
    return found


def open_one_off_overpayments(
    db: Database,
) -> dict[int, list[tuple[OpenOverpayment, tuple[int | None, str | None, str | None]]]]:
    """{one-off payment id: its open overpayments (a lowered amount), newest first, each
    with the placement, kind and day its basis names (None where it has no basis): a
    payment deleted after it was paid and a new one that got its id are two payments
    (see ``paid_one_off_records``)."""
    rows = db.execute(
        "SELECT l.id, l.one_off_id, l.placement_id, l.for_month, "
        "(SELECT r.month FROM payment_runs r WHERE r.id = l.run_id), l.total, "
        "json_extract(b.text, '$.one_off.kind'), json_extract(b.text, '$.one_off.date') "
        "FROM payment_lines l LEFT JOIN payment_bases b ON b.id = l.basis_id "
        + _OPEN_ONE_OFF_OVERPAYMENTS
    ).fetchall()
    if not rows:
        return {}
    undone = undone_amounts(db, [int(r[0]) for r in rows])
    found: dict[int, list[tuple[OpenOverpayment, tuple[int | None, str | None, str | None]]]] = {}
    for line_id, one_off_id, placement_id, month, run_month, total, kind, day in rows:
        over = _still_open(undone, line_id, placement_id, month, run_month, total)
        if over is None:
            continue
        found.setdefault(int(one_off_id), []).append((over, (placement_id, kind, day)))
    return found


#: open overpayment lines of one-off payments (not settled, not wholly undone), newest first
_OPEN_ONE_OFF_OVERPAYMENTS = (
    "WHERE l.kind = 'overpayment' AND l.one_off_id IS NOT NULL "
    "AND l.id NOT IN (SELECT line_id FROM overpayment_settlements) "
    "AND l.id NOT IN (SELECT overpayment_id FROM overpayment_undoings WHERE closes = 1) "
    "ORDER BY l.id DESC"
)


def _still_open(
    undone: dict[int, Amounts],
    line_id: int,
    placement_id: int | None,
    month: str,
    run_month: str,
    total: str,
) -> OpenOverpayment | None:
    """The overpayment line with what later changes gave back taken off; None when
    nothing of it is left open."""
    left = Decimal(total) + (undone[line_id].total if line_id in undone else Decimal(0))
    if left >= 0:
        return None
    return OpenOverpayment(
        int(line_id),
        int(placement_id or 0),
        date.fromisoformat(month),
        date.fromisoformat(run_month),
        Amounts(total=left),
    )


@dataclass(frozen=True, slots=True)
class DeletedOneOffOverpayment:
    """An open overpayment of a one-off payment the file no longer holds as it was paid
    (``open_deleted_one_off_overpayments``): what is left of it, the carer it was paid
    to and the kind of payment its basis names."""

    over: OpenOverpayment
    carer_id: int | None
    kind: str


def open_deleted_one_off_overpayments(db: Database) -> list[DeletedOneOffOverpayment]:
    """The open overpayments (not settled, not wholly undone) of one-off payments that
    were deleted after they were paid — the record is gone, or its id was given to
    another payment (its placement, kind or day differ from the line's basis, as in
    ``paid_one_off_records``) — newest first. A new one-off payment entered for the same
    placement, kind and month gives them back (``services.payment_run``). Lines without
    a basis are left out: the kind they paid is not known. A few rows (the partial index
    of overpayment lines)."""
    rows = db.execute(
        "SELECT l.id, l.placement_id, l.carer_id, l.for_month, "
        "(SELECT r.month FROM payment_runs r WHERE r.id = l.run_id), l.total, "
        "json_extract(b.text, '$.one_off.kind'), json_extract(b.text, '$.one_off.date'), "
        "o.id, o.placement_id, o.kind, o.date "
        "FROM payment_lines l JOIN payment_bases b ON b.id = l.basis_id "
        "LEFT JOIN one_off_payments o ON o.id = l.one_off_id " + _OPEN_ONE_OFF_OVERPAYMENTS
    ).fetchall()
    gone = [
        r
        for r in rows
        if r[6] is not None and (r[8] is None or (r[9], r[10], r[11]) != (r[1], r[6], r[7]))
    ]
    if not gone:
        return []
    undone = undone_amounts(db, [int(r[0]) for r in gone])
    found = []
    for line_id, placement_id, carer_id, month, run_month, total, kind, *_ in gone:
        over = _still_open(undone, line_id, placement_id, month, run_month, total)
        if over is None:
            continue
        found.append(DeletedOneOffOverpayment(over, carer_id, str(kind)))
    return found


def undone_amounts(db: Database, line_ids: Iterable[int]) -> dict[int, Amounts]:
    """{overpayment line id: the sum of the lines that undid it (positive)} (m014), for
    the overpayments `line_ids`. The undoings are few (a line each time a later change
    gave an overpayment back) and read whole: the ids asked for may be a quarter of a
    million overpayments after a lowered rate row, each a look-up in a set here."""
    wanted = set(line_ids)
    found: dict[int, Amounts] = {}
    for overpayment_id, text in db.execute(
        f"SELECT u.overpayment_id, {AMOUNTS_TEXT} "
        "FROM overpayment_undoings u JOIN payment_lines l ON l.id = u.line_id"
    ).fetchall():
        if overpayment_id not in wanted:
            continue
        amounts = amounts_of(text)
        found[int(overpayment_id)] = found.get(int(overpayment_id), Amounts()) + amounts
    return found


def undoings_of(
    db: Database, line_ids: Iterable[int]
) -> dict[int, list[tuple[date, Decimal, bool]]]:
    """{overpayment line id: (month of the run that gave part of it back, how much,
    whether that closed it), in order} (m014)."""
    found: dict[int, list[tuple[date, Decimal, bool]]] = {}
    for overpayment_id, month, total, closes in db.execute(
        "SELECT u.overpayment_id, r.month, l.total, u.closes FROM overpayment_undoings u "
        "JOIN payment_lines l ON l.id = u.line_id JOIN payment_runs r ON r.id = l.run_id "
        "WHERE u.overpayment_id IN (SELECT value FROM json_each(?)) ORDER BY u.line_id",
        [json.dumps(sorted(set(line_ids)))],
    ).fetchall():
        found.setdefault(int(overpayment_id), []).append(
            (date.fromisoformat(month), Decimal(total), bool(closes))
        )
    return found


def write_undoings(db: Database, rows: Iterable[tuple[int, int, bool]]) -> None:
    """Link each undone overpayment's line to the overpayment it gives back: (line id,
    overpayment line id, whether it closes that overpayment)."""
    db.conn.executemany(
        "INSERT INTO overpayment_undoings (line_id, overpayment_id, closes) VALUES (?, ?, ?)",
        [(line, over, int(closes)) for line, over, closes in rows],
    )


def settled_undoings_of_run(db: Database, run_id: int) -> int:
    """How many lines of the run undid (part of) an overpayment that is settled since:
    reopening the run would change what that settlement covers."""
    row = db.execute(
        "SELECT count(*) FROM overpayment_undoings u "
        "JOIN payment_entries e ON e.id = u.line_id "
        "JOIN overpayment_settlements s ON s.line_id = u.overpayment_id WHERE e.run_id = ?",
        [run_id],
    ).fetchone()
    return int(row[0])


def settled_lines_of_run(db: Database, run_id: int) -> int:
    row = db.execute(
        "SELECT count(*) FROM overpayment_settlements s JOIN payment_lines l ON l.id = s.line_id "
        "WHERE l.run_id = ?",
        [run_id],
    ).fetchone()
    return int(row[0])
