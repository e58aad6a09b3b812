"""One-off payments to a carer (SPEC 3.1; ZIRD as amended by Uradni list RS 41/2025).

A carer receives a one-off payment at the first placement of a child, equal to the birth
grant (*pomoč ob rojstvu otroka*, 430.00 EUR in 2025), and three other one-off payments
equal to the base fee in force. The kinds are an editable catalogue
(`resources/catalogues/one_off_kinds.json`); the birth grant is effective-dated data like
the rates (`resources/birth_grant.json`). A missing amount is an error naming the date,
never zero; the program never extrapolates an amount.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import StrEnum
from pathlib import Path

from rejnistvo.rules.effective import EffectiveTable, load_resource_json, parse_dated_rows
from rejnistvo.rules.errors import InputError, MissingRateError
from rejnistvo.rules.periods import check_keys, format_date
from rejnistvo.rules.rates import RateTable

WHERE_TO_ADD_GRANT = (
    "Dodajte znesek z datumom začetka veljavnosti in virom v Nastavitve → Zneski rejnine."
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


class BirthGrantTable(EffectiveTable[BirthGrant]):
    """Birth grant amounts sorted by `valid_from`; one row per start day."""

    field = "birth_grant"
    what = "zneska pomoči ob rojstvu otroka"

    def grant_on(self, day: date) -> BirthGrant:
        """The row in force on `day`; MissingRateError naming the date if there is none."""
        index = self.index_on(day.toordinal())
        if index < 0:
            raise MissingRateError(
                "birth_grant",
                f"za dan {format_date(day)} ni vnesenega zneska pomoči ob rojstvu otroka, "
                "zato enkratnega izplačila ob prvi namestitvi ni mogoče predlagati.",
                advice=WHERE_TO_ADD_GRANT,
                day=day,
                lacks="zneska pomoči ob rojstvu otroka",
            )
        return self.rows[index]


def parse_birth_grants(obj: object, field: str = "birth_grant") -> BirthGrantTable:
    """From JSON: `[{"valid_from", "amount", "source"?}, …]` (amounts as strings)."""
    return BirthGrantTable(
        parse_dated_rows(
            obj,
            field,
            ("amount",),
            lambda day, amounts, source: BirthGrant(day, amounts["amount"], source),
        )  # fmt: skip
    )


def load_birth_grants(path: Path | str | None = None) -> BirthGrantTable:
    """The shipped (or given) birth grant file, `resources/birth_grant.json` by default."""
    return parse_birth_grants(load_resource_json(path, "birth_grant.json"))


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
    return parse_kinds(load_resource_json(path, "catalogues", "one_off_kinds.json"))


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
