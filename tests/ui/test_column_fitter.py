"""The one column fitter under Izplačila's and Koordinator's lists: the columns give way
in the order given down to their floors, the room left over is shared, and the table is
laid out again when its viewport is resized."""

from __future__ import annotations

from PySide6.QtGui import QStandardItemModel
from PySide6.QtWidgets import QTableView

from rejnistvo.ui.widgets.column_fitter import ColumnFitter, give_way, share_out


def test_columns_give_way_in_order_down_to_their_floors() -> None:
    natural = [100, 200, 150, 80]
    assert give_way(natural, [(1, 120), (2, 100)], 600) == natural  # it fits
    assert give_way(natural, [(1, 120), (2, 100)], 480) == [100, 150, 150, 80]
    assert give_way(natural, [(1, 120), (2, 100)], 420) == [100, 120, 120, 80]
    # below every floor: the others keep theirs (the table scrolls sideways)
    assert give_way(natural, [(1, 120), (2, 100)], 300) == [100, 120, 100, 80]
    assert natural == [100, 200, 150, 80]  # not changed


def test_the_room_left_is_shared_first_columns_a_pixel_more() -> None:
    assert share_out([100, 50, 50], [1, 2], 205) == [100, 53, 52]
    assert share_out([100, 50, 50], [1, 2], 150) == [100, 50, 50]  # none left
    assert share_out([100, 50, 50], [], 300) == [100, 50, 50]


class _HalfAndHalf(ColumnFitter):
    """Two columns, each half the width; the third hidden when the table is narrow."""

    def layout(self, room: int) -> tuple[dict[int, bool], dict[int, int]]:
        narrow = room < 300
        widths = {0: room // 2, 1: room - room // 2} if narrow else {0: 100, 1: 100, 2: room - 200}
        return {2: narrow}, widths


def test_the_fitter_lays_the_columns_out_at_each_resize(qtbot) -> None:
    table = QTableView()
    qtbot.addWidget(table)
    table.setModel(QStandardItemModel(3, 3, table))
    fitter = _HalfAndHalf(table)
    assert not table.horizontalHeader().stretchLastSection()  # the last is sized here
    table.show()
    table.resize(250, 200)
    qtbot.waitUntil(lambda: table.isColumnHidden(2))
    room = table.viewport().width()
    assert [table.columnWidth(c) for c in (0, 1)] == [room // 2, room - room // 2]
    table.resize(500, 200)
    qtbot.waitUntil(lambda: not table.isColumnHidden(2))
    assert table.columnWidth(2) == table.viewport().width() - 200
    assert fitter.parent() is table  # it goes with its table
