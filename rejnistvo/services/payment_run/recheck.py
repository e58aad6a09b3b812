"""Which closed months of which placements a computed run compares with the ledger
(after a write since the last close, or a changed rate row: ``Screen``), and what the
ledger paid for them."""

from __future__ import annotations

from collections.abc import Generator, Sequence
from datetime import date
from typing import Any

from rejnistvo.rules.errors import RuleError
from rejnistvo.rules.months import Adjustment, PartTimePlacement, shared_month_payments
from rejnistvo.rules.payment_run import amounts_of
from rejnistvo.rules.periods import Period
from rejnistvo.rules.rates import RateTable
from rejnistvo.store import ledger
from rejnistvo.store.ledger import PlacementSource


def to_recheck(
    db: Any, arrears_months: list[date], rates: RateTable
) -> tuple[set[int] | None, Screen | None]:
    """(placements whose closed months are compared with the ledger, None for all; the
    screen of the others after a rate row changed, or None)."""
    if not arrears_months:
        return set(), None
    since = ledger.changes_since_last_close(db)
    if since is None:
        return None, None
    if not since.rates_changed:
        return since.placements, None
    if since.placements is None or since.rates_then is None:
        return None, None
    try:
        then = RateTable(since.rates_then)
    except RuleError:
        return None, None
    return since.placements, Screen(then, tuple(arrears_months))


class Screen:
    """After a rate row was added, corrected or removed since the last close: which
    closed months of a placement can differ from what was paid.

    The last close brought every earlier closed month of every placement up to date
    with the rate table it computed with (``rates_then``, rebuilt from the audit log):
    since then a placement whose own inputs were not written (``changes_since_last_close``
    reasons the same way) was paid, for each closed month, what the rules give with
    that table. So a month of it can differ today only where the rules give other
    amounts with today's table; the others are not compared with the ledger, whose
    lines of those months are not read (a future row: none of its 250,000 lines; a
    correction of this year's row: the months since it). Compared once for each
    distinct pair of the shared results (``rules.months``)."""

    __slots__ = ("rates", "months", "every", "known", "differing", "absent")

    def __init__(self, rates: RateTable, months: tuple[date, ...]) -> None:
        self.rates = rates
        self.months = months
        self.every = tuple(range(len(months)))
        #: (id of the months then, id of today's) -> (both, the indices of the months
        #: that differ): the objects are kept so that no id is reused while it lives
        self.known: dict[tuple[int, int], tuple[Any, Any, tuple[int, ...]]] = {}
        #: indices of the months that differ for some placement
        self.differing: set[int] = set()
        #: placements paid in the ledger and not in the run (``paid_of``)
        self.absent: set[int] = set()

    def months_to_compare(
        self,
        placement: Sequence[Period],
        increases: Sequence[Adjustment],
        uplifts: Sequence[Adjustment],
        part_time: PartTimePlacement | None,
        payments: Sequence[Any],
    ) -> tuple[int, ...]:
        """The indices of the closed months of the placement that give other amounts
        today (every month when they cannot be computed with the table then)."""
        try:
            then = shared_month_payments(
                self.months, placement, self.rates, increases, uplifts, part_time
            )
        except RuleError:
            self.differing.update(self.every)
            return self.every  # not computed then as it is today: compared with the ledger
        key = (id(then), id(payments))
        known = self.known.get(key)
        if known is None:
            differ = tuple(
                [
                    i
                    for i, (a, b) in enumerate(zip(then, payments, strict=False))
                    if a.days_placed != b.days_placed or amounts_of(a) != amounts_of(b)
                ]
            )
            self.differing.update(differ)
            known = self.known[key] = (then, payments, differ)
        return known[2]


#: A placement computed: its source, its payments (the closed months and the month) and
#: the indices of the closed months compared with the ledger.
Computed = tuple[PlacementSource, Any, tuple[int, ...]]


def paid_of(
    db: Any,
    month: date,
    arrears_months: list[date],
    changed: set[int] | None,
    screen: Screen | None,
    computed: list[Computed],
    failed: set[int],
    total: int,
) -> Generator[
    None,
    None,
    tuple[dict[tuple[int, date], ledger.PaidMonth], dict[tuple[int, date], ledger.PaidMonth]],
]:
    """(what the ledger paid for the closed months the run compares, what it paid for
    the placements whose months vanished). Without a screen they are one dict: what is
    left of it once the run took its months has vanished (``computed._vanished`` passes over the
    `failed`, which the run could not compute). After a screen, the vanished are those a
    run comparing every placement would list: paid and not in the run (read apart, in
    the order of their lines)."""
    if screen is None:
        paid = yield from ledger.paid_month_steps(db, month, changed)
        return paid, paid
    in_run = {src.placement_id for src, _, _ in computed} | failed
    screen.absent = ledger.paid_placements(db, month) - in_run
    gone = screen.absent
    vanished = ledger.paid_months(db, month, gone, in_id_order=True) if gone else {}
    yield  # a step of its own: the index of every paid placement is read whole
    whole = {
        src.placement_id for src, _, _ in computed if changed is None or src.placement_id in changed
    }
    if len(whole) * 4 > total:
        # most of the ledger: a scan in windows is quicker than the placement index
        everything = yield from ledger.paid_month_steps(db, month, None)
        return everything, vanished
    compared: dict[tuple[int, date], ledger.PaidMonth] = {}
    if screen.differing:
        differing = [arrears_months[i] for i in sorted(screen.differing)]
        compared = yield from ledger.paid_month_steps(db, month, None, months=differing)
    if whole:
        compared.update(ledger.paid_months(db, month, whole))
    return compared, vanished
