"""What the lines of one computed run share, made once (``Figures``): a month's
payment as a line shows it, and its difference from what the ledger paid."""

from __future__ import annotations

from typing import Any

from rejnistvo.rules.payment_run import (
    Amounts,
    amounts_of,
    difference_kind,
    factor_text,
    split_by_sign,
)
from rejnistvo.services.payment_run.order import KIND_ORDER, MONTHS_KEY
from rejnistvo.store import ledger

_Shown = tuple[Amounts, str, tuple[int, ...]]
#: A difference as a line shows it: (amounts, kind, factor text, the ids of the rate
#: rows, the kind's place in the run order as a part of ``Order``'s key).
Difference = tuple[Amounts, str, str, tuple[int, ...], int]


class Figures:
    """What the lines of one run share, made once: a month's payment as a line shows it,
    and the difference between a payment and what the ledger holds. The rules hand the
    same ``MonthPayment`` to thousands of placements and the ledger's amounts are the
    same few tuples (``ledger.paid_month_steps``), so after a backdated rate 270,000
    differences are a few thousand subtractions. Keyed by identity; each entry keeps its
    objects alive, so no identity is reused while the memo lives."""

    __slots__ = ("payments", "differences")

    def __init__(self) -> None:
        self.payments: dict[int, tuple[Any, _Shown]] = {}
        #: (id of the payment, id of the paid figures) -> (payment, figures, the
        #: difference's lines or None when equal); the run looks it up inline,
        #: ``difference`` fills it
        self.differences: dict[tuple[int, int], tuple[Any, Any, tuple[Difference, ...] | None]] = {}

    def payment(self, p: Any) -> _Shown:
        known = self.payments.get(id(p))
        if known is None:
            shown = (
                amounts_of(p), factor_text(p.factor, p.days_placed),
                tuple([id(r) for r in p.rates]),
            )  # fmt: skip
            known = self.payments[id(p)] = (p, shown)
        return known[1]

    def new_month(self, p: Any) -> Difference:
        """A month paid nothing so far: all of today's payment is the difference."""
        amounts, factor, rates = self.payment(p)
        kind = difference_kind(amounts)
        return amounts, kind, factor, rates, KIND_ORDER[kind] * MONTHS_KEY

    def difference(
        self, p: Any, paid: ledger.PaidFigures
    ) -> tuple[Any, Any, tuple[Difference, ...] | None]:
        """The entry of ``differences`` for `p` and `paid` (made if new): the lines of the
        difference, two when its board and fee moved apart (``split_by_sign``)."""
        key = (id(p), id(paid))
        known = self.differences.get(key)
        if known is None:
            found: tuple[Difference, ...] | None = None
            if not (
                p.total == paid[4]
                and p.board == paid[0]
                and p.fee == paid[2]
                and p.board_increase == paid[1]
                and p.fee_uplift == paid[3]
            ):
                amounts, factor, rates = self.payment(p)
                found = tuple(
                    (part, kind, factor, rates, KIND_ORDER[kind] * MONTHS_KEY)
                    for part in split_by_sign(amounts - ledger.paid_amounts(paid))
                    for kind in (difference_kind(part),)
                )
            known = self.differences[key] = (p, paid, found)
        return known
