"""A refund plan made again after instalments were paid (the finding corrected): the
paid instalments kept their »Plačano« mark but took the new plan's amounts, so a carer
who had paid 116,55 + 119,69 € was recorded as having paid 84,32 + 86,59 € and was asked
for 65,33 € more than the corrected refund (found by QA24)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from rejnistvo.rules.errors import InputError
from rejnistvo.rules.refund import Instalment, excess_paid, keep_paid

PAID_ON = date(2026, 12, 4)
#: 500,00 € as received over Feb (319,00), Mar–Jun (4 × 327,62) and Jul (262,10)
PLAN = [
    Instalment(date(2026, 8, 17), Decimal("84.32")),
    Instalment(date(2026, 9, 15), Decimal("86.59")),
    Instalment(date(2026, 10, 15), Decimal("86.59")),
    Instalment(date(2026, 11, 16), Decimal("86.59")),
    Instalment(date(2026, 12, 15), Decimal("86.59")),
    Instalment(date(2027, 1, 15), Decimal("69.32")),
]


def paid(amount: str, due: date) -> Instalment:
    return Instalment(due, Decimal(amount), PAID_ON)


def test_paid_instalments_keep_what_was_paid_and_the_rest_is_shared():
    typed = [paid("116.55", date(2026, 8, 17)), paid("119.69", date(2026, 9, 15)), *PLAN[2:]]
    kept = keep_paid(PLAN, typed, Decimal("500.00"))
    assert kept[:2] == typed[:2]
    # 500,00 − 236,24 = 263,76 over 86,59 : 86,59 : 86,59 : 69,32 (329,09):
    # 86,59 × 263,76 / 329,09 = 69,401… → 69,40 (×3); the last 263,76 − 208,20 = 55,56
    assert [i.amount for i in kept[2:]] == [Decimal(a) for a in ("69.40",) * 3 + ("55.56",)]
    assert [i.due for i in kept] == [i.due for i in PLAN]
    assert sum(i.amount for i in kept) == Decimal("500.00")


def test_nothing_paid_leaves_the_plan_as_it_is():
    assert keep_paid(PLAN, PLAN, Decimal("500.00")) == PLAN
    assert keep_paid(PLAN, [], Decimal("500.00")) == PLAN


def test_paid_in_full_leaves_no_unpaid_instalment_of_nothing():
    typed = [paid("250.00", PLAN[0].due), PLAN[1], paid("250.00", PLAN[2].due), *PLAN[3:]]
    kept = keep_paid(PLAN, typed, Decimal("500.00"))
    assert kept == [typed[0], typed[2]]


def test_payments_above_the_refund_stay_as_paid_and_the_excess_is_owed_back():
    """Refused before (the money had no place); now recorded as paid, nothing left to pay,
    and ``excess_paid`` says what the centre owes the carer back (m020)."""
    typed = [paid("116.55", PLAN[0].due), paid("119.69", PLAN[1].due), *PLAN[2:]]
    kept = keep_paid(PLAN, typed, Decimal("200.00"))
    assert kept == typed[:2]
    assert excess_paid(kept, Decimal("200.00")) == Decimal("36.24")
    assert excess_paid(PLAN, Decimal("500.00")) == Decimal("0")


def test_a_lump_sum_paid_in_part_leaves_the_rest_due_on_the_deadline():
    lump = [Instalment(date(2027, 1, 15), Decimal("500.00"))]
    part = paid("450.00", date(2026, 12, 1))
    assert keep_paid(lump, [part], Decimal("500.00")) == [
        part,
        Instalment(date(2027, 1, 15), Decimal("50.00")),
    ]


def test_every_one_paid_and_the_refund_raised_adds_one_on_the_deadline():
    typed = [paid(str(i.amount), i.due) for i in PLAN]
    kept = keep_paid(PLAN, typed, Decimal("520.00"))
    assert kept == [*typed, Instalment(date(2027, 1, 15), Decimal("20.00"))]


def test_a_paid_amount_of_nothing_is_refused_at_its_instalment():
    typed = [paid("0.00", PLAN[0].due), *PLAN[1:]]
    with pytest.raises(InputError) as refused:
        keep_paid(PLAN, typed, Decimal("500.00"))
    assert refused.value.field == "instalments[0].amount"
