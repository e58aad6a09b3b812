"""Closed months (``payment_runs``) and their lines as the view ``payment_lines`` shows them:
reading them (each line with its basis text), a reopening and a run's removal.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import date
from decimal import Decimal
from typing import Any, TypeVar

from sqlite_utils import Database

from rejnistvo.rules.payment_run import Amounts
from rejnistvo.store.ledger.rows import (
    AMOUNTS_TEXT,
    ClosedRun,
    LedgerLine,
    amounts_of,
    month_key,
    optional_date,
)
from rejnistvo.store.reads import UNSETTLED_OVERPAYMENTS


def _closed_run(row: Sequence[Any]) -> ClosedRun:
    return ClosedRun(
        int(row[0]),
        date.fromisoformat(row[1]),
        date.fromisoformat(row[2]),
        str(row[3]),
        str(row[4]),
        Decimal(row[5]),
        Decimal(row[6]),
        int(row[7]),
        tuple(json.loads(row[8] or "[]")),
    )


_RUN_COLUMNS = (
    "id, month, closed_on, closed_at, closed_by, total, overpayments, line_count, warnings"
)


def closed_runs(db: Database) -> list[ClosedRun]:
    """Every closed month, oldest first."""
    cursor = db.execute(f"SELECT {_RUN_COLUMNS} FROM payment_runs ORDER BY month")
    return [_closed_run(row) for row in cursor.fetchall()]


def closed_run(db: Database, month: date) -> ClosedRun | None:
    row = db.execute(
        f"SELECT {_RUN_COLUMNS} FROM payment_runs WHERE month = ?", [month_key(month)]
    ).fetchone()
    return None if row is None else _closed_run(row)


def closed_range(db: Database) -> tuple[date | None, date | None]:
    """(first, last) closed month, or (None, None)."""
    row = db.execute("SELECT min(month), max(month) FROM payment_runs").fetchone()
    return optional_date(row[0]), optional_date(row[1])


# A line's basis is stored once per distinct text (schema step m010): its id is read and
# each distinct text once (``_Shared.bases``), one str for all the lines that share it.
_LINE_COLUMNS = (
    "id, run_id, kind, for_month, placement_id, one_off_id, carer_id, carer_name, "
    "child_name, contract_no, iban, centre_id, centre_name, unit_id, unit_name, days, "
    f"factor, {AMOUNTS_TEXT}, reason, basis_id"
)


#: Makes one line of ``run_line_pages`` from LedgerLine's fields, in their order.
_Made = TypeVar("_Made")


def run_lines(db: Database, run_id: int) -> list[LedgerLine]:
    """The lines of a closed month, in the order they were written."""
    return _lines(db, "run_id = ?", [run_id])


def data_stamp(db: Database) -> tuple[int, int]:
    """Changes as seen from this connection: (other connections' commits, this
    connection's row writes). Any write anywhere changes it, so a result computed from
    the file with the same stamp is still the file's; reading it costs microseconds."""
    row = db.execute("PRAGMA data_version").fetchone()
    return int(row[0]), int(db.conn.total_changes)


def run_line_pages(
    db: Database,
    run_id: int,
    make: Callable[..., _Made],
    size: int = 1000,
    with_basis: bool = True,
) -> Iterator[list[_Made]]:
    """The lines of a closed month a page at a time, in the order they were written,
    each made by `make` from LedgerLine's fields in their order (``LedgerLine`` itself,
    or the caller's own line: one object a line, not two). Each page is its own query
    over a range of ids (a closed month's lines are written together, so its ids are
    one range): no cursor is held open between pages, and the caller may do other work
    in between. Without the basis (JSON text, the largest column) a line is about a
    third of the memory; the screen does not show it."""
    row = db.execute(
        "SELECT min(id), max(id) FROM payment_lines WHERE run_id = ?", [run_id]
    ).fetchone()
    if row is None or row[0] is None:
        return
    first, last = int(row[0]), int(row[1])
    shared = _Shared()
    start = first
    while start <= last:
        end = start + size - 1
        yield _made_lines(
            db, "id BETWEEN ? AND ? AND run_id = ?", [start, end, run_id], with_basis, shared, make
        )
        start = end + 1


class _Shared:
    """Values repeated across lines, made once: the same names of centres and units,
    the same few sets of amounts, the same months (a closed month of 20,000 lines holds
    each of them once, not 20,000 times)."""

    __slots__ = ("texts", "amounts", "months", "bases")

    def __init__(self) -> None:
        self.texts: dict[str, str] = {}
        self.amounts: dict[str, Amounts] = {}
        self.months: dict[str, date] = {}
        self.bases: dict[int | None, str | None] = {None: None}

    def month(self, value: str) -> date:
        month = self.months.get(value)
        if month is None:
            month = self.months[value] = date.fromisoformat(value)
        return month

    def figures(self, text: str) -> Amounts:
        """Amounts from the five as one text (``AMOUNTS_TEXT``)."""
        found = self.amounts.get(text)
        if found is None:
            found = self.amounts[text] = amounts_of(text)
        return found


def _lines(db: Database, where: str, params: list[Any]) -> list[LedgerLine]:
    return _made_lines(db, where, params, True, _Shared(), LedgerLine)


def _made_lines(
    db: Database,
    where: str,
    params: list[Any],
    with_basis: bool,
    shared: _Shared,
    make: Callable[..., _Made],
) -> list[_Made]:
    # Bound built-in methods first, the shared cache's own only for a new value: a
    # Python call a value would be most of the time of a 270,000-line month.
    text = shared.texts.setdefault
    known_month, month = shared.months.get, shared.month
    known_figures, figures = shared.amounts.get, shared.figures
    columns = _LINE_COLUMNS if with_basis else _LINE_COLUMNS.replace("basis_id", "NULL")
    sql = f"SELECT {columns} FROM payment_lines WHERE {where} ORDER BY id"
    rows = db.execute(sql, params).fetchall()
    bases = shared.bases
    if with_basis:
        # not ``set - bases.keys()``: that goes over every basis known so far, each page
        missing = {r[19] for r in rows if r[19] not in bases}
        if missing:
            found = basis_texts(db, [i for i in missing if i is not None])
            for basis_id in missing:
                bases[basis_id] = found.get(basis_id)
    basis_of = bases.__getitem__
    return [
        make(
            r[0],
            r[1],
            text(r[2], r[2]),
            known_month(r[3]) or month(r[3]),
            r[4],
            r[5],
            r[6],
            r[7],
            r[8],
            r[9],
            r[10],
            r[11],
            text(r[12], r[12]),
            r[13],
            text(r[14], r[14]),
            r[15],
            text(r[16], r[16]),
            known_figures(r[17]) or figures(r[17]),
            r[18],
            basis_of(r[19]),
        )  # fmt: skip
        for r in rows
    ]


def basis_texts(db: Database, basis_ids: Iterable[int]) -> dict[int, str]:
    """The text of each basis id (``PaidMonth``'s last part), one query however many.
    A basis never changes once written (m010), so the texts may be kept and parsed later."""
    cursor = db.execute(
        "SELECT id, text FROM payment_bases WHERE id IN (SELECT value FROM json_each(?))",
        [json.dumps(sorted(set(basis_ids)))],
    )
    return dict(cursor.fetchall())


def first_line_id(db: Database, run_id: int) -> int:
    row = db.execute("SELECT min(id) FROM payment_lines WHERE run_id = ?", [run_id]).fetchone()
    return int(row[0] or 0)


def delete_run(db: Database, run_id: int) -> None:
    # The links of the run's undone overpayments go with their lines (m014 cascades them
    # too; said here so that a reopening never depends on the foreign-key setting).
    db.execute(
        "DELETE FROM overpayment_undoings WHERE line_id IN "
        "(SELECT id FROM payment_entries WHERE run_id = ?)",
        [run_id],
    )
    db.execute("DELETE FROM payment_entries WHERE run_id = ?", [run_id])
    db.execute("DELETE FROM payment_runs WHERE id = ?", [run_id])


def insert_reopening(db: Database, row: dict[str, Any]) -> int:
    cursor = db.execute(
        "INSERT INTO payment_reopenings (month, reopened_on, reopened_at, reopened_by, reason, "
        "closed_on, closed_by, total, line_count) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            month_key(row["month"]),
            row["reopened_on"].isoformat(),
            row["reopened_at"],
            row["reopened_by"],
            row["reason"],
            row["closed_on"].isoformat(),
            row["closed_by"],
            str(row["total"]),
            row["line_count"],
        ],  # fmt: skip
    )
    return int(cursor.lastrowid or 0)


def overpayment_lines(db: Database, unsettled_only: bool) -> list[LedgerLine]:
    """Overpayment lines of closed months (only those not yet settled, if asked)."""
    where = UNSETTLED_OVERPAYMENTS if unsettled_only else "kind = 'overpayment'"
    return _lines(db, where, [])


def lines_by_id(db: Database, line_ids: Iterable[int]) -> dict[int, LedgerLine]:
    """Lines by their ids (one query however many)."""
    return {
        line.id: line
        for line in _lines(
            db, "id IN (SELECT value FROM json_each(?))", [json.dumps(sorted(set(line_ids)))]
        )
    }


def run_month_of_line(db: Database, line_id: int) -> date | None:
    """The month of the closed run a line was paid in."""
    row = db.execute(
        "SELECT r.month FROM payment_lines l JOIN payment_runs r ON r.id = l.run_id WHERE l.id = ?",
        [line_id],
    ).fetchone()
    return None if row is None else date.fromisoformat(row[0])
