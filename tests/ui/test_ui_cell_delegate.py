"""CellDelegate paints a list's cells exactly as Qt's own delegate does from data(),
with one Python call a cell instead of seven and each text laid out once (issue 13: a
filter keystroke in a frame)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import (
    QProxyStyle,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
)

from rejnistvo.services.row_pages import RowPages
from rejnistvo.ui.format import format_date
from rejnistvo.ui.models import CellDelegate, Column, FilterProxy, RecordTableModel
from rejnistvo.ui.widgets.tables import configure_table

RED = QColor("#b00020")


def _records(count: int = 60) -> list[dict]:
    names = ["Čebašek Žiga", "Novak Ana", "Šinkovec Maša", "Kos Peter"]
    return [
        {
            "id": i,
            "name": f"{names[i % 4]} {i}",
            "born": date(2010, 1 + i % 12, 1 + i % 28) if i % 5 else None,
            "amount": Decimal(i * 1234) / 7,
            "count": i,
            "note": f"prva vrstica\ndruga {i}" if i % 3 == 0 else "",
            "late": i % 4 == 1,
        }
        for i in range(1, count + 1)
    ]


def _columns() -> list[Column]:
    return [
        Column("name", "Ime"),
        Column("born", "Rojen", format_date),
        Column("amount", "Znesek"),  # a Decimal: right-aligned by its value
        Column("count", "Št.", str),  # an int through a formatter: right-aligned too
        Column("note", "Opomba"),  # a line break shown inside one line
        Column("late", "Zamuda", lambda v: "da" if v else "", align_right=True),
    ]


def _model(paged: bool) -> RecordTableModel:
    model = RecordTableModel(_columns())
    model.set_row_foreground(lambda r: RED if r.get("late") else None)
    records = _records()
    if paged:
        by_id = {r["id"]: r for r in records}
        model.set_pages(
            RowPages(
                [r["id"] for r in records],
                [r["name"] for r in records],
                lambda ids: [dict(by_id[i]) for i in ids],
            )
        )
    else:
        model.set_rows(records)
    return model


def _painted(qtbot, model: Any, delegate: bool, select: int | None = None) -> QImage:
    table = QTableView()
    qtbot.addWidget(table)
    table.setModel(model)
    configure_table(table)
    if not delegate:
        table.setItemDelegate(QStyledItemDelegate(table))
    for column, width in enumerate((140, 90, 110, 50, 90, 60)):
        table.horizontalHeader().resizeSection(column, width)
    table.resize(640, 480)
    table.show()
    qtbot.waitExposed(table)
    if select is not None:
        table.selectRow(select)
    return table.viewport().grab().toImage()


def test_configure_table_installs_the_cell_delegate(qtbot):
    table = QTableView()
    qtbot.addWidget(table)
    configure_table(table)
    assert isinstance(table.itemDelegate(), CellDelegate)


def test_model_cells_paint_as_with_qts_delegate(qtbot):
    ours = _painted(qtbot, _model(paged=False), delegate=True, select=2)
    qts = _painted(qtbot, _model(paged=False), delegate=False, select=2)
    assert ours == qts


def test_filtered_paged_cells_paint_as_with_qts_delegate(qtbot):
    images = []
    for delegate in (True, False):
        proxy = FilterProxy()
        proxy.setSourceModel(_model(paged=True))
        proxy.set_text("a")  # Ana, Maša, Žiga: colours and rows far apart in the source
        images.append(_painted(qtbot, proxy, delegate=delegate, select=1))
    assert images[0] == images[1]


def test_paint_cell_answers_what_data_answers(qtbot):
    proxy = FilterProxy()
    proxy.setSourceModel(_model(paged=True))
    proxy.set_text("novak")
    _assert_paint_cells_answer_data(proxy)
    assert proxy.paint_cell(proxy.rowCount(), 0) is None


class _OwnData(RecordTableModel):
    """A model answering data() its own way (as the payment sheet does for tooltips)."""

    def data(self, index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and index.column() == 0:
            return "drugače"
        return super().data(index, role)


def test_a_model_with_its_own_data_is_asked_through_data(qtbot):
    model = _OwnData(_columns())
    model.set_rows(_records(5))
    proxy = FilterProxy()
    proxy.setSourceModel(model)
    assert proxy.paint_cell(0, 0) is None  # the delegate falls back to data()
    ours = _painted(qtbot, proxy, delegate=True)
    other = FilterProxy()
    other.setSourceModel(model)
    assert ours == _painted(qtbot, other, delegate=False)


def test_such_a_model_shown_without_a_proxy_is_asked_through_data(qtbot):
    images = []
    for delegate in (True, False):
        model = _OwnData(_columns())
        model.set_rows(_records(5))
        images.append(_painted(qtbot, model, delegate=delegate))
    assert images[0] == images[1]


# -- the kept layouts (issue 13: most cells drawn without Qt's text layout) ------------------


def _counting(monkeypatch) -> dict[str, int]:
    """Counts the cells CellDelegate draws itself and the ones it leaves to Qt."""
    counts = {"quick": 0, "qt": 0}
    draw = CellDelegate._draw

    def counted(self, *args):
        drawn = draw(self, *args)
        counts["quick" if drawn else "qt"] += 1
        return drawn

    monkeypatch.setattr(CellDelegate, "_draw", counted)
    return counts


def _table(
    qtbot, model: Any, delegate: bool, widths=(140, 90, 110, 50, 90, 60), style=None
) -> QTableView:
    table = QTableView()
    qtbot.addWidget(table)
    if style is not None:
        style.setParent(table)
        table.setStyle(style)
    table.setModel(model)
    configure_table(table)
    if not delegate:
        table.setItemDelegate(QStyledItemDelegate(table))
    for column, width in enumerate(widths):
        table.horizontalHeader().resizeSection(column, width)
    table.resize(640, 480)
    table.show()
    qtbot.waitExposed(table)
    return table


def test_most_cells_are_drawn_from_kept_layouts(qtbot, monkeypatch):
    counts = _counting(monkeypatch)
    table = _table(qtbot, _model(paged=False), delegate=True)
    table.viewport().grab()
    # every cell but the line breaks (Opomba, every third row) is drawn the quick way
    assert counts["quick"] >= 5 * 15
    delegate = table.itemDelegate()
    assert isinstance(delegate, CellDelegate)
    first = table.model().index(0, 0).data()
    assert first in delegate._texts  # laid out once, kept for the next paint


def _both_ways(qtbot, arrange, **table_args) -> list[QImage]:
    """The list painted by CellDelegate and by Qt's own delegate, each after
    ``arrange(table)``: the two pictures must be equal."""
    images = []
    for delegate in (True, False):
        table = _table(qtbot, _model(paged=False), delegate, **table_args)
        arrange(table)
        images.append(table.viewport().grab().toImage())
    return images


#: the names' column too narrow for "Šinkovec Maša 10": Qt elides it with "…"
NARROW = (70, 90, 60, 50, 90, 60)


def test_focus_frame_and_elided_texts_paint_as_with_qts_delegate(qtbot, monkeypatch):
    def focused(table: QTableView) -> None:
        table.setFocus()
        table.setCurrentIndex(table.model().index(3, 1))  # the current cell has a frame
        qtbot.waitUntil(table.hasFocus)

    ours, qts = _both_ways(qtbot, focused, widths=NARROW)
    assert ours == qts


def test_a_new_font_lays_the_texts_out_again(qtbot):
    def bigger_font(table: QTableView) -> None:
        table.viewport().grab()  # the texts are kept in the old font
        font = table.font()
        font.setPointSizeF(font.pointSizeF() + 3)
        font.setBold(True)
        table.setFont(font)

    ours, qts = _both_ways(qtbot, bigger_font)
    assert ours == qts


def test_a_wrapping_list_paints_as_with_qts_delegate(qtbot):
    def wrapping(table: QTableView) -> None:
        table.setWordWrap(True)
        table.verticalHeader().setDefaultSectionSize(44)  # room for two lines

    ours, qts = _both_ways(qtbot, wrapping, widths=NARROW)
    assert ours == qts


def test_a_disabled_list_paints_as_with_qts_delegate(qtbot):
    def disabled(table: QTableView) -> None:
        table.selectRow(1)
        table.setEnabled(False)

    ours, qts = _both_ways(qtbot, disabled)
    assert ours == qts


def test_many_texts_are_forgotten_and_laid_out_again(qtbot, monkeypatch):
    from rejnistvo.ui.models import cell_delegate

    monkeypatch.setattr(cell_delegate, "TEXT_LIMIT", 10)
    ours = _table(qtbot, _model(paged=False), delegate=True)
    image = ours.viewport().grab().toImage()
    assert len(ours.itemDelegate()._texts) <= 10
    qts = _table(qtbot, _model(paged=False), delegate=False)
    assert image == qts.viewport().grab().toImage()


class _ShiftedText(QProxyStyle):
    """A style painting item texts its own way (as another platform's style may)."""

    def drawControl(self, element, option, painter, widget=None):  # noqa: N802
        if element == QStyle.ControlElement.CE_ItemViewItem and option.text:
            shifted = QStyleOptionViewItem(option)
            shifted.rect = option.rect.adjusted(6, 2, 0, 0)
            super().drawControl(element, shifted, painter, widget)
            return
        super().drawControl(element, option, painter, widget)


def test_a_style_painting_items_otherwise_is_left_to_qt(qtbot, monkeypatch):
    counts = _counting(monkeypatch)
    images = []
    for delegate in (True, False):  # a style each: a table owns its style
        table = _table(qtbot, _model(paged=False), delegate, style=_ShiftedText())
        images.append(table.viewport().grab().toImage())
    assert images[0] == images[1]
    assert counts["quick"] <= 4  # the one cell of each kind painted both ways offscreen


def _assert_paint_cells_answer_data(model: Any) -> None:
    for row in range(model.rowCount()):
        for column in range(model.columnCount()):
            index = model.index(row, column)
            text, align, colour = model.paint_cell(row, column)
            assert text == index.data(Qt.ItemDataRole.DisplayRole)
            assert colour == index.data(Qt.ItemDataRole.ForegroundRole)
            expected = index.data(Qt.ItemDataRole.TextAlignmentRole)
            assert (None if align is None else int(align)) == expected


def test_kept_painted_rows_follow_saves_sorts_and_colours(qapp):
    model = _model(paged=True)
    proxy = FilterProxy()
    proxy.setSourceModel(model)
    _assert_paint_cells_answer_data(proxy)  # every row's cells made and kept
    record = dict(model.row_record(0), name="Zupan Zala", late=True)
    model.upsert_row(record)  # a save: new text, now late (red)
    assert model.paint_cell(0, 0) == ("Zupan Zala", None, RED)
    model.sort(0, Qt.SortOrder.DescendingOrder)  # the rows move under the kept cells
    _assert_paint_cells_answer_data(proxy)
    assert proxy.paint_cell(0, 0)[0] == "Zupan Zala"
    blue = QColor("#0000ff")
    model.set_row_foreground(lambda r: blue)
    assert all(model.paint_cell(row, 2)[2] == blue for row in range(model.rowCount()))
    model.remove_row(record["id"])
    _assert_paint_cells_answer_data(proxy)


def test_a_hidden_list_lets_its_texts_go_and_paints_them_again(qtbot):
    ours = _table(qtbot, _model(paged=False), delegate=True)
    ours.viewport().grab()
    delegate = ours.itemDelegate()
    assert delegate._texts
    ours.hide()  # another screen shown
    assert not delegate._texts
    ours.show()
    qtbot.waitExposed(ours)
    image = ours.viewport().grab().toImage()
    assert delegate._texts
    qts = _table(qtbot, _model(paged=False), delegate=False)
    assert image == qts.viewport().grab().toImage()


class _PaintCounter(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.paints = 0

    def eventFilter(self, watched, event):  # noqa: N802
        if event.type() == QEvent.Type.Paint:
            self.paints += 1
        return False


def test_a_filter_keystroke_paints_the_list_once(qtbot):
    model = RecordTableModel(_columns())
    model.set_rows(_records(600))  # every fragment below leaves more rows than shown
    proxy = FilterProxy()
    proxy.setSourceModel(model)
    table = _table(qtbot, proxy, delegate=True)
    table.viewport().grab()
    counter = _PaintCounter()
    table.viewport().installEventFilter(counter)
    for typed in ("a", "an", "ana", "an", ""):
        counter.paints = 0
        proxy.set_text(typed)
        # what Qt does after a key until it is idle (its layout timer, then a repaint)
        for _ in range(5):
            QCoreApplication.processEvents()
            qtbot.wait(5)
        assert counter.paints == 1, typed


class _PanelCounter(QProxyStyle):
    """Fusion, counting the item panels it is asked to paint; ``unselected`` fills an
    unselected cell's panel too (a style whose panel is never empty)."""

    def __init__(self, unselected: QColor | None = None) -> None:
        super().__init__("Fusion")
        self.panels = 0
        self.unselected = unselected

    def drawPrimitive(self, element, option, painter, widget=None):  # noqa: N802
        if element == QStyle.PrimitiveElement.PE_PanelItemViewItem:
            self.panels += 1
            if self.unselected is not None and not option.state & QStyle.StateFlag.State_Selected:
                painter.fillRect(option.rect, self.unselected)
                return
        super().drawPrimitive(element, option, painter, widget)


def test_unselected_quick_cells_skip_the_empty_item_panel(qtbot):
    style = _PanelCounter()
    table = _table(qtbot, _model(paged=False), delegate=True, style=style)
    table.viewport().grab()
    style.panels = 0
    table.viewport().grab()
    # Qt asks its panel only for the cells it paints itself (the line breaks in
    # Opomba): 15 rows × 6 columns are shown, none selected
    assert 0 < style.panels <= 15
    table.selectRow(2)
    style.panels = 0
    table.viewport().grab()
    assert style.panels >= 6  # the selected row's panels are painted


def test_a_style_painting_unselected_panels_paints_as_qt(qtbot):
    grey = QColor("#d0d0d0")
    images = []
    for delegate in (True, False):
        style = _PanelCounter(unselected=grey)
        table = _table(qtbot, _model(paged=False), delegate, style=style)
        table.selectRow(2)
        images.append(table.viewport().grab().toImage())
    assert images[0] == images[1]
    assert images[0].pixelColor(40, 5) == grey  # the panel is there, under the text
