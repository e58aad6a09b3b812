"""Centres and their units, edited one at a time so that ids stay stable.

The generic ``save_record(db, "centres", {..., "units": [...]})`` replaces the nested
list, which gives every unit a new id and fails once a carer, child, case or candidate
refers to a unit. The settings screen therefore edits a centre without its units and
each unit on its own here: a rename keeps the id, and a unit that is referenced is
never deleted. Every write is one transaction with its audit row.
"""

from __future__ import annotations

import sqlite3
from typing import Any

from sqlite_utils import Database

from rejnistvo.rules.errors import InputError
from rejnistvo.rules.text import sort_fold
from rejnistvo.store.audit import write_audit
from rejnistvo.store.errors import StoreError, sqlite_errors_as_store_errors
from rejnistvo.store.reads import references
from rejnistvo.store.repository import save_record

# Which records may refer to a unit, and how the refusal names them (Slovenian plural).
UNIT_REFERENCES: tuple[tuple[str, str, str], ...] = (
    ("carers", "unit_id", "rejniki"),
    ("children", "unit_id", "otroci"),
    ("r4_cases", "unit_id", "predlogi R-4"),
    ("r5_reports", "finding_unit_id", "ugotovitve R-5"),
    ("r5_earlier_reports", "finding_unit_id", "ugotovitve prejšnjih poročil R-5"),
    ("candidates", "unit_id", "kandidati za komisijo"),
)


def _clean(value: Any, field: str, what: str) -> str:
    text = " ".join(str(value or "").split())
    if not text:
        raise InputError(field, f"{what} je obvezno polje.")
    return text


def _unit_row(db: Database, unit_id: int) -> dict[str, Any]:
    row = db.execute("SELECT id, centre_id, name FROM units WHERE id = ?", [unit_id]).fetchone()
    if row is None:
        raise StoreError(f"Enote {unit_id} ni (morda je bila izbrisana).")
    return {"id": row[0], "centre_id": row[1], "name": row[2]}


def in_unit_order(rows: list[tuple[Any, ...]]) -> list[tuple[Any, ...]]:
    """Unit rows (id, centre_id, name) by name in the Slovenian alphabet's order, then id
    (SQLite's ``ORDER BY name`` put »Enota Šiška« after »Enota Žalec«)."""
    return sorted(rows, key=lambda r: (sort_fold(r[2] or ""), r[0]))


def units_of(db: Database, centre_id: int) -> list[dict[str, Any]]:
    """The centre's units with their ids, in the units' order (``in_unit_order``)."""
    rows = db.execute(
        "SELECT id, centre_id, name FROM units WHERE centre_id = ?", [centre_id]
    ).fetchall()
    return [{"id": r[0], "centre_id": r[1], "name": r[2]} for r in in_unit_order(rows)]


def save_centre(db: Database, record: dict[str, Any]) -> int:
    """Insert (no "id") or update a centre's code, name and seat, and, with
    ``subgroup_id``, its subgroup (1–6) — all in one audited transaction. Its units are
    never touched (see ``save_unit``)."""
    record = dict(record)
    if "units" in record:
        raise InputError("units", "Enote se urejajo vsaka zase (save_unit, delete_unit).")
    subgroup = record.pop("subgroup_id", None)
    update = record.get("id") is not None
    if not update or "code" in record:
        record["code"] = _clean(record.get("code"), "code", "Šifra centra")
    if not update or "name" in record:
        record["name"] = _clean(record.get("name"), "name", "Ime centra")
    if "seat" in record:
        record["seat"] = " ".join(str(record["seat"] or "").split()) or None
    if subgroup is not None and (not isinstance(subgroup, int) or not 1 <= subgroup <= 6):
        raise InputError("subgroup_id", "Podskupina je število od 1 do 6.")
    same_code = db.execute(
        "SELECT id FROM centres WHERE lower(code) = lower(?) AND id IS NOT ?",
        [record.get("code", ""), record.get("id")],
    ).fetchone()
    if same_code is not None:
        raise InputError("code", f"Šifra »{record['code']}« je že uporabljena; vpišite drugo.")
    with sqlite_errors_as_store_errors(db=db):
        try:
            with db.atomic():
                centre_id = save_record(db, "centres", record)
                if subgroup is not None:
                    before = db.execute(
                        "SELECT subgroup_id FROM subgroup_centres WHERE centre_id = ?", [centre_id]
                    ).fetchone()
                    if before is None or before[0] != subgroup:
                        db.table("subgroup_centres").upsert(
                            {"centre_id": centre_id, "subgroup_id": subgroup}, pk="centre_id"
                        )
                        write_audit(
                            db,
                            "subgroup_centres",
                            centre_id,
                            "insert" if before is None else "update",
                            None if before is None else {"subgroup_id": before[0]},
                            {"subgroup_id": subgroup},
                        )
        except sqlite3.IntegrityError:
            raise StoreError(
                "Centra ni mogoče shraniti: šifra mora biti enolična, podskupina od 1 do 6."
            ) from None
    return centre_id


def save_unit(db: Database, centre_id: int, name: str, unit_id: int | None = None) -> int:
    """Add a unit to a centre (``unit_id`` None) or rename one, keeping its id. A name
    already used in the same centre is refused."""
    clean = _clean(name, "name", "Ime enote")
    if db.execute("SELECT 1 FROM centres WHERE id = ?", [centre_id]).fetchone() is None:
        raise StoreError(f"Centra {centre_id} ni (morda je bil izbrisan).")
    twin = db.execute(
        "SELECT id FROM units WHERE centre_id = ? AND lower(name) = lower(?) AND id IS NOT ?",
        [centre_id, clean, unit_id],
    ).fetchone()
    if twin is not None:
        raise InputError("name", f"Enota »{clean}« v tem centru že obstaja; izberite drugo ime.")
    with sqlite_errors_as_store_errors(db=db):
        try:
            with db.atomic():
                if unit_id is None:
                    last_pk: Any = (
                        db.table("units").insert({"centre_id": centre_id, "name": clean}).last_pk
                    )
                    new_id = int(last_pk)
                    write_audit(db, "units", new_id, "insert", None, _unit_row(db, new_id))
                    return new_id
                before = _unit_row(db, unit_id)
                if before["centre_id"] != centre_id:
                    raise StoreError("Enota pripada drugemu centru; enote ni mogoče premakniti.")
                if before["name"] != clean:
                    db.execute("UPDATE units SET name = ? WHERE id = ?", [clean, unit_id])
                    write_audit(db, "units", unit_id, "update", before, _unit_row(db, unit_id))
                return unit_id
        except sqlite3.IntegrityError:
            raise InputError(
                "name", f"Enota »{clean}« v tem centru že obstaja; izberite drugo ime."
            ) from None


def unit_references(db: Database, unit_id: int) -> dict[str, int]:
    """How many records of each kind refer to the unit (only kinds with at least one)."""
    return references(db, UNIT_REFERENCES, unit_id)


def delete_unit(db: Database, unit_id: int) -> None:
    """Delete a unit nobody refers to; otherwise refuse and say who refers to it."""
    with sqlite_errors_as_store_errors(db=db):
        try:
            with db.atomic():
                before = _unit_row(db, unit_id)
                used = unit_references(db, unit_id)
                if used:
                    listed = ", ".join(f"{label}: {count}" for label, count in used.items())
                    raise StoreError(
                        f"Enote »{before['name']}« ni mogoče izbrisati, ker jo uporabljajo ({listed}). "
                        "Najprej jim izberite drugo enoto ali enoto le preimenujte."
                    )
                db.execute("DELETE FROM units WHERE id = ?", [unit_id])
                write_audit(db, "units", unit_id, "delete", before, None)
        except sqlite3.IntegrityError:
            raise StoreError(
                "Enote ni mogoče izbrisati, ker se nanjo sklicujejo drugi zapisi.",
                kind="referenced",
            ) from None
