"""one_off_payments through the repository: typed round trip, refused values, audited."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from rejnistvo.rules.errors import InputError
from rejnistvo.store import delete_record, get_record, save_record
from rejnistvo.store.audit import audit_rows, verify_audit_chain


def test_round_trip_and_audit(db):
    carer = save_record(db, "carers", {"name": "Ana Novak"})
    payment = save_record(
        db,
        "one_off_payments",
        {"carer_id": carer, "kind": "first_placement", "amount": "430.00", "date": "2026-03-02"},
    )
    stored = get_record(db, "one_off_payments", payment)
    assert stored["amount"] == Decimal("430.00") and stored["date"] == date(2026, 3, 2)
    delete_record(db, "one_off_payments", payment)
    assert [r["action"] for r in audit_rows(db, "one_off_payments", payment)] == [
        "insert",
        "delete",
    ]
    assert verify_audit_chain(db) == []


@pytest.mark.parametrize(
    ("field", "value"), [("amount", "-1.00"), ("amount", "1.001"), ("date", "2026-02-30")]
)
def test_bad_values_refused_naming_the_field(db, field, value):
    carer = save_record(db, "carers", {"name": "Ana Novak"})
    record = {"carer_id": carer, "kind": "primary_school", "amount": "460.00", "date": "2026-03-02"}
    record[field] = value
    with pytest.raises(InputError) as info:
        save_record(db, "one_off_payments", record)
    assert info.value.field == field
