"""Amounts in force, effective-dated (SPEC 3.1). Amounts are data: `resources/rates.json`,
editable in Nastavitve → Tabela zneskov; the program never extrapolates a missing year."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from pathlib import Path

from rejnistvo.rules.effective import EffectiveTable, load_resource_json, parse_dated_rows
from rejnistvo.rules.errors import InputError, MissingRateError
from rejnistvo.rules.money import to_cents
from rejnistvo.rules.periods import format_date, month_name

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


class RateTable(EffectiveTable[Rate]):
    """Rates sorted by `valid_from`; each is in force until the next one starts."""

    field = "rates"
    what = "zneska"

    def rate_on(self, day: date) -> Rate:
        """The rate in force on `day`; MissingRateError naming the month if there is none."""
        index = self.index_on(day.toordinal())
        if index < 0:
            raise missing_rate(day)
        return self.rows[index]


def missing_rate(day: date) -> MissingRateError:
    return MissingRateError(
        "rates",
        f"za mesec {month_name(day)} ni vnesenega zneska oskrbnine in plačila dela; "
        f"izračun ni mogoč. {WHERE_TO_ADD}",
    )


def parse_rate_rows(obj: object, field: str = "rates") -> RateTable:
    """Rates from JSON: `[{"valid_from", "board", "fee", "source"?}, …]`."""
    return RateTable(
        parse_dated_rows(
            obj,
            field,
            ("board", "fee"),
            lambda day, amounts, source: Rate(day, amounts["board"], amounts["fee"], source),
        )  # fmt: skip
    )


def load_rate_table(path: Path | str | None = None) -> RateTable:
    """The shipped (or given) rate table file, `resources/rates.json` by default."""
    return parse_rate_rows(load_resource_json(path, "rates.json"), "rates")
