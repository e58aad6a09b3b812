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

_DECIMAL = re.compile(r"-?[0-9]+(\.[0-9]+)?")
_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")

#: a problem's shown value is cut to this many characters (a value may be a whole text)
_SHOWN = 40


def _is_date_column(name: str) -> bool:
    return name in _DATE_NAMES or name.endswith(_DATE_ENDINGS)


def _is_bad_decimal(value: object) -> bool:
    return value is not None and not (isinstance(value, str) and _DECIMAL.fullmatch(value))


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


def value_problems(conn: sqlite3.Connection) -> list[str]:
    """One line per table and field with a value the program cannot read; empty when
    every amount, day and whole number reads. Read-only: registers a function on `conn`."""
    conn.create_function("rejnistvo_bad_decimal", 1, _is_bad_decimal, deterministic=True)
    conn.create_function("rejnistvo_bad_date", 1, _is_bad_date, deterministic=True)
    problems = []
    for table, column, kind in _checked_columns(conn):
        if kind == "integer":
            bad = f"typeof(\"{column}\") NOT IN ('integer', 'null')"
            allowed = "celo število"
        elif kind == "date":
            bad = f'rejnistvo_bad_date("{column}")'
            allowed = "datum v obliki LLLL-MM-DD, npr. 2026-12-05"
        else:
            bad = f'rejnistvo_bad_decimal("{column}")'
            allowed = "decimalno število s piko, npr. 655.23"
        found = conn.execute(
            f'SELECT count(*), min(rowid) FROM "{table}" WHERE {bad}'  # noqa: S608 (names from the schema)
        ).fetchone()
        if not found[0]:
            continue
        first = conn.execute(f'SELECT "{column}" FROM "{table}" WHERE rowid = ?', (found[1],))
        problems.append(_problem(table, column, found[0], found[1], first.fetchone()[0], allowed))
    return problems


def _checked_columns(conn: sqlite3.Connection) -> Iterator[tuple[str, str, str]]:
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
