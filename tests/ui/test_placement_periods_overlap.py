"""Namestitve: periods of the contract and its annexes that share a day are refused at
the periods table, with what was typed kept; they were saved, and the payment run then
left the placement out (the carer unpaid) until someone noticed its warning."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtWidgets import QTableWidgetItem

from rejnistvo.rules.errors import InputError
from rejnistvo.services.placements import (
    Placement,
    PlacementPeriod,
    check_placement,
)
from rejnistvo.store import get_record
from rejnistvo.ui.views.placements_view import PlacementsView
from rejnistvo.ui.widgets.periods_table import DOCUMENT, FROM, TO


def test_service_refuses_periods_sharing_a_day():
    placement = Placement(
        contract_no="1220-1/2026",
        carer_id=1,
        child_id=1,
        carer_centre_id=1,
        child_centre_id=1,
        periods=(
            PlacementPeriod("contract", date(2026, 1, 1), date(2026, 6, 30)),
            PlacementPeriod("annex", date(2026, 6, 1), None, "Aneks 1"),
        ),
    )
    with pytest.raises(InputError) as refused:
        check_placement(placement)
    assert refused.value.field == "periods[1]"
    assert "prekrivajo (od 1. 6. 2026 dalje)" in refused.value.message


def test_editor_shows_the_refusal_under_the_periods_and_keeps_the_rows(qtbot, ctx):
    view = PlacementsView(ctx)
    qtbot.addWidget(view)
    view.show()
    view.refresh()
    view.table.selectRow(0)
    placement_id = view.current_id()
    before = get_record(ctx.db, "placements", placement_id)["periods"]
    table = view.periods.table
    view.periods.add_annex()
    row = table.rowCount() - 1
    start = before[0]["from_date"]
    for col, text in ((DOCUMENT, "Aneks X"), (FROM, f"{start.day}. {start.month}. {start.year}"),
                      (TO, "")):  # fmt: skip
        table.setItem(row, col, QTableWidgetItem(text))
    assert view.save() is False
    assert "se prekrivajo" in view.periods.error_label.text()
    assert ctx.interaction.errors == []  # at the table, not in a dialog
    assert table.rowCount() == len(before) + 1 and table.item(row, DOCUMENT).text() == "Aneks X"
    assert get_record(ctx.db, "placements", placement_id)["periods"] == before
