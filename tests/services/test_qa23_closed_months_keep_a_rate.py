"""Nastavitve → Zneski rejnine: removing the oldest row (or moving it to a later month)
after months were closed with it was accepted, and every later run then stopped with
»za mesec september 2026 ni vnesenega zneska …« — each run recomputes the closed months
for arrears. Now refused where it is done, naming the closed month that would be left
without an amount and the latest day the row may start (found by QA23)."""

import pytest
from _payment_fixtures import D

from rejnistvo.rules.errors import InputError
from rejnistvo.services import payment_run as service
from rejnistvo.services import rates as rate_service

SEP, OCT = D("2026-09-01"), D("2026-10-01")


def _row(db, day: str):
    return next(r for r in rate_service.list_rates(db) if r.valid_from == D(day))


def test_the_row_a_closed_month_needs_is_not_removed(run_db, clock):
    service.close_month(run_db, SEP, clock)
    row = _row(run_db, "2025-11-01")
    with pytest.raises(InputError) as caught:
        rate_service.remove_rate(run_db, row.id, row.version)
    assert "september 2026" in caught.value.message
    assert len(rate_service.list_rates(run_db)) == 1
    service.payment_run(run_db, OCT, clock)  # still computed


def test_nor_moved_past_the_first_closed_month(run_db, clock):
    service.close_month(run_db, SEP, clock)
    row = _row(run_db, "2025-11-01")
    with pytest.raises(InputError) as caught:
        rate_service.correct_rate(run_db, row.id, row.version, "2026-10-01", "638.00",
                                  "460.00", "test")  # fmt: skip
    assert caught.value.field == "valid_from"
    assert "september 2026" in caught.value.message and "1. 9. 2026" in caught.value.message
    rate_service.correct_rate(run_db, row.id, row.version, "2026-09-01", "638.00", "460.00", "t")


def test_a_row_another_covers_for_goes(run_db, clock):
    service.close_month(run_db, SEP, clock)
    rate_service.add_rate(run_db, "2026-03-01", "655.23", "472.42", "test: 2026")
    row = _row(run_db, "2025-11-01")
    rate_service.remove_rate(run_db, row.id, row.version)
    assert [r.valid_from for r in rate_service.list_rates(run_db)] == [D("2026-03-01")]


def test_without_closed_months_any_row_goes(run_db):
    row = _row(run_db, "2025-11-01")
    rate_service.remove_rate(run_db, row.id, row.version)
    assert rate_service.list_rates(run_db) == []
