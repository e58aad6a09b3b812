"""Amounts in force, effective-dated (SPEC 3.1). Amounts are data: `resources/rates.json`,
editable in Nastavitve → Tabela zneskov; the program never extrapolates a missing year."""

from __future__ import annotations

import json
from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from pathlib import Path

from rejnistvo.rules.errors import InputError, MissingRateError
from rejnistvo.rules.money import parse_amount, to_cents
from rejnistvo.rules.periods import check_keys, format_date, month_name, parse_date

WHERE_TO_ADD = "Dodajte znesek v Nastavitve → Tabela zneskov."


@dataclass(frozen=True, slots=True)
class Rate:
    """Monthly base board (oskrbnina) and base fee (plačilo dela) in force from `valid_from`."""

    valid_from: date
    board: Decimal
    fee: Decimal
    source: str = ""
    # Integer cents, kept alongside so month arithmetic stays exact and quick.
    board_cents: int = field(init=False, repr=False, compare=False)
    fee_cents: int = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        if not isinstance(self.valid_from, date):
            raise InputError("rates.valid_from", "vsak znesek potrebuje datum začetka veljavnosti.")
        for name in ("board", "fee"):
            value = getattr(self, name)
            if not isinstance(value, Decimal) or not value.is_finite() or value < 0:
                raise InputError(f"rates.{name}", f"»{value}« ni nenegativen znesek v evrih.")
            try:
                object.__setattr__(self, f"{name}_cents", to_cents(value))
            except ValueError:
                raise InputError(
                    f"rates.{name}",
                    f"znesek {value} (velja od {format_date(self.valid_from)}) ima več kot "
                    "dve decimalki.",
                ) from None


class RateTable:
    """Rates sorted by `valid_from`; each is in force until the next one starts."""

    def __init__(self, rows: Iterable[Rate]) -> None:
        self.rows: tuple[Rate, ...] = tuple(sorted(rows, key=lambda r: r.valid_from))
        for a, b in zip(self.rows, self.rows[1:], strict=False):
            if a.valid_from == b.valid_from:
                raise InputError(
                    "rates",
                    f"dva zneska veljata od istega dne ({format_date(a.valid_from)}); "
                    "od posameznega dne sme veljati le en znesek.",
                )
        self._starts = [r.valid_from.toordinal() for r in self.rows]

    def __len__(self) -> int:
        return len(self.rows)

    def __repr__(self) -> str:
        return f"RateTable({list(self.rows)!r})"

    def rate_on(self, day: date) -> Rate:
        """The rate in force on `day`; MissingRateError naming the month if there is none."""
        index = bisect_right(self._starts, day.toordinal()) - 1
        if index < 0:
            raise missing_rate(day)
        return self.rows[index]

    def index_on(self, ordinal: int) -> int:
        """Index of the row in force on the day with this ordinal, -1 if none."""
        return bisect_right(self._starts, ordinal) - 1


def missing_rate(day: date) -> MissingRateError:
    return MissingRateError(
        "rates",
        f"za mesec {month_name(day)} ni vnesenega zneska oskrbnine in plačila dela; "
        f"izračun ni mogoč. {WHERE_TO_ADD}",
    )


def parse_rate_rows(obj: object, field: str = "rates") -> RateTable:
    """Rates from JSON: `[{"valid_from", "board", "fee", "source"?}, …]`."""
    if not isinstance(obj, list) or not obj:
        raise InputError(field, "pričakovan je neprazen seznam zneskov {valid_from, board, fee}.")
    rows = []
    for i, item in enumerate(obj):
        where = f"{field}[{i}]"
        data = check_keys(item, where, ("valid_from", "board", "fee", "source"),
                          required=("valid_from", "board", "fee"))  # fmt: skip
        source = data.get("source", "")
        if not isinstance(source, str):
            raise InputError(f"{where}.source", "vir mora biti besedilo.")
        rows.append(
            Rate(
                valid_from=parse_date(data["valid_from"], f"{where}.valid_from"),
                board=parse_amount(data["board"], f"{where}.board"),
                fee=parse_amount(data["fee"], f"{where}.fee"),
                source=source,
            )
        )
    return RateTable(rows)


def load_rate_table(path: Path | str | None = None) -> RateTable:
    """The shipped (or given) rate table file, `resources/rates.json` by default."""
    if path is None:
        from rejnistvo.resources import resource_path

        path = resource_path("rates.json")
    text = Path(path).read_text(encoding="utf-8")
    return parse_rate_rows(json.loads(text, parse_float=Decimal), "rates")
