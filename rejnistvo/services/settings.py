"""Nastavitve: the general settings (the user's name, reminder limit, resolution number
format, the centre's name and IBAN for the SEPA file), centres with their subgroup, and
the subgroups' coordinators and candidates. Qt-free; each write is one transaction with
its audit rows. The rate table has its own service (``rejnistvo.services.rates``).

Setting keys: ``user_name`` (written by older versions; what the command line still
records as the user; the window records the name kept on its own computer,
``store.audit.set_acting_user``, and no longer writes it), ``waiting_days_threshold``, ``resolution_number_format``,
``centre_name`` (the payer's name in the SEPA file), ``centre_iban`` (compact IBAN,
checked with python-stdnum; empty = not entered).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from rejnistvo.rules.errors import InputError
from rejnistvo.rules.iban import check_iban
from rejnistvo.store import Database

DEFAULT_NUMBER_FORMAT = "{subgroup}-{number:03d}/{year}"
MAX_WAITING_DAYS = 365
MAX_NAME = 200


@dataclass(frozen=True, slots=True)
class GeneralSettings:
    user_name: str
    waiting_days: int
    resolution_number_format: str
    centre_name: str
    centre_iban: str  # compact ("SI56191000000123438"), "" when not entered


def load_general(db: Database, user_name: str | None = None) -> GeneralSettings:
    """The file's settings; `user_name` the name kept on this computer (the window's),
    None: the name last saved in the file (older versions saved it there)."""
    from rejnistvo.store import get_setting

    def text(key: str, default: str = "") -> str:
        return get_setting(db, key, default) or default

    from rejnistvo.register.waiting import waiting_threshold

    return GeneralSettings(
        user_name=text("user_name") if user_name is None else user_name,
        waiting_days=waiting_threshold(db),
        resolution_number_format=text("resolution_number_format", DEFAULT_NUMBER_FORMAT),
        centre_name=text("centre_name"),
        centre_iban=text("centre_iban"),
    )


# What a caseworker types and reads instead of Python's format fields.
NUMBER_FORMAT_WORDS = (
    ("{subgroup}", "[podskupina]"),
    ("{number:03d}", "[št]"),
    ("{number}", "[zaporedna]"),
    ("{seq:03d}", "[št]"),
    ("{seq}", "[zaporedna]"),
    ("{year}", "[leto]"),
)


def number_format_for_user(fmt: str) -> str:
    """``{subgroup}-{number:03d}/{year}`` → ``[podskupina]-[št]/[leto]``."""
    for field, word in NUMBER_FORMAT_WORDS:
        fmt = fmt.replace(field, word)
    return fmt


def number_format_from_user(text: str) -> str:
    """``[podskupina]-[št]/[leto]`` → ``{subgroup}-{number:03d}/{year}`` ([št] = three
    digits with leading zeros, [zaporedna] = the plain number)."""
    for field, word in NUMBER_FORMAT_WORDS:
        if field.startswith("{seq"):
            continue
        text = text.replace(word, field)
    return text


def check_number_format(value: object, field: str = "resolution_number_format") -> str:
    """A resolution number format with {number} and only {subgroup}, {number}, {year}."""
    example = number_format_for_user(DEFAULT_NUMBER_FORMAT)
    if not isinstance(value, str) or not value.strip():
        raise InputError(field, f"vpišite obliko številke sklepa, npr. {example}.")
    fmt = value.strip()
    if "{number" not in fmt and "{seq" not in fmt:
        raise InputError(
            field, f"oblika mora vsebovati zaporedno številko [št] ali [zaporedna], npr. {example}."
        )
    if "{year" not in fmt:
        # the running number starts again at 1 each year (as file numbers do): without the
        # year, the first resolution of 2027 would repeat the number of 2026's first
        raise InputError(
            field,
            "oblika mora vsebovati leto [leto]: zaporedna številka se vsako leto začne znova "
            f"pri 1, zato bi brez leta sklepa iz dveh let imela isto številko; npr. {example}.",
        )
    try:
        fmt.format(subgroup=3, number=17, seq=17, year=2026)
    except (KeyError, ValueError, IndexError, AttributeError):
        raise InputError(
            field,
            "dovoljene oznake so [podskupina], [št] (tri števke), [zaporedna] in [leto], "
            f"npr. {example}.",
        ) from None
    return fmt


def _name(value: object, field: str, required: bool, what: str) -> str:
    text = value.strip() if isinstance(value, str) else ""
    if required and not text:
        raise InputError(field, f"vpišite {what}.")
    if len(text) > MAX_NAME:
        raise InputError(field, f"{what} je predolgo; največ {MAX_NAME} znakov.")
    return text


def save_general(db: Database, settings: GeneralSettings) -> GeneralSettings:
    """Check every field, then write the file's in one audited transaction. The user's
    name is checked, not written: the window keeps it on its computer, since two clerks
    may share one file (``store.audit.set_acting_user``)."""
    from rejnistvo.store import set_setting

    user = _name(settings.user_name, "user_name", True, "svoje ime (za dnevnik sprememb)")
    waiting = settings.waiting_days
    if isinstance(waiting, bool) or not isinstance(waiting, int) or not 1 <= waiting <= 365:
        raise InputError(
            "waiting_days_threshold", f"vpišite število dni od 1 do {MAX_WAITING_DAYS}."
        )
    fmt = check_number_format(settings.resolution_number_format)
    centre = _name(settings.centre_name, "centre_name", False, "ime centra")
    iban = check_iban(settings.centre_iban, "centre_iban") or ""
    clean = GeneralSettings(user, waiting, fmt, centre, iban)
    values = {
        "waiting_days_threshold": str(waiting),
        "resolution_number_format": fmt,
        "centre_name": centre,
        "centre_iban": iban,
    }
    before = load_general(db)
    old = {
        "waiting_days_threshold": str(before.waiting_days),
        "resolution_number_format": before.resolution_number_format,
        "centre_name": before.centre_name,
        "centre_iban": before.centre_iban,
    }
    with db.atomic():  # set_setting's own transactions nest as savepoints
        for key, value in values.items():
            if value != old[key]:
                set_setting(db, key, value)
    return clean


# --- centres and subgroups ---------------------------------------------------------------


def centres_with_subgroups(db: Database) -> list[dict[str, Any]]:
    """Centres with their units and the subgroup each belongs to (None if unassigned)."""
    from rejnistvo.services.people import centres_with_units

    assigned = {
        member["centre_id"]: subgroup["id"]
        for subgroup in subgroups_with_centres(db)
        for member in subgroup["centres"]
    }
    return [{**c, "subgroup_id": assigned.get(c["id"])} for c in centres_with_units(db)]


def subgroups_with_centres(db: Database) -> list[dict[str, Any]]:
    """The six subgroups, each with ``centres``: [{"centre_id"}]."""
    from rejnistvo.store import get_record, list_records

    return [get_record(db, "subgroups", s["id"]) for s in list_records(db, "subgroups")]


def candidates_of(db: Database, subgroup_id: int) -> list[dict[str, Any]]:
    from rejnistvo.store import list_records

    return list_records(db, "candidates", subgroup_id=subgroup_id)


def current_coordinator(db: Database, subgroup_id: int) -> dict[str, Any] | None:
    """The coordinator with the latest term start, or None."""
    from rejnistvo.store import list_records

    coords = list_records(db, "coordinators", subgroup_id=subgroup_id)
    return max(coords, key=lambda r: r["term_from"]) if coords else None


def elect_coordinator(db: Database, subgroup_id: int, name: str, term_from: date) -> int:
    """A new coordinator for one year from `term_from` (čl. 7/3); audited."""
    from rejnistvo.store import save_record

    record = {"subgroup_id": subgroup_id, "name": name, "term_from": term_from}
    return save_record(db, "coordinators", record)


def _candidate_place(db: Database, record: dict[str, Any]) -> dict[str, Any]:
    """The candidate's name, centre and unit, checked: the coordinator is warned when a
    member comes from the proposer's unit, so a new or corrected candidate needs both."""
    from rejnistvo.services.people import centres_with_units

    name = _name(record.get("name"), "name", True, "ime in priimek kandidata")
    centre_id, unit_id = record.get("centre_id"), record.get("unit_id")
    if centre_id is None:
        raise InputError(
            "centre_id",
            "izberite center in enoto kandidata (po enoti koordinator vidi, ali je član "
            "iz enote predlagatelja).",
        )
    if unit_id is None:
        raise InputError("centre_id", "izberite še enoto kandidata v izbranem centru.")
    units = next((c.get("units") or [] for c in centres_with_units(db) if c["id"] == centre_id), [])
    if all(u.get("id") != unit_id for u in units):
        raise InputError(
            "centre_id", "izbrana enota ne spada k izbranemu centru; izberite enoto tega centra."
        )
    return {"name": name, "centre_id": centre_id, "unit_id": unit_id}


def add_candidate(
    db: Database, subgroup_id: int, record: dict[str, Any], today: date | None = None
) -> int:
    """A new candidate of a subgroup: name, centre and unit, and the day added (not after
    `today`, when given); audited."""
    from rejnistvo.rules.periods import format_date
    from rejnistvo.store import save_record

    place = _candidate_place(db, record)
    added = record.get("added_on")
    if not isinstance(added, date):
        raise InputError("added_on", "vpišite dan, ko je bil kandidat dodan, npr. 2. 3. 2026.")
    if today is not None and added > today:
        raise InputError(
            "added_on",
            f"dan dodajanja {format_date(added)} je v prihodnosti; vpišite današnji ali "
            "prejšnji dan.",
        )
    return save_record(db, "candidates", {**record, "subgroup_id": subgroup_id, **place})


def update_candidate(
    db: Database, candidate_id: int, record: dict[str, Any], version: int | None = None
) -> int:
    """Correct a candidate's name, centre and unit; the date added stays. With the
    `version` the editor read, a correction made meanwhile elsewhere is not overwritten
    (StaleRecordError says who changed what)."""
    from rejnistvo.store import save_record

    fields = _candidate_place(db, record)
    if version is not None:
        fields["version"] = version
    return save_record(db, "candidates", {"id": candidate_id, **fields})


def remove_candidate(db: Database, candidate_id: int, today: date) -> int:
    """Take a candidate off the list from `today` (kept, with the date, for the log)."""
    from rejnistvo.store import save_record

    return save_record(db, "candidates", {"id": candidate_id, "removed_on": today})


def save_centre(db: Database, record: dict[str, Any]) -> int:
    """A centre's code, name, seat and subgroup (ids kept; units untouched); audited.

    A name another centre has is refused: pickers, lists, payment totals and printed
    forms show a centre by its name, so two of one name could not be told apart. A
    rename of the centre whose name the payer's (``centre_name``, the SEPA file) is
    renames the payer too, in the same transaction: the two said different things."""
    from rejnistvo.store import get_setting, set_setting
    from rejnistvo.store import save_centre as store_save_centre

    if "name" in record:
        _refuse_taken_centre_name(db, record["name"], record.get("id"))
    payer = get_setting(db, "centre_name") or ""
    follows = False
    if record.get("id") is not None and "name" in record and _name_key(payer):
        row = db.execute("SELECT name FROM centres WHERE id = ?", [record["id"]]).fetchone()
        old = row[0] if row else ""
        follows = _name_key(old) == _name_key(payer) != _name_key(record["name"])
    with db.atomic():  # the store's and set_setting's transactions nest as savepoints
        centre_id = store_save_centre(db, record)
        if follows:
            set_setting(db, "centre_name", " ".join(str(record["name"]).split()))
    return centre_id


def _name_key(text: object) -> str:
    """A centre's name as two names are compared: spaces and letter case aside."""
    return " ".join(str(text or "").split()).casefold()


def centre_names(db: Database) -> list[str]:
    """The names of the centres of Centri in enote, in the Slovenian alphabet's order."""
    from rejnistvo.rules.text import sort_fold

    names = [row[0] for row in db.execute("SELECT name FROM centres").fetchall() if row[0]]
    return sorted(names, key=sort_fold)


def payer_note(name: str, centres: list[str]) -> str | None:
    """Why the payer's name typed in Nastavitve → Splošno may not be this file's centre:
    None when it is one of ``centres`` (``centre_names``), empty, or there are none. A
    note, not a refusal: the bank may know the centre by another name."""
    import difflib

    wanted = _name_key(name)
    if not wanted or not centres or any(_name_key(c) == wanted for c in centres):
        return None
    from rejnistvo.rules.text import centre_key

    keyed = {centre_key(c): c for c in centres}
    close = difflib.get_close_matches(centre_key(name), list(keyed), n=1, cutoff=0.75)
    note = (
        f"»{' '.join(name.split())}« ni ime nobenega centra z zavihka Centri in enote "
        "(tam so centri rejnikov, otrok in namestitev)."
    )
    if close:
        note += f" Ste mislili »{keyed[close[0]]}«?"
    return note + (
        " Center izberete s seznama, ki se odpre med tipkanjem; drugačno ime (npr. kot ga "
        "vodi banka) se shrani, kot je vpisano."
    )


def _refuse_taken_centre_name(db: Database, name: object, centre_id: object) -> None:
    from rejnistvo.store import list_records

    wanted = _name_key(name)
    if not wanted:
        return  # the store says the name is required
    for centre in list_records(db, "centres"):
        if centre["id"] != centre_id and _name_key(centre["name"]) == wanted:
            raise InputError(
                "name",
                f"Center z imenom »{centre['name']}« že obstaja (šifra »{centre['code']}«); "
                "vpišite drugo ime ali popravite obstoječi center.",
            )


def save_unit(db: Database, centre_id: int, name: str, unit_id: int | None = None) -> int:
    """Add a unit to a centre, or rename one keeping its id; audited."""
    from rejnistvo.store import save_unit as store_save_unit

    return store_save_unit(db, centre_id, name, unit_id)


def delete_unit(db: Database, unit_id: int) -> None:
    """Delete a unit nobody refers to (StoreError naming who still does); audited."""
    from rejnistvo.store import delete_unit as store_delete_unit

    store_delete_unit(db, unit_id)
