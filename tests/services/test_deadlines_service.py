"""services.deadlines and services.cases: one R-5 status rule (report_requested_on
honoured), one waiting count, everything on the given day."""

from __future__ import annotations

from datetime import date

from _r4_fixtures import r4_db  # noqa: F401 (fixtures)

from rejnistvo.services.cases import list_cases, r4_status, r5_status
from rejnistvo.services.deadlines import list_deadlines
from rejnistvo.services.r4_cases import mark_sent
from rejnistvo.store import save_record

DAY = date(2026, 9, 1)


def _increase(db, **changes) -> int:
    values = {
        "placement_id": db.ids["placement"],
        "percent": 25,
        "from_date": date(2026, 7, 1),
        "to_date": date(2026, 12, 31),
        "categories": [{"category": "health"}],
    }
    values.update(changes)
    return save_record(db, "board_increases", values)


def _kinds(db, day, open_kind, open_id):
    return [
        d.kind for d in list_deadlines(db, day) if (d.open_kind, d.open_id) == (open_kind, open_id)
    ]


def test_r5_status_rule():
    period = {"period_from": date(2026, 1, 1), "period_to": date(2026, 6, 30)}
    assert r5_status(**period, today=date(2026, 5, 31)) == "awaiting_report"
    assert r5_status(**period, today=date(2026, 6, 1)) == "overdue"  # due 31. 5.
    asked = {**period, "requested_on": date(2026, 3, 1)}
    assert r5_status(**asked, today=date(2026, 3, 2)) == "overdue"
    assert r5_status(**asked, today=date(2026, 3, 2), report_date=date(2026, 3, 2)) == "reported"
    assert r5_status(**period, today=DAY, has_refund=True, refund_paid=True) == "refunded"
    # A period shorter than 31 days: due on its last day, not before it starts.
    short = {"period_from": date(2026, 6, 10), "period_to": date(2026, 6, 30)}
    assert r5_status(**short, today=date(2026, 6, 30)) == "awaiting_report"
    assert r4_status({"sent_on": DAY, "accepted_on": DAY}) == "accepted"


def test_requested_report_is_overdue_on_roki_and_in_cases(r4_db):  # noqa: F811
    increase = _increase(r4_db, report_requested_on=date(2026, 8, 15))
    assert _kinds(r4_db, DAY, "r5", increase) == ["r5_overdue"]
    status = {c.id: c.status for c in list_cases(r4_db, DAY) if c.kind == "r5"}
    assert status[increase] == "overdue"
    # Without the request, the report is due 1. 12. (30 days before the end): not yet.
    save_record(r4_db, "board_increases", {"id": increase, "report_requested_on": None})
    assert _kinds(r4_db, DAY, "r5", increase) == []
    assert {c.id: c.status for c in list_cases(r4_db, DAY)}[increase] == "awaiting_report"


def test_r4_waiting_from_receipt_on_roki(r4_db):  # noqa: F811
    case = mark_sent(r4_db, r4_db.case.id, 1, date(2026, 3, 3))
    assert _kinds(r4_db, date(2026, 4, 2), "r4", case.id) == []  # 30 days: not over
    (late,) = [d for d in list_deadlines(r4_db, date(2026, 4, 3)) if d.open_kind == "r4"]
    assert late.kind == "r4_waiting" and late.due == date(2026, 4, 2) and late.days == -1
    assert "čaka 31 dni" in late.what
    # QA6: only sent, never received: Roki said »Prejeto 3. 3. 2026«
    assert late.what.startswith("Poslano 3. 3. 2026,")
    save_record(r4_db, "r4_cases", {"id": case.id, "received_on": date(2026, 3, 10)})
    assert _kinds(r4_db, date(2026, 4, 3), "r4", case.id) == []
    (received,) = [d for d in list_deadlines(r4_db, date(2026, 4, 10)) if d.open_kind == "r4"]
    assert received.what.startswith("Prejeto 10. 3. 2026,")


def test_unpaid_instalment_and_ending_increase(r4_db):  # noqa: F811
    increase = _increase(r4_db, to_date=date(2026, 10, 15))
    save_record(
        r4_db,
        "refunds",
        {
            "increase_id": increase,
            "call_date": date(2026, 8, 1),
            "deadline": date(2026, 9, 30),
            "method": "as_received",
            "amount": "20.00",
            "instalments": [
                {"due": date(2026, 8, 20), "amount": "10.00", "paid_on": None},
                {"due": date(2026, 9, 30), "amount": "10.00", "paid_on": None},
            ],
        },
    )
    # the instalment opens the case at its instalments (to tick it paid), the rest at its top
    assert _kinds(r4_db, DAY, "r5_refund", increase) == ["refund_instalment"]
    assert "increase_ending" in _kinds(r4_db, DAY, "r5", increase)
    items = list_deadlines(r4_db, DAY)
    assert [d.due for d in items] == sorted(d.due for d in items)


def test_reminders_are_ordered_by_day_then_kind_then_case():
    """The order Roki shows: earliest due day first (the late ones, negative days, on
    top), on one day in the order of KINDS, within a kind by the case's id — whatever
    order the queries found them in."""
    from datetime import timedelta

    from rejnistvo.services.deadlines import KINDS, Deadline, _earliest_first

    def item(days: int, kind: str, open_id: int) -> Deadline:
        return Deadline(DAY + timedelta(days=days), days, kind, "", "", "", "r5", open_id)

    found = {kind: [] for kind in KINDS}
    found["training"] += [item(5, "training", 9), item(-3, "training", 2), item(5, "training", 1)]
    found["r5_overdue"] += [item(5, "r5_overdue", 7), item(0, "r5_overdue", 4)]
    found["refund_instalment"] += [item(-3, "refund_instalment", 1)]
    found["indexation"] += [item(-40, "indexation", 0)]
    ordered = _earliest_first(found)
    assert [(d.days, d.kind, d.open_id) for d in ordered] == [
        (-40, "indexation", 0),
        (-3, "training", 2),
        (-3, "refund_instalment", 1),
        (0, "r5_overdue", 4),
        (5, "r5_overdue", 7),
        (5, "training", 1),
        (5, "training", 9),
    ]
