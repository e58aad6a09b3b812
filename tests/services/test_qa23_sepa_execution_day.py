"""SEPA: the bank file asks the bank to pay on a working day. Exported on Sunday 10 May 2026
it asked for execution on that Sunday (ReqdExctnDt = the day of the export), a day no
bank executes a transfer; the window's export and `run --format sepa` wrote the same
(found by QA23). Now the export's day when it is a working day, else the next one."""

import re
from datetime import date

import pytest
from _payment_fixtures import D

from rejnistvo.clock import FixedClock
from rejnistvo.services import payment_exports as exports
from rejnistvo.services import payment_run as service


def _execution_day(run_db, tmp_path, today: date) -> str:
    run = service.payment_run(run_db, D("2026-10-01"), FixedClock(date(2026, 10, 5)))
    out = exports.write_sepa_for(run_db, run, tmp_path / "run.xml", today)
    return re.findall(r"<ReqdExctnDt>([0-9-]+)</ReqdExctnDt>", out.read_text("utf-8"))[0]


@pytest.mark.parametrize(
    ("today", "executed"),
    [
        (date(2026, 11, 10), "2026-11-10"),  # a Tuesday: that day
        (date(2026, 5, 10), "2026-05-11"),  # a Sunday: Monday
        (date(2026, 10, 31), "2026-11-02"),  # Reformation Day on a Saturday, then Sunday
        (date(2026, 12, 25), "2026-12-28"),  # Christmas, Independence Day (a Saturday), Sunday
    ],
)
def test_the_bank_is_asked_to_pay_on_a_working_day(run_db, tmp_path, today, executed):
    assert _execution_day(run_db, tmp_path, today) == executed


def test_a_working_day_is_kept_and_a_sunday_moves_to_monday():
    assert exports.sepa_execution_date(date(2026, 5, 10)) == date(2026, 5, 11)
    assert exports.sepa_execution_date(date(2026, 5, 11)) == date(2026, 5, 11)
