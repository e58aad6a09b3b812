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


# --- issue 15: a keyed chain whose head is kept outside the file --------------------------


def _three(db):
    for name in ("Ana Novak", "Eva Horvat", "Žan Kos"):
        _carer(db, name)


def test_rows_are_keyed_with_the_installation_key(db, tmp_path, monkeypatch):
    from rejnistvo.store import audit_keys

    _carer(db)
    (row,) = audit_rows(db)
    key_id, key = audit_keys.own_key()
    assert row["key_id"] == key_id
    # the key lives in the (injected) config folder, never in the file
    assert (audit_keys.config_dir() / "audit-keys" / f"{key_id}.key").exists()
    assert key.hex().encode() not in db.path.read_bytes()


@pytest.mark.parametrize(
    "statement",
    [
        "REPLACE INTO audit_log SELECT * FROM audit_log WHERE id = 1",
        "INSERT OR REPLACE INTO audit_log SELECT * FROM audit_log WHERE id = 1",
        "INSERT INTO audit_log (id, at, user_name, os_user, table_name, action, prev_hash, hash)"
        " VALUES (NULL, 'x', 'x', 'x', 'x', 'x', 'x', 'x')",
    ],
)
def test_nothing_overwrites_or_squeezes_in_a_row(db, statement):
    _three(db)
    before = [tuple(r) for r in db.execute("SELECT * FROM audit_log ORDER BY id")]
    with pytest.raises(sqlite3.DatabaseError, match="le dodajati"):
        db.execute(statement)
    assert [tuple(r) for r in db.execute("SELECT * FROM audit_log ORDER BY id")] == before


def _drop_triggers(raw):
    for name in ("audit_log_no_update", "audit_log_no_delete", "audit_log_append_only"):
        raw.execute(f"DROP TRIGGER IF EXISTS {name}")


def _restore_triggers(raw):
    from rejnistvo.store.schema import _SCHEMA_1

    for statement in _SCHEMA_1.split("CREATE TRIGGER")[1:]:
        raw.execute("CREATE TRIGGER" + statement.rstrip().rstrip(";") + ";")
    raw.execute(
        "CREATE TRIGGER audit_log_append_only BEFORE INSERT ON audit_log WHEN NEW.id IS NULL "
        "OR NEW.id <= (SELECT coalesce(max(id), 0) FROM audit_log) "
        "BEGIN SELECT RAISE(ABORT, 'x'); END"
    )


def test_deleting_the_newest_rows_is_found(db):
    _three(db)
    path = db.path
    db.close()  # the head (3 rows) is recorded outside the file
    raw = sqlite3.connect(path)
    _drop_triggers(raw)
    raw.execute("DELETE FROM audit_log WHERE id > 1")
    _restore_triggers(raw)
    raw.commit()
    raw.close()
    problems = check_db(path)
    assert any("krajši" in p and "vrstica 3" in p for p in problems), problems


def test_rewriting_and_rehashing_the_whole_chain_without_the_key_is_found(db):
    """Someone with the file but not the installation re-hashes every row (SHA-256, as
    the program did before m006, with key_id removed) after changing one."""
    from rejnistvo.store.audit import GENESIS, row_hash

    _three(db)
    path = db.path
    db.close()
    raw = sqlite3.connect(path)
    raw.row_factory = sqlite3.Row
    _drop_triggers(raw)
    rows = [dict(r) for r in raw.execute("SELECT * FROM audit_log ORDER BY id")]
    prev = GENESIS
    for row in rows:
        row["user_name"] = "ponarejeno" if row["id"] == 2 else row["user_name"]
        row["key_id"] = None
        row["prev_hash"] = prev
        row["hash"] = row_hash(prev, row)
        prev = row["hash"]
        raw.execute(
            "UPDATE audit_log SET user_name = ?, key_id = NULL, prev_hash = ?, hash = ? "
            "WHERE id = ?",
            [row["user_name"], row["prev_hash"], row["hash"], row["id"]],
        )
    _restore_triggers(raw)
    raw.commit()
    raw.close()
    problems = check_db(path)
    assert any("prepisan" in p for p in problems), problems


def test_a_forged_keyed_row_is_found(db, tamper_audit_row):
    _three(db)
    path = db.path
    db.close()
    tamper_audit_row(path)
    assert any("vrstica 1" in p and "spremenjena" in p for p in check_db(path))


def test_rows_of_an_unknown_key_are_reported_not_called_forged(db, monkeypatch, tmp_path):
    _carer(db)
    path = db.path
    db.close()
    monkeypatch.setenv("REJNISTVO_CONFIG_DIR", str(tmp_path / "other-installation"))
    problems = check_db(path)
    assert any("ključa ni na tem računalniku" in p for p in problems)
    assert not any("spremenjena" in p for p in problems)


def test_open_verifies_only_the_rows_after_the_last_verified(db_path):
    from rejnistvo.store import audit, audit_keys, open_db

    with open_db(db_path) as db:
        _three(db)
        ident = audit.head_key(db)
    with open_db(db_path) as db:  # verifies rows 1-3 and remembers so
        assert db.warnings == []
    head = audit_keys.read_head(ident)
    assert head.verified_id == 3 and head.count == 3
    scanned = []
    real = audit._scan

    def spy(db, state, after_id, prev_hash):
        scanned.append(after_id)
        return real(db, state, after_id, prev_hash)

    audit._scan = spy
    try:
        with open_db(db_path) as db:
            _carer(db, "Nova Oseba")
        with open_db(db_path) as db:
            assert db.warnings == []
    finally:
        audit._scan = real
    assert scanned == [3, 3]


def test_open_warns_but_opens_when_the_tail_was_cut(db_path):
    from rejnistvo.store import open_db

    with open_db(db_path) as db:
        _three(db)
    raw = sqlite3.connect(db_path)
    _drop_triggers(raw)
    raw.execute("DELETE FROM audit_log WHERE id = 3")
    _restore_triggers(raw)
    raw.commit()
    raw.close()
    with open_db(db_path) as db:
        assert db["carers"].count == 3
        assert any("krajši" in w for w in db.warnings)
        # said once: the problem names the change log, the warning does not again
        assert [w.count("Dnevnik sprememb") for w in db.warnings if "krajši" in w] == [1]


def test_the_newest_backup_also_holds_the_head(db, tmp_path, monkeypatch):
    from rejnistvo.store.backup import backups_dir

    _three(db)
    backups_dir(db.path).mkdir()
    backup_to_dir = backups_dir(db.path) / "rejnistvo-2026-01-01-000000-dnevna.sqlite3"
    from rejnistvo.store.backup import backup_to

    backup_to(db, backup_to_dir)
    path = db.path
    db.close()
    # a fresh installation folder: only the backup remembers the head
    monkeypatch.setenv("REJNISTVO_CONFIG_DIR", str(tmp_path / "elsewhere"))
    raw = sqlite3.connect(path)
    _drop_triggers(raw)
    raw.execute("DELETE FROM audit_log WHERE id = 3")
    _restore_triggers(raw)
    raw.commit()
    raw.close()
    assert any("varnostna kopija" in p and "krajši" in p for p in check_db(path))


def test_rows_from_before_m006_keep_their_plain_chain_and_new_rows_are_keyed(tmp_path):
    from sqlite_utils import Database

    from rejnistvo.store import open_db, schema
    from rejnistvo.store.audit import write_audit

    path = tmp_path / "stara.sqlite3"
    old = Database(path)
    schema.migrations.apply(old, stop_before="m006_audit_anchor")
    with old.conn:
        write_audit(old, "carers", 1, "insert", None, {"name": "Ana Novak"})
        write_audit(old, "carers", 1, "update", {"name": "Ana Novak"}, {"name": "Ana Kos"})
    old.close()
    with open_db(path) as db:  # runs m006
        _carer(db)
        rows = audit_rows(db)
        assert [r["key_id"] is None for r in rows] == [True, True, False]
        assert verify_audit_chain(db) == []
    assert check_db(path) == []


def test_an_open_that_changes_nothing_does_not_rewrite_the_heads_file(db_path, monkeypatch):
    """Every open records the chain's head; a head equal to the recorded one is not
    written again (a file write before the window's first paint, for nothing)."""
    from rejnistvo.store import audit_keys, open_db

    with open_db(db_path) as db:
        _three(db)
    with open_db(db_path):  # verifies the rows and records so
        pass
    writes = []
    real = audit_keys._write_private
    monkeypatch.setattr(
        audit_keys, "_write_private", lambda *a, **k: (writes.append(a[0]), real(*a, **k))
    )
    with open_db(db_path):
        pass
    assert writes == []
    with open_db(db_path) as db:  # a change moves the head: written
        _carer(db, "Nova Oseba")
    with open_db(db_path):
        pass
    assert writes
