"""services.payment_run (SPEC 3.6): run, close, arrears = today's calculation − paid,
overpayments apart, reopen with a reason, months in order, settlements."""

from datetime import date
from decimal import Decimal

import pytest
from _payment_fixtures import TODAY, D, expected, late_r4_decision

from rejnistvo.rules.errors import InputError
from rejnistvo.services import payment_run as service
from rejnistvo.services import rates as rate_service
from rejnistvo.store import get_record, save_record
from rejnistvo.store.audit import audit_rows

SEP, OCT, NOV, DEC = D("2026-09-01"), D("2026-10-01"), D("2026-11-01"), D("2026-12-01")
R2025 = ("2025-11-01", "638.00", "460.00")


def lines(run, kind):
    return [line for line in run.lines if line.kind == kind]


def close_three(db, clock):
    for month in (SEP, OCT, NOV):
        service.close_month(db, month, clock)


def test_run_of_a_month_has_one_line_per_placed_placement_with_totals(run_db, clock):
    run = service.payment_run(run_db, SEP, clock)
    assert run.status == "open"
    by_child = {line.child: line for line in lines(run, "month")}
    assert set(by_child) == {"Otrok A", "Otrok B", "Otrok C"}
    b = by_child["Otrok B"]  # 10. 9. – 30. 9.: 21 days, 21/30
    assert (b.days, b.factor) == (21, "21/30")
    assert (b.amounts.board, b.amounts.fee, b.total) == (
        Decimal("446.60"), Decimal("322.00"), Decimal("768.60"),
    )  # fmt: skip
    assert by_child["Otrok A"].total == Decimal("1098.00")
    assert run.total == Decimal("2964.60")
    per_unit = dict(run.totals_by("unit"))
    assert sum(per_unit.values()) == run.total and len(per_unit) == 2
    assert run.totals_by("centre") == [(b.centre, run.total)]


def test_closing_writes_the_ledger_with_date_and_user_audited(run_db, clock):
    closed = service.close_month(run_db, SEP, clock)
    assert closed.status == "closed" and closed.closed_on == TODAY
    assert closed.total == Decimal("2964.60")
    assert all(line.line_id for line in closed.lines)
    audit = [row for row in audit_rows(run_db, "payment_runs") if row["action"] == "close"]
    assert audit and audit[-1]["after"]["total"] == "2964.60"


def test_a_close_has_a_larger_page_cache_and_leaves_the_files_own(run_db, clock, monkeypatch):
    from rejnistvo.store import ledger

    seen = []
    write = ledger.LineWriter.write

    def watching(writer, entries, written=None):
        seen.append(writer.db.execute("PRAGMA cache_size").fetchone()[0])
        return write(writer, entries, written)

    monkeypatch.setattr(ledger.LineWriter, "write", watching)
    run_db.execute("PRAGMA cache_size = -3000")
    service.close_month(run_db, SEP, clock)
    assert seen == [-ledger.CLOSE_CACHE_KIB]
    assert run_db.execute("PRAGMA cache_size").fetchone()[0] == -3000


def test_backdated_rate_gives_arrears_equal_to_today_minus_paid_line_by_line(run_db, clock):
    close_three(run_db, clock)
    paid = {
        (line.child, line.for_month): line.amounts
        for month in (SEP, OCT, NOV)
        for line in service.payment_run(run_db, month, clock).lines
    }
    rate_service.add_rate(run_db, "2026-03-01", "655.23", "472.42", "test: 2026")
    run = service.payment_run(run_db, DEC, clock)
    arrears = lines(run, "arrears")
    assert len(arrears) == 9  # three placements × September, October, November
    periods = {"Otrok A": [("2026-01-01", None)], "Otrok B": [("2026-09-10", None)],
               "Otrok C": [("2025-06-01", "2026-11-30")]}  # fmt: skip
    for line in arrears:
        today = expected(
            line.for_month, periods[line.child], [R2025, ("2026-03-01", "655.23", "472.42")]
        )
        was = paid[(line.child, line.for_month)]
        assert line.amounts.total == today.total - was.total
        assert line.amounts.board == today.board - was.board
        assert line.amounts.fee == today.fee - was.fee
        assert "dodan znesek od 1. 3. 2026" in line.reason
    assert run.total == sum(line.total for line in run.lines)
    # The closed month still shows exactly what was paid.
    october = service.payment_run(run_db, OCT, clock)
    assert {line.total for line in october.lines} == {Decimal("1098.00")}


def test_arrears_are_paid_once(run_db, clock):
    service.close_month(run_db, SEP, clock)
    rate_service.add_rate(run_db, "2026-03-01", "655.23", "472.42", "test: 2026")
    service.close_month(run_db, OCT, clock)
    run = service.payment_run(run_db, NOV, clock)
    assert lines(run, "arrears") == []


def test_lower_backdated_row_gives_overpayments_apart_never_deducted(run_db, clock):
    close_three(run_db, clock)
    rate_service.add_rate(run_db, "2026-10-01", "600.00", "450.00", "test: napačen")
    run = service.payment_run(run_db, DEC, clock)
    over = lines(run, "overpayment")
    assert over and all(line.total < 0 for line in over)
    assert {line.for_month for line in over} == {OCT, NOV}
    assert run.total == sum(line.total for line in lines(run, "month"))
    assert run.overpayments == -sum(line.total for line in over)
    # Closed with the overpayments: they wait on the deadlines screen, listed once.
    service.close_month(run_db, DEC, clock)
    waiting = service.unsettled_overpayments(run_db)
    assert len(waiting) == len(over) and all(o.amount > 0 for o in waiting)
    assert "Preplačilo" in waiting[0].text
    later = service.payment_run(run_db, D("2027-01-01"), clock)
    assert lines(later, "overpayment") == []


def test_settling_an_overpayment_takes_it_off_the_list(run_db, clock):
    close_three(run_db, clock)
    rate_service.add_rate(run_db, "2026-10-01", "600.00", "450.00", "test: napačen")
    service.close_month(run_db, DEC, clock)
    first, *rest = service.unsettled_overpayments(run_db)
    with pytest.raises(InputError) as caught:
        service.settle_overpayment(run_db, first.line_id, "offset", None, "", clock)
    assert caught.value.field == "offset_month"
    # found by December's run: an offset month before it is refused, nothing written
    with pytest.raises(InputError) as caught:
        service.settle_overpayment(run_db, first.line_id, "offset", D("2020-01-01"), "", clock)
    assert caught.value.field == "offset_month" and "december 2026" in caught.value.message
    assert first.line_id in [o.line_id for o in service.unsettled_overpayments(run_db)]
    service.settle_overpayment(run_db, first.line_id, "offset", D("2027-01-01"), "", clock)
    assert [o.line_id for o in service.unsettled_overpayments(run_db)] == [o.line_id for o in rest]
    closed = service.payment_run(run_db, DEC, clock)
    settled = [line for line in closed.lines if line.line_id == first.line_id][0]
    assert "januar 2027" in settled.settlement
    with pytest.raises(InputError):
        service.reopen_month(run_db, DEC, "napaka v zneskih", clock)


def test_late_r4_decision_and_ended_placement_explained_in_words(run_db, clock):
    close_three(run_db, clock)
    ids = run_db.ids
    late_r4_decision(run_db)
    placement = get_record(run_db, "placements", ids["C"])
    periods = placement["periods"]
    periods[0]["to_date"] = date(2026, 10, 10)
    save_record(run_db, "placements", {"id": ids["C"], "periods": periods})
    run = service.payment_run(run_db, DEC, clock)
    a = [line for line in lines(run, "arrears") if line.child == "Otrok A"]
    assert {line.for_month for line in a} == {OCT, NOV}
    assert all("sklep R-4 3-017/2026 od 1. 10. 2026" in line.reason for line in a)
    today = expected(
        OCT, [("2026-01-01", None)], [R2025], uplifts=[(25, "2026-10-01", "2027-09-30")]
    )
    assert a[0].amounts.fee_uplift == today.fee_uplift == Decimal("115.00")
    c = {line.for_month: line for line in lines(run, "overpayment") if line.child == "Otrok C"}
    assert "namestitev se je končala 10. 10. 2026" in c[OCT].reason
    assert c[NOV].total == Decimal("-1098.00")
    assert "10. 10. 2026" in c[NOV].reason


def test_reopen_only_the_latest_with_a_reason_audited(run_db, clock):
    close_three(run_db, clock)
    with pytest.raises(InputError) as caught:
        service.reopen_month(run_db, OCT, "napaka pri zneskih", clock)
    assert "november 2026" in caught.value.message
    with pytest.raises(InputError) as caught:
        service.reopen_month(run_db, NOV, "  ", clock)
    assert caught.value.field == "reason"
    assert "vsaj 5 znakov" in caught.value.message  # the rule, not »nekaj besed«
    service.reopen_month(run_db, NOV, "napačno vnesen aneks", clock)
    assert service.payment_run(run_db, NOV, clock).status == "open"
    audit = [row for row in audit_rows(run_db, "payment_runs") if row["action"] == "reopen"]
    assert audit[-1]["after"]["reason"] == "napačno vnesen aneks"
    service.close_month(run_db, NOV, clock)


def test_months_close_in_order_and_runs_name_the_month_to_run(run_db, clock):
    service.close_month(run_db, SEP, clock)
    with pytest.raises(InputError) as caught:
        service.close_month(run_db, NOV, clock)
    assert "2026-10" in caught.value.message
    with pytest.raises(InputError) as caught:
        service.payment_run(run_db, NOV, clock)
    assert "2026-10" in caught.value.message
    with pytest.raises(InputError) as caught:
        service.payment_run(run_db, D("2026-08-01"), clock)
    assert "september 2026" in caught.value.message and "2026-09" in caught.value.message
    with pytest.raises(InputError):
        service.close_month(run_db, SEP, clock)  # already closed
    close_three_rest = (OCT, NOV, DEC)
    for month in close_three_rest:
        service.close_month(run_db, month, clock)
    with pytest.raises(InputError) as caught:
        service.close_month(run_db, D("2027-01-01"), clock)  # not begun on 10. 12. 2026
    assert "se še ni začel" in caught.value.message


def test_one_off_payments_are_their_own_lines(run_db, clock):
    service.close_month(run_db, SEP, clock)
    carer = get_record(run_db, "placements", run_db.ids["B"])["carer_id"]
    save_record(
        run_db,
        "one_off_payments",
        {"carer_id": carer, "placement_id": run_db.ids["B"], "kind": "first_placement",
         "amount": "430.00", "date": "2026-09-12"},
    )  # fmt: skip
    run = service.payment_run(run_db, OCT, clock)
    one = lines(run, "one_off")
    assert len(one) == 1 and one[0].total == Decimal("430.00") and one[0].for_month == SEP
    assert "vpisano po zaključku" in one[0].reason
    assert run.total == sum(line.total for line in run.lines)
    service.close_month(run_db, OCT, clock)
    assert lines(service.payment_run(run_db, NOV, clock), "one_off") == []


def test_every_line_carries_calc_inputs(run_db, clock):
    service.close_month(run_db, SEP, clock)
    rate_service.add_rate(run_db, "2026-03-01", "655.23", "472.42", "test: 2026")
    run = service.payment_run(run_db, OCT, clock)
    doc = service.run_document(run)
    assert set(doc) == {"month", "status", "lines", "total", "warnings"}
    for line in doc["lines"]:
        assert set(line) == {
            "placement", "carer", "child", "contract", "kind", "for_month", "days", "board",
            "board_increase", "fee", "fee_uplift", "total", "reason", "inputs",
        }  # fmt: skip
        assert set(line["inputs"]) >= {
            "placement",
            "months",
            "board_increases",
            "fee_uplifts",
            "rates",
        }
        assert line["inputs"]["months"] == [line["for_month"]]


def test_stale_rates_warn_in_the_run(run_db, clock):
    run = service.payment_run(run_db, D("2027-03-01"), clock)
    assert any("1. 3. 2026" in w for w in run.warnings)


def test_cancelled_close_writes_nothing(run_db, clock):
    with pytest.raises(service.RunCancelled):
        service.close_month(run_db, SEP, clock, progress=lambda done, total: False)
    assert service.closed_months(run_db) == []


def test_lines_come_in_slovenian_order_of_the_carers_surnames(run_db, clock):
    # A and C are in one unit. By the whole name (and by code point, č after z) Ana Zupan
    # came first; the run (screen, PDF, CSV, SEPA) orders as the screens' lists do: by
    # surname, č under c, so Čeh comes before Zupan.
    names = {"Otrok A": "Ana Zupan", "Otrok B": "Bor Novak", "Otrok C": "Cene Čeh"}
    for line in service.payment_run(run_db, NOV, clock).lines:
        carer = get_record(run_db, "placements", line.placement_id)["carer_id"]
        save_record(run_db, "carers", {**get_record(run_db, "carers", carer),
                                       "name": names[line.child]})  # fmt: skip
    run = service.payment_run(run_db, NOV, clock)
    one_unit = [line.carer for line in lines(run, "month") if line.carer != "Bor Novak"]
    assert one_unit == ["Cene Čeh", "Ana Zupan"]
