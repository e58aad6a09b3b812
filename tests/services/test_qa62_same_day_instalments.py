"""QA62: the R-5 refund panel showed a plan whose instalments shared a due day (seven on
13. 7. 2026) without a word. The plan the window shows (``refund_preview``) says which
instalments share a day and what gives each its own; the days stay SPEC 3.4's."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from _r4_fixtures import fill

from rejnistvo.rules.periods import Period
from rejnistvo.rules.refund import RefundMethod
from rejnistvo.services.board_increases import (
    BoardIncrease,
    R5Case,
    R5Report,
    Refund,
    refund_preview,
)
from rejnistvo.store import open_db


def _db(tmp_path, own_rates):
    """A placement from 1. 6. 2025 (``_r4_fixtures.fill``) computed with the tests' own
    2025 amounts."""
    db = open_db(tmp_path / "r5.sqlite3")
    own_rates(db)
    return db, fill(db)["placement"]


def test_the_plan_shown_says_which_instalments_share_a_day(tmp_path, own_rates):
    db, placement = _db(tmp_path, own_rates)
    try:
        increase = BoardIncrease(
            placement_id=placement,
            percent=25,
            period=Period(date(2026, 1, 1), date(2026, 6, 30)),
            categories=("education",),
        )
        finding = R5Report(
            finding_date=date(2026, 7, 1), justified=Decimal("0.00"), unjustified=Decimal("957.00")
        )
        short = Refund(date(2026, 7, 10), RefundMethod.AS_RECEIVED, deadline=date(2026, 7, 13))
        plan = refund_preview(db, R5Case(increase, finding, short))
        assert [i.due for i in plan.instalments] == [date(2026, 7, 13)] * 6
        assert plan.due_notes[0] == "Obroki 1, 2, 3, 4, 5 in 6 zapadejo isti dan, 13. 7. 2026."
        assert "izberite rok najmanj 20. 7. 2026 (najpozneje 7. 1. 2027)" in plan.due_notes[1]
        whole = Refund(date(2026, 7, 10), RefundMethod.AS_RECEIVED)
        assert refund_preview(db, R5Case(increase, finding, whole)).due_notes == ()
    finally:
        db.close()
