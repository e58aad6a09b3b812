"""The refund's instalment table: a due day typed on a non-working day is shown moved to
the next working day (ZUP 101), the tooltip says why (QA13)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from PySide6.QtCore import Qt

from rejnistvo.ui.widgets.instalment_table import InstalmentModel


def test_typed_holiday_moves_to_the_next_working_day(qapp):
    model = InstalmentModel(lambda: date(2026, 12, 1))
    model.set_instalments([{"due": date(2026, 12, 15), "amount": Decimal("10.00")}])
    index = model.index(0, 0)
    model.setData(index, "25. 12. 2026")
    assert index.data() == "28. 12. 2026"
    assert "25. 12. 2026 je dela prost dan" in index.data(Qt.ItemDataRole.ToolTipRole)
    assert model.instalments()[0].due == date(2026, 12, 28)
    model.setData(index, "6. 4. 2026")  # Easter Monday
    assert index.data() == "7. 4. 2026"
    model.setData(index, "23. 12. 2026")  # a Wednesday stays
    assert index.data() == "23. 12. 2026"
    assert index.data(Qt.ItemDataRole.ToolTipRole) is None
    model.setData(index, "32. 12. 2026")  # wrong: kept as typed, the reason in red
    assert index.data() == "32. 12. 2026"
    assert "ne obstaja" in index.data(Qt.ItemDataRole.ToolTipRole)
