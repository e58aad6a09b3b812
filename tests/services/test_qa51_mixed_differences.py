"""Izplačila → Poračun: a closed month whose board fell while its fee rose (QA51: a board
increase shortened, −280,57, and a new rate row, +2,58) became one overpayment line of
the net −277,99: the arrears were offset against the overpayment without the settlement
the user records (SPEC 3.6: positive differences are paid with the month, overpayments
are listed apart and never deducted). The board's and the fee's differences are now a
line each."""

from datetime import date
from decimal import Decimal

from _payment_fixtures import TODAY, D

from rejnistvo.clock import FixedClock
from rejnistvo.rules.payment_run import Amounts, split_by_sign
from rejnistvo.services import payment_run as service
from rejnistvo.services import rates as rate_service

SEP, OCT, NOV, DEC = D("2026-09-01"), D("2026-10-01"), D("2026-11-01"), D("2026-12-01")


def test_a_board_that_fell_and_a_fee_that_rose_are_paid_and_listed_apart(run_db, clock):
    for month in (SEP, OCT, NOV):
        service.close_month(run_db, month, clock)
    rate_service.add_rate(run_db, "2026-10-01", "600.00", "500.00", "test: oskrbnina nižja")
    run = service.payment_run(run_db, DEC, clock)
    october = sorted(
        (line.kind, line.amounts.board, line.amounts.fee, line.total)
        for line in run.lines
        if line.child == "Otrok A" and line.for_month == OCT
    )
    assert october == [
        ("arrears", Decimal("0"), Decimal("40.00"), Decimal("40.00")),
        ("overpayment", Decimal("-38.00"), Decimal("0"), Decimal("-38.00")),
    ]
    # the rise is paid with December; the fall waits for the user's settlement
    paid = [line for line in run.lines if line.kind != "overpayment"]
    assert run.total == sum(line.total for line in paid)
    # closed, the ledger holds both: the next run has no difference left for October
    service.close_month(run_db, DEC, clock)
    january = service.payment_run(run_db, D("2027-01-01"), FixedClock(date(2027, 1, 10)))
    assert not [line for line in january.lines if line.for_month == OCT]
    assert TODAY < date(2027, 1, 10)


def test_the_rule_splits_only_when_board_and_fee_moved_apart():
    mixed = Amounts(Decimal("-280.57"), Decimal("-280.57"), Decimal("2.58"), Decimal("0"),
                    Decimal("-277.99"))  # fmt: skip
    board, fee = split_by_sign(mixed)
    assert (board.board, board.board_increase, board.total) == (
        Decimal("-280.57"), Decimal("-280.57"), Decimal("-280.57"),
    )  # fmt: skip
    assert (fee.fee, fee.total) == (Decimal("2.58"), Decimal("2.58"))
    both_up = Amounts(Decimal("17.23"), Decimal("0"), Decimal("12.42"), Decimal("0"),
                      Decimal("29.65"))  # fmt: skip
    assert split_by_sign(both_up) == (both_up,)
    board_only = Amounts(Decimal("-5"), Decimal("0"), Decimal("0"), Decimal("0"), Decimal("-5"))
    assert split_by_sign(board_only) == (board_only,)
