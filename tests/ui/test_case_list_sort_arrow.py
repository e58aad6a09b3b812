"""The R-4 and R-5 case lists: no sort arrow over »Otrok« while the rows are in the
order they came in (QTableView.setSortingEnabled sorted by the first column and showed
its arrow); a click on a header sorts and shows it, as on the other lists."""

from __future__ import annotations

from PySide6.QtCore import Qt

from rejnistvo.ui.models import Column
from rejnistvo.ui.widgets.case_list import CaseListPane

COLUMNS = [Column("child_name", "Otrok"), Column("carer_name", "Rejnik")]
ROWS = [
    {"id": 1, "child_name": "Žiga", "carer_name": "Kos"},
    {"id": 2, "child_name": "Ana", "carer_name": "Rep"},
    {"id": 3, "child_name": "Mia", "carer_name": "Bor"},
]


def test_rows_in_their_order_show_no_sort_arrow(qtbot) -> None:  # type: ignore[no-untyped-def]
    pane = CaseListPane(COLUMNS, "casesTable")
    qtbot.addWidget(pane)
    pane.model.set_rows(ROWS)
    header = pane.table.horizontalHeader()
    assert header.sortIndicatorSection() == -1  # no arrow …
    shown = [pane.proxy.row_record(r)["id"] for r in range(pane.proxy.rowCount())]
    assert shown == [1, 2, 3]  # … and the rows as they came
    pane.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)  # a click on »Otrok«
    assert header.sortIndicatorSection() == 0
    shown = [pane.proxy.row_record(r)["child_name"] for r in range(pane.proxy.rowCount())]
    assert shown == ["Ana", "Mia", "Žiga"]
