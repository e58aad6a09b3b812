"""A paid one-off payment deleted and entered again (the commonest way a clerk fixes a
typo in a row) is not paid twice (SPEC 3.6): the payment entered again first undoes
the open overpayment of the deleted one — same placement, kind and month (the month
of the payment's day, as the run dates one-offs) — through the m014 link, and only
what is above it is paid. Each test fails on the code before it (the new payment was
paid in full and the overpayment waited on *Roki*)."""

import json
from datetime import date
from decimal import Decimal

import pytest
from _payment_fixtures import D

from rejnistvo.clock import FixedClock
from rejnistvo.services import payment_run as service
from rejnistvo.services.placements import OneOffPayment, add_one_off, delete_one_off
from rejnistvo.store import get_record, save_record
from rejnistvo.store.audit import audit_rows

SEP, OCT, NOV, DEC, JAN = (
    D("2026-09-01"), D("2026-10-01"), D("2026-11-01"), D("2026-12-01"), D("2027-01-01"),
)  # fmt: skip
LATER = FixedClock(date(2027, 3, 10))


def lines(run, kind):
    return [line for line in run.lines if line.kind == kind]


def one_off_lines(run):
    return sorted(
        (x.kind, x.for_month, x.total) for x in run.lines if x.one_off_id is not None
    )  # fmt: skip


def enter(db, amount: str, day: str = "2026-09-07", kind: str = "primary_school", key="A"):
    placement = db.ids[key]
    carer = get_record(db, "placements", placement)["carer_id"]
    payment = OneOffPayment(carer, placement, kind, Decimal(amount), D(day), "šola")
    return add_one_off(db, payment, None)


def paid_and_deleted(db, amount: str = "460.00", *, close_the_deletion: bool = True) -> int:
    """A's one-off payment of September, paid with September's close and deleted; with
    `close_the_deletion`, October closed with its overpayment (open on Roki). Returns
    the id of the deleted payment."""
    first = enter(db, amount)
    service.close_month(db, SEP, LATER)
    delete_one_off(db, first)
    if close_the_deletion:
        service.close_month(db, OCT, LATER)
        (waiting,) = service.unsettled_overpayments(db)
        assert (waiting.for_month, waiting.amount) == (SEP, Decimal(amount))
    return first


def test_entered_again_after_the_deletion_closed_undoes_its_overpayment(run_db):
    paid_and_deleted(run_db)
    (over_line,) = [o.line_id for o in service.unsettled_overpayments(run_db)]
    again = enter(run_db, "460.00", "2026-09-08")  # the day was the typo
    run = service.payment_run(run_db, NOV, LATER)
    assert lines(run, "one_off") == []  # not paid again
    (undone,) = lines(run, "overpayment_undone")
    assert (undone.for_month, undone.total, undone.one_off_id) == (SEP, Decimal("460.00"), again)
    assert undone.reason.startswith(
        "preplačilo 460,00 EUR za september 2026 (ugotovljeno v izplačilu za oktober 2026) "
        "je s poznejšo spremembo razveljavljeno v celoti in se ne terja; enkratno izplačilo "
        "(ob vstopu otroka v osnovno šolo) za september 2026 je bilo izbrisano in vpisano "
        "znova (z dne 8. 9. 2026, 460,00 EUR)"
    )
    assert run.total == sum(x.total for x in lines(run, "month"))
    doc = service.run_document(run)
    assert "one_off" not in {x["kind"] for x in doc["lines"]}
    assert [(x["kind"], x["for_month"], x["total"]) for x in doc["overpayments_undone"]] == [
        ("overpayment_undone", "2026-09", Decimal("460.00"))
    ]
    service.close_month(run_db, NOV, LATER)
    assert service.unsettled_overpayments(run_db) == []
    audit = audit_rows(run_db, "overpayment_undoings")[-1]["after"]
    assert (audit["overpayment_line_id"], audit["closes"]) == (over_line, True)
    (found,) = [x for x in service.payment_run(run_db, OCT, LATER).lines if x.line_id == over_line]
    assert found.cleared and "razveljavljeno v celoti v izplačilu za november 2026" in (
        found.settlement
    )
    # paid once, for good: nothing more for either payment
    assert one_off_lines(service.payment_run(run_db, DEC, LATER)) == []


def test_entered_again_before_the_deletion_closed_is_linked_within_the_run(run_db):
    """Deleted and entered again in the same open month: the run lists the deleted
    one's overpayment and the new payment undoes it in the same close."""
    deleted = paid_and_deleted(run_db, close_the_deletion=False)
    again = enter(run_db, "460.00", "2026-09-08")
    run = service.payment_run(run_db, OCT, LATER)
    assert one_off_lines(run) == [
        ("overpayment", SEP, Decimal("-460.00")),
        ("overpayment_undone", SEP, Decimal("460.00")),
    ]
    assert {x.kind: x.one_off_id for x in run.lines if x.one_off_id} == {
        "overpayment": deleted, "overpayment_undone": again
    }  # fmt: skip
    assert "ugotovljeno v izplačilu za oktober 2026" in lines(run, "overpayment_undone")[0].reason
    closed = service.close_month(run_db, OCT, LATER)
    (over,) = lines(closed, "overpayment")
    (undone,) = lines(closed, "overpayment_undone")
    links = run_db.execute("SELECT line_id, overpayment_id, closes FROM overpayment_undoings")
    assert links.fetchall() == [(undone.line_id, over.line_id, 1)]
    assert service.unsettled_overpayments(run_db) == []
    (read,) = lines(service.payment_run(run_db, OCT, LATER), "overpayment")
    assert read.cleared and "v celoti v izplačilu za oktober 2026" in read.settlement
    assert one_off_lines(service.payment_run(run_db, NOV, LATER)) == []


def test_the_screen_closes_the_run_it_made_without_bases_with_the_same_links(run_db):
    paid_and_deleted(run_db, close_the_deletion=False)
    enter(run_db, "460.00", "2026-09-08")
    run = service.payment_run(run_db, OCT, LATER, with_basis=False)
    closed = service.close_month(run_db, OCT, LATER, computed=run, stamp=service.data_stamp(run_db))
    (over,) = lines(closed, "overpayment")
    (undone,) = lines(closed, "overpayment_undone")
    links = run_db.execute("SELECT line_id, overpayment_id, closes FROM overpayment_undoings")
    assert links.fetchall() == [(undone.line_id, over.line_id, 1)]
    assert service.unsettled_overpayments(run_db) == []


def test_a_smaller_amount_leaves_the_rest_of_the_overpayment_open(run_db):
    paid_and_deleted(run_db)
    enter(run_db, "300.00", "2026-09-08")
    run = service.payment_run(run_db, NOV, LATER)
    assert one_off_lines(run) == [("overpayment_undone", SEP, Decimal("300.00"))]
    assert "razveljavljeno za 300,00 EUR; terja se še 160,00 EUR" in run.undone_lines()[0].reason
    service.close_month(run_db, NOV, LATER)
    (waiting,) = service.unsettled_overpayments(run_db)
    assert waiting.amount == Decimal("160.00") and waiting.found == Decimal("460.00")


def test_a_larger_amount_pays_only_what_is_above_the_overpayment(run_db):
    paid_and_deleted(run_db)
    enter(run_db, "500.00", "2026-09-08")
    run = service.payment_run(run_db, NOV, LATER)
    assert one_off_lines(run) == [
        ("one_off", SEP, Decimal("40.00")),
        ("overpayment_undone", SEP, Decimal("460.00")),
    ]
    service.close_month(run_db, NOV, LATER)
    assert service.unsettled_overpayments(run_db) == []
    assert one_off_lines(service.payment_run(run_db, DEC, LATER)) == []


def test_a_re_entered_amount_raised_later_undoes_what_was_left(run_db):
    paid_and_deleted(run_db)
    again = enter(run_db, "300.00", "2026-09-08")
    service.close_month(run_db, NOV, LATER)
    version = get_record(run_db, "one_off_payments", again)["version"]
    save_record(run_db, "one_off_payments", {"id": again, "version": version, "amount": "480.00"})
    run = service.payment_run(run_db, DEC, LATER)
    assert one_off_lines(run) == [
        ("arrears", SEP, Decimal("20.00")),
        ("overpayment_undone", SEP, Decimal("160.00")),
    ]
    service.close_month(run_db, DEC, LATER)
    assert service.unsettled_overpayments(run_db) == []


def test_two_overpayments_the_newest_first_also_when_the_screen_closes(run_db):
    """Two payments of the month deleted (200.00 then 300.00, the later one the newer
    line), one of 400.00 entered: the newer overpayment is undone whole, the older by
    100.00; the screen's close (lines without bases, made again with theirs) links each
    line to its own overpayment."""
    a = enter(run_db, "200.00", "2026-09-03")
    b = enter(run_db, "300.00", "2026-09-04")
    service.close_month(run_db, SEP, LATER)
    delete_one_off(run_db, a)
    delete_one_off(run_db, b)
    service.close_month(run_db, OCT, LATER)
    ids = {o.amount: o.line_id for o in service.unsettled_overpayments(run_db)}
    assert ids[Decimal("300.00")] > ids[Decimal("200.00")]
    enter(run_db, "400.00", "2026-09-05")
    run = service.payment_run(run_db, NOV, LATER, with_basis=False)
    assert [x.total for x in run.undone_lines()] == [Decimal("300.00"), Decimal("100.00")]
    closed = service.close_month(run_db, NOV, LATER, computed=run, stamp=service.data_stamp(run_db))
    by_line = {x.line_id: x.total for x in closed.undone_lines()}
    links = run_db.execute("SELECT line_id, overpayment_id, closes FROM overpayment_undoings")
    assert sorted((by_line[line], over, closes) for line, over, closes in links) == sorted(
        [
            (Decimal("300.00"), ids[Decimal("300.00")], 1),
            (Decimal("100.00"), ids[Decimal("200.00")], 0),
        ]
    )
    (waiting,) = service.unsettled_overpayments(run_db)
    assert (waiting.line_id, waiting.amount) == (ids[Decimal("200.00")], Decimal("100.00"))


def test_a_settled_overpayment_is_never_undone(run_db):
    paid_and_deleted(run_db)
    (waiting,) = service.unsettled_overpayments(run_db)
    service.settle_overpayment(run_db, waiting.line_id, "refund", None, "", LATER)
    enter(run_db, "460.00", "2026-09-08")
    run = service.payment_run(run_db, NOV, LATER)
    assert one_off_lines(run) == [("one_off", SEP, Decimal("460.00"))]  # the carer repays


def test_reopening_puts_the_overpayment_back_and_closing_again_undoes_it(run_db):
    paid_and_deleted(run_db)
    enter(run_db, "460.00", "2026-09-08")
    service.close_month(run_db, NOV, LATER)
    service.reopen_month(run_db, NOV, "popravek enkratnega izplačila", LATER)
    assert [o.amount for o in service.unsettled_overpayments(run_db)] == [Decimal("460.00")]
    assert run_db.execute("SELECT count(*) FROM overpayment_undoings").fetchone()[0] == 0
    closed = service.close_month(run_db, NOV, LATER)
    assert [x.total for x in closed.undone_lines()] == [Decimal("460.00")]
    assert lines(closed, "one_off") == []
    assert service.unsettled_overpayments(run_db) == []


def test_reopening_the_month_of_a_deletion_linked_within_it(run_db):
    paid_and_deleted(run_db, close_the_deletion=False)
    enter(run_db, "460.00", "2026-09-08")
    service.close_month(run_db, OCT, LATER)
    service.reopen_month(run_db, OCT, "popravek enkratnega izplačila", LATER)
    assert run_db.execute("SELECT count(*) FROM overpayment_undoings").fetchone()[0] == 0
    assert service.unsettled_overpayments(run_db) == []
    closed = service.close_month(run_db, OCT, LATER)
    assert [x.total for x in closed.undone_lines()] == [Decimal("460.00")]
    assert service.unsettled_overpayments(run_db) == []


@pytest.mark.parametrize(
    ("what", "entered"),
    [
        ("another kind", {"kind": "secondary_school"}),
        ("another month", {"day": "2026-10-07"}),
        ("another placement", {"key": "B", "day": "2026-09-20"}),
    ],
)
def test_a_payment_of_another_kind_month_or_placement_is_not_linked(run_db, what, entered):
    paid_and_deleted(run_db)
    enter(run_db, "460.00", **entered)
    run = service.payment_run(run_db, NOV, LATER)
    assert run.undone_lines() == [], what
    assert [x.total for x in lines(run, "one_off")] == [Decimal("460.00")]
    service.close_month(run_db, NOV, LATER)
    assert [o.amount for o in service.unsettled_overpayments(run_db)] == [Decimal("460.00")]


def test_the_window_is_told_before_it_saves(run_db):
    paid_and_deleted(run_db)
    a = run_db.ids["A"]
    carer = get_record(run_db, "placements", a)["carer_id"]

    def notice(amount: str, day: str = "2026-09-08", kind: str = "primary_school"):
        payment = OneOffPayment(carer, a, kind, Decimal(amount), D(day))
        return service.reentered_one_off_notice(run_db, payment)

    assert notice("500.00") == (
        "Izplačilo bo najprej razveljavilo odprto preplačilo 460,00 EUR izbrisanega "
        "enkratnega izplačila za september 2026 (ugotovljeno v izplačilu za oktober 2026), "
        "zato se izplača le 40,00 EUR."
    )
    assert notice("300.00").endswith(
        "zato se ne izplača nič; od preplačila se terja še 160,00 EUR."
    )
    assert notice("460.00").endswith("zato se ne izplača nič.")
    assert notice("460.00", kind="secondary_school") is None
    assert notice("460.00", day="2026-10-02") is None
    # a payment entered already takes part of it: the notice counts with what is left
    enter(run_db, "400.00", "2026-09-05")
    assert "preplačilo 60,00 EUR" in notice("100.00")


def test_no_notice_with_nothing_closed_or_nothing_deleted(run_db):
    a = run_db.ids["A"]
    carer = get_record(run_db, "placements", a)["carer_id"]
    payment = OneOffPayment(carer, a, "primary_school", Decimal("460.00"), SEP)
    assert service.reentered_one_off_notice(run_db, payment) is None
    enter(run_db, "460.00")
    service.close_month(run_db, SEP, LATER)
    assert service.reentered_one_off_notice(run_db, payment) is None


def test_cli_run_json_keeps_its_shape(run_db, tmp_path, capsys):
    """`run` prints the undone line under "overpayments_undone", never among "lines"."""
    from rejnistvo.cli import main

    paid_and_deleted(run_db)
    enter(run_db, "500.00", "2026-09-08")
    path = run_db.execute("PRAGMA database_list").fetchone()[2]
    run_db.close()  # the command opens the file itself (one program at a time)
    assert main(["run", "--db", str(path), "--month", "2026-11"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert set(doc) == {"month", "status", "lines", "total", "warnings", "overpayments_undone"}
    assert [(x["kind"], x["total"]) for x in doc["lines"] if x["kind"] != "month"] == [
        ("one_off", "40.00")
    ]
    assert [(x["kind"], x["for_month"], x["total"]) for x in doc["overpayments_undone"]] == [
        ("overpayment_undone", "2026-09", "460.00")
    ]


def test_the_same_row_given_its_deleted_id_again_is_a_corrected_amount(run_db):
    """SQLite gives the new row the deleted one's id (it had the highest); with the same
    placement, kind and day it is that payment with its amount corrected: the raised
    amount undoes the overpayment of the deletion and the rest is arrears."""
    first = paid_and_deleted(run_db)
    assert enter(run_db, "500.00") == first
    run = service.payment_run(run_db, NOV, LATER)
    assert one_off_lines(run) == [
        ("arrears", SEP, Decimal("40.00")),
        ("overpayment_undone", SEP, Decimal("460.00")),
    ]
