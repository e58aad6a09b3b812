"""Izplačila → Poračun / Preplačila: the reason of a closed month's difference named the
changes of both components (board and fee) on a line that is only the board's or only
the fee's (QA51 #3, QA59). A rate row that lowered the board and raised the fee gave a
fee arrears line and a board overpayment line each reading »dodan znesek od 1. 10. 2026
(oskrbnina 600,00, plačilo dela 500,00 EUR)«; an R-4 decision entered late named
itself on the board's line; a correction whose board part rounds to nothing in a short
month named the board on a fee-only line. SPEC 3.6: the difference per component is a
line of its own, with the reason in words — each line names what changed its own
amounts (a rate row's amounts that changed, an R-4 decision the fee, a board increase
the board, the placement's periods both), in the run, the ledger and the run's JSON."""

from __future__ import annotations

import json
from decimal import Decimal

from _payment_fixtures import D, add_placement, late_r4_decision

from rejnistvo.cli.run_commands import _compact, run_json
from rejnistvo.services import payment_run as service
from rejnistvo.services import rates as rate_service

SEP, OCT, NOV, DEC = D("2026-09-01"), D("2026-10-01"), D("2026-11-01"), D("2026-12-01")


def _differences(run, child: str, month) -> dict[tuple[str, bool, bool], str]:
    """(kind, moves the board, moves the fee) -> reason of the child's lines of `month`."""
    return {
        (line.kind, bool(line.amounts.board), bool(line.amounts.fee)): line.reason
        for line in run.lines
        if line.child == child and line.for_month == month and line.kind != "month"
    }


def test_a_rate_row_names_on_each_line_only_that_lines_component(run_db, clock):
    for month in (SEP, OCT, NOV):
        service.close_month(run_db, month, clock)
    rate_service.add_rate(run_db, "2026-10-01", "600.00", "500.00", "test: oskrbnina nižja")
    run = service.payment_run(run_db, DEC, clock)
    assert _differences(run, "Otrok A", OCT) == {
        (
            "arrears",
            False,
            True,
        ): "dodan znesek od 1. 10. 2026 (plačilo dela 500,00 namesto 460,00 EUR)",
        (
            "overpayment",
            True,
            False,
        ): "dodan znesek od 1. 10. 2026 (oskrbnina 600,00 namesto 638,00 EUR)",
    }
    # the JSON of the run (SPEC 6) and the closed month read from the ledger say the same
    document = json.loads(run_json(service.run_document(run, _compact)))
    reasons_then = {
        (line["kind"], line["board"] != "0.00"): line["reason"]
        for line in document["lines"]
        if line["child"] == "Otrok A" and line["for_month"] == "2026-10"
    }
    assert reasons_then == {
        ("arrears", False): "dodan znesek od 1. 10. 2026 (plačilo dela 500,00 namesto 460,00 EUR)",
        ("overpayment", True): "dodan znesek od 1. 10. 2026 (oskrbnina 600,00 namesto 638,00 EUR)",
    }
    service.close_month(run_db, DEC, clock)
    closed = service.payment_run(run_db, DEC, clock)
    assert closed.status == "closed"
    assert _differences(closed, "Otrok A", OCT) == _differences(run, "Otrok A", OCT)


def test_an_r4_decision_is_named_on_the_fees_line_only(run_db, clock):
    for month in (SEP, OCT, NOV):
        service.close_month(run_db, month, clock)
    late_r4_decision(run_db)  # A: +25 % of the fee from 1. 10. 2026
    rate_service.add_rate(run_db, "2026-10-01", "600.00", "460.00", "test: oskrbnina nižja")
    found = _differences(service.payment_run(run_db, DEC, clock), "Otrok A", OCT)
    assert found == {
        ("arrears", False, True): (
            "sklep R-4 3-017/2026 od 1. 10. 2026 do 30. 9. 2027 (+25 % plačila dela)"
        ),
        # the row's fee is the fee of before: it did not change the fee
        (
            "overpayment",
            True,
            False,
        ): "dodan znesek od 1. 10. 2026 (oskrbnina 600,00 namesto 638,00 EUR)",
    }


def test_a_change_that_rounds_to_nothing_is_not_named(run_db, clock):
    # six days in September: 0,01 more board a month is 0,002 more → 127,60 as before
    add_placement(run_db, "E", "2026-09-25", None, 0, "SI56191000000123438")
    for month in (SEP, OCT, NOV):
        service.close_month(run_db, month, clock)
    row = rate_service.list_rates(run_db)[-1]
    rate_service.correct_rate(
        run_db, row.id, row.version, row.valid_from, row.board + Decimal("0.01"),
        row.fee + Decimal("3.00"), "test: popravek",
    )  # fmt: skip
    run = service.payment_run(run_db, DEC, clock)
    assert _differences(run, "Otrok E", SEP) == {
        (
            "arrears",
            False,
            True,
        ): "popravljen znesek od 1. 11. 2025 (plačilo dela 460,00 → 463,00 EUR)"
    }
    # a whole month moves both: both are named
    assert _differences(run, "Otrok E", OCT) == {
        ("arrears", True, True): (
            "popravljen znesek od 1. 11. 2025 (oskrbnina 638,00 → 638,01, "
            "plačilo dela 460,00 → 463,00 EUR)"
        )
    }


def test_the_rule_names_decisions_by_component_and_periods_on_both():
    from rejnistvo.rules.payment_run import BOARD, BOTH, FEE, Amounts, components, reasons

    old = {
        "placement": [{"from": "2026-01-01", "to": None, "document": "1220-A/2026"}],
        "board_increases": [],
        "fee_uplifts": [],
        "rates": [{"valid_from": "2025-11-01", "board": "638.00", "fee": "460.00"}],
    }
    new = {
        **old,
        "placement": [{"from": "2026-01-01", "to": "2026-10-20", "document": "1220-A/2026"}],
        "board_increases": [
            {"percent": 25, "from": "2026-10-01", "to": None, "document": "O-1/2026"}
        ],
        "fee_uplifts": [{"percent": 50, "from": "2026-10-01", "to": None, "document": "3-1/2026"}],
    }
    ended = "namestitev se je končala 20. 10. 2026"
    board = reasons(old, new, OCT, BOARD)
    fee = reasons(old, new, OCT, FEE)
    assert "O-1/2026" in board and "3-1/2026" not in board and ended in board
    assert "3-1/2026" in fee and "O-1/2026" not in fee and ended in fee
    assert reasons(old, new, OCT) == reasons(old, new, OCT, BOTH)
    assert "O-1/2026" in reasons(old, new, OCT) and "3-1/2026" in reasons(old, new, OCT)
    zero = Decimal("0")
    assert components(Amounts(zero, Decimal("-5"), zero, zero, Decimal("-5"))) == BOARD
    assert components(Amounts(zero, zero, Decimal("2"), zero, Decimal("2"))) == FEE
    assert components(Amounts(Decimal("1"), zero, Decimal("2"), zero, Decimal("3"))) == BOTH
