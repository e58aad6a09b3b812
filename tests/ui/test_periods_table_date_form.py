"""Namestitve, periods: a date typed as »15.1.2026« stayed shown as typed until the
record was loaded again; once it is a date it is shown as the program writes dates."""

from __future__ import annotations

from rejnistvo.ui.widgets.periods_table import FROM, TO, PeriodsTable


def test_typed_date_is_shown_in_the_programs_form(qtbot):
    table = PeriodsTable()
    qtbot.addWidget(table)
    table.set_rows([])
    edits: list[int] = []
    table.edited.connect(lambda: edits.append(1))
    table.table.item(0, FROM).setText("15.1.2026")  # as the cell's editor commits it
    table.table.item(0, TO).setText("2026-12-31")
    assert table.table.item(0, FROM).text() == "15. 1. 2026"
    assert table.table.item(0, TO).text() == "31. 12. 2026"
    assert len(edits) == 2  # each typed date one edit, the new form none
    table.table.item(0, TO).setText("31.13.2026")  # no such date: kept as typed
    assert table.table.item(0, TO).text() == "31.13.2026"
    table.table.item(0, TO).setText("")
    assert table.table.item(0, TO).text() == ""
