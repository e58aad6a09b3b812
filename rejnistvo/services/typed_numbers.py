"""A document number typed again (a contract copied from a sibling's placement, a case
number copied from the previous proposal): found the same whatever its spaces and case,
so that the screen asks before a second record takes it (``placements.contract_taken``,
``r4_cases.case_no_taken``)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any


def number_key(text: str | None) -> str:
    """A number as it is compared: inner spaces made one, case folded."""
    return " ".join((text or "").split()).casefold()


def narrowing(column: str, key: str) -> tuple[str, list[Any]]:
    """An SQL condition (ending in »AND«) and its parameter that keep the rows whose
    `column` may be `key`, so that a save reads a few rows, not 20,000; empty for a key
    SQLite cannot fold (its lower() folds ASCII only: a number with Š or Č is compared
    in Python alone). ``first_same`` compares exactly."""
    if not key.isascii():
        return "", []
    return f"replace(lower({column}), ' ', '') = ? AND ", [key.replace(" ", "")]


def first_same(rows: Iterable[tuple[Any, ...]], key: str) -> tuple[Any, ...] | None:
    """The first of `rows` whose first value is the number `key`, or None."""
    for row in rows:
        if number_key(str(row[0])) == key:
            return row
    return None
