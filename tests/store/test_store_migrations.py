"""A file made by the first schema is upgraded, after a backup copy, keeping its data."""

from __future__ import annotations

import sqlite3

import pytest
from sqlite_utils import Database

from rejnistvo.store import StoreError, check_db, get_record, open_db, save_record
from rejnistvo.store.audit import audit_rows
from rejnistvo.store.backup import list_backups
from rejnistvo.store.schema import known_steps, migrations


def make_first_schema_file(path):
    db = Database(path)
    migrations.apply(db, stop_before="m002_delivery_and_search")
    db["carers"].insert({"name": "Špela Žagar", "name_key": "špela žagar", "emso": None})
    db.close()


def test_first_schema_file_is_upgraded_after_a_backup(db_path):
    make_first_schema_file(db_path)
    raw = sqlite3.connect(db_path)
    assert "email" not in {row[1] for row in raw.execute("PRAGMA table_info(carers)")}
    raw.close()
    notes: list[str] = []
    assert check_db(db_path, notes) == [] and notes  # "an older version" before the upgrade

    with open_db(db_path) as db:
        assert [m.name for m in migrations.applied(db)] == known_steps()
        carer = get_record(db, "carers", 1)
        assert carer["name"] == "Špela Žagar"
        assert carer["email"] is None and carer["electronic_delivery"] is False
        assert "carers_name_key" in {index.name for index in db["carers"].indexes}

    backups = list_backups(db_path)
    assert len(backups) == 1 and "pred-posodobitvijo" in backups[0].name
    old = sqlite3.connect(backups[0])
    assert "email" not in {row[1] for row in old.execute("PRAGMA table_info(carers)")}
    old.close()
    assert check_db(db_path) == []


def test_new_file_runs_every_step_without_a_backup(db_path):
    with open_db(db_path) as db:
        assert [m.name for m in migrations.applied(db)] == known_steps()
    assert list_backups(db_path) == []
    assert len(known_steps()) >= 2


# The exchange's own table before m003 (rejnistvo/exchange/links.py of that version).
_OLD_EXCHANGE_CASES = """
CREATE TABLE exchange_cases (
    case_id INTEGER PRIMARY KEY REFERENCES r4_cases(id) ON DELETE CASCADE,
    case_uuid TEXT NOT NULL UNIQUE,
    origin TEXT NOT NULL CHECK (origin IN ('local', 'imported')),
    sender_centre TEXT,
    sender_unit TEXT,
    sender_user TEXT,
    received_on TEXT,
    resolution_received_on TEXT
)
"""
UUID_IMPORTED = "6f1c1d7e-0b7a-4a55-9d7e-3f1d2b9c0a11"
UUID_LOCAL = "0a7b3c2d-1e4f-4a5b-8c9d-0e1f2a3b4c5d"


def make_m002_file_with_exchange_links(path):
    """A file at m002 in which the exchange kept case UUIDs in `exchange_cases`."""
    from rejnistvo.store.audit import write_audit

    db = Database(path)
    migrations.apply(db, stop_before="m003_case_identity")
    db["settings"].update("user_name", {"value": "Tina Čeh"})
    db["carers"].insert({"id": 1, "name": "Špela Žagar", "name_key": "špela žagar"})
    db["children"].insert({"id": 1, "name": "Luka Žagar", "name_key": "luka žagar"})
    db["placements"].insert({"id": 1, "contract_no": "P-1", "carer_id": 1, "child_id": 1})
    for case_id in (1, 2, 3):
        db["r4_cases"].insert(
            {
                "id": case_id,
                "placement_id": 1,
                "case_no": f"1220-{case_id}/2026",
                "centre_id": 1,
                "sent_on": "2026-03-02",
            }
        )
        write_audit(db, "r4_cases", case_id, "insert", None, {"id": case_id})
    db.execute(_OLD_EXCHANGE_CASES)
    db["exchange_cases"].insert_all(
        [
            # imported at the coordinator: the sender wrote it, received two days later
            {
                "case_id": 1,
                "case_uuid": UUID_IMPORTED,
                "origin": "imported",
                "sender_centre": "CSD Ljubljana",
                "sender_unit": "Enota Šiška",
                "sender_user": "Marko Čuk",
                "received_on": "2026-03-04",
            },
            # made here and sent: its resolution came back
            {
                "case_id": 2,
                "case_uuid": UUID_LOCAL,
                "origin": "local",
                "resolution_received_on": "2026-04-10",
            },
        ]
    )
    db.conn.commit()
    db.close()


def test_m002_file_with_exchange_links_is_upgraded(db_path):
    make_m002_file_with_exchange_links(db_path)

    with open_db(db_path) as db:
        assert [m.name for m in migrations.applied(db)] == known_steps()
        assert not db["exchange_cases"].exists()
        imported, local, plain = (get_record(db, "r4_cases", i) for i in (1, 2, 3))
        assert imported["case_uuid"] == UUID_IMPORTED
        assert imported["prepared_by"] == "Marko Čuk"  # the sender, not the local user
        assert imported["received_on"].isoformat() == "2026-03-04"
        assert local["case_uuid"] == UUID_LOCAL
        assert local["prepared_by"] == "Tina Čeh"  # from the case's first audit row
        assert local["resolution_received_on"].isoformat() == "2026-04-10"
        assert local["received_on"] is None
        assert plain["case_uuid"] is None and plain["prepared_by"] == "Tina Čeh"
        assert "unit_id" in db["candidates"].columns_dict
        moved = [row for row in audit_rows(db, "r4_cases") if row["action"] == "migrate"]
        assert [row["record_id"] for row in moved] == [1, 2]
        # The identity stays unique.
        with pytest.raises(StoreError, match="UUID"):
            save_record(db, "r4_cases", {"id": 3, "case_uuid": UUID_IMPORTED})
    assert check_db(db_path) == []


def test_m002_file_without_exchange_table_is_upgraded(db_path):
    db = Database(db_path)
    migrations.apply(db, stop_before="m003_case_identity")
    db.close()
    with open_db(db_path) as db:
        assert [m.name for m in migrations.applied(db)] == known_steps()
        assert {"case_uuid", "prepared_by", "received_on", "resolution_received_on"} <= set(
            db["r4_cases"].columns_dict
        )
        assert not db["exchange_cases"].exists()
    assert check_db(db_path) == []
