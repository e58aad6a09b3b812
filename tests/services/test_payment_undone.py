"""An overpayment given back by a later change (SPEC 3.6, schema step m014): the run
does not pay the difference as arrears while the overpayment waits on *Roki*; it undoes
the overpayment (whole or in part) in the closing transaction, audited, shown apart."""

import re
from datetime import date
from decimal import Decimal

import pytest
from _payment_fixtures import D

from rejnistvo.clock import FixedClock
from rejnistvo.rules.errors import InputError
from rejnistvo.rules.payment_run import Amounts, undo_of
from rejnistvo.services import payment_run as service
from rejnistvo.store import get_record, save_record
from rejnistvo.store.audit import audit_rows

SEP, OCT, NOV, DEC, JAN, FEB = (
    D("2026-09-01"), D("2026-10-01"), D("2026-11-01"), D("2026-12-01"), D("2027-01-01"),
    D("2027-02-01"),
)  # fmt: skip
LATER = FixedClock(date(2027, 3, 10))
# 638.00 + 460.00 a month (the tests' own table, conftest.own_rates)
DAY = Decimal("1098.00") / 30


def lines(run, kind):
    return [line for line in run.lines if line.kind == kind]


def c_ends(db, end: str | None) -> None:
    """Placement C (from 1. 6. 2025) ends on `end` (None: open)."""
    c = db.ids["C"]
    placement = get_record(db, "placements", c)
    periods = placement["periods"]
    periods[0]["to_date"] = None if end is None else date.fromisoformat(end)
    save_record(db, "placements", {"id": c, "version": placement["version"], "periods": periods})


def overpaid_october(db) -> int:
    """September to November closed; C's end moved from 30. 11. to 15. 10. before
    November's close: October's overpayment (16.–31. 10.) and November's are found by
    November's run and wait on Roki. Returns October's line id."""
    for month in (SEP, OCT):
        service.close_month(db, month, LATER)
    c_ends(db, "2026-10-15")
    service.close_month(db, NOV, LATER)
    waiting = {o.for_month: o for o in service.unsettled_overpayments(db)}
    assert waiting[OCT].amount == Decimal("1098.00") - Decimal("549.00")  # 15/30 paid
    return waiting[OCT].line_id


def test_an_end_removed_undoes_the_open_overpayment_instead_of_paying_arrears(run_db):
    oct_line = overpaid_october(run_db)
    c_ends(run_db, None)  # the end date was a mistake: removed
    run = service.payment_run(run_db, DEC, LATER)
    c = run_db.ids["C"]
    assert [x for x in lines(run, "arrears") if x.placement_id == c and x.for_month == OCT] == []
    undone = {x.for_month: x for x in lines(run, "overpayment_undone")}
    assert set(undone) == {OCT}  # November was never paid for C: arrears, nothing to undo
    assert undone[OCT].amounts.total == Decimal("549.00")
    assert "razveljavljeno v celoti" in undone[OCT].reason
    assert "ugotovljeno v izplačilu za november 2026" in undone[OCT].reason
    # not paid: the run pays the months and November's arrears only
    assert run.total == sum(x.total for x in run.lines if x.kind in ("month", "arrears"))
    doc = service.run_document(run)
    # SPEC 6's lines keep their four kinds; the undone part is a list of its own
    assert "overpayment_undone" not in {x["kind"] for x in doc["lines"]}
    assert [x["for_month"] for x in doc["overpayments_undone"]] == ["2026-10"]
    assert sum(x["total"] for x in doc["lines"] if x["kind"] != "overpayment") == run.total
    service.close_month(run_db, DEC, LATER)
    waiting = [o.line_id for o in service.unsettled_overpayments(run_db)]
    assert oct_line not in waiting
    (found,) = [x for x in service.payment_run(run_db, NOV, LATER).lines if x.line_id == oct_line]
    assert found.cleared and found.left == 0
    assert "razveljavljeno v celoti v izplačilu za december 2026" in found.settlement
    audit = audit_rows(run_db, "overpayment_undoings")
    assert audit[-1]["after"]["overpayment_line_id"] == oct_line
    assert audit[-1]["after"]["closes"] is True
    # the ledger now holds today's figure: nothing more for October, ever
    jan = service.payment_run(run_db, JAN, LATER)
    assert [x for x in jan.lines if x.placement_id == c and x.for_month == OCT] == []


def test_november_overpayment_found_and_undone_the_same_way(run_db):
    overpaid_october(run_db)
    c_ends(run_db, None)
    service.close_month(run_db, DEC, LATER)
    # November was paid in November's run (the end was moved before it closed): C's
    # November month line is missing, so December's run pays November as arrears
    # (there was no overpayment for it; nothing to undo).
    closed = service.payment_run(run_db, DEC, LATER)
    nov = [x for x in closed.lines if x.placement_id == run_db.ids["C"] and x.for_month == NOV]
    assert [x.kind for x in nov] == ["arrears"]
    assert service.unsettled_overpayments(run_db) == []


def test_a_partial_give_back_reduces_the_overpayment_and_the_rest_waits(run_db):
    oct_line = overpaid_october(run_db)
    c_ends(run_db, "2026-10-25")  # ten of the sixteen days back
    run = service.payment_run(run_db, DEC, LATER)
    undone = lines(run, "overpayment_undone")
    assert [x.amounts.total for x in undone] == [Decimal("366.00")]  # 10/30 of 1098.00
    assert "terja se še 183,00 EUR" in undone[0].reason
    assert [x for x in lines(run, "arrears") if x.for_month == OCT] == []
    service.close_month(run_db, DEC, LATER)
    waiting = {o.line_id: o for o in service.unsettled_overpayments(run_db)}
    assert waiting[oct_line].amount == Decimal("183.00")
    assert "Preplačilo 183,00 EUR za oktober 2026 (ugotovljenih 549,00 EUR" in (
        waiting[oct_line].text
    )
    # November's closed run shows it on the overpayment's line, still open
    (found,) = [x for x in service.payment_run(run_db, NOV, LATER).lines if x.line_id == oct_line]
    assert found.settlement == (
        "s poznejšo spremembo razveljavljeno za 366,00 EUR v izplačilu za december 2026"
    )
    assert found.left == Decimal("183.00") and not found.cleared
    # settled for what is left: the audit says so
    service.settle_overpayment(run_db, oct_line, "refund", None, "", LATER)
    assert audit_rows(run_db, "overpayment_settlements")[-1]["after"]["amount"] == "183.00"
    # a settled overpayment given back later is owed to the carer: arrears are paid
    c_ends(run_db, None)
    jan = service.payment_run(run_db, JAN, LATER)
    arrears = [x for x in lines(jan, "arrears") if x.for_month == OCT]
    assert [x.amounts.total for x in arrears] == [Decimal("183.00")]
    assert lines(jan, "overpayment_undone") == []


def test_a_settled_overpayment_given_back_is_paid_as_arrears(run_db):
    oct_line = overpaid_october(run_db)
    service.settle_overpayment(run_db, oct_line, "offset", DEC, "", LATER)
    c_ends(run_db, None)
    run = service.payment_run(run_db, DEC, LATER)
    arrears = [x for x in lines(run, "arrears") if x.for_month == OCT]
    assert [x.amounts.total for x in arrears] == [Decimal("549.00")]
    assert lines(run, "overpayment_undone") == []


def test_given_back_in_the_open_month_and_taken_again_before_the_close(run_db):
    oct_line = overpaid_october(run_db)
    c_ends(run_db, None)
    assert lines(service.payment_run(run_db, DEC, LATER), "overpayment_undone")
    c_ends(run_db, "2026-10-15")  # back as it was: the preview shows nothing
    run = service.payment_run(run_db, DEC, LATER)
    assert lines(run, "overpayment_undone") == [] and lines(run, "arrears") == []
    service.close_month(run_db, DEC, LATER)
    assert oct_line in [o.line_id for o in service.unsettled_overpayments(run_db)]


def test_reopening_the_month_that_undid_it_puts_it_back_and_closing_again_undoes_it(run_db):
    oct_line = overpaid_october(run_db)
    c_ends(run_db, None)
    service.close_month(run_db, DEC, LATER)
    service.reopen_month(run_db, DEC, "popravek zneskov", LATER)
    assert oct_line in [o.line_id for o in service.unsettled_overpayments(run_db)]
    assert run_db.execute("SELECT count(*) FROM overpayment_undoings").fetchone()[0] == 0
    closed = service.close_month(run_db, DEC, LATER)
    assert [x.amounts.total for x in lines(closed, "overpayment_undone")] == [Decimal("549.00")]
    assert oct_line not in [o.line_id for o in service.unsettled_overpayments(run_db)]
    # read back from the ledger, as paid: the line is there, not paid
    again = service.payment_run(run_db, DEC, LATER)
    assert [x.kind for x in again.lines] == [x.kind for x in closed.lines]
    assert again.total == closed.total


def test_a_month_whose_undoing_was_settled_after_cannot_be_reopened(run_db):
    oct_line = overpaid_october(run_db)
    c_ends(run_db, "2026-10-25")
    service.close_month(run_db, DEC, LATER)
    service.settle_overpayment(run_db, oct_line, "refund", None, "", LATER)
    with pytest.raises(InputError) as caught:
        service.reopen_month(run_db, DEC, "popravek zneskov", LATER)
    assert "razveljavilo preplačilo" in caught.value.message


def test_a_wholly_undone_overpayment_cannot_be_settled(run_db):
    oct_line = overpaid_october(run_db)
    c_ends(run_db, None)
    service.close_month(run_db, DEC, LATER)
    with pytest.raises(InputError) as caught:
        service.settle_overpayment(run_db, oct_line, "refund", None, "", LATER)
    assert "razveljavljeno v celoti" in caught.value.message


def test_a_restored_r4_decision_undoes_the_fee_uplift_component(run_db):
    """The R-4 uplift (+25 % of the fee from 1. 10.) cancelled after October and
    November closed, found by December's run, then restored: each month's fee uplift
    is given back, component by component."""
    a = run_db.ids["A"]
    case = save_record(
        run_db,
        "r4_cases",
        {"placement_id": a, "outcome": "increase", "decision_percent": 25,
         "decision_from": "2026-10-01", "decision_to": "2027-09-30",
         "resolution_no": "3-017/2026", "resolution_year": 2026, "subgroup_id": 3},
    )  # fmt: skip
    for month in (SEP, OCT, NOV):
        service.close_month(run_db, month, LATER)
    version = get_record(run_db, "r4_cases", case)["version"]
    save_record(run_db, "r4_cases", {"id": case, "version": version, "outcome": "no_increase"})
    service.close_month(run_db, DEC, LATER)
    waiting = [o for o in service.unsettled_overpayments(run_db) if o.for_month in (OCT, NOV)]
    assert [o.amount for o in waiting] == [Decimal("115.00")] * 2  # 25 % of 460.00
    version = get_record(run_db, "r4_cases", case)["version"]
    save_record(run_db, "r4_cases", {"id": case, "version": version, "outcome": "increase"})
    run = service.payment_run(run_db, JAN, LATER)
    undone = lines(run, "overpayment_undone")
    assert {x.for_month for x in undone} == {OCT, NOV}
    assert all(x.amounts == Amounts(fee=Decimal("115.00"), fee_uplift=Decimal("115.00"),
                                    total=Decimal("115.00")) for x in undone)  # fmt: skip
    # December was paid without the uplift and never overpaid: its arrears are paid
    assert [x.for_month for x in lines(run, "arrears") if x.placement_id == a] == [DEC]
    service.close_month(run_db, JAN, LATER)
    assert [o for o in service.unsettled_overpayments(run_db) if o.for_month in (OCT, NOV)] == []


def test_undo_of_components():
    def A(board="0", inc="0", fee="0", up="0"):  # noqa: N802
        b, f = Decimal(board), Decimal(fee)
        return Amounts(b, Decimal(inc), f, Decimal(up), b + f)

    # a part given back, within each component
    assert undo_of(A("20", fee="10"), A("-50", fee="-40")) == A("20", fee="10")
    # more than the overpayment: only what it holds
    assert undo_of(A("80"), A("-50")) == A("50")
    # a rise of another component gives nothing back
    assert undo_of(A(fee="30"), A("-50")) == A()
    # a further fall is no give-back
    assert undo_of(A("-10"), A("-50")) == A()
    # components that netted a rise against a fall: never more than the total
    assert undo_of(A("50"), A("-50", fee="10")) == A("50", fee="-10")
    # the increase part within the board
    assert undo_of(A("30", inc="30"), A("-30", inc="-30")) == A("30", inc="30")


def test_exports_show_the_undone_overpayment_apart_and_sepa_pays_none_of_it(run_db, tmp_path):
    import subprocess

    from openpyxl import load_workbook

    from rejnistvo.services import payment_exports as exports

    overpaid_october(run_db)
    c_ends(run_db, None)
    run = service.close_month(run_db, DEC, LATER)
    run = service.payment_run(run_db, DEC, LATER)  # as the ledger reads it
    assert run.undone == Decimal("549.00")
    text = exports.write_csv(run, tmp_path / "r.csv").read_text(encoding="utf-8-sig")
    head, undone_part = text.split(exports.UNDONE_HEADING)
    assert "razveljavljeno preplačilo" not in head
    assert "razveljavljeno preplačilo" in undone_part and "SKUPAJ RAZVELJAVLJENO" in undone_part
    assert "549,00" in undone_part
    book = load_workbook(exports.write_xlsx(run, tmp_path / "r.xlsx"))
    rows = [r for r in book["Razveljavljena preplačila"].iter_rows(values_only=True)]
    assert rows[2][6] == "razveljavljeno preplačilo" and rows[-1][14] == 549
    pdf = exports.write_pdf(run, tmp_path / "r.pdf", LATER.today())
    words = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True,
                           text=True, check=True).stdout  # fmt: skip
    assert "Razveljavljena preplačila" in words and "Skupaj razveljavljeno" in words
    xml = exports.write_sepa(
        run, tmp_path / "r.xml", "SI56020108128219338", "CSD", LATER.today()
    ).read_text(encoding="utf-8")
    sums = re.findall(r'<InstdAmt Ccy="EUR">([0-9.]+)</InstdAmt>', xml)
    assert sum(Decimal(a) for a in sums) == run.total
    assert run.total == sum(x.total for x in run.paid_lines())


def test_a_one_off_amount_raised_back_undoes_the_overpayment_of_its_lowering(run_db):
    a = run_db.ids["A"]
    carer = run_db.execute("SELECT carer_id FROM placements WHERE id = ?", [a]).fetchone()[0]
    payment = save_record(
        run_db,
        "one_off_payments",
        {"carer_id": carer, "placement_id": a, "kind": "primary_school", "amount": "460.00",
         "date": "2026-09-15"},
    )  # fmt: skip

    def amount(value: str) -> None:
        version = get_record(run_db, "one_off_payments", payment)["version"]
        save_record(
            run_db, "one_off_payments", {"id": payment, "version": version, "amount": value}
        )

    service.close_month(run_db, SEP, LATER)
    amount("300.00")  # lowered by mistake: October's run finds 160.00 overpaid
    service.close_month(run_db, OCT, LATER)
    (waiting,) = service.unsettled_overpayments(run_db)
    assert waiting.amount == Decimal("160.00")
    amount("500.00")  # back, and 40.00 more
    run = service.payment_run(run_db, NOV, LATER)
    (undone,) = lines(run, "overpayment_undone")
    assert (undone.for_month, undone.total) == (SEP, Decimal("160.00"))
    assert "razveljavljeno v celoti" in undone.reason
    assert [x.total for x in lines(run, "arrears")] == [Decimal("40.00")]
    service.close_month(run_db, NOV, LATER)
    assert service.unsettled_overpayments(run_db) == []
    dec = service.payment_run(run_db, DEC, LATER)
    assert [x for x in dec.lines if x.kind != "month"] == []
