"""Effective-dated amounts (SPEC 3.1): rows that each hold from `valid_from` until the
next row starts, kept as data in `resources/` with their legal source. The rate table
and the birth-grant table are both this shape; only their amounts differ."""

from __future__ import annotations

import json
from bisect import bisect_right
from collections.abc import Callable, Iterable, Mapping
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any, Generic, Protocol, TypeVar

from rejnistvo.rules.errors import InputError
from rejnistvo.rules.money import parse_json_amount
from rejnistvo.rules.periods import check_keys, format_date, parse_date


class Dated(Protocol):
    @property
    def valid_from(self) -> date: ...


RowT = TypeVar("RowT", bound=Dated)


class EffectiveTable(Generic[RowT]):
    """Rows sorted by `valid_from`; one row per start day. `field` and `what` name the
    table in messages ("rates", "zneska")."""

    field = ""
    what = "zneska"

    def __init__(self, rows: Iterable[RowT]) -> None:
        self.rows: tuple[RowT, ...] = tuple(sorted(rows, key=lambda r: r.valid_from))
        for a, b in zip(self.rows, self.rows[1:], strict=False):
            if a.valid_from == b.valid_from:
                raise InputError(
                    self.field,
                    f"dva {self.what} veljata od istega dne ({format_date(a.valid_from)}); "
                    "od posameznega dne sme veljati le en znesek.",
                )
        self._starts = [r.valid_from.toordinal() for r in self.rows]

    def __len__(self) -> int:
        return len(self.rows)

    def __repr__(self) -> str:
        return f"{type(self).__name__}({list(self.rows)!r})"

    def index_on(self, ordinal: int) -> int:
        """Index of the row in force on the day with this ordinal, -1 if none."""
        return bisect_right(self._starts, ordinal) - 1


def amount_in_force(amount: Decimal, field: str) -> Decimal:
    """A rate or grant amount of 0.00 is refused: a month with no amount in force is an
    error, never computed as zero (SPEC 3.1), and a row of 0.00 did just that — every
    payment of its months 0,00 EUR, without a word."""
    if not amount:
        raise InputError(
            field,
            "znesek 0,00 EUR ni znesek v veljavi; vpišite objavljeni znesek, večji od 0.",
        )
    return amount


def parse_dated_rows(
    obj: object,
    field: str,
    amount_keys: tuple[str, ...],
    make_row: Callable[[date, Mapping[str, Decimal], str], RowT],
) -> list[RowT]:
    """Rows from JSON: `[{"valid_from", <amount_keys>…, "source"?}, …]`, amounts as
    strings (SPEC 6), as `rates` of a `calc` or `refund` request and the shipped tables."""
    if not isinstance(obj, list) or not obj:
        keys = ", ".join(("valid_from", *amount_keys))
        raise InputError(field, f"pričakovan je neprazen seznam zneskov {{{keys}}}.")
    rows = []
    for i, item in enumerate(obj):
        where = f"{field}[{i}]"
        data = check_keys(
            item, where, ("valid_from", *amount_keys, "source"),
            required=("valid_from", *amount_keys),
        )  # fmt: skip
        source = data.get("source", "")
        if not isinstance(source, str):
            raise InputError(f"{where}.source", "vir mora biti besedilo.")
        valid_from = parse_date(data["valid_from"], f"{where}.valid_from")
        amounts = {
            key: amount_in_force(parse_json_amount(data[key], f"{where}.{key}"), f"{where}.{key}")
            for key in amount_keys
        }
        rows.append(make_row(valid_from, amounts, source))
    return rows


def load_resource_json(path: Path | str | None, *default: str) -> Any:
    """The JSON of `path`, or of the shipped resource `default` when no path is given;
    floats are read as Decimal so no amount ever passes through a float."""
    if path is None:
        from rejnistvo.resources import resource_path

        path = resource_path(*default)
    return json.loads(Path(path).read_text(encoding="utf-8"), parse_float=Decimal)
