"""Carers and children: typed records, the checks a clerk expects, lists by surname.

* ``save_carer`` refuses a carer without an address or a centre (the R-4 and the payment
  sheet need both), naming the field; ``save_child`` a child without a name.
* ``duplicate_emso_warning`` names the other person who already has an EMŠO (carer or
  child), so the window can warn before a second record with it is stored.
* Saves carry the ``version`` the editor read; a stale one raises ``StaleRecordError``.
* ``list_carers`` / ``list_children`` come sorted by surname (the last word of the name),
  then by the whole name, as a clerk looks people up on paper.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from rejnistvo.rules.errors import InputError
from rejnistvo.rules.text import fold
from rejnistvo.store import StoreError, delete_record, get_record, list_records, save_record

KIND_LABELS = {"carers": "rejnik", "children": "otrok"}


@dataclass(frozen=True)
class Training:
    date: date
    description: str | None = None


@dataclass(frozen=True)
class Carer:
    name: str
    emso: str | None = None
    address: str | None = None
    licence_date: date | None = None
    centre_id: int | None = None
    unit_id: int | None = None
    email: str | None = None
    electronic_delivery: bool = False
    trainings: tuple[Training, ...] = ()
    id: int | None = None
    version: int | None = None
    iban: str | None = None  # the carer's bank account for the payment run (SPEC 3.6)


@dataclass(frozen=True)
class Child:
    name: str
    emso: str | None = None
    birth_date: date | None = None
    centre_id: int | None = None
    unit_id: int | None = None
    id: int | None = None
    version: int | None = None


# -- conversion at the store boundary --------------------------------------------------
def carer_from_row(row: dict[str, Any]) -> Carer:
    return Carer(
        name=str(row.get("name") or ""),
        emso=row.get("emso"),
        address=row.get("address"),
        licence_date=row.get("licence_date"),
        centre_id=row.get("centre_id"),
        unit_id=row.get("unit_id"),
        email=row.get("email"),
        electronic_delivery=bool(row.get("electronic_delivery")),
        iban=row.get("iban"),
        trainings=tuple(
            Training(t["date"], t.get("description")) for t in row.get("trainings") or []
        ),
        id=row.get("id"),
        version=row.get("version"),
    )


def child_from_row(row: dict[str, Any]) -> Child:
    return Child(
        name=str(row.get("name") or ""),
        emso=row.get("emso"),
        birth_date=row.get("birth_date"),
        centre_id=row.get("centre_id"),
        unit_id=row.get("unit_id"),
        id=row.get("id"),
        version=row.get("version"),
    )


def _row(record: Carer | Child) -> dict[str, Any]:
    out: dict[str, Any] = {
        k: v for k, v in record.__dict__.items() if k not in {"id", "version", "trainings"}
    }
    if isinstance(record, Carer):
        out["trainings"] = [
            {"date": t.date, "description": t.description} for t in record.trainings
        ]
    if record.id is not None:
        out["id"] = record.id
        if record.version is not None:
            out["version"] = record.version
    return out


# -- sorting ---------------------------------------------------------------------------
def surname_key(name: str | None) -> tuple[str, str]:
    """ "Ana Čuk" sorts under C(uk) before "Bor Novak": surname first, č = c."""
    folded = fold(name or "")
    words = folded.split()
    return (words[-1] if words else "", folded)


def surname_keys() -> Any:
    """``surname_key`` remembering the names it has seen: a list of 20,000 placements
    names each carer many times."""
    seen: dict[str | None, tuple[str, str]] = {}

    def key(name: str | None) -> tuple[str, str]:
        found = seen.get(name)
        if found is None:
            found = seen[name] = surname_key(name)
        return found

    return key


def by_surname(rows: list[dict[str, Any]], key: str = "name") -> list[dict[str, Any]]:
    return sorted(rows, key=lambda r: surname_key(r.get(key)))


# -- reading ---------------------------------------------------------------------------
def list_carers(db: Any) -> list[dict[str, Any]]:
    return by_surname(list_records(db, "carers"))


def list_children(db: Any) -> list[dict[str, Any]]:
    return by_surname(list_records(db, "children"))


def get_carer(db: Any, carer_id: int) -> Carer:
    return carer_from_row(get_record(db, "carers", carer_id))


def get_child(db: Any, child_id: int) -> Child:
    return child_from_row(get_record(db, "children", child_id))


def centres_with_units(db: Any) -> list[dict[str, Any]]:
    """Centres with their units, each unit with its id (a carer refers to a unit by id)."""
    units: dict[int, list[dict[str, Any]]] = {}
    for row in db.query("SELECT id, centre_id, name FROM units ORDER BY name"):
        units.setdefault(row["centre_id"], []).append({"id": row["id"], "name": row["name"]})
    return [{**c, "units": units.get(c["id"], [])} for c in list_records(db, "centres")]


# -- checks ----------------------------------------------------------------------------
def emso_owners(
    db: Any, emso: str | None, entity: str | None = None, record_id: int | None = None
) -> list[str]:
    """Who else has this EMŠO: "rejnik Ana Novak", "otrok Bor Novak" (not the record
    ``entity``/``record_id`` itself)."""
    if not emso or not emso.strip():
        return []
    owners = []
    for table, label in KIND_LABELS.items():
        for row in list_records(db, table, emso=emso.strip()):
            if table == entity and row.get("id") == record_id:
                continue
            owners.append(f"{label} {row.get('name')}")
    return owners


def duplicate_emso_warning(
    db: Any, emso: str | None, entity: str, record_id: int | None = None
) -> str | None:
    """A Slovenian warning naming who already has this EMŠO, or None."""
    owners = emso_owners(db, emso, entity, record_id)
    if not owners:
        return None
    return (
        f"EMŠO {emso} ima v evidenci že {', '.join(owners)}. Ista oseba ne sme biti vpisana "
        "dvakrat; preverite EMŠO. Želite zapis vseeno shraniti?"
    )


def check_carer(carer: Carer) -> None:
    if not carer.name.strip():
        raise InputError("name", "Vpišite ime in priimek rejnika.")
    if not (carer.address or "").strip():
        raise InputError(
            "address",
            "Vpišite naslov rejnika (ulica, hišna številka, pošta): potreben je za R-4 in "
            "plačilni list.",
        )
    if carer.centre_id is None:
        raise InputError(
            "centre_id",
            "Izberite center za socialno delo, ki vodi rejnika (začnite tipkati ime kraja).",
        )


def check_child(child: Child) -> None:
    if not child.name.strip():
        raise InputError("name", "Vpišite ime in priimek otroka.")


# -- writing ---------------------------------------------------------------------------
def save_carer(db: Any, carer: Carer) -> int:
    """Check and store a carer (one audited transaction); its id."""
    check_carer(carer)
    from dataclasses import replace

    from rejnistvo.rules.iban import check_iban

    # Stored compact ("SI56191000000123438"); a wrong one refused with the field named.
    carer = replace(carer, iban=check_iban(carer.iban, "iban"))
    return save_record(db, "carers", _row(carer))


def save_child(db: Any, child: Child) -> int:
    check_child(child)
    return save_record(db, "children", _row(child))


def delete_person(db: Any, entity: str, record_id: int, version: int | None = None) -> None:
    """Delete a carer or a child; refused (StoreError naming the person and what to do
    first) while a placement or a payment refers to them."""
    try:
        name = get_record(db, entity, record_id).get("name") or ""
    except StoreError:
        raise StoreError(missing_message(entity)) from None
    try:
        delete_record(db, entity, record_id, version)
    except StoreError as error:
        if "sklicujejo" not in error.message:
            raise
        who = "Rejnika" if entity == "carers" else "Otroka"
        raise StoreError(
            f"{who} {name} ni mogoče izbrisati, ker ima namestitve ali izplačila. Najprej "
            "izbrišite te (Namestitve), potem osebo."
        ) from None


#: the store's table names as a clerk knows them, for messages that name a table
TABLE_WORDS = {
    "carers": "Rejniki",
    "carer_trainings": "Usposabljanja rejnikov",
    "children": "Otroci",
    "placements": "Namestitve",
    "placement_periods": "Obdobja namestitev",
    "one_off_payments": "Enkratna izplačila",
    "centres": "Centri",
    "units": "Enote",
    "r4_cases": "Predlogi R-4",
    "board_increases": "Zvišane oskrbnine",
    "r5_reports": "Poročila R-5",
    "refunds": "Vračila",
    "rates": "Zneski rejnine",
}


def readable_store_message(message: str) -> str:
    """»carers« → »Rejniki«; "Zapisa 29 iz »carers«" → "Zapisa iz »Rejniki«" (no ids)."""

    for table, word in TABLE_WORDS.items():
        message = message.replace(f"»{table}«", f"»{word}«")
    return re.sub(r"\b(Zapis[a]?) \d+ ", r"\1 ", message)


def missing_message(entity: str) -> str:
    """What a clerk reads when the record shown was deleted meanwhile."""
    what = {"carers": "Rejnika", "children": "Otroka", "placements": "Namestitve"}
    return (
        f"{what.get(entity, 'Zapisa')} ni več v evidenci (morda ga je medtem izbrisal "
        "drug uporabnik). Seznam je osvežen."
    )


__all__ = [
    "Carer",
    "Child",
    "Training",
    "by_surname",
    "centres_with_units",
    "check_carer",
    "check_child",
    "delete_person",
    "duplicate_emso_warning",
    "emso_owners",
    "get_carer",
    "get_child",
    "list_carers",
    "list_children",
    "missing_message",
    "readable_store_message",
    "save_carer",
    "save_child",
    "surname_key",
]
