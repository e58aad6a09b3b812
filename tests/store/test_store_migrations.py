"""A file made by the first schema is upgraded, after a backup copy, keeping its data."""

from __future__ import annotations

import sqlite3

from sqlite_utils import Database

from rejnistvo.store import check_db, get_record, open_db
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
    assert check_db(db_path)  # "not up to date" is reported before the upgrade

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
