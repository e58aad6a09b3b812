"""services.payment_run after a rate row changed since the last close (SPEC 3.6): the run
compares with the ledger only the placements whose closed months give other amounts with
today's rate table than with the table the last close computed with (``_Screen``). The
run must be the run that compares every placement with the ledger, whatever changed."""

import random
from datetime import date
from decimal import Decimal

import pytest
from _payment_fixtures import D, late_r4_decision

from rejnistvo.rules.rates import Rate
from rejnistvo.services import payment_run as service
from rejnistvo.services import rates as rate_service
from rejnistvo.services.payment_run import computed, recheck
from rejnistvo.store import get_record, ledger, save_record
from rejnistvo.store.audit import write_audit

SEP, OCT, NOV, DEC = D("2026-09-01"), D("2026-10-01"), D("2026-11-01"), D("2026-12-01")


def close_three(db, clock):
    for month in (SEP, OCT, NOV):
        service.close_month(db, month, clock)


def every_placement(db, month, clock, monkeypatch):
    """The run with every placement's closed months compared with the ledger."""
    with monkeypatch.context() as patch:
        patch.setattr(computed, "to_recheck", lambda db, arrears, rates: (None, None))
        return service.run_document(service.payment_run(db, month, clock))


def same_as_every_placement(db, month, clock, monkeypatch):
    run = service.run_document(service.payment_run(db, month, clock))
    assert run == every_placement(db, month, clock, monkeypatch)
    return run


def kinds(run):
    return [(line["kind"], line["child"], line["for_month"]) for line in run["lines"]]


def rate(db, valid_from):
    return next(r for r in rate_service.list_rates(db) if r.valid_from == D(valid_from))


def reads_of_the_ledger(monkeypatch):
    calls = []
    for name in ("paid_months", "paid_month_steps"):
        real = getattr(ledger, name)

        def watched(*args, real=real, name=name, **kwargs):
            calls.append(name)
            return real(*args, **kwargs)

        monkeypatch.setattr(ledger, name, watched)
    return calls


def test_a_future_row_reads_nothing_paid_and_gives_no_arrears(run_db, clock, monkeypatch):
    close_three(run_db, clock)
    rate_service.add_rate(run_db, "2027-03-01", "700.00", "500.00", "test: future")
    calls = reads_of_the_ledger(monkeypatch)
    run = service.run_document(service.payment_run(run_db, DEC, clock))
    assert calls == []
    assert {line["kind"] for line in run["lines"]} == {"month"}
    assert run == every_placement(run_db, DEC, clock, monkeypatch)


def test_a_backdated_correction_gives_the_arrears_of_every_placement(run_db, clock, monkeypatch):
    close_three(run_db, clock)
    row = rate(run_db, "2025-11-01")
    rate_service.correct_rate(run_db, row.id, row.version, "2025-11-01", "650.00", "470.00", "t")
    run = same_as_every_placement(run_db, DEC, clock, monkeypatch)
    arrears = {(c, m) for k, c, m in kinds(run) if k == "arrears"}
    assert ("Otrok A", "2026-09") in arrears and ("Otrok C", "2026-11") in arrears


def test_a_row_from_a_closed_month(run_db, clock, monkeypatch):
    close_three(run_db, clock)
    rate_service.add_rate(run_db, "2026-10-01", "660.00", "480.00", "test: October")
    run = same_as_every_placement(run_db, DEC, clock, monkeypatch)
    assert {m for k, _, m in kinds(run) if k == "arrears"} == {"2026-10", "2026-11"}


def test_a_lower_row_gives_the_same_overpayments(run_db, clock, monkeypatch):
    close_three(run_db, clock)
    rate_service.add_rate(run_db, "2026-11-01", "600.00", "400.00", "test: lower")
    run = same_as_every_placement(run_db, DEC, clock, monkeypatch)
    assert {m for k, _, m in kinds(run) if k == "overpayment"} == {"2026-11"}


@pytest.mark.parametrize("undo", ["remove", "correct back"])
def test_a_change_undone_gives_nothing(run_db, clock, monkeypatch, undo):
    close_three(run_db, clock)
    if undo == "remove":
        added = rate_service.add_rate(run_db, "2026-10-01", "700.00", "500.00", "test: wrong")
        rate_service.remove_rate(run_db, added.id, added.version)
    else:
        row = rate(run_db, "2025-11-01")
        rate_service.correct_rate(run_db, row.id, row.version, "2025-11-01", "1.00", "2.00", "t")
        row = rate(run_db, "2025-11-01")
        rate_service.correct_rate(
            run_db, row.id, row.version, "2025-11-01", "638.00", "460.00", "t"
        )
    calls = reads_of_the_ledger(monkeypatch)
    run = same_as_every_placement(run_db, DEC, clock, monkeypatch)
    assert {k for k, _, _ in kinds(run)} == {"month"}
    assert calls == ["paid_month_steps"]  # only by the run comparing every placement


def test_placements_changed_with_a_rate_row_are_compared(run_db, clock, monkeypatch):
    """A late R-4 decision, a board increase, an ended placement and a future rate row:
    each changed placement has its differences, as when every placement is compared."""
    close_three(run_db, clock)
    ids = run_db.ids
    late_r4_decision(run_db)
    save_record(
        run_db,
        "board_increases",
        {"placement_id": ids["B"], "percent": 50, "from_date": "2026-11-01",
         "to_date": "2027-10-31", "decision_no": "z-1/2026"},
    )  # fmt: skip
    placement = get_record(run_db, "placements", ids["C"])
    periods = placement["periods"]
    periods[0]["to_date"] = date(2026, 10, 10)
    save_record(run_db, "placements", {"id": ids["C"], "periods": periods})
    rate_service.add_rate(run_db, "2027-03-01", "700.00", "500.00", "test: future")
    run = same_as_every_placement(run_db, DEC, clock, monkeypatch)
    found = set(kinds(run))
    assert {("arrears", "Otrok A", "2026-10"), ("arrears", "Otrok A", "2026-11")} <= found
    assert ("arrears", "Otrok B", "2026-11") in found
    assert ("overpayment", "Otrok C", "2026-11") in found


def test_a_placement_that_cannot_be_computed_is_listed_as_before(run_db, clock, monkeypatch):
    """Overlapping periods (a rule error): the placement is left out with a warning, and
    what was paid for it is listed as a run comparing every placement lists it."""
    close_three(run_db, clock)
    ids = run_db.ids
    run_db.execute(
        "INSERT INTO placement_periods (placement_id, kind, document_no, from_date, to_date) "
        "SELECT placement_id, 'annex', 'Aneks 9', '2026-10-01', NULL FROM placement_periods "
        "WHERE placement_id = ?",
        [ids["B"]],
    )
    rate_service.add_rate(run_db, "2027-03-01", "700.00", "500.00", "test: future")
    run = same_as_every_placement(run_db, DEC, clock, monkeypatch)
    assert any("Otrok B" in w for w in run["warnings"])


def test_random_changes_give_the_run_of_every_placement(run_db, clock, monkeypatch):
    """Random rate rows added, corrected and removed after each close, sometimes with a
    placement's change: every run is the run comparing every placement."""
    rng = random.Random(20261202)
    ids = run_db.ids
    for month in (SEP, OCT, NOV):
        service.close_month(run_db, month, clock)
        for _ in range(rng.randint(1, 3)):
            rows = rate_service.list_rates(run_db)
            action = rng.choice(["add", "correct", "remove"] if len(rows) > 1 else ["add"])
            if action == "add":
                day = date(2026, rng.randint(6, 12), 1)
                if any(r.valid_from == day for r in rows):
                    continue
                rate_service.add_rate(
                    run_db, day.isoformat(), f"{rng.randint(600, 700)}.00",
                    f"{rng.randint(400, 500)}.00", "test: random",
                )  # fmt: skip
            else:
                row = rng.choice(rows[1:])
                if action == "remove":
                    rate_service.remove_rate(run_db, row.id, row.version)
                else:
                    rate_service.correct_rate(
                        run_db, row.id, row.version, row.valid_from.isoformat(),
                        f"{rng.randint(600, 700)}.00", f"{rng.randint(400, 500)}.00", "t",
                    )  # fmt: skip
        if rng.random() < 0.5:
            save_record(
                run_db,
                "board_increases",
                {"placement_id": ids[rng.choice("AB")], "percent": 25,
                 "from_date": month.isoformat(), "to_date": month.replace(day=28).isoformat(),
                 "decision_no": f"r-{month.month}"},
            )  # fmt: skip
        nxt = date(2026, month.month + 1, 1)
        same_as_every_placement(run_db, nxt, clock, monkeypatch)


def test_the_rate_table_of_the_last_close_is_rebuilt_from_the_audit_log(run_db, clock):
    close_three(run_db, clock)
    then = (Rate(D("2025-11-01"), Decimal("638.00"), Decimal("460.00")),)
    assert ledger.changes_since_last_close(run_db) == ledger.SinceClose(set())
    added = rate_service.add_rate(run_db, "2026-10-01", "700.00", "500.00", "test")
    row = rate(run_db, "2025-11-01")
    rate_service.correct_rate(run_db, row.id, row.version, "2025-11-01", "1.00", "2.00", "t")
    rate_service.remove_rate(run_db, added.id, added.version)
    rate_service.add_rate(run_db, "2027-03-01", "700.00", "500.00", "test")
    since = ledger.changes_since_last_close(run_db)
    assert since is not None and since.rates_changed and since.placements == set()
    assert since.rates_then == then
    assert [(r.board, r.fee) for r in since.rates_then] == [(Decimal("638.00"), Decimal("460.00"))]


def test_a_rate_change_it_cannot_undo_means_every_placement(run_db, clock, monkeypatch):
    close_three(run_db, clock)
    rate_service.add_rate(run_db, "2026-10-01", "700.00", "500.00", "test")
    write_audit(run_db, "rates", 1, "import", None, {"rows": 3})
    since = ledger.changes_since_last_close(run_db)
    assert since is not None and since.rates_changed and since.rates_then is None
    assert recheck.to_recheck(run_db, [SEP, OCT, NOV], None) == (None, None)
    same_as_every_placement(run_db, DEC, clock, monkeypatch)


def test_a_correction_of_a_recent_row_reads_only_its_months(run_db, clock, monkeypatch):
    service.close_month(run_db, SEP, clock)
    rate_service.add_rate(run_db, "2026-10-01", "650.00", "470.00", "test: October")
    for month in (OCT, NOV):
        service.close_month(run_db, month, clock)
    row = rate(run_db, "2026-10-01")
    rate_service.correct_rate(run_db, row.id, row.version, "2026-10-01", "655.00", "471.00", "t")
    asked = []
    real = ledger.paid_month_steps

    def watched(*args, **kwargs):
        asked.append(kwargs.get("months"))
        return real(*args, **kwargs)

    monkeypatch.setattr(ledger, "paid_month_steps", watched)
    run = service.run_document(service.payment_run(run_db, DEC, clock))
    assert asked == [[OCT, NOV]]
    assert {m for k, _, m in kinds(run) if k == "arrears"} == {"2026-10", "2026-11"}
    assert run == every_placement(run_db, DEC, clock, monkeypatch)


def test_an_annex_and_a_one_off_with_a_backdated_row(run_db, clock, monkeypatch):
    """An annex that ends a contract and continues it with other days, a one-off payment
    entered after its month closed, and a backdated rate row: as every placement."""
    close_three(run_db, clock)
    ids = run_db.ids
    placement = get_record(run_db, "placements", ids["B"])
    periods = placement["periods"]
    periods[0]["to_date"] = date(2026, 10, 19)
    periods.append(
        {
            "kind": "annex",
            "document_no": "Aneks 1",
            "from_date": date(2026, 10, 25),
            "to_date": None,
        }
    )
    save_record(run_db, "placements", {"id": ids["B"], "periods": periods})
    carer = get_record(run_db, "placements", ids["A"])["carer_id"]
    save_record(
        run_db,
        "one_off_payments",
        {"carer_id": carer, "placement_id": ids["A"], "kind": "first_placement",
         "amount": "430.00", "date": "2026-10-12"},
    )  # fmt: skip
    rate_service.add_rate(run_db, "2026-11-01", "660.00", "480.00", "test: November")
    run = same_as_every_placement(run_db, DEC, clock, monkeypatch)
    found = set(kinds(run))
    assert ("overpayment", "Otrok B", "2026-10") in found  # five days less in October
    assert ("one_off", "Otrok A", "2026-10") in found
    assert ("arrears", "Otrok C", "2026-11") in found  # the row alone
    reasons = [line["reason"] for line in run["lines"] if line["child"] == "Otrok B"]
    assert any("Aneks 1" in reason for reason in reasons)
