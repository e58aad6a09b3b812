"""The payment ledger (SPEC 3.6; schema steps m005, m010, m013): closed months, their
lines, reopened months, overpayment settlements — and what a payment run reads about
placements. Each distinct basis of a line (what it was computed from, JSON) is stored once
in ``payment_bases`` and named by the line's ``basis_id`` (m010); readers give each line its
text as before. A line is written in parts (m013: ``payment_entries`` naming its payee and
figures, each stored once) and read through the view ``payment_lines``, which has the
columns the table of m005 had.

Typed rows at this boundary (dataclasses; Decimal amounts, dates); every write here
runs inside the caller's ``db.atomic()`` (``rejnistvo.services.payment_run`` owns the
transactions and the audit rows).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Generator, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from itertools import islice
from typing import Any, TypeVar, cast

from sqlite_utils import Database

from rejnistvo.rules.errors import RuleError
from rejnistvo.rules.money import cents_to_decimal
from rejnistvo.rules.months import PartTimePlacement
from rejnistvo.rules.payment_run import Amounts, Document, PlacementInputs, basis_json
from rejnistvo.rules.periods import Period
from rejnistvo.rules.rates import Rate
from rejnistvo.store.reads import UNSETTLED_OVERPAYMENTS


@dataclass(frozen=True, slots=True)
class ClosedRun:
    id: int
    month: date
    closed_on: date
    closed_at: str
    closed_by: str
    total: Decimal
    overpayments: Decimal
    line_count: int
    warnings: tuple[str, ...]


@dataclass(slots=True)
class LedgerLine:
    """A line as it was paid (names, contract and IBAN as of the closing). Read-only by
    use; not a frozen dataclass, whose ``__init__`` costs ten times a plain one's for
    24 fields (opening a closed month after a backdated rate reads 270,000 lines)."""

    id: int
    run_id: int
    kind: str
    for_month: date
    placement_id: int | None
    one_off_id: int | None
    carer_id: int | None
    carer_name: str
    child_name: str
    contract_no: str
    iban: str | None
    centre_id: int | None
    centre_name: str
    unit_id: int | None
    unit_name: str
    days: int
    factor: str
    amounts: Amounts
    reason: str
    # As stored (JSON text): a closed month of 20,000 lines opens without parsing them;
    # ``basis_data`` parses one when it is needed.
    basis: str | None

    @property
    def basis_data(self) -> dict[str, Any] | None:
        return None if self.basis is None else dict(json.loads(self.basis))


@dataclass(frozen=True, slots=True)
class PlacementSource:
    """A placement as a run needs it: who is paid, where, and what it is computed from."""

    placement_id: int
    contract_no: str
    carer_id: int
    carer_name: str
    child_name: str
    iban: str | None
    centre_id: int | None
    centre_name: str
    unit_id: int | None
    unit_name: str
    inputs: PlacementInputs


@dataclass(frozen=True, slots=True)
class OneOffSource:
    id: int
    placement_id: int | None
    carer_id: int
    carer_name: str
    child_name: str
    contract_no: str
    iban: str | None
    centre_id: int | None
    centre_name: str
    unit_id: int | None
    unit_name: str
    kind: str
    amount: Decimal
    day: date
    note: str


#: The five sums of what was paid: board, board increase, fee, fee uplift, total.
PaidFigures = tuple[Decimal, Decimal, Decimal, Decimal, Decimal]
#: What the ledger holds for one placement's month: the sums of its month, arrears and
#: overpayment lines, the id of the latest of them and the id of that line's basis (the
#: newest; None if it has none). Plain tuples: a run reads 280,000; months paid the same
#: amounts share one figures tuple (a run compares each distinct pair of payment and
#: figures once).
PaidMonth = tuple[PaidFigures, int, int | None]


def paid_amounts(paid: PaidFigures) -> Amounts:
    return Amounts(paid[0], paid[1], paid[2], paid[3], paid[4])


@dataclass(frozen=True, slots=True)
class Settlement:
    line_id: int
    method: str
    offset_month: date | None
    settled_on: date
    note: str
    recorded_by: str


def _d(value: str | None) -> date | None:
    return None if value is None else date.fromisoformat(value)


def _month_key(month: date) -> str:
    return month.isoformat()


# --------------------------------------------------------------------------- runs


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
        f"SELECT {_RUN_COLUMNS} FROM payment_runs WHERE month = ?", [_month_key(month)]
    ).fetchone()
    return None if row is None else _closed_run(row)


def closed_range(db: Database) -> tuple[date | None, date | None]:
    """(first, last) closed month, or (None, None)."""
    row = db.execute("SELECT min(month), max(month) FROM payment_runs").fetchone()
    return _d(row[0]), _d(row[1])


# The five amounts come as one text (``_Shared.figures``): opening a closed month after
# a backdated rate reads 270,000 lines, and the few distinct texts are parsed once.
_AMOUNTS_TEXT = "board || ' ' || board_increase || ' ' || fee || ' ' || fee_uplift || ' ' || total"


def _amounts_of(text: str) -> Amounts:
    """A line's amounts from ``_AMOUNTS_TEXT``."""
    return Amounts(*(Decimal(t) for t in text.split(" ")))


# A line's basis is stored once per distinct text (schema step m010): its id is read and
# each distinct text once (``_Shared.bases``), one str for all the lines that share it.
_LINE_COLUMNS = (
    "id, run_id, kind, for_month, placement_id, one_off_id, carer_id, carer_name, "
    "child_name, contract_no, iban, centre_id, centre_name, unit_id, unit_name, days, "
    f"factor, {_AMOUNTS_TEXT}, reason, basis_id"
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
        """Amounts from the five as one text (``_AMOUNTS_TEXT``)."""
        found = self.amounts.get(text)
        if found is None:
            found = self.amounts[text] = _amounts_of(text)
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


_CENTS = "CAST(replace({0}, '.', '') AS INTEGER)"  # "638.00" → 63800, exact, no float


def paid_month_steps(
    db: Database,
    before: date,
    placements: set[int] | None = None,
    size: int = 20000,
    months: Iterable[date] | None = None,
) -> Generator[None, None, dict[tuple[int, date], PaidMonth]]:
    """``paid_months`` a window of `size` ledger line ids at a time when every placement
    is wanted (after a rate row changed: a year of 20,000 placements is 240,000 lines),
    yielding between windows; a given set is read at once.

    Windows of line ids, not of placements: each is a range of the table's own order
    (a placement's months lie in every closed run, so a window of placements is read
    through the placement index a row at a time, half again as slow), and the months
    come in the order of one plain scan, as ``paid_months`` gives them. `months`: only
    these months (every placement's), when given."""
    if placements is not None:
        return paid_months(db, before, placements)
    bounds = db.execute("SELECT min(id), max(id) FROM payment_lines").fetchone()
    result: dict[tuple[int, date], PaidMonth] = {}
    if bounds is None or bounds[0] is None:
        return result
    cache = _PaidCache(db)
    for start in range(int(bounds[0]), int(bounds[1]) + 1, size):
        # a placement's month may have lines in two windows: summed into one result
        window = (start, start + size - 1)
        _add_paid(cache.rows(before, None, window, months=months), result, cache)
        yield
    return result


# The five amounts as one text: a quarter of a million rows come as four values each,
# not eight, and the few distinct texts are parsed once (``_PaidCache``).
_PAID_WHERE = "one_off_id IS NULL AND placement_id IS NOT NULL AND for_month < ?"
_PAID_SQL = (
    f"SELECT placement_id, for_month, id, {_AMOUNTS_TEXT}, basis_id "
    f"FROM payment_lines WHERE {_PAID_WHERE}"
)
# The ledger in parts (m013): a line names its figures, a few thousand for all the
# lines, each read once (``_PaidCache``); the lines alone are a narrow table.
_PAID_PARTS_SQL = (
    "SELECT placement_id, for_month, id, figures_id, basis_id "
    f"FROM payment_entries WHERE {_PAID_WHERE}"
)


def _in_parts(db: Database) -> bool:
    """Whether the ledger's lines are kept in parts (schema step m013)."""
    row = db.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'payment_entries'"
    ).fetchone()
    return row is not None


def _paid_rows(
    db: Database,
    before: date,
    placements: set[int] | None,
    ids: tuple[int, int] | None,
    in_id_order: bool = False,
    months: Iterable[date] | None = None,
    parts: bool = False,
) -> list[Any]:
    """(placement, month, line id, its amounts as one text or, in `parts`, its figures'
    id, basis id) of each paid month's line."""
    sql = _PAID_PARTS_SQL if parts else _PAID_SQL
    params: list[Any] = [_month_key(before)]
    if months is not None:
        sql += " AND for_month IN (SELECT value FROM json_each(?))"
        params.append(json.dumps(sorted({_month_key(m) for m in months})))
    if placements is not None:
        sql += " AND placement_id IN (SELECT value FROM json_each(?))"
        params.append(json.dumps(sorted(placements)))
    if ids is not None:
        sql += " AND id BETWEEN ? AND ?"
        params += list(ids)
    if in_id_order:
        sql += " ORDER BY id"
    return list(db.execute(sql, params).fetchall())


def paid_placements(db: Database, before: date) -> set[int]:
    """Placements with a line in the ledger for a month before `before` (one-off payments'
    placements too: a superset), from the placement index alone."""
    cursor = db.execute(
        "SELECT DISTINCT placement_id FROM payment_lines WHERE placement_id IS NOT NULL "
        "AND for_month < ?",
        [_month_key(before)],
    )
    return {int(r[0]) for r in cursor.fetchall()}


class _PaidCache:
    """Almost every month was paid the same few amounts: the five texts of a line are
    parsed once per distinct set, not five Decimals per line (in a ledger in parts,
    once per figures id as well, all the ids of one text sharing its figures); months
    once each."""

    __slots__ = ("amounts", "months", "db", "parts")

    def __init__(self, db: Database) -> None:
        self.amounts: dict[str | int, PaidFigures] = {}
        self.months: dict[str, date] = {}
        self.db = db
        self.parts = _in_parts(db)

    def rows(
        self,
        before: date,
        placements: set[int] | None,
        ids: tuple[int, int] | None,
        in_id_order: bool = False,
        months: Iterable[date] | None = None,
    ) -> list[Any]:
        """``_paid_rows``, the figures of a ledger in parts read first (those not yet)."""
        rows = _paid_rows(self.db, before, placements, ids, in_id_order, months, self.parts)
        if self.parts:
            known = self.amounts
            missing = {r[3] for r in rows if r[3] not in known}
            if missing:
                for figures_id, text in self.db.execute(
                    f"SELECT id, {_AMOUNTS_TEXT} FROM payment_figures "
                    "WHERE id IN (SELECT value FROM json_each(?))",
                    [json.dumps(sorted(missing))],
                ).fetchall():
                    known[figures_id] = self.parse(text)
        return rows

    def parse(self, text: str) -> PaidFigures:
        parsed = self.amounts.get(text)
        if parsed is None:
            b, bi, f, fu, t = (Decimal(t) for t in text.split(" "))
            parsed = self.amounts[text] = (b, bi, f, fu, t)
        return parsed


def _add_paid(
    rows: Iterable[Any], result: dict[tuple[int, date], PaidMonth], cache: _PaidCache
) -> None:
    amounts, months = cache.amounts, cache.months
    for pid, month_text, line_id, figures, basis_id in rows:
        month = months.get(month_text)
        if month is None:
            month = months[month_text] = date.fromisoformat(month_text)
        key = (pid, month)
        parsed = amounts.get(figures)
        if parsed is None:
            parsed = cache.parse(figures)
        row = (parsed, line_id, basis_id)
        earlier = result.setdefault(key, row)  # one look-up for the usual single line
        if earlier is row:
            continue
        was = earlier[0]
        summed = (
            was[0] + parsed[0], was[1] + parsed[1], was[2] + parsed[2], was[3] + parsed[3],
            was[4] + parsed[4],
        )  # fmt: skip
        # Sums are shared like single lines' figures (the same few overpayments).
        summed = amounts.setdefault("+" + " ".join(str(v) for v in summed), summed)
        if line_id > earlier[1]:
            result[key] = (summed, line_id, basis_id)
        else:
            result[key] = (summed, earlier[1], earlier[2])


def paid_months(
    db: Database,
    before: date,
    placements: set[int] | None = None,
    ids: tuple[int, int] | None = None,
    in_id_order: bool = False,
) -> dict[tuple[int, date], PaidMonth]:
    """For each (placement, month before `before`): what the closed runs paid for it,
    overpayments already listed counting as recorded (so none is listed twice). Only the
    given placements, when a set is given; only ledger line ids within `ids` (first,
    last), when given. `in_id_order`: the months in the order of their first line, as a
    scan of the whole ledger gives them (``paid_month_steps`` without a set)."""
    # A plain scan summed here is three times quicker than GROUP BY in SQL: almost
    # every month has one line, so the sum is the line itself.
    result: dict[tuple[int, date], PaidMonth] = {}
    cache = _PaidCache(db)
    _add_paid(cache.rows(before, placements, ids, in_id_order), result, cache)
    return result


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


def basis_texts(db: Database, basis_ids: Iterable[int]) -> dict[int, str]:
    """The text of each basis id (``PaidMonth``'s last part), one query however many.
    A basis never changes once written (m010), so the texts may be kept and parsed later."""
    cursor = db.execute(
        "SELECT id, text FROM payment_bases WHERE id IN (SELECT value FROM json_each(?))",
        [json.dumps(sorted(set(basis_ids)))],
    )
    return dict(cursor.fetchall())


def paid_one_offs(db: Database) -> dict[int, tuple[Decimal, int]]:
    """{one-off payment id: (amount paid so far, latest line id)} over the closed runs."""
    cursor = db.execute(
        f"SELECT one_off_id, sum({_CENTS.format('total')}), max(id) FROM payment_lines "
        "WHERE one_off_id IS NOT NULL GROUP BY one_off_id"
    )
    return {int(i): (cents_to_decimal(int(c)), int(m)) for i, c, m in cursor.fetchall()}


@dataclass(frozen=True, slots=True)
class PaidOneOff:
    """What the ledger paid for one one-off payment as it was when paid: its id, the
    placement, kind and day its lines' bases name (None for lines without a basis), the
    sum of those lines and the latest of them."""

    one_off_id: int
    placement_id: int | None
    kind: str | None
    day: str | None
    amount: Decimal
    last_line_id: int


def paid_one_off_records(db: Database) -> dict[int, list[PaidOneOff]]:
    """{one-off id: what was paid for it, by the placement, kind and day paid} over the
    closed runs. SQLite gives a new row the id of a deleted one when that one had the
    highest id, so the ledger's id alone does not tell a deleted payment from a new one:
    the basis of each line (``{"one_off": {"kind", "amount", "date"}}``) does."""
    cursor = db.execute(
        "SELECT l.one_off_id, l.placement_id, json_extract(b.text, '$.one_off.kind'), "
        f"json_extract(b.text, '$.one_off.date'), sum({_CENTS.format('l.total')}), max(l.id) "
        "FROM payment_lines l LEFT JOIN payment_bases b ON b.id = l.basis_id "
        "WHERE l.one_off_id IS NOT NULL GROUP BY 1, 2, 3, 4 ORDER BY 6"
    )
    found: dict[int, list[PaidOneOff]] = {}
    for i, placement, kind, day, cents, last in cursor.fetchall():
        found.setdefault(int(i), []).append(
            PaidOneOff(int(i), placement, kind, day, cents_to_decimal(int(cents)), int(last))
        )
    return found


def one_off_identities(db: Database, ids: Iterable[int]) -> dict[int, tuple[int | None, str, str]]:
    """{id: (placement id, kind, day as ISO text)} of the one-off payments `ids` that are
    still recorded."""
    cursor = db.execute(
        "SELECT id, placement_id, kind, date FROM one_off_payments "
        "WHERE id IN (SELECT value FROM json_each(?))",
        [json.dumps(sorted(set(ids)))],
    )
    return {int(r[0]): (r[1], str(r[2]), str(r[3])) for r in cursor.fetchall()}


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


#: SQLite's page cache while a month closes: its 270,000 lines after a backdated change
#: go into three indexes all over a ~150 MB file, and at the default 2 MB the pages went
#: out and came back (closing at 20k placements: 10-17 % less CPU with 64 MB)
CLOSE_CACHE_KIB = 65536


@contextmanager
def page_cache_for_close(db: Database) -> Iterator[None]:
    """A larger page cache for a close (through its commit), the file's own after it."""
    before = db.execute("PRAGMA cache_size").fetchone()[0]
    db.execute(f"PRAGMA cache_size = {-CLOSE_CACHE_KIB}")
    try:
        yield
    finally:
        db.execute(f"PRAGMA cache_size = {int(before)}")


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
                _month_key(run["month"]),
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
            text = self.months[month] = _month_key(month)
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
            conn.executemany(
                "INSERT INTO payment_entries (run_id, kind, for_month, placement_id, "
                "one_off_id, payee_id, figures_id, basis_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                chunk,
            )
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
            conn.executemany(
                f"INSERT INTO payment_payees (id, {_PAYEE_COLUMNS}) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                self.new_payees,
            )
            self.new_payees.clear()
        if self.new_figures:
            conn.executemany(
                f"INSERT INTO payment_figures (id, {_FIGURE_COLUMNS}) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                self.new_figures,
            )
            self.new_figures.clear()
        if self.new_bases:
            before = conn.total_changes
            conn.executemany(
                "INSERT INTO payment_bases (id, text) VALUES (?, ?) ON CONFLICT (text) DO NOTHING",
                self.new_bases,
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


_PAYEE_COLUMNS = (
    "carer_id, carer_name, child_name, contract_no, iban, centre_id, centre_name, unit_id, "
    "unit_name"
)
_FIGURE_COLUMNS = "days, factor, board, board_increase, fee, fee_uplift, total, reason"


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
            _month_key(row["month"]),
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


# --------------------------------------------------------------------------- overpayments


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
        int(r[0]): Settlement(int(r[0]), r[1], _d(r[2]), date.fromisoformat(r[3]), r[4] or "", r[5])
        for r in db.execute(sql, params).fetchall()
    }


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


def insert_settlement(db: Database, settlement: Settlement) -> int:
    cursor = db.execute(
        "INSERT INTO overpayment_settlements (line_id, method, offset_month, settled_on, note, "
        "recorded_by) VALUES (?, ?, ?, ?, ?, ?)",
        [
            settlement.line_id,
            settlement.method,
            None if settlement.offset_month is None else _month_key(settlement.offset_month),
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
    are matched by their payment, ``services.payment_run._one_offs``). A few rows: this
    reads only overpayment lines (a partial index) and their undoings; only those of
    `placements`, when given (a run asks for the placements whose difference may give
    one back: after a lowered rate a quarter of a million overpayments wait)."""
    sql = (
        "SELECT id, placement_id, for_month, "
        "(SELECT r.month FROM payment_runs r WHERE r.id = run_id), "
        f"{_AMOUNTS_TEXT} FROM payment_lines WHERE {UNSETTLED_OVERPAYMENTS} "
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
        amounts = _amounts_of(text)
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
        f"SELECT u.overpayment_id, {_AMOUNTS_TEXT} "
        "FROM overpayment_undoings u JOIN payment_lines l ON l.id = u.line_id"
    ).fetchall():
        if overpayment_id not in wanted:
            continue
        amounts = _amounts_of(text)
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


# --------------------------------------------------------------------------- sources


def _period_reference(kind: str, document_no: str | None, contract_no: str) -> str:
    if kind == "contract":
        return f"pogodba {document_no or contract_no}"
    text = document_no or ""
    return text if "aneks" in text.casefold() else f"aneks {text}".strip()


@dataclass(slots=True)
class SourceRows:
    """What a run reads about placements, read a window of placement ids at a time
    (``read_source_rows``) and made into ``PlacementSource`` objects a slice at a time
    (``make_sources``): a run of 20,000 placements goes on between the window's paints."""

    periods: dict[int, list[tuple[str, str | None, str, str | None]]]
    increases: dict[int, list[Document]]
    uplifts: dict[int, list[Document]]
    #: each window's placements with a period in the months, as (run order key, row),
    #: sorted within the window; ``ordered`` sorts them together once
    windows: list[list[tuple[str, tuple[Any, ...]]]]

    #: the count once the windows were taken (``ordered``)
    taken: int | None = None

    @property
    def count(self) -> int:
        if self.taken is not None:
            return self.taken
        return sum(len(window) for window in self.windows)

    def ordered(self) -> Iterator[tuple[Any, ...]]:
        """The placements in run order. Each row is let go as it is taken (the run's
        peak memory is not all of them). One sort of the windows' sorted runs (Python's
        sort merges them in C), not a merge in Python, which took ten times as long."""
        merged = [entry for window in self.windows for entry in window]
        self.taken = len(merged)
        self.windows.clear()
        merged.sort()  # keys are unique (the id ends them): rows are never compared
        return _taken(merged)


def _taken(entries: list[tuple[str, tuple[Any, ...]]]) -> Iterator[tuple[Any, ...]]:
    """The rows of `entries` in order, each let go as it is taken."""
    entries.reverse()
    while entries:
        yield entries.pop()[1]


_OVERLAP = "from_date <= ? AND (to_date IS NULL OR to_date >= ?)"
_PLACEMENTS = """
    SELECT p.id, p.contract_no, p.carer_id, c.name, ch.name, c.iban, p.part_time,
           p.fee_share, ce.id, ce.name, u.id, u.name, c.name_key
    FROM placements p
    JOIN carers c ON c.id = p.carer_id
    JOIN children ch ON ch.id = p.child_id
    LEFT JOIN centres ce ON ce.id = coalesce(p.child_centre_id, ch.centre_id)
    LEFT JOIN units u ON u.id = ch.unit_id
    WHERE p.id BETWEEN ? AND ?
"""


def _run_order(row: tuple[Any, ...]) -> str:
    """ORDER BY centre name, unit name, carer's name key, id (SQLite: NULL first; text
    by code point, as Python compares str) as one string: parts joined by NUL (in no
    name), a missing name as NUL before any name. Sorts like the tuple, much quicker."""
    centre = "\0" if row[9] is None else f"\1{row[9]}"
    unit = "\0" if row[11] is None else f"\1{row[11]}"
    return f"{centre}\0{unit}\0{row[12]}\0{row[0]:012d}"


def read_source_rows(
    db: Database, first: date, last: date, size: int = 500
) -> Generator[None, None, SourceRows]:
    """Placements with a day placed between `first` and `last`: their periods, board
    increases and decided fee uplifts (R-4 with outcome "increase") that touch those
    months, and who is paid where. Yields after each window of `size` placement ids
    (each window is its own few queries; no cursor stays open in between); returns
    the rows."""
    lo, hi = first.isoformat(), last.isoformat()
    raw = SourceRows({}, {}, {}, [])
    bounds = db.execute("SELECT min(id), max(id) FROM placements").fetchone()
    if bounds is None or bounds[0] is None:
        return raw
    periods, increases, uplifts = raw.periods, raw.increases, raw.uplifts
    names: dict[str | None, str | None] = {}

    def name(text: str | None) -> str | None:
        return names.setdefault(text, text)

    for start in range(int(bounds[0]), int(bounds[1]) + 1, size):
        window = [start, start + size - 1]
        for pid, kind, doc, begin, end in db.execute(
            "SELECT placement_id, kind, document_no, from_date, to_date FROM placement_periods "
            f"WHERE placement_id BETWEEN ? AND ? AND {_OVERLAP} ORDER BY placement_id, from_date",
            [*window, hi, lo],
        ).fetchall():
            periods.setdefault(pid, []).append((kind, doc, begin, end))
        for pid, percent, begin, end, decision_no, decision_date in db.execute(
            "SELECT placement_id, percent, from_date, to_date, decision_no, decision_date "
            f"FROM board_increases WHERE placement_id BETWEEN ? AND ? AND {_OVERLAP} "
            "ORDER BY from_date, id",
            [*window, hi, lo],
        ).fetchall():
            ref = decision_no or (f"z dne {decision_date}" if decision_date else "")
            increases.setdefault(pid, []).append(
                Document(Period(date.fromisoformat(begin), _d(end)), ref, int(percent))
            )
        for pid, percent, begin, end, resolution_no, case_no in db.execute(
            "SELECT placement_id, decision_percent, decision_from, decision_to, resolution_no, "
            "case_no FROM r4_cases WHERE placement_id BETWEEN ? AND ? "
            "AND outcome = 'increase' AND decision_percent IS NOT NULL "
            "AND decision_from IS NOT NULL AND decision_from <= ? "
            "AND (decision_to IS NULL OR decision_to >= ?) ORDER BY decision_from, id",
            [*window, hi, lo],
        ).fetchall():
            uplifts.setdefault(pid, []).append(
                Document(
                    Period(date.fromisoformat(begin), _d(end)),
                    resolution_no or case_no or "",
                    int(percent),
                )  # fmt: skip
            )
        # Kept until the run takes them: the centre's and unit's names once each, not
        # once a row, and the name key only in the sort key.
        found = [
            (_run_order(r), (*r[:9], name(r[9]), r[10], name(r[11])))
            for r in db.execute(_PLACEMENTS, window).fetchall()
            if r[0] in periods
        ]
        found.sort()  # keys are unique (the id ends them): rows are never compared
        raw.windows.append(found)
        yield
    return raw


def make_sources(raw: SourceRows, rows: Iterable[tuple[Any, ...]]) -> list[PlacementSource]:
    """The placements of ``rows`` (taken from ``raw.ordered()``) as run sources; what
    ``raw`` held for them is let go (each placement is made once)."""
    sources = []
    shared: dict[str, str] = {}
    # Periods are immutable and placements share their days: each (from, to) made once.
    spans: dict[tuple[str, str | None], Period] = {}
    for row in rows:
        pid = row[0]
        docs = []
        for kind, doc, begin, finish in raw.periods.pop(pid):
            period = spans.get((begin, finish))
            if period is None:
                period = spans[begin, finish] = Period(date.fromisoformat(begin), _d(finish))
            docs.append(Document(period, _period_reference(kind, doc, row[1])))
        part_time = PartTimePlacement(Decimal(row[7] or "0")) if row[6] else None
        sources.append(
            PlacementSource(
                pid,
                row[1],
                row[2],
                row[3],
                row[4],
                row[5],
                row[8],
                shared.setdefault(row[9] or "", row[9] or ""),
                row[10],
                shared.setdefault(row[11] or "", row[11] or ""),
                PlacementInputs(
                    tuple(docs),
                    tuple(raw.increases.pop(pid, ())),
                    tuple(raw.uplifts.pop(pid, ())),
                    part_time,
                ),
            )  # fmt: skip
        )
    return sources


def placement_sources(db: Database, first: date, last: date) -> list[PlacementSource]:
    """Every placement with a day placed between `first` and `last`, with its periods,
    board increases and decided fee uplifts (R-4 with outcome "increase") that touch
    those months. The centre and unit are the child's (the centre that pays)."""
    steps = read_source_rows(db, first, last)
    while True:
        try:
            next(steps)
        except StopIteration as stop:
            raw: SourceRows = stop.value
            return make_sources(raw, raw.ordered())


def one_off_sources(db: Database, last: date) -> list[OneOffSource]:
    """One-off payments dated on or before `last`, with who is paid and where."""
    cursor = db.execute(
        """
        SELECT o.id, o.placement_id, o.carer_id, c.name, coalesce(ch.name, ''),
               coalesce(p.contract_no, ''), c.iban, ce.id, ce.name, u.id, u.name, o.kind,
               o.amount, o.date, coalesce(o.note, '')
        FROM one_off_payments o
        JOIN carers c ON c.id = o.carer_id
        LEFT JOIN placements p ON p.id = o.placement_id
        LEFT JOIN children ch ON ch.id = p.child_id
        LEFT JOIN centres ce ON ce.id = coalesce(p.child_centre_id, ch.centre_id, c.centre_id)
        LEFT JOIN units u ON u.id = coalesce(ch.unit_id, c.unit_id)
        WHERE o.date <= ?
        ORDER BY o.date, o.id
        """,
        [last.isoformat()],
    )
    return [
        OneOffSource(
            r[0],
            r[1],
            r[2],
            r[3],
            r[4],
            r[5],
            r[6],
            r[7],
            r[8] or "",
            r[9],
            r[10] or "",
            r[11],
            Decimal(r[12]),
            date.fromisoformat(r[13]),
            r[14],
        )  # fmt: skip
        for r in cursor.fetchall()
    ]
