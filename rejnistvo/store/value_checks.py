"""Stored values the program could not read (part of `check_db`): an amount that is not a
decimal number, a date that is not a day of the calendar, text in a whole-number column.

The program writes only values it validated, so such a value comes from an edit outside
it (a database tool, a restored damaged copy). SQLite's own checks pass over it — the
columns are TEXT, and an INTEGER column keeps text it cannot convert — and then every
screen or command that reads the record stops with an internal error (QA56: a rate's
board »6x5,23« left `check` saying »v redu« while `run`, `calc --db` and the window's
Izplačila failed). `check` names the table, the field, how many and the first record, so
the value can be corrected from a backup or by hand.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterator
from datetime import date

from rejnistvo.store.labels import FIELD_LABELS, TABLE_NAMES

#: TEXT columns that hold an amount (or a share) as a plain decimal number, »655.23«
MONEY_COLUMNS = frozenset(
    {
        "amount", "board", "board_increase", "fee", "fee_uplift", "total", "overpayments",
        "justified", "unjustified", "excess", "fee_share",
    }
)  # fmt: skip

#: TEXT columns that hold a day, »2026-12-05« (a month as its first day)
_DATE_NAMES = frozenset({"date", "due", "deadline", "for_month", "month", "offset_month"})
_DATE_ENDINGS = ("_on", "_date", "_from", "_to", "_deadline")

#: tables of the program's own bookkeeping, whose TEXT holds no amount or day of a record
_SKIPPED = frozenset({"_sqlite_migrations", "audit_log", "payment_bases", "settings"})

_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")

#: a problem's shown value is cut to this many characters (a value may be a whole text)
_SHOWN = 40


# Both in SQL, a Python call only for a day past the 28th (is it in its month?): with a
# call for every value the checks took 0.30 s at 20,000 placements, so 0.23 s.
#: a value that is no day »YYYY-MM-DD« (month 01-12, day 01-31, in its month)
_BAD_DATE = (
    "{q} IS NOT NULL AND ({q} NOT GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'"
    " OR substr({q}, 1, 4) = '0000'"  # no year 0: the program cannot read it (QA73)
    " OR substr({q}, 6, 2) NOT BETWEEN '01' AND '12' OR substr({q}, 9, 2) = '00'"
    " OR (substr({q}, 9, 2) > '28' AND rejnistvo_bad_date({q})))"
)
#: a value that is no plain decimal number, »-?[0-9]+(.[0-9]+)?«
_BAD_DECIMAL = (
    "{q} IS NOT NULL AND NOT (typeof({q}) = 'text'"
    " AND ({q} GLOB '[0-9]*' OR {q} GLOB '-[0-9]*')"
    " AND NOT substr({q}, 2) GLOB '*[^0-9.]*'"
    " AND NOT {q} GLOB '*.*.*' AND NOT {q} GLOB '*.')"
)


def _is_date_column(name: str) -> bool:
    return name in _DATE_NAMES or name.endswith(_DATE_ENDINGS)


def _is_bad_date(value: object) -> bool:
    # not SQLite's date(), which gives »2026-02-30« back as it is
    if value is None:
        return False
    if not (isinstance(value, str) and _DAY.fullmatch(value)):
        return True
    try:
        date.fromisoformat(value)
    except ValueError:
        return True
    return False


#: what a column of each kind holds, as a problem says it
_ALLOWED = {
    "integer": "celo število",
    "date": "datum v obliki LLLL-MM-DD, npr. 2026-12-05",
    "decimal": "decimalno število s piko, npr. 655.23",
}


def _bad(column: str, kind: str) -> str:
    q = f'"{column}"'
    if kind == "integer":
        return f"typeof({q}) NOT IN ('integer', 'null')"
    return (_BAD_DATE if kind == "date" else _BAD_DECIMAL).format(q=q)


def value_problems(conn: sqlite3.Connection) -> list[str]:
    """One line per table and field with a value the program cannot read; empty when
    every amount, day and whole number reads. Read-only: registers a function on `conn`.
    A query per field: SQLite reads an indexed field from its index alone (one pass over
    each table for all its fields took 1.1 s at 20,000 placements, these 0.23 s)."""
    conn.create_function("rejnistvo_bad_date", 1, _is_bad_date, deterministic=True)
    problems = []
    for table, column, kind in _checked_columns(conn):
        found = conn.execute(
            f'SELECT count(*), min(rowid) FROM "{table}" WHERE {_bad(column, kind)}'
        ).fetchone()
        if not found[0]:
            continue
        first = conn.execute(f'SELECT "{column}" FROM "{table}" WHERE rowid = ?', (found[1],))
        value = first.fetchone()[0]
        problems.append(_problem(table, column, found[0], found[1], value, _ALLOWED[kind]))
    return problems


def _checked_columns(conn: sqlite3.Connection) -> Iterator[tuple[str, str, str]]:
    """(table, field, kind: integer, date or decimal) of every checked field."""
    tables = conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
        "ORDER BY name"
    ).fetchall()
    for (table,) in tables:
        if table in _SKIPPED:
            continue
        for _cid, column, declared, *_rest in conn.execute(f'PRAGMA table_info("{table}")'):
            declared = (declared or "").upper()
            if declared == "INTEGER":
                yield table, column, "integer"
            elif declared == "TEXT" and column in MONEY_COLUMNS:
                yield table, column, "decimal"
            elif declared == "TEXT" and _is_date_column(column):
                yield table, column, "date"


def _problem(table: str, column: str, count: int, rowid: int, value: object, allowed: str) -> str:
    shown = repr(value) if not isinstance(value, str) else value
    if len(shown) > _SHOWN:
        shown = shown[: _SHOWN - 1] + "…"
    where = TABLE_NAMES.get(table, table)
    field = FIELD_LABELS.get(column)
    field_text = f"»{field}« ({column})" if field else column
    more = f" in še {count - 1}" if count > 1 else ""
    return (
        f"Neberljiva vrednost: {where} ({table}), polje {field_text}, zapis {rowid}: "
        f"»{shown}«{more}; pričakovano: {allowed}. Obnovite varnostno kopijo iz mape "
        "»backups« ali popravite zapis."
    )
