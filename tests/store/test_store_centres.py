"""Centres and units edited one by one: ids stay, referenced units are kept, all audited."""

from __future__ import annotations

import pytest

from rejnistvo.rules.errors import InputError
from rejnistvo.store import (
    StoreError,
    delete_unit,
    get_record,
    save_centre,
    save_record,
    save_unit,
    units_of,
)
from rejnistvo.store.audit import audit_rows


def test_add_centre_with_subgroup_and_units(db):
    centre = save_centre(
        db, {"code": "NOV", "name": " CSD  Novi ", "seat": "Novo", "subgroup_id": 4}
    )
    assert get_record(db, "centres", centre)["name"] == "CSD Novi"
    row = db.execute("SELECT subgroup_id FROM subgroup_centres WHERE centre_id = ?", [centre])
    assert row.fetchone()[0] == 4
    first = save_unit(db, centre, "Enota A")
    second = save_unit(db, centre, "Enota B")
    assert [u["id"] for u in units_of(db, centre)] == [first, second]
    assert {r["table_name"] for r in audit_rows(db)} >= {"centres", "units", "subgroup_centres"}


def test_rename_keeps_ids_and_references(db):
    unit = db.execute("SELECT id, centre_id FROM units ORDER BY id LIMIT 1").fetchone()
    carer = save_record(
        db, "carers", {"name": "Ana Novak", "centre_id": unit[1], "unit_id": unit[0]}
    )
    save_centre(db, {"id": unit[1], "name": "Preimenovani center"})
    assert save_unit(db, unit[1], "Enota Preimenovana", unit[0]) == unit[0]
    assert get_record(db, "carers", carer)["unit_id"] == unit[0]
    assert db.execute("SELECT name FROM units WHERE id = ?", [unit[0]]).fetchone()[0] == (
        "Enota Preimenovana"
    )
    updates = [r for r in audit_rows(db, "units") if r["action"] == "update"]
    assert updates and updates[-1]["record_id"] == unit[0]


def test_referenced_unit_is_not_deleted(db):
    unit, centre = db.execute("SELECT id, centre_id FROM units ORDER BY id LIMIT 1").fetchone()
    save_record(db, "children", {"name": "Miha Kos", "centre_id": centre, "unit_id": unit})
    with pytest.raises(StoreError, match="otroci: 1"):
        delete_unit(db, unit)
    assert db.execute("SELECT 1 FROM units WHERE id = ?", [unit]).fetchone()


def test_unused_unit_deleted_and_audited(db):
    centre = db.execute("SELECT id FROM centres ORDER BY id LIMIT 1").fetchone()[0]
    unit = save_unit(db, centre, "Začasna enota")
    delete_unit(db, unit)
    assert db.execute("SELECT 1 FROM units WHERE id = ?", [unit]).fetchone() is None
    assert audit_rows(db, "units", unit)[-1]["action"] == "delete"


def test_bad_input_refused_in_slovenian(db):
    centre = db.execute("SELECT id FROM centres ORDER BY id LIMIT 1").fetchone()[0]
    existing = units_of(db, centre)[0]["name"]
    with pytest.raises(InputError, match="že obstaja"):
        save_unit(db, centre, existing.upper())
    with pytest.raises(InputError, match="obvezno"):
        save_unit(db, centre, "   ")
    code = get_record(db, "centres", centre)["code"]
    with pytest.raises(InputError, match="že uporabljena"):
        save_centre(db, {"code": code, "name": "Drugi"})
    with pytest.raises(InputError, match="od 1 do 6"):
        save_centre(db, {"code": "ZZZ", "name": "Drugi", "subgroup_id": 7})
    with pytest.raises(InputError):
        save_centre(db, {"id": centre, "units": []})
    with pytest.raises(StoreError):
        delete_unit(db, 999999)
