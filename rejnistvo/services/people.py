"""Carers and children: typed records, the checks a clerk expects, lists by surname.

* ``save_carer`` refuses a carer without an address or a centre (the R-4 and the payment
  sheet need both), naming the field; ``save_child`` a child without a name.
* ``duplicate_emso_warning`` names the other person who already has an EMŠO (carer or
  child), so the window can warn before a second record with it is stored.
* Saves carry the ``version`` the editor read; a stale one raises ``StaleRecordError``.
* ``list_carers`` / ``list_children`` come sorted by surname (the last word of the name),
  then by the whole name, as a clerk looks people up on paper.
* ``carer_pages`` / ``child_pages``: the same lists for a screen, read in pages
  (``RowPages``): ids in that order from one narrow query (an index holds them in that
  order: store step m011), search texts read from the same index a slice at a time
  when the list folds them after its first paint (``TextsOf``), the shown
  columns of a few rows at a time from ``carer_rows`` / ``child_rows`` (a save shows its
  row through the same function).
* ``person_choices``: the first matches of a typed fragment (any word of the name or the
  EMŠO, č = c) as "Ime Priimek (EMŠO)" labels, for a picker that searches as one types;
  ``person_label`` the label of one record.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from rejnistvo.rules.errors import InputError
from rejnistvo.rules.text import fold, fold_all, like_pattern, sort_fold
from rejnistvo.services.row_pages import RowPages, TextsOf, chunks, marks
from rejnistvo.store import StoreError, delete_record, get_record, list_records, save_record

KIND_LABELS = {"carers": "rejnik/ica", "children": "otrok"}  # a carer may be a woman


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
    """ "Ana Čuk" sorts under Č(uk), after "Bor Cesar", before "Bor Novak": surname
    first, in the Slovenian alphabet's order (``sort_fold``)."""
    folded = sort_fold(name or "")
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


# -- paged lists (the screens Rejniki and Otroci) --------------------------------------
def _day(value: Any) -> date | None:
    return None if value is None or value == "" else date.fromisoformat(str(value)[:10])


def _person_pages(db: Any, table: str, search_columns: Sequence[str], fetch: Any) -> RowPages:
    """Ids by surname (as ``list_carers``: then by name_key, then id), read alone from the
    index of the list (store step m011: the stored ``surname_key`` of m009, ``name_key``,
    id and the searched columns): no table row, no sort. The search columns' texts are
    read when the list folds them, after its first paint (``TextsOf``): at 20k they were
    ~60 % of what Rejniki read before it was painted."""
    ids = [
        row[0] for row in db.execute(f"SELECT id FROM {table} ORDER BY surname_key, name_key, id")
    ]
    return RowPages(
        ids,
        TextsOf(ids, lambda part: _person_texts(db, table, search_columns, part)),
        lambda wanted: fetch(db, wanted),
    )


def _person_texts(
    db: Any, table: str, search_columns: Sequence[str], ids: Sequence[int]
) -> dict[int, str]:
    """The search texts of these people (a run of the list, as it slices them): name
    and the search columns joined by SQLite as ``search_text`` joins them (a missing one
    is an empty text). The slice's first and last rows bound a range of the list's index,
    read in order; an id outside it (another order, renamed since) is looked up by id,
    a deleted one is left out."""
    if not ids:
        return {}
    joined = " || ' ' || ".join(f"coalesce({c}, '')" for c in ("name", *search_columns))
    found: dict[int, str] = {}
    ends = db.execute(
        f"SELECT surname_key, name_key, id FROM {table} WHERE id IN (?, ?)", [ids[0], ids[-1]]
    ).fetchall()
    if ends and all(value is not None for end in ends for value in end):
        # SQLite's BINARY order of UTF-8 is Python's order of code points
        low, high = min(ends), max(ends)
        found.update(
            db.execute(
                f"SELECT id, {joined} FROM {table} WHERE (surname_key, name_key, id) >= "
                "(?, ?, ?) AND (surname_key, name_key, id) <= (?, ?, ?)",
                [*low, *high],
            )
        )
    for part in chunks([i for i in ids if i not in found]):
        found.update(
            db.execute(
                f"SELECT id, {joined} FROM {table} WHERE id IN ({marks(len(part))})", list(part)
            )
        )
    return found


def carer_pages(db: Any) -> RowPages:
    """Rejniki: searched by name, EMŠO and address (the shown texts)."""
    return _person_pages(db, "carers", ("emso", "address"), carer_rows)


def child_pages(db: Any) -> RowPages:
    """Otroci: searched by name and EMŠO."""
    return _person_pages(db, "children", ("emso",), child_rows)


def carer_rows(db: Any, ids: Sequence[int]) -> list[dict[str, Any]]:
    """The list's columns of these carers (a deleted one is left out)."""
    out: list[dict[str, Any]] = []
    for part in chunks(ids):
        cursor = db.execute(
            "SELECT id, name, emso, address, licence_date FROM carers "
            f"WHERE id IN ({marks(len(part))})",
            list(part),
        )
        out.extend(
            {"id": i, "name": name, "emso": emso, "address": address, "licence_date": _day(day)}
            for i, name, emso, address, day in cursor
        )
    return out


def child_rows(db: Any, ids: Sequence[int]) -> list[dict[str, Any]]:
    """The list's columns of these children (a deleted one is left out)."""
    out: list[dict[str, Any]] = []
    for part in chunks(ids):
        cursor = db.execute(
            f"SELECT id, name, emso, birth_date FROM children WHERE id IN ({marks(len(part))})",
            list(part),
        )
        out.extend(
            {"id": i, "name": name, "emso": emso, "birth_date": _day(day)}
            for i, name, emso, day in cursor
        )
    return out


# -- choosing a person by typing ---------------------------------------------------------
#: how many matches a picker shows while one types
CHOICES = 50


def choice_label(name: str | None, emso: str | None) -> str:
    """How a picker shows a person: "Ana Novak (0101990505123)", or the name alone."""
    return f"{name} ({emso})" if emso else str(name or "")


def _person_table(entity: str) -> str:
    if entity not in KIND_LABELS:
        raise ValueError(f"not a person: {entity!r}")
    return entity


def person_choices(
    db: Any, entity: str, fragment: str, limit: int = CHOICES
) -> list[tuple[int, str]]:
    """The first ``limit`` carers or children (``entity``) whose name contains every
    typed word (case ignored; č, š, ž, ć, đ found by c, s, z, d too), or whose EMŠO
    contains a typed word of digits (a label's brackets ignored), in the list's order
    (by surname), as ``(id, label)``; nothing for an empty fragment."""
    table = _person_table(entity)
    words = [w.strip("()") for w in fragment.split()]
    words = [w for w in words if w]
    if not words:
        return []
    # A word with a digit is looked for in the EMŠO, any other in the name. SQLite's
    # LIKE over the casefolded name (its index, in name order) narrows; ``fold`` decides
    # (a GLOB class per letter, [cčć], was ten times slower than LIKE).
    digits = [w for w in words if any(ch.isdigit() for ch in w)]
    names = [w for w in words if w not in digits]
    where = ["name_key LIKE ? ESCAPE '\\'" for _ in names]
    where += ["coalesce(emso, '') LIKE ? ESCAPE '\\'" for _ in digits]
    params = [like_pattern(w) for w in names] + [like_pattern(w, marked=False) for w in digits]
    cursor = db.execute(
        f"SELECT id, name, emso, name_key FROM {table} WHERE {' AND '.join(where)} "
        # in the lists' order: by surname, Slovenian alphabet (Č after C, not after Z);
        # an EMŠO alone: a plain scan, then its few matches sorted (not every row looked
        # up through the list's index)
        f"ORDER BY {'' if names else '+'}surname_key, name_key, id",
        params,
    )
    wanted = [fold(w) for w in names]
    found: list[tuple[int, str]] = []
    while len(found) < limit:
        batch = cursor.fetchmany(256)
        if not batch:
            break
        keys = fold_all([row[3] for row in batch])
        for (i, name, emso, _key), key in zip(batch, keys, strict=True):
            if all(w in key for w in wanted):
                found.append((i, choice_label(name, emso)))
                if len(found) == limit:
                    break
    cursor.close()
    return found


def person_label(db: Any, entity: str, record_id: int | None) -> str | None:
    """The picker's label of one carer or child (None when there is none)."""
    if record_id is None:
        return None
    row = db.execute(
        f"SELECT name, emso FROM {_person_table(entity)} WHERE id = ?", [record_id]
    ).fetchone()
    return None if row is None else choice_label(row[0], row[1])


def get_carer(db: Any, carer_id: int) -> Carer:
    return carer_from_row(get_record(db, "carers", carer_id))


def get_child(db: Any, child_id: int) -> Child:
    return child_from_row(get_record(db, "children", child_id))


def carer_r1_data(db: Any, carer_id: int) -> dict[str, Any]:
    """OBRAZEC R-1 (SPEC 6.1) filled from a stored carer, for the applicant to sign:
    the name, EMŠO and address, and the statement on electronic delivery with the e-mail
    address only when the carer agreed to it (the form's statement is that consent).
    Place and date stay blank lines: the applicant writes them when signing."""
    carer = get_carer(db, carer_id)
    consent = carer.electronic_delivery
    return {
        "name": carer.name or None,
        "emso": carer.emso or None,
        "address": carer.address or None,
        "electronic_delivery": consent,
        "email": (carer.email or None) if consent else None,
    }


def centres_with_units(db: Any) -> list[dict[str, Any]]:
    """Centres with their units, each unit with its id (a carer refers to a unit by id).

    Units in the Slovenian alphabet's order (``sort_fold``: »Enota Center«, »Enota
    Čukarica«, »Enota Škofja Loka«, »Enota Tržič«): SQLite's ORDER BY compares code points
    and put »Enota Škofja Loka« after »Enota Tržič«, at the end of the box."""
    from rejnistvo.store.centres import in_unit_order

    units: dict[int, list[dict[str, Any]]] = {}
    rows = db.execute("SELECT id, centre_id, name FROM units").fetchall()
    for unit_id, centre_id, name in in_unit_order(rows):
        units.setdefault(centre_id, []).append({"id": unit_id, "name": name})
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
        # a plain scan of two columns (+: not in name order through its index, 6× slower):
        # asked before every save of a person (issue 13)
        found = db.execute(
            f"SELECT id, name FROM {table} WHERE emso = ? ORDER BY +name_key, id", [emso.strip()]
        )
        for row_id, name in found.fetchall():
            if table == entity and row_id == record_id:
                continue
            owners.append(f"{label} {name}")
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
            "Izberite center za socialno delo, ki vodi rejnika (začnite tipkati del imena centra, npr. »gorenj«).",
        )
    from rejnistvo.rules.email_address import check_email

    check_email(carer.email, "email")
    if carer.electronic_delivery and not (carer.email or "").strip():
        # the consent is to delivery at an address: R-1's statement without one is void
        raise InputError(
            "email",
            "Rejnik soglaša z elektronskim vročanjem: vpišite elektronski naslov, na "
            "katerega se pošiljajo dokumenti (npr. ime.priimek@primer.si), ali odkljukajte "
            "soglasje.",
        )


def check_child(child: Child) -> None:
    if not child.name.strip():
        raise InputError("name", "Vpišite ime in priimek otroka.")


# -- writing ---------------------------------------------------------------------------
def save_carer(db: Any, carer: Carer, today: date | None = None) -> int:
    """Check and store a carer (one audited transaction); its id. With ``today`` (the
    window's clock) a training dated after today is refused: a training is recorded once
    attended, and »1. 5. 2062« typed for 2026 put the next one due (čl. 42, every three
    years) decades away, so Roki never reminded of it."""
    check_carer(carer)
    if today is not None:
        from rejnistvo.rules.consistency import check_not_future

        for training in carer.trainings:
            check_not_future(training.date, today, "trainings", "Datum usposabljanja")
    from dataclasses import replace

    from rejnistvo.rules.iban import check_iban

    # Stored compact ("SI56191000000123438"); a wrong one refused with the field named.
    carer = replace(carer, iban=check_iban(carer.iban, "iban"))
    return save_record(db, "carers", _row(carer))


def save_child(db: Any, child: Child, today: date | None = None) -> int:
    """Check and store a child (one audited transaction); its id. With ``today`` (the
    window's clock) a birth date after today is refused: »1. 5. 2062« typed for 2016
    was stored, a child not yet born placed and paid."""
    check_child(child)
    if today is not None:
        from rejnistvo.rules.consistency import check_not_future

        check_not_future(child.birth_date, today, "birth_date", "Datum rojstva")
    return save_record(db, "children", _row(child))


def delete_person(db: Any, entity: str, record_id: int, version: int | None = None) -> None:
    """Delete a carer or a child; refused (StoreError naming the person, the placements
    that keep them and what to do first) while a placement or a payment refers to them."""
    try:
        name = get_record(db, entity, record_id).get("name") or ""
    except StoreError:
        raise StoreError(missing_message(entity)) from None
    try:
        delete_record(db, entity, record_id, version)
    except StoreError as error:
        if error.kind != "referenced":
            raise
        raise StoreError(_in_use_message(db, entity, record_id, name)) from None


def person_in_use(db: Any, entity: str, record_id: int) -> str | None:
    """Why the carer or child cannot be deleted (the message ``delete_person`` refuses
    with), or None: asked before »Res želite izbrisati?«, which a refusal then followed.
    In a read-only view: why nothing can be deleted (QA74)."""
    if getattr(db, "read_only", False):
        return str(db.refused_write_message("Zapis ni izbrisan."))
    try:
        name = get_record(db, entity, record_id).get("name") or ""
    except StoreError:
        return None  # gone meanwhile: the delete itself says so
    column = "carer_id" if entity == "carers" else "child_id"
    tables = ["placements", "one_off_payments"] if entity == "carers" else ["placements"]
    used = any(
        db.execute(f"SELECT 1 FROM {table} WHERE {column} = ? LIMIT 1", [record_id]).fetchone()  # noqa: S608 - fixed names
        for table in tables
    )
    return _in_use_message(db, entity, record_id, name) if used else None


#: placements named in the refusal to delete a person, the rest counted
_NAMED_PLACEMENTS = 5


def _in_use_message(db: Any, entity: str, record_id: int, name: str) -> str:
    """»Špela Šuštar« cannot go: the placements that name her (contract and the other
    person), or payments only. No gendered »Rejnika«: the carer may be a woman."""
    register = "rejnikov" if entity == "carers" else "otrok"
    column, other_table, other_column = (
        ("carer_id", "children", "child_id")
        if entity == "carers"
        else ("child_id", "carers", "carer_id")
    )
    rows = db.execute(
        f"SELECT p.contract_no, o.name FROM placements p JOIN {other_table} o "  # noqa: S608
        f"ON o.id = p.{other_column} WHERE p.{column} = ? ORDER BY p.contract_no, p.id",
        [record_id],
    ).fetchall()
    if not rows:
        return (
            f"»{name}« ni mogoče izbrisati iz evidence {register}, ker so v evidenci "
            "izplačila za to osebo (enkratna izplačila ali izplačila namestitev)."
        )
    named = ", ".join(f"{contract} ({other})" for contract, other in rows[:_NAMED_PLACEMENTS])
    more = len(rows) - _NAMED_PLACEMENTS
    if more > 0:
        named += f" in še {more}"
    return (
        f"»{name}« ni mogoče izbrisati iz evidence {register}, ker je v namestitvah: "
        f"{named}. Najprej izbrišite te namestitve (zaslon Namestitve); namestitve, "
        "izplačane v zaključenem mesecu, ostanejo v evidenci, z njimi pa tudi oseba."
    )


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
    "r5_earlier_reports": "Prejšnja poročila R-5",
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
    "carer_pages",
    "carer_rows",
    "centres_with_units",
    "check_carer",
    "check_child",
    "child_pages",
    "child_rows",
    "choice_label",
    "delete_person",
    "duplicate_emso_warning",
    "emso_owners",
    "get_carer",
    "get_child",
    "list_carers",
    "list_children",
    "missing_message",
    "person_choices",
    "person_in_use",
    "person_label",
    "readable_store_message",
    "save_carer",
    "save_child",
    "surname_key",
]
