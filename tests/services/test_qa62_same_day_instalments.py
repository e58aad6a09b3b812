"""QA62: the R-5 refund panel showed a plan whose instalments shared a due day (seven on
13. 7. 2026) without a word. The plan the window shows (``refund_preview``) says which
instalments share a day and what gives each its own; the days stay SPEC 3.4's."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from rejnistvo.rules.periods import Period
from rejnistvo.rules.refund import RefundMethod
from rejnistvo.services.board_increases import (
    BoardIncrease,
    R5Case,
    R5Report,
    Refund,
    refund_preview,
)
from rejnistvo.store import delete_record, list_records, open_db, save_record


def _db(tmp_path):
    db = open_db(tmp_path / "r5.sqlite3")
    for row in list_records(db, "rates"):
        delete_record(db, "rates", row["id"])
    save_record(
        db,
        "rates",
        {"valid_from": date(2025, 1, 1), "board": "638.00", "fee": "460.00", "source": "test"},
    )
    centre = save_record(db, "centres", {"code": "GOR", "name": "CSD Gorenjska"})
    carer = save_record(db, "carers", {"name": "Marija Rejnik", "centre_id": centre})
    child = save_record(db, "children", {"name": "Luka Otrok", "centre_id": centre})
    placement = save_record(
        db,
        "placements",
        {
            "contract_no": "RP-1/2025",
            "carer_id": carer,
            "child_id": child,
            "carer_centre_id": centre,
            "child_centre_id": centre,
            "periods": [{"kind": "contract", "from_date": date(2025, 6, 1), "to_date": None}],
        },
    )
    return db, placement


def test_the_plan_shown_says_which_instalments_share_a_day(tmp_path):
    db, placement = _db(tmp_path)
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
