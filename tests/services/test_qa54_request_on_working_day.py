# ruff: noqa: F811 - `db` is the fixture imported from test_board_increases
"""The day the centre asks for an R-5 report by (čl. 28/3), on a day it does not work
(QA54): a new report asked for by 25. 12. 2026 was due on the 25th, so Roki called it
»zamuja« from 26. 12. while the carer had until Monday 28. 12. (ZUP 101: a term ending
on a Saturday, Sunday or holiday ends on the next working day). The day is moved where
it is saved; the regular day, 30 days before the end, is the rule's own and stays."""

from __future__ import annotations

import dataclasses
from datetime import date

from test_board_increases import (  # noqa: F401 (fixture)
    REPORTED_AND_FOUND,
    SAVED_ON,
    db,
    increase,
)

from rejnistvo.services.board_increases import R5Case, case_row, load_case, save_case
from rejnistvo.services.r5_requests import ask_for_new_report


def test_a_report_asked_for_by_a_holiday_is_due_on_the_next_working_day(db):
    # 1. 5. 2026 is a Friday and a holiday, 2. 5. a holiday and a Saturday, 3. 5. Sunday
    case = R5Case(increase(db, report_requested_on=date(2026, 5, 1)))
    stored = save_case(db, case, SAVED_ON)
    assert stored.increase.report_requested_on == date(2026, 5, 4)
    assert load_case(db, stored.increase.id).increase.report_requested_on == date(2026, 5, 4)
    assert case_row(db, stored.increase.id, date(2026, 5, 4)).status != "overdue"
    # a working day is kept as typed
    working = dataclasses.replace(stored.increase, report_requested_on=date(2026, 5, 6))
    again = save_case(db, R5Case(working), SAVED_ON)
    assert again.increase.report_requested_on == date(2026, 5, 6)


def test_a_new_report_asked_for_by_christmas_is_due_on_28_december(db):
    stored = save_case(db, R5Case(increase(db), REPORTED_AND_FOUND), SAVED_ON)
    day = ask_for_new_report(
        db, stored.increase.id, date(2026, 12, 25), date(2026, 12, 1), stored.increase.version
    )
    assert day == date(2026, 12, 28)
    assert load_case(db, stored.increase.id).increase.report_requested_on == day
    row = case_row(db, stored.increase.id, date(2026, 12, 28))
    assert (row.status, row.report_due) == ("awaiting_report", day)
