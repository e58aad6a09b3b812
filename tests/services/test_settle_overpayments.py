"""services.payment_run.settle_overpayments: many overpayments settled the same way in
one transaction; one refused line refuses the batch and nothing is written."""

import pytest
from _payment_fixtures import D

from rejnistvo.rules.errors import InputError
from rejnistvo.rules.periods import month_name
from rejnistvo.services import payment_run as service
from rejnistvo.services import rates as rate_service
from rejnistvo.store.audit import audit_rows

SEP, OCT, NOV, DEC = D("2026-09-01"), D("2026-10-01"), D("2026-11-01"), D("2026-12-01")


def closed_with_overpayments(db, clock):
    for month in (SEP, OCT, NOV):
        service.close_month(db, month, clock)
    rate_service.add_rate(db, "2026-10-01", "600.00", "450.00", "test: napačen")
    service.close_month(db, DEC, clock)
    waiting = service.unsettled_overpayments(db)
    assert len(waiting) >= 3
    return waiting


def test_a_batch_is_written_with_a_settlement_and_an_audit_row_each(run_db, clock):
    waiting = closed_with_overpayments(run_db, clock)
    batch = waiting[:3]
    done = service.settle_overpayments(
        run_db, [o.line_id for o in batch], "offset", D("2027-03-01"), " vsi v marcu ", clock
    )
    assert done == 3
    left = [o.line_id for o in service.unsettled_overpayments(run_db)]
    assert left == [o.line_id for o in waiting[3:]]
    audited = audit_rows(run_db, "overpayment_settlements")
    assert [row["after"]["line_id"] for row in audited] == [o.line_id for o in batch]
    for row, over in zip(audited, batch, strict=True):
        assert row["action"] == "insert"
        assert row["after"]["method"] == "offset"
        assert row["after"]["offset_month"] == "2027-03-01"
        assert row["after"]["note"] == "vsi v marcu"
        assert row["after"]["amount"] == str(over.amount)
    closed = service.payment_run(run_db, DEC, clock)
    ids = {o.line_id for o in batch}
    settled = [line for line in closed.lines if line.line_id in ids]
    assert len(settled) == 3 and all("marec 2027" in line.settlement for line in settled)


def test_one_refused_line_refuses_the_batch_and_names_it(run_db, clock):
    waiting = closed_with_overpayments(run_db, clock)
    first, second, third = waiting[:3]
    service.settle_overpayment(run_db, second.line_id, "refund", None, "", clock)
    before = len(audit_rows(run_db))
    with pytest.raises(InputError) as caught:
        service.settle_overpayments(
            run_db, [first.line_id, second.line_id, third.line_id], "refund", None, "", clock
        )
    message = caught.value.message
    assert "že vpisana" in message
    assert second.carer in message and second.child in message
    assert month_name(second.for_month) in message
    assert len(audit_rows(run_db)) == before
    left = {o.line_id for o in service.unsettled_overpayments(run_db)}
    assert {first.line_id, third.line_id} <= left


def test_an_offset_month_before_the_run_refuses_the_whole_batch(run_db, clock):
    waiting = closed_with_overpayments(run_db, clock)
    ids = [o.line_id for o in waiting[:2]]
    with pytest.raises(InputError) as caught:
        service.settle_overpayments(run_db, ids, "offset", D("2026-01-01"), "", clock)
    assert caught.value.field == "offset_month" and "december 2026" in caught.value.message
    assert audit_rows(run_db, "overpayment_settlements") == []


def test_no_line_is_refused(run_db, clock):
    closed_with_overpayments(run_db, clock)
    with pytest.raises(InputError) as caught:
        service.settle_overpayments(run_db, [], "refund", None, "", clock)
    assert caught.value.field == "line_ids"
