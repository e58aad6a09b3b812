"""The audit log: written with every change, append-only, tampering detected by check."""

from __future__ import annotations

import sqlite3

import pytest

from rejnistvo.store import check_db, delete_record, save_record, set_setting
from rejnistvo.store.audit import audit_rows, verify_audit_chain


def _carer(db, name="Jožica Kovačič"):
    return save_record(db, "carers", {"name": name, "emso": "0101980505007"})


def test_each_change_writes_who_when_what(db):
    set_setting(db, "user_name", "Mojca Kralj")
    carer_id = _carer(db)
    save_record(db, "carers", {"id": carer_id, "address": "Cankarjeva ulica 3"})
    delete_record(db, "carers", carer_id)
    rows = audit_rows(db, "carers", carer_id)
    assert [row["action"] for row in rows] == ["insert", "update", "delete"]
    assert rows[0]["user_name"] == "Mojca Kralj" and rows[0]["os_user"]
    assert rows[0]["before"] is None and rows[0]["after"]["name"] == "Jožica Kovačič"
    assert rows[1]["before"]["address"] is None
    assert rows[1]["after"]["address"] == "Cankarjeva ulica 3"
    assert rows[2]["after"] is None
    assert verify_audit_chain(db) == []


@pytest.mark.parametrize(
    "statement", ["UPDATE audit_log SET action = 'x'", "DELETE FROM audit_log"]
)
def test_triggers_refuse_update_and_delete(db, statement):
    _carer(db)
    with pytest.raises(sqlite3.DatabaseError, match="Dnevnik|dnevnika"):
        db.execute(statement)
    assert db["audit_log"].count == 1


def test_a_row_altered_outside_the_program_is_found(db, tamper_audit_row):
    _carer(db)
    _carer(db, "Boštjan Čuk")
    path = db.path
    db.close()
    tamper_audit_row(path)
    problems = check_db(path)
    assert any("vrstica 1" in p and "spremenjena" in p for p in problems)


def test_a_deleted_row_and_a_dropped_trigger_are_found(db):
    for name in ("Ana Novak", "Eva Horvat", "Žan Kos"):
        _carer(db, name)
    path = db.path
    db.close()
    raw = sqlite3.connect(path)
    raw.execute("DROP TRIGGER audit_log_no_delete")
    raw.execute("DELETE FROM audit_log WHERE id = 2")
    raw.commit()
    raw.close()
    problems = check_db(path)
    assert any("audit_log_no_delete" in p for p in problems)
    assert any("vrstica 3" in p for p in problems)
