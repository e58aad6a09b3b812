"""A call dated in the month the increase ended, after its last day, asked back more than
the carer had received (QA56).

Increase +25 % 1.–20. 3. 2026 (placed the whole month), call 25. 3. 2026. March was paid
as a whole month (SPEC 3.2, f = 1): board (20 × 797,50 + 11 × 638,00) / 31 = 740,90, so
the increase paid for March is 102,90 — every day of it before the call. The rules cut
March at the eve of the call anyway and computed 1.–24. 3. as a part of a month
(f = 24/30): (20 × 797,50 + 4 × 638,00) / 30 = 616,73 − 510,40 = 106,33, i.e. 3,43 EUR
that were never paid were »received« and could be refunded (SPEC 3.4: money not yet paid
cannot be refunded; SPEC 5: a refund above the amount received is refused).

A month is cut by the call only where the increase runs on to the call date; then the part
before the call is computed by SPEC 3.2 for that part, as before.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from test_cli_rules import ok

from rejnistvo.rules.months import Adjustment, month_payments
from rejnistvo.rules.periods import Period
from rejnistvo.rules.rates import Rate, RateTable
from rejnistvo.rules.refund import received_months, refund_plan

RATES = RateTable([Rate(date(2025, 11, 1), Decimal("638.00"), Decimal("460.00"), "test")])
PLACEMENT = [Period(date(2025, 6, 1), None)]
MARCH = date(2026, 3, 1)


def test_call_after_the_increase_ended_counts_the_month_as_paid():
    increase = Adjustment(25, Period(date(2026, 3, 1), date(2026, 3, 20)))
    plan = refund_plan(increase, PLACEMENT, RATES, date(2026, 3, 25), None, None, "lump_sum")
    paid = month_payments([MARCH], PLACEMENT, RATES, board_increases=[increase])[0]
    assert paid.board_increase == Decimal("102.90")
    assert [(m.month, m.increase) for m in plan.months] == [(MARCH, Decimal("102.90"))]
    assert plan.received == Decimal("102.90")
    assert plan.paid_days == 20
    assert plan.latest_deadline == date(2026, 4, 14)  # 25. 3. + 20 days, a Tuesday


def test_call_the_day_after_the_increase_ended_in_a_later_month_too():
    # 10. 3.–10. 5.: the call on 11. 5. cuts nothing that was still running
    increase = Adjustment(25, Period(date(2026, 3, 10), date(2026, 5, 10)))
    months = received_months(increase, PLACEMENT, RATES, date(2026, 5, 11))
    paid = month_payments(
        [MARCH, date(2026, 4, 1), date(2026, 5, 1)], PLACEMENT, RATES, board_increases=[increase]
    )
    assert [m.increase for m in months] == [p.board_increase for p in paid]
    # May: (10 × 797,50 + 21 × 638,00) / 31 = 689,45 → 51,45 (the cut gave 265,83 − 212,67 = 53,16)
    assert months[-1].increase == Decimal("51.45")


def test_increase_running_on_past_the_call_still_cuts_the_month():
    increase = Adjustment(25, Period(date(2026, 3, 1), date(2026, 6, 30)))
    months = received_months(increase, PLACEMENT, RATES, date(2026, 3, 25))
    # 1.–24. 3.: P = 24, f = 24/30: 797,50 × 0,8 = 638,00 − 510,40 = 127,60
    assert [(m.month, m.increase) for m in months] == [(MARCH, Decimal("127.60"))]


def test_cli_refund_all_is_what_was_paid(monkeypatch, capsys):
    document = {
        "increase": {"percent": 25, "from": "2026-03-01", "to": "2026-03-20"},
        "placement": [{"from": "2025-06-01", "to": None}],
        "call_date": "2026-03-25",
        "unjustified": "all",
        "method": "as_received",
        "rates": [
            {"valid_from": "2025-11-01", "board": "638.00", "fee": "460.00"},
            {"valid_from": "2026-03-01", "board": "638.00", "fee": "460.00"},
        ],
    }
    answer = ok(monkeypatch, capsys, ["refund"], document)
    assert answer["received"] == answer["refund"] == "102.90"
    assert answer["months"] == [{"month": "2026-03", "increase": "102.90"}]
    assert answer["instalments"] == [{"due": "2026-04-14", "amount": "102.90"}]
