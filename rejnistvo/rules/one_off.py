"""One-off payments to a carer (SPEC 3.1; ZIRD as amended by Uradni list RS 41/2025).

A carer receives a one-off payment at the first placement of a child, equal to the birth
grant (*pomoč ob rojstvu otroka*, 430.00 EUR in 2025), and three other one-off payments
equal to the base fee in force. The kinds are an editable catalogue
(`resources/catalogues/one_off_kinds.json`); the birth grant is effective-dated data like
the rates (`resources/birth_grant.json`). A missing amount is an error naming the date,
never zero; the program never extrapolates an amount.
"""

from __future__ import annotations

import json
from bisect import bisect_right
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import StrEnum
from pathlib import Path

from rejnistvo.rules.errors import InputError, MissingRateError
from rejnistvo.rules.money import parse_amount
from rejnistvo.rules.periods import check_keys, format_date, parse_date
from rejnistvo.rules.rates import RateTable

WHERE_TO_ADD_GRANT = (
    "Dodajte znesek z datumom začetka veljavnosti in virom v datoteko resources/birth_grant.json."
)


class AmountBasis(StrEnum):
    """How the amount of a one-off payment is set."""

    BIRTH_GRANT = "birth_grant"  # equal to the birth grant in force on the day
    BASE_FEE = "base_fee"  # equal to the base fee (osnovno plačilo dela) in force on the day


@dataclass(frozen=True, slots=True)
class OneOffKind:
    key: str
    name: str
    basis: AmountBasis
    once_per_carer: bool = False
    description: str = ""


@dataclass(frozen=True, slots=True)
class BirthGrant:
    """The birth grant amount in force from `valid_from` (until the next row starts)."""

    valid_from: date
    amount: Decimal
    source: str = ""


class BirthGrantTable:
    """Birth grant amounts sorted by `valid_from`; one row per start day."""

    def __init__(self, rows: Iterable[BirthGrant]) -> None:
        self.rows: tuple[BirthGrant, ...] = tuple(sorted(rows, key=lambda r: r.valid_from))
        for a, b in zip(self.rows, self.rows[1:], strict=False):
            if a.valid_from == b.valid_from:
                raise InputError(
                    "birth_grant",
                    f"dva zneska pomoči ob rojstvu otroka veljata od istega dne "
                    f"({format_date(a.valid_from)}); od posameznega dne sme veljati le en znesek.",
                )
        self._starts = [r.valid_from.toordinal() for r in self.rows]

    def __len__(self) -> int:
        return len(self.rows)

    def grant_on(self, day: date) -> BirthGrant:
        """The row in force on `day`; MissingRateError naming the date if there is none."""
        index = bisect_right(self._starts, day.toordinal()) - 1
        if index < 0:
            raise MissingRateError(
                "birth_grant",
                f"za dan {format_date(day)} ni vnesenega zneska pomoči ob rojstvu otroka, "
                f"zato enkratnega izplačila ob prvi namestitvi ni mogoče predlagati. "
                f"{WHERE_TO_ADD_GRANT}",
            )
        return self.rows[index]


def parse_birth_grants(obj: object, field: str = "birth_grant") -> BirthGrantTable:
    """From JSON: `[{"valid_from", "amount", "source"?}, …]` (amounts as strings)."""
    if not isinstance(obj, list) or not obj:
        raise InputError(field, "pričakovan je neprazen seznam zneskov {valid_from, amount}.")
    rows = []
    for i, item in enumerate(obj):
        where = f"{field}[{i}]"
        data = check_keys(
            item, where, ("valid_from", "amount", "source"), required=("valid_from", "amount")
        )
        source = data.get("source", "")
        if not isinstance(source, str):
            raise InputError(f"{where}.source", "vir mora biti besedilo.")
        rows.append(
            BirthGrant(
                valid_from=parse_date(data["valid_from"], f"{where}.valid_from"),
                amount=parse_amount(data["amount"], f"{where}.amount"),
                source=source,
            )
        )
    return BirthGrantTable(rows)


def load_birth_grants(path: Path | str | None = None) -> BirthGrantTable:
    """The shipped (or given) birth grant file, `resources/birth_grant.json` by default."""
    if path is None:
        from rejnistvo.resources import resource_path

        path = resource_path("birth_grant.json")
    text = Path(path).read_text(encoding="utf-8")
    return parse_birth_grants(json.loads(text, parse_float=Decimal))


def parse_kinds(obj: object, field: str = "one_off_kinds") -> dict[str, OneOffKind]:
    """The catalogue from JSON: `{"items": [{"key", "name", "amount", …}, …]}`."""
    data = check_keys(obj, field, ("source", "items"), required=("items",))
    items = data["items"]
    if not isinstance(items, list) or not items:
        raise InputError(f"{field}.items", "katalog mora imeti vsaj eno vrsto izplačila.")
    kinds: dict[str, OneOffKind] = {}
    allowed = ", ".join(b.value for b in AmountBasis)
    for i, item in enumerate(items):
        where = f"{field}.items[{i}]"
        entry = check_keys(
            item,
            where,
            ("key", "name", "amount", "once_per_carer", "description"),
            required=("key", "name", "amount"),
        )
        key, name = entry["key"], entry["name"]
        if not isinstance(key, str) or not key or not isinstance(name, str) or not name:
            raise InputError(where, "vrsta izplačila potrebuje ključ in ime (besedilo).")
        if key in kinds:
            raise InputError(f"{where}.key", f"ključ »{key}« je v katalogu dvakrat.")
        try:
            basis = AmountBasis(entry["amount"])
        except ValueError:
            raise InputError(
                f"{where}.amount",
                f"»{entry['amount']}« ni dovoljen način; dovoljena sta {allowed}.",
            ) from None
        once = entry.get("once_per_carer", False)
        if not isinstance(once, bool):
            raise InputError(f"{where}.once_per_carer", "vrednost mora biti true ali false.")
        kinds[key] = OneOffKind(key, name, basis, once, str(entry.get("description", "")))
    return kinds


def one_off_kinds(path: Path | str | None = None) -> dict[str, OneOffKind]:
    """key → kind, from `resources/catalogues/one_off_kinds.json` (editable) by default."""
    if path is None:
        from rejnistvo.resources import resource_path

        path = resource_path("catalogues", "one_off_kinds.json")
    return parse_kinds(json.loads(Path(path).read_text(encoding="utf-8")))


def _kind(kind: OneOffKind | str, kinds: Mapping[str, OneOffKind] | None) -> OneOffKind:
    if isinstance(kind, OneOffKind):
        return kind
    catalogue = one_off_kinds() if kinds is None else kinds
    try:
        return catalogue[kind]
    except KeyError:
        names = ", ".join(catalogue)
        raise InputError(
            "kind", f"»{kind}« ni vrsta enkratnega izplačila; dovoljene so: {names}."
        ) from None


def suggested_amount(
    kind: OneOffKind | str,
    on_date: date,
    rates: RateTable,
    birth_grants: BirthGrantTable,
    kinds: Mapping[str, OneOffKind] | None = None,
) -> Decimal:
    """The amount due for a one-off payment on `on_date` (SPEC 3.1): the birth grant in
    force on the day for the first placement, the base fee in force for the others.
    MissingRateError naming the date (or month) when no amount is in force; never zero."""
    found = _kind(kind, kinds)
    if found.basis is AmountBasis.BIRTH_GRANT:
        return birth_grants.grant_on(on_date).amount
    return rates.rate_on(on_date).fee


def check_once_per_carer(
    kind: OneOffKind | str,
    existing: Iterable[str],
    kinds: Mapping[str, OneOffKind] | None = None,
) -> None:
    """Refuse a second payment of a kind paid once per carer (the first-placement payment,
    ZIRD as amended in 2025). `existing`: kind keys of the carer's recorded payments."""
    found = _kind(kind, kinds)
    if found.once_per_carer and found.key in set(existing):
        raise InputError(
            "kind",
            f"rejnik je izplačilo »{found.name}« že prejel; pripada mu le enkrat. "
            "Izberite drugo vrsto izplačila.",
        )
