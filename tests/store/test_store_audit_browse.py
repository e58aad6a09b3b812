"""audit_browse: the viewer's bounded, filtered, newest-first reading of the log."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal

from rejnistvo.store import save_record, set_setting
from rejnistvo.store.audit import verify_audit_chain, write_audit
from rejnistvo.store.audit_browse import changed_fields, recent_audit_rows


def _one_off(db, amount="460.00"):
    carer = save_record(db, "carers", {"name": "Ana Novak"})
    return carer, save_record(
        db,
        "one_off_payments",
        {"carer_id": carer, "kind": "primary_school", "amount": amount, "date": "2026-03-02"},
    )


def test_newest_first_with_limit_and_more(db):
    for i in range(5):
        set_setting(db, "waiting_days_threshold", str(30 + i))
    rows, more = recent_audit_rows(db, limit=3)
    assert len(rows) == 3 and more
    assert [r["id"] for r in rows] == sorted((r["id"] for r in rows), reverse=True)
    assert rows[0]["after"] == {"waiting_days_threshold": "34"}
    assert rows[0]["changed"] == ["waiting_days_threshold"]
    rest, more = recent_audit_rows(db, limit=3, offset=3)
    assert len(rest) == 2 and not more


def test_text_filter_matches_table_values_and_record(db):
    set_setting(db, "user_name", "Maja Kos")
    carer, payment = _one_off(db)
    rows, _ = recent_audit_rows(db, "one_off")
    assert [r["record_id"] for r in rows] == [payment]
    assert rows[0]["action"] == "insert" and rows[0]["user_name"] == "Maja Kos"
    assert "amount" in rows[0]["changed"] and "kind" in rows[0]["changed"]
    assert recent_audit_rows(db, "primary_school carers")[0] == []
    assert len(recent_audit_rows(db, "Novak")[0]) == 1  # the carer's row
    assert recent_audit_rows(db, "100%_")[0] == []  # wildcards are literal


def test_date_range(db):
    _one_off(db)
    today = datetime.now(UTC).date()
    assert recent_audit_rows(db, date_from=today, date_to=today)[0]
    assert recent_audit_rows(db, date_from=today + timedelta(days=1))[0] == []
    assert recent_audit_rows(db, date_to=today - timedelta(days=1))[0] == []
    assert verify_audit_chain(db) == []


def test_changed_fields():
    assert changed_fields({"id": 1, "a": 1, "b": 2}, {"id": 1, "a": 1, "b": 3}) == ["b"]
    assert changed_fields(None, {"id": 1, "a": Decimal("1")}) == ["a"]
    assert changed_fields({"id": 1, "a": 1}, None) == ["a"]
    assert changed_fields({"k": None}, {"k": "x", "n": 1}) == ["k", "n"]
    assert changed_fields(None, None) == []


def test_one_row_with_its_records(db):
    from rejnistvo.store.audit_browse import audit_row

    carer, _payment = _one_off(db)
    save_record(db, "carers", {"id": carer, "address": "Kranj 1"})
    newest, _ = recent_audit_rows(db, limit=1)
    assert newest[0]["changed"] == ["address"]
    row = audit_row(db, newest[0]["id"])
    assert row == newest[0]  # the same row, before/after parsed, changed fields named
    assert audit_row(db, newest[0]["id"] + 1000) is None


def test_text_finds_slovenian_names_of_tables_and_actions(db):
    """The screen shows "Rejniki", "sprememba", "zaključek meseca": what it shows finds
    the rows, in any case and with or without č, š, ž, as the stored names do."""
    carer = save_record(db, "carers", {"name": "Ana Novak"})
    save_record(db, "carers", {"id": carer, "name": "Ana Kos"})
    save_record(db, "children", {"name": "Bor Novak"})
    with db.atomic():
        write_audit(db, "payment_runs", 1, "close", None, {"month": "2026-03"})

    def found(text):
        return [(r["table_name"], r["action"]) for r in recent_audit_rows(db, text)[0]]

    assert found("Rejniki") == [("carers", "update"), ("carers", "insert")]
    assert found("rejniki") == found("REJNIKI") == found("Rejniki")
    assert found("sprememba") == [("carers", "update")]
    assert found("zaključek") == found("zakljucek") == [("payment_runs", "close")]
    assert found("Zaključek meseca") == [("payment_runs", "close")]
    assert found("Mesečna izplačila") == [("payment_runs", "close")]
    assert found("rejniki nov zapis") == [("carers", "insert")]
    assert found("otroci sprememba") == []
    # the stored names still find what they did
    assert found("carers update") == [("carers", "update")]
    assert found("close") == [("payment_runs", "close")]
