"""QA18: the month an overpayment was offset in is one of the payments that follow it,
not a typo decades ahead (»2099-01« for »2029-01«): such a settlement took the
overpayment off the deadlines for good (a settlement cannot be changed and its month
cannot be reopened), so the money was never recovered."""

import pytest
from _payment_fixtures import D

from rejnistvo.rules.errors import InputError
from rejnistvo.services import payment_run as service
from rejnistvo.services import rates as rate_service
from rejnistvo.store.audit import audit_rows


def found_in_december(db, clock):
    for month in ("2026-09-01", "2026-10-01", "2026-11-01"):
        service.close_month(db, D(month), clock)
    rate_service.add_rate(db, "2026-10-01", "600.00", "450.00", "test: napačen")
    service.close_month(db, D("2026-12-01"), clock)
    return service.unsettled_overpayments(db)


def test_an_offset_month_more_than_a_year_after_the_run_that_found_it_is_refused(run_db, clock):
    first, *_ = found_in_december(run_db, clock)
    before = len(audit_rows(run_db))
    for typo in ("2099-01-01", "2028-01-01"):
        with pytest.raises(InputError) as caught:
            service.settle_overpayment(run_db, first.line_id, "offset", D(typo), "", clock)
        assert caught.value.field == "offset_month"
        assert "december 2026" in caught.value.message  # the run that found it
        assert "december 2027" in caught.value.message  # the latest month allowed
    with pytest.raises(InputError):  # the screen's check before its question, the same
        service.check_settlements(run_db, [first.line_id], "offset", D("2099-01-01"))
    assert len(audit_rows(run_db)) == before
    assert first.line_id in [o.line_id for o in service.unsettled_overpayments(run_db)]


def test_the_last_month_of_that_year_is_accepted(run_db, clock):
    first, *_ = found_in_december(run_db, clock)
    service.settle_overpayment(run_db, first.line_id, "offset", D("2027-12-01"), "", clock)
    assert first.line_id not in [o.line_id for o in service.unsettled_overpayments(run_db)]
