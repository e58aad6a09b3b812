"""The first month closed fixes where the ledger begins (months close in order after it,
SPEC 3.6): a first close before the rate table or before anything to pay (a typo such as
0001-01) is refused with a message naming the first month that may be closed."""

from __future__ import annotations

import pytest
from _payment_fixtures import D

from rejnistvo.rules.errors import InputError
from rejnistvo.services import payment_run as service
from rejnistvo.store import ledger, open_db


@pytest.mark.parametrize("month", ["0001-01-01", "2024-12-01", "2025-10-01"])
def test_a_first_close_before_the_rate_table_is_refused(run_db, clock, month):
    # placement C begins 1. 6. 2025, the rate table 1. 11. 2025
    with pytest.raises(InputError) as caught:
        service.close_month(run_db, D(month), clock)
    assert caught.value.field == "month"
    assert "november 2025 (2025-11)" in str(caught.value)
    assert ledger.closed_range(run_db) == (None, None)


def test_the_first_month_with_rates_and_placements_closes(run_db, clock):
    service.close_month(run_db, D("2025-11-01"), clock)
    assert ledger.closed_range(run_db) == (D("2025-11-01"), D("2025-11-01"))


def test_a_first_close_before_the_earliest_placement_is_refused(run_db, clock):
    with run_db.atomic():
        run_db.execute("UPDATE placement_periods SET from_date = '2026-01-01' "
                       "WHERE from_date < '2026-01-01'")  # fmt: skip
    with pytest.raises(InputError, match=r"januar 2026 \(2026-01\)"):
        service.check_closable(run_db, D("2025-12-01"), clock)
    service.check_closable(run_db, D("2026-01-01"), clock)


def test_nothing_to_pay_nothing_to_close(tmp_path, own_rates, clock):
    db = open_db(tmp_path / "empty.sqlite3")
    own_rates(db)
    with pytest.raises(InputError, match="ni nobene namestitve"):
        service.close_month(db, D("2026-11-01"), clock)
    db.close()


def test_later_months_are_not_held_to_the_limit(run_db, clock):
    # once a month is closed, the order rule alone applies (and names the next month)
    service.close_month(run_db, D("2025-11-01"), clock)
    with pytest.raises(InputError, match=r"2025-12"):
        service.check_closable(run_db, D("2026-02-01"), clock)


def test_a_month_before_the_first_closed_is_not_called_closed(run_db, clock):
    service.close_month(run_db, D("2025-11-01"), clock)
    with pytest.raises(InputError) as caught:
        service.check_closable(run_db, D("0001-01-01"), clock)
    text = str(caught.value)
    assert "je pred prvim zaključenim mesecem (november 2025)" in text
    assert "december 2025 (2025-12)" in text and "že zaključen" not in text


def test_a_closed_month_names_what_can_be_closed_and_reopened(run_db, clock):
    # QA18: »odprete lahko le zadnjega« for an earlier month read as if it could be opened
    service.close_month(run_db, D("2025-11-01"), clock)
    service.close_month(run_db, D("2025-12-01"), clock)
    for month in ("2025-11-01", "2025-12-01"):
        with pytest.raises(InputError) as caught:
            service.check_closable(run_db, D(month), clock)
        text = str(caught.value)
        assert "je že zaključen; zaključiti je mogoče le januar 2026 (2026-01)" in text
        assert "le zadnji zaključeni mesec, december 2025" in text
