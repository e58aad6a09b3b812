"""What the ledger says was paid before a month: per placement and month (the arrears of a
backdated change read it), for one-off payments, and who those were paid to.
"""

from __future__ import annotations

import json
from collections.abc import Generator, Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from sqlite_utils import Database

from rejnistvo.rules.money import cents_to_decimal
from rejnistvo.store.ledger.rows import AMOUNTS_TEXT, PaidFigures, PaidMonth, month_key

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
    # Each bound a query of its own: SQLite takes min(id) or max(id) from an end of the
    # table only when it is the query's one aggregate; the two together scanned every
    # line (after a backdated rate: 250,000, ~0.06 s of the run).
    bounds = db.execute(
        "SELECT (SELECT min(id) FROM payment_lines), (SELECT max(id) FROM payment_lines)"
    ).fetchone()
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
    f"SELECT placement_id, for_month, id, {AMOUNTS_TEXT}, basis_id "
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
    params: list[Any] = [month_key(before)]
    if months is not None:
        sql += " AND for_month IN (SELECT value FROM json_each(?))"
        params.append(json.dumps(sorted({month_key(m) for m in months})))
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
        [month_key(before)],
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
                    f"SELECT id, {AMOUNTS_TEXT} FROM payment_figures "
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
