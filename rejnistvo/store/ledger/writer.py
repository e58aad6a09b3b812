"""A close's writing: its lines in parts (payee, figures, basis each stored once, m013),
a chunk at a time, with the larger page cache a close needs.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import date
from functools import cache
from itertools import chain, islice
from typing import Any

from sqlite_utils import Database

from rejnistvo.rules.payment_run import Amounts, basis_json
from rejnistvo.store.ledger.rows import month_key

#: Who a line pays, as the ledger keeps it (``payment_payees``, m013): carer_id,
#: carer_name, child_name, contract_no, iban, centre_id, centre_name, unit_id, unit_name.
#: One tuple for all the lines of a placement (a close looks it up once per tuple).
Payee = tuple[int | None, str, str, str, str | None, int | None, str, int | None, str]


#: A line to write, in this order (a plain tuple: a close writes 270,000 of them):
#: kind, for_month, placement_id, one_off_id, payee, days, factor, amounts, reason,
#: basis (a dict, JSON text or None).
LineRow = tuple[
    str, date, int | None, int | None, Payee, int, str, Amounts, str,
    dict[str, Any] | str | None,
]  # fmt: skip


#: Lines written a chunk at a time (``LineWriter.write``): the parts first seen in a
#: chunk are written with it, and the caller hears of each chunk (progress, cancel).
CHUNK = 5000


#: Rows one statement inserts (``INSERT … VALUES (…), (…), …``, in their order: the ids
#: follow it as with a row a statement), at most 999 values (the oldest SQLite's limit).
#: A row a statement, SQLite's statement reset and step and the module's loop for each
#: of 270,000 lines after a backdated rate took ~0.25 s of the ~0.9 s of inserting them.
ROWS = 100

_ENTRY_COLUMNS = "run_id, kind, for_month, placement_id, one_off_id, payee_id, figures_id, basis_id"


#: SQLite's page cache while a month closes: its 270,000 lines after a backdated change
#: go into three indexes all over a ~150 MB file, and at the default 2 MB the pages went
#: out and came back (closing at 20k placements: 10-17 % less CPU with 64 MB)
CLOSE_CACHE_KIB = 65536


@contextmanager
def page_cache_for_close(db: Database) -> Iterator[None]:
    """A larger page cache for a close (through its commit), and its statement journals
    in memory (``PRAGMA temp_store``); the connection's own settings after it.

    A statement that inserts many lines (``ROWS``) keeps a statement journal, the pages
    it changes as they were, to undo it alone should a line break a foreign key (one
    line a statement needs none). SQLite keeps one beyond 64 KiB in a temporary file:
    after a backdated rate ~110,000 pages (430 MB) written to it and dropped, ~0.1 s of
    the close. In memory they are copies; only the close's own are made meanwhile (no
    temporary table is used, and none would survive the switch)."""
    before = db.execute("PRAGMA cache_size").fetchone()[0]
    temp = db.execute("PRAGMA temp_store").fetchone()[0]
    db.execute(f"PRAGMA cache_size = {-CLOSE_CACHE_KIB}")
    try:
        db.execute("PRAGMA temp_store = MEMORY")
    except sqlite3.OperationalError:  # inside a caller's transaction: as it was
        temp = None
    try:
        yield
    finally:
        db.execute(f"PRAGMA cache_size = {int(before)}")
        if temp is not None:
            db.execute(f"PRAGMA temp_store = {int(temp)}")


#: A line as ``payment_entries`` keeps it (m013), its parts resolved to ids: run_id, kind,
#: for_month (ISO), placement_id, one_off_id, payee_id, figures_id, basis_id.
Entry = tuple[int, str, str, int | None, int | None, int, int, int | None]


class LineWriter:
    """Writes a closed month and its lines (inside the caller's transaction).

    A line is written in parts (m013): who is paid (``payment_payees``) and what
    (``payment_figures``: days, factor, amounts, reason) each once in the file, as its
    basis (``payment_bases``, m010); the line (``Entry``) names them by id with its
    month and placement. ``payee``, ``figures`` and ``basis`` give the id of a part,
    found by value among those written before or numbered here (the close is the file's
    one writer: the run's row written first holds the write lock to the commit); new
    parts are written with the next chunk of lines (the lines have no foreign key to
    them). The caller resolves each distinct part once and hands ``write`` lines whose
    parts are ids already: after a backdated rate 270,000 lines share ~18,000 payees,
    ~27,000 bases and a few thousand figures, so a line is a tuple of ids, not ten
    look-ups (see ``services.payment_run.RunLines.ledger_entries``)."""

    __slots__ = (
        "db", "run_id", "count", "payees", "figures_by_value", "figures_ids", "basis_texts",
        "basis_ids", "kept", "new_payees", "new_figures", "new_bases", "next_payee",
        "next_figures", "next_basis", "moved", "months",
    )  # fmt: skip

    def __init__(self, db: Database, run: dict[str, Any]) -> None:
        self.db = db
        cursor = db.execute(
            "INSERT INTO payment_runs (month, closed_on, closed_at, closed_by, total, "
            "overpayments, line_count, warnings) VALUES (?, ?, ?, ?, ?, ?, 0, ?)",
            [
                month_key(run["month"]),
                run["closed_on"].isoformat(),
                run["closed_at"],
                run["closed_by"],
                str(run["total"]),
                str(run["overpayments"]),
                json.dumps(list(run["warnings"]), ensure_ascii=False),
            ],
        )
        self.run_id = int(cursor.lastrowid or 0)
        self.count = 0
        self.payees: dict[tuple[Any, ...], int] = {
            tuple(row[1:]): int(row[0])
            for row in db.execute(f"SELECT id, {_PAYEE_COLUMNS} FROM payment_payees").fetchall()
        }
        self.figures_by_value: dict[tuple[Any, ...], int] = {
            tuple(row[1:]): int(row[0])
            for row in db.execute(f"SELECT id, {_FIGURE_COLUMNS} FROM payment_figures").fetchall()
        }
        #: (days, factor, id of the amounts, reason) -> figures id; the amounts are kept
        #: (``kept``) so that no id is reused while the writer lives
        self.figures_ids: dict[tuple[int, str, int, str], int] = {}
        #: id of a basis dict -> (the dict, its text); text -> basis id
        self.basis_texts: dict[int, tuple[Any, str]] = {}
        self.basis_ids: dict[str, int] = {}
        self.kept: list[Any] = []
        self.new_payees: list[tuple[Any, ...]] = []
        self.new_figures: list[tuple[Any, ...]] = []
        self.new_bases: list[tuple[int, str]] = []
        self.next_payee = max(self.payees.values(), default=0) + 1
        self.next_figures = max(self.figures_by_value.values(), default=0) + 1
        self.next_basis = (
            int(db.execute("SELECT coalesce(max(id), 0) FROM payment_bases").fetchone()[0]) + 1
        )
        #: a basis numbered as new that the file held: number -> id in the file
        self.moved: dict[int, int] = {}
        self.months: dict[date, str] = {}

    def month(self, month: date) -> str:
        """The month as a line keeps it."""
        text = self.months.get(month)
        if text is None:
            text = self.months[month] = month_key(month)
        return text

    def payee(self, payee: Payee) -> int:
        found = self.payees.get(payee)
        if found is None:
            found = self.payees[payee] = self.next_payee
            self.next_payee += 1
            self.new_payees.append((found, *payee))
        return found

    def figures(self, days: int, factor: str, amounts: Amounts, reason: str) -> int:
        shown = (days, factor, id(amounts), reason)
        found = self.figures_ids.get(shown)
        if found is not None:
            return found
        value = (
            days, factor, str(amounts.board), str(amounts.board_increase), str(amounts.fee),
            str(amounts.fee_uplift), str(amounts.total), reason,
        )  # fmt: skip
        found = self.figures_by_value.get(value)
        if found is None:
            found = self.figures_by_value[value] = self.next_figures
            self.next_figures += 1
            self.new_figures.append((found, *value))
        self.kept.append(amounts)
        self.figures_ids[shown] = found
        return found

    def text(self, basis: dict[str, Any]) -> str:
        """A basis as the ledger keeps it (JSON), made once for each dict object (the run
        shares them between lines)."""
        made = self.basis_texts.get(id(basis))
        if made is None:
            made = self.basis_texts[id(basis)] = (basis, basis_json(basis))
        return made[1]

    def basis(self, basis: dict[str, Any] | str | None) -> int | None:
        """The id of a line's basis, a dict or its text (None: it has none)."""
        if basis is None or basis == "":
            return None
        text = basis if isinstance(basis, str) else self.text(basis)
        found = self.basis_ids.get(text)
        if found is None:
            # numbered as new; one already in the file is found when the chunk is written
            found = self.basis_ids[text] = self.next_basis
            self.next_basis += 1
            self.new_bases.append((found, text))
        return found

    def entry(self, line: LineRow) -> Entry:
        """A line given whole (``LineRow``) with its parts resolved."""
        kind, month, placement_id, one_off_id, payee, days, factor, amounts, reason, basis = line
        return (
            self.run_id, kind, self.month(month), placement_id, one_off_id, self.payee(payee),
            self.figures(days, factor, amounts, reason), self.basis(basis),
        )  # fmt: skip

    def write(self, entries: Iterable[Entry], written: Callable[[int], None] | None = None) -> None:
        """Write `entries` (a generator is written as it comes, ``CHUNK`` lines at a
        time, the new parts first); `written(lines so far)` after each chunk (it may
        raise to stop: the caller's transaction is rolled back)."""
        rows = iter(entries)
        conn = self.db.conn
        while True:
            chunk = list(islice(rows, CHUNK))
            if not chunk:
                break
            self._write_parts()
            moved = self.moved
            if moved:
                chunk = [row if row[7] not in moved else (*row[:7], moved[row[7]]) for row in chunk]
            _insert(conn, f"payment_entries ({_ENTRY_COLUMNS})", 8, chunk)
            self.count += len(chunk)
            if written is not None:
                written(self.count)
        self._write_parts()

    def finish(self) -> int:
        """The run's line count recorded; its id."""
        self._write_parts()
        self.db.execute(
            "UPDATE payment_runs SET line_count = ? WHERE id = ?", [self.count, self.run_id]
        )
        return self.run_id

    def _write_parts(self) -> None:
        """Write the parts numbered since the last call. A basis numbered as new whose
        text the file already holds (a month closed before with the same basis) is not
        written: its number is mapped to its id in the file (``moved``) for every line
        given it (looking each new text up first cost ~0.3 s after a backdated rate,
        when none is in the file)."""
        conn = self.db.conn
        if self.new_payees:
            _insert(conn, f"payment_payees (id, {_PAYEE_COLUMNS})", 10, self.new_payees)
            self.new_payees.clear()
        if self.new_figures:
            _insert(conn, f"payment_figures (id, {_FIGURE_COLUMNS})", 9, self.new_figures)
            self.new_figures.clear()
        if self.new_bases:
            before = conn.total_changes
            _insert(
                conn,
                "payment_bases (id, text)",
                2,
                self.new_bases,
                " ON CONFLICT (text) DO NOTHING",
            )
            if conn.total_changes - before != len(self.new_bases):
                self._found_in_file()
            self.new_bases.clear()

    def _found_in_file(self) -> None:
        """The new bases (``new_bases``) not written, their text in the file already:
        each number mapped to the id in the file (``moved``, ``basis_ids``)."""
        numbers = [number for number, _ in self.new_bases]
        written = {
            int(row[0])
            for row in self.db.execute(
                "SELECT id FROM payment_bases WHERE id IN (SELECT value FROM json_each(?))",
                [json.dumps(numbers)],
            ).fetchall()
        }
        # Looked up together (the unique index on the text, one query): in the usual month
        # every placement's basis is last month's, 18,000 texts one query each took
        # ~0.4 s of the close at 20,000 placements.
        texts = [text for number, text in self.new_bases if number not in written]
        found = dict(
            self.db.execute(
                "SELECT text, id FROM payment_bases WHERE text IN (SELECT value FROM json_each(?))",
                [json.dumps(texts, ensure_ascii=False)],
            ).fetchall()
        )
        for number, text in self.new_bases:
            if number not in written:
                self.moved[number] = self.basis_ids[text] = int(found[text])


def _insert(
    conn: Any, table: str, width: int, rows: Sequence[tuple[Any, ...]], then: str = ""
) -> None:
    """Insert `rows` (each `width` values) into `table` (its name and columns), in their
    order, ``ROWS`` (or as many as 999 values allow) a statement; `then` ends each
    statement (an ``ON CONFLICT`` clause)."""
    per = min(ROWS, 999 // width)
    whole = len(rows) - len(rows) % per
    if whole:
        flat = chain.from_iterable
        conn.executemany(
            _insert_sql(table, width, per, then),
            [tuple(flat(rows[at : at + per])) for at in range(0, whole, per)],
        )
    if whole < len(rows):
        conn.executemany(_insert_sql(table, width, 1, then), rows[whole:])


@cache
def _insert_sql(table: str, width: int, count: int, then: str) -> str:
    values = "(" + ", ".join(["?"] * width) + ")"
    return f"INSERT INTO {table} VALUES " + ", ".join([values] * count) + then


_PAYEE_COLUMNS = (
    "carer_id, carer_name, child_name, contract_no, iban, centre_id, centre_name, unit_id, "
    "unit_name"
)


_FIGURE_COLUMNS = "days, factor, board, board_increase, fee, fee_uplift, total, reason"
