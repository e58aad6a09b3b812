"""QA57: in a new file the first close began the payment ledger without a word about the
months before it. A clerk's first run was December 2026 (the month the program offers);
a placement from 15. 11. 2026 had its November days never paid nor computed as arrears,
and November could no longer be run (»izplačila za ta mesec niso vodena v programu«).
The close question now says that the ledger begins with this month and names the first
month that has placement days, so that »Ne« and closing that month first is a choice."""

from __future__ import annotations

from datetime import date

from _fixtures_b import b_db  # noqa: F401 (fixture)
from test_qa18_close_question_warnings import _question
from test_ui_payments import choose, view  # noqa: F401 (fixture)

from rejnistvo.clock import FixedClock
from rejnistvo.rules.periods import add_months, month_name
from rejnistvo.services.payment_run import close_month, first_close_notice
from rejnistvo.services.payment_run.closing import _first_payable_month


def test_the_first_close_names_the_earlier_months_it_leaves_unpaid(qtbot, view):  # noqa: F811
    earliest = _first_payable_month(view.ctx.db)
    assert earliest is not None and earliest < date(2026, 10, 1)
    choose(qtbot, view, date(2026, 10, 1))
    text = _question(qtbot, view)
    assert "To bo prvi zaključeni mesec v tej zbirki" in text
    assert "namestitve z dnevi pred tem mesecem: 1" in text
    assert f"najprej zaključite {month_name(earliest)}." in text
    assert view.ctx.db.execute("SELECT count(*) FROM payment_runs").fetchone()[0] == 0


def test_no_word_of_it_for_the_earliest_month_nor_after_a_close(b_db):  # noqa: F811
    earliest = _first_payable_month(b_db)
    assert earliest is not None
    assert first_close_notice(b_db, earliest) is None
    assert first_close_notice(b_db, add_months(earliest, 2)) is not None
    close_month(b_db, earliest, FixedClock(date(2026, 12, 5)))
    assert first_close_notice(b_db, add_months(earliest, 1)) is None
