"""A batch of changes is logged by ``write_audits``: the same rows, chained the same way,
as one ``write_audit`` per change (the chain verifies), in one statement."""

from __future__ import annotations

from datetime import UTC, datetime

from rejnistvo.store.audit import AuditEntry, verify_audit_chain, write_audit, write_audits

AT = datetime(2027, 1, 20, 9, 30, tzinfo=UTC)
ENTRIES = [
    AuditEntry("overpayment_settlements", 1, "insert", None, {"amount": "12.50", "note": "č"}),
    AuditEntry("overpayment_settlements", 2, "insert", None, {"amount": "0.01"}),
    AuditEntry("settings", None, "update", {"value": "a"}, {"value": "š"}),
]
CONTENT = "SELECT table_name, record_id, action, before, after, at, prev_hash, hash, key_id"


def logged(db, since: int):
    return db.execute(f"{CONTENT} FROM audit_log WHERE id > ? ORDER BY id", [since]).fetchall()


def head(db) -> int:
    return db.execute("SELECT coalesce(max(id), 0) FROM audit_log").fetchone()[0]


def test_a_batch_is_logged_as_one_row_a_change_and_the_chain_verifies(db):
    start = head(db)
    with db.atomic():
        write_audits(db, ENTRIES, AT)
    rows = logged(db, start)
    assert [r[:3] for r in rows] == [(e.table, e.record_id, e.action) for e in ENTRIES]
    assert [r[6] for r in rows[1:]] == [r[7] for r in rows[:-1]]  # each row chains the last
    assert verify_audit_chain(db) == []


def test_a_batch_writes_what_one_call_a_change_writes(db, tmp_path):
    from rejnistvo.store import open_db

    other = open_db(tmp_path / "other.sqlite3")
    try:
        one_by_one, batch = head(other), head(db)
        assert one_by_one == batch  # two new files: the same rows before
        with other.atomic():
            for e in ENTRIES:
                write_audit(other, e.table, e.record_id, e.action, e.before, e.after, AT)
        with db.atomic():
            write_audits(db, ENTRIES, AT)
        # the same content; the hashes differ only through the two files' earlier rows
        assert [r[:6] for r in logged(other, one_by_one)] == [r[:6] for r in logged(db, batch)]
    finally:
        other.close()


def test_an_empty_batch_writes_nothing(db):
    start = head(db)
    with db.atomic():
        write_audits(db, [], AT)
    assert head(db) == start
