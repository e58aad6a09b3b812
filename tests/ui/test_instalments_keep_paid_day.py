"""The instalments the R-5 screen hands to »Natisni poziv k vračilu …« carry their paid
day: the reprinted call marks what was paid (they were handed over without it)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from rejnistvo.ui.widgets.instalment_table import InstalmentModel


def test_the_printed_instalments_keep_their_paid_day(qapp):
    model = InstalmentModel(lambda: date(2026, 9, 1))
    model.set_instalments(
        [
            {"due": date(2026, 8, 7), "amount": Decimal("26.17"), "paid_on": date(2026, 8, 3)},
            {"due": date(2026, 9, 7), "amount": Decimal("26.17")},
        ]
    )
    assert [i.paid_on for i in model.instalments()] == [date(2026, 8, 3), None]
