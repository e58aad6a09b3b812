"""A one-off payment dated before the ledger began (before the first closed month) is
taken as paid outside the program (SPEC 3.6): the run after it was entered says so in
its warnings (and ``run``'s JSON), the window asks before saving it."""

from datetime import date
from decimal import Decimal

from _payment_fixtures import D

from rejnistvo.clock import FixedClock
from rejnistvo.services import payment_run as service
from rejnistvo.store import save_record

SEP, OCT, NOV, DEC = D("2026-09-01"), D("2026-10-01"), D("2026-11-01"), D("2026-12-01")
CLOCK = FixedClock(date(2026, 12, 10))


def one_off(db, day: str, amount: str = "460.00") -> int:
    a = db.ids["A"]
    carer = db.execute("SELECT carer_id FROM placements WHERE id = ?", [a]).fetchone()[0]
    return save_record(
        db,
        "one_off_payments",
        {"carer_id": carer, "placement_id": a, "kind": "primary_school", "amount": amount,
         "date": day},
    )  # fmt: skip


def early_warnings(run) -> list[str]:
    return [w for w in run.warnings if "zunaj programa" in w]


def test_a_late_entry_before_the_ledger_is_named_once_in_the_next_run(run_db):
    one_off(run_db, "2026-08-20", "100.00")  # from before the program: recorded first
    service.close_month(run_db, SEP, CLOCK)
    assert early_warnings(service.payment_run(run_db, OCT, CLOCK)) == []
    one_off(run_db, "2026-08-25")  # entered after September closed, for August
    run = service.payment_run(run_db, OCT, CLOCK)
    (text,) = early_warnings(run)
    assert "25. 8. 2026" in text and "460,00 EUR" in text and "Rejnica A" in text
    assert "prvi zaključeni mesec je september 2026" in text
    assert not [x for x in run.lines if x.kind == "one_off"]  # still not paid
    assert text in service.run_document(run)["warnings"]
    closed = service.close_month(run_db, OCT, CLOCK)
    assert early_warnings(closed) == [text]  # the closed month keeps it
    assert early_warnings(service.payment_run(run_db, NOV, CLOCK)) == []
    # dated in a closed month instead: paid as before, no warning
    one_off(run_db, "2026-09-25", "50.00")
    run = service.payment_run(run_db, NOV, CLOCK)
    assert early_warnings(run) == []
    assert [x.total for x in run.lines if x.kind == "one_off"] == [Decimal("50.00")]


def test_before_anything_is_closed_the_first_run_names_the_earlier_ones(run_db):
    one_off(run_db, "2026-08-20")
    (text,) = early_warnings(service.payment_run(run_db, SEP, CLOCK))
    assert "noben mesec še ni zaključen; knjiga se začne z mesecem september 2026" in text


def test_the_window_is_told_only_for_a_day_before_the_first_closed_month(run_db):
    assert service.paid_outside_notice(run_db, D("2020-01-01")) is None  # nothing closed
    service.close_month(run_db, SEP, CLOCK)
    notice = service.paid_outside_notice(run_db, D("2026-08-31"))
    assert notice and "(september 2026)" in notice and "zunaj programa" in notice
    assert service.paid_outside_notice(run_db, D("2026-09-01")) is None


def test_many_are_named_up_to_ten_and_counted(run_db):
    service.close_month(run_db, SEP, CLOCK)
    for day in range(1, 13):
        one_off(run_db, f"2026-08-{day:02d}", "1.00")
    warnings = early_warnings(service.payment_run(run_db, OCT, CLOCK))
    assert len(warnings) == service.NAMED_PAID_OUTSIDE + 1
    assert warnings[-1].endswith("Tudi ta program šteje za izplačana zunaj programa.")
    assert "posebej: 2." in warnings[-1]
