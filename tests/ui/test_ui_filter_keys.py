"""A filter keystroke changes the shown rows as a layout change, not a reset (issue 13:
a keystroke within one frame): the columns' header keeps its sections, and the selected
row stays selected while it is shown."""

from __future__ import annotations

from _filtered_table import filtered_table
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QTableView

from rejnistvo.ui.models import Column, FilterProxy, RecordTableModel
from rejnistvo.ui.widgets.tables import make_current_row, record_index

NAMES = ["Čebašek Žiga", "Novak Ana", "Šinkovec Maša", "Kos Peter", "Kovač Ana"]


def _table(qtbot) -> tuple[QTableView, FilterProxy, RecordTableModel]:
    rows = [{"id": i, "name": f"{NAMES[i % 5]} {i}", "no": i} for i in range(300)]
    columns = [Column("name", "Ime"), Column("no", "Številka", str)]
    return filtered_table(qtbot, columns, rows, 400, 300)


def _idle(qtbot) -> None:
    for _ in range(3):
        QCoreApplication.processEvents()
        qtbot.wait(5)


def test_a_keystroke_is_a_layout_change_of_the_rows(qtbot):
    table, proxy, _model = _table(qtbot)
    header = table.horizontalHeader()
    header.resizeSection(0, 173)
    _idle(qtbot)
    resets, layouts = [], []
    proxy.modelReset.connect(lambda: resets.append(proxy.text()))
    proxy.layoutChanged.connect(lambda *args: layouts.append(proxy.text()))
    for typed in ("a", "an", "ana", "kos", ""):
        proxy.set_text(typed)
        _idle(qtbot)
    # a reset made the columns' header forget its sections and lay them out again
    assert resets == []
    assert layouts == ["a", "an", "ana", "kos", ""]
    assert header.sectionSize(0) == 173
    assert proxy.rowCount() == 300


def test_the_selected_row_stays_selected_while_it_is_shown(qtbot):
    table, proxy, model = _table(qtbot)
    chosen = []
    table.selectionModel().currentRowChanged.connect(lambda now, _old: chosen.append(now.row()))
    make_current_row(table, record_index(model, proxy, 6))
    assert proxy.row_record(table.currentIndex().row())["name"] == "Novak Ana 6"
    chosen.clear()
    for typed in ("a", "an", "ana", "novak"):
        proxy.set_text(typed)
        _idle(qtbot)
        rows = table.selectionModel().selectedRows()
        assert [proxy.row_record(i.row())["id"] for i in rows] == [6], typed
        assert proxy.row_record(table.currentIndex().row())["id"] == 6
    assert chosen == []  # the same record: the editor is not told to load it again
    proxy.set_text("kos")  # Novak Ana 6 is filtered out
    _idle(qtbot)
    assert table.selectionModel().selectedRows() == []
    assert not table.currentIndex().isValid()
    assert proxy.rowCount() == 60
    assert {proxy.row_record(r)["name"].split()[0] for r in range(60)} == {"Kos"}
    assert model.rowCount() == 300
