"""Defects a centre met playing a year of payment runs (round 8): each test fails on
the code before its fix. Own rate table (638.00 / 460.00), own placements."""

from dataclasses import replace
from datetime import date
from decimal import Decimal

from _payment_fixtures import D, add_placement

from rejnistvo.services import payment_run as service
from rejnistvo.services import rates as rate_service
from rejnistvo.services.placements import OneOffPayment, add_one_off, delete_one_off
from rejnistvo.store import get_record, save_record

SEP, OCT, NOV, DEC = D("2026-09-01"), D("2026-10-01"), D("2026-11-01"), D("2026-12-01")


def lines(run, kind=None):
    return [line for line in run.lines if kind is None or line.kind == kind]


def overlapping_r4(db, placement_id: int) -> None:
    """Two decided R-4 cases of one placement whose periods overlap (data the entry
    screens refuse, as an old file or an import may still hold it)."""
    for number, start in (("3-001/2026", "2026-07-01"), ("3-002/2026", "2026-11-15")):
        save_record(
            db,
            "r4_cases",
            {"placement_id": placement_id, "outcome": "increase", "decision_percent": 25,
             "decision_from": start, "decision_to": "2027-06-30", "resolution_no": number,
             "resolution_year": 2026, "subgroup_id": 3},
        )  # fmt: skip


def test_a_placement_the_run_cannot_compute_is_left_out_not_listed_as_overpaid(run_db, clock):
    """The run leaves out a placement whose data it cannot compute, with a warning: what
    was paid for its closed months is not an overpayment (it was listed as one, the full
    amount of every closed month, to be recovered from the family)."""
    for month in (SEP, OCT):
        service.close_month(run_db, month, clock)
    a = run_db.ids["A"]
    overlapping_r4(run_db, a)
    run = service.payment_run(run_db, NOV, clock)
    assert any("1220-A/2026" in w and "ni v izplačilu" in w for w in run.warnings)
    assert [line for line in run.lines if line.placement_id == a] == []
    assert run.overpayments == Decimal("0.00")


def test_the_placement_left_out_is_paid_its_months_once_its_data_is_mended(run_db, clock):
    """November closed without the placement; once the overlap is mended the next run pays
    November as arrears and compares the earlier months as usual."""
    for month in (SEP, OCT):
        service.close_month(run_db, month, clock)
    a = run_db.ids["A"]
    overlapping_r4(run_db, a)
    service.close_month(run_db, NOV, clock)
    second = run_db.execute(
        "SELECT id, version FROM r4_cases WHERE resolution_no = '3-002/2026'"
    ).fetchone()
    save_record(
        run_db, "r4_cases", {"id": second[0], "version": second[1], "outcome": "no_increase",
                             "decision_percent": None},
    )  # fmt: skip
    run = service.payment_run(run_db, DEC, clock)
    mine = [(x.kind, x.for_month, x.total) for x in run.lines if x.placement_id == a]
    # the R-4 of 1 July: +25 % of the fee (115.00) for September and October, paid without
    # it; November was not paid at all
    assert mine == [
        ("month", DEC, Decimal("1213.00")),
        ("arrears", SEP, Decimal("115.00")),
        ("arrears", OCT, Decimal("115.00")),
        ("arrears", NOV, Decimal("1213.00")),
    ]
    assert run.overpayments == Decimal("0.00")


def _paid_one_off_deleted(run_db, clock) -> int:  # type: ignore[no-untyped-def]
    """A one-off payment of placement A dated in September, paid with September's close,
    then deleted: its id."""
    a = run_db.ids["A"]
    carer = get_record(run_db, "placements", a)["carer_id"]
    one_off = add_one_off(
        run_db,
        OneOffPayment(carer, a, "primary_school", Decimal("460.00"), date(2026, 9, 7), "šola"),
        None,
    )
    service.close_month(run_db, SEP, clock)
    delete_one_off(run_db, one_off)
    return one_off


def test_a_paid_one_off_payment_deleted_later_is_an_overpayment(run_db, clock):
    """A one-off payment paid in a closed month and deleted afterwards: what was paid is
    listed as an overpayment (it vanished without a trace before)."""
    one_off = _paid_one_off_deleted(run_db, clock)
    run = service.payment_run(run_db, OCT, clock)
    over = lines(run, "overpayment")
    assert [(x.for_month, x.total, x.contract, x.one_off_id) for x in over] == [
        (SEP, Decimal("-460.00"), "1220-A/2026", one_off)
    ]
    assert "izbrisano" in over[0].reason
    closed = service.close_month(run_db, OCT, clock)
    assert closed.overpayments == Decimal("460.00")
    # listed once: the ledger now holds the payment and its overpayment
    assert lines(service.payment_run(run_db, NOV, clock), "overpayment") == []


def test_a_rate_correction_does_not_blame_a_later_end_of_the_placement(run_db, clock):
    """September's difference comes from the corrected rate row alone: the placement's
    end on 15 November (after September) is not a reason of September's line."""
    for month in (SEP, OCT):
        service.close_month(run_db, month, clock)
    a = run_db.ids["A"]
    record = get_record(run_db, "placements", a)
    period = dict(record["periods"][0])
    period["to_date"] = date(2026, 10, 15)
    save_record(run_db, "placements", {"id": a, "version": record["version"], "periods": [period]})
    row = rate_service.list_rates(run_db)[0]
    rate_service.correct_rate(run_db, row.id, row.version, row.valid_from, "640.00", "460.00", "x")
    run = service.payment_run(run_db, NOV, clock)
    by_month = {x.for_month: x for x in run.lines if x.placement_id == a}
    assert (
        by_month[SEP].reason == "popravljen znesek od 1. 11. 2025 (oskrbnina 638,00 → 640,00 EUR)"
    )
    assert "namestitev se je končala 15. 10. 2026" in by_month[OCT].reason


def test_a_month_paid_nothing_names_the_document_that_brings_its_days(run_db, clock):
    """An annex entered after the months it covers were closed: the reason names the annex
    and its day, as SPEC 3.6 asks ("the annex of 15. 9. 2026"), not only that nothing
    was paid."""
    c = run_db.ids["C"]  # 2025-06-01 … 2026-11-30
    record = get_record(run_db, "placements", c)
    period = dict(record["periods"][0])
    period["to_date"] = date(2026, 8, 31)
    save_record(run_db, "placements", {"id": c, "version": record["version"], "periods": [period]})
    for month in (SEP, OCT):
        service.close_month(run_db, month, clock)
    record = get_record(run_db, "placements", c)
    annex = {"kind": "annex", "document_no": "Aneks 1", "from_date": date(2026, 9, 15),
             "to_date": None}  # fmt: skip
    save_record(
        run_db, "placements",
        {"id": c, "version": record["version"], "periods": [*record["periods"], annex]},
    )  # fmt: skip
    run = service.payment_run(run_db, NOV, clock)
    by_month = {x.for_month: x for x in run.lines if x.placement_id == c and x.kind == "arrears"}
    assert set(by_month) == {SEP, OCT}
    assert "Aneks 1 od 15. 9. 2026" in by_month[SEP].reason
    assert "Aneks 1 od 15. 9. 2026" in by_month[OCT].reason
    assert by_month[SEP].reason.startswith("za september 2026 ob zaključku meseca ni bilo")


def test_the_screen_closes_the_deleted_one_off_overpayment_as_a_computed_close_would(run_db, clock):
    """The Izplačila screen's run (no bases) closed as it is writes the overpayment of the
    deleted one-off with the basis it was paid with, like the close that computes."""
    one_off = _paid_one_off_deleted(run_db, clock)
    run = service.payment_run(run_db, OCT, clock, with_basis=False)
    assert [x.inputs for x in lines(run, "overpayment")] == [None]
    closed = service.close_month(run_db, OCT, clock, computed=run, stamp=service.data_stamp(run_db))
    assert closed.overpayments == Decimal("460.00")
    over = lines(service.payment_run(run_db, OCT, clock), "overpayment")
    assert [(x.total, x.one_off_id) for x in over] == [(Decimal("-460.00"), one_off)]
    assert over[0].inputs == {
        "one_off": {"kind": "primary_school", "amount": "460.00", "date": "2026-09-07"}
    }


def test_a_paid_placement_keeps_its_carer_so_arrears_go_to_who_cared_then(run_db, clock):
    """Changing the carer of a placement paid in a closed month is refused: the next run
    would have paid October's arrears (a late R-4 from 1 October) to the new carer."""
    import pytest

    from rejnistvo.rules.errors import InputError
    from rejnistvo.services.placements import get_placement, save_placement

    for month in (SEP, OCT):
        service.close_month(run_db, month, clock)
    a = run_db.ids["A"]
    other = save_record(run_db, "carers", {"name": "Nova Rejnica", "centre_id": 1, "unit_id": 1})
    placement = replace(get_placement(run_db, a), carer_centre_id=1)
    with pytest.raises(InputError) as refused:
        save_placement(run_db, replace(placement, carer_id=other))
    assert refused.value.field == "carer_id"
    assert "»Do«" in refused.value.message
    assert get_record(run_db, "placements", a)["carer_id"] == placement.carer_id
    # a placement not paid yet may still be corrected
    later = add_placement(run_db, "E", "2027-01-01", None, 0, None)
    e = replace(get_placement(run_db, later), carer_centre_id=1)
    save_placement(run_db, replace(e, carer_id=other))
    assert get_record(run_db, "placements", later)["carer_id"] == other


def test_a_new_one_off_payment_given_a_deleted_ones_id_is_paid(run_db, clock):
    """SQLite gives a new row the id of a deleted one that had the highest id: the new
    one-off payment (another child, same amount) was taken for the deleted one, already
    paid, and was never paid; the deleted one was never recovered."""
    a, b = run_db.ids["A"], run_db.ids["B"]
    carer_a = get_record(run_db, "placements", a)["carer_id"]
    carer_b = get_record(run_db, "placements", b)["carer_id"]
    first = add_one_off(
        run_db,
        OneOffPayment(carer_a, a, "primary_school", Decimal("460.00"), date(2026, 9, 7), "A"),
        None,
    )
    service.close_month(run_db, SEP, clock)
    delete_one_off(run_db, first)
    second = add_one_off(
        run_db,
        OneOffPayment(carer_b, b, "primary_school", Decimal("460.00"), date(2026, 10, 5), "B"),
        None,
    )
    assert second == first  # the id is given again
    run = service.payment_run(run_db, OCT, clock)
    got = [
        (x.kind, x.for_month, x.contract, x.total) for x in run.lines if x.one_off_id is not None
    ]
    assert sorted(got) == [
        ("one_off", OCT, "1220-B/2026", Decimal("460.00")),
        ("overpayment", SEP, "1220-A/2026", Decimal("-460.00")),
    ]
    service.close_month(run_db, OCT, clock)
    later = service.payment_run(run_db, NOV, clock)
    assert [x for x in later.lines if x.one_off_id is not None] == []
