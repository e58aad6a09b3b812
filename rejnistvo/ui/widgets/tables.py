"""One look for every read-only list: whole rows selected, no wrapping, sortable, one
stop for Tab."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, QModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QStyle, QTableView

from rejnistvo.ui.models import CellDelegate, RecordTableModel
from rejnistvo.ui.widgets.steady_scroll_bar import steady_vertical_scroll_bar


def configure_table(table: QTableView) -> None:
    use_cell_delegate(table)
    table.setSortingEnabled(True)
    # -1: keep the order the rows came in until the user clicks a header
    table.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setAlternatingRowColors(True)
    # A read-only list is one stop for Tab: the arrows move between rows, Tab leaves.
    table.setTabKeyNavigation(False)
    table.setWordWrap(False)
    vertical = table.verticalHeader()
    vertical.hide()
    vertical.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    vertical.setDefaultSectionSize(table.fontMetrics().height() + 10)
    header = table.horizontalHeader()
    header.setStretchLastSection(True)
    header.setResizeContentsPrecision(300)  # look at a few hundred rows, not 20,000
    header.setHighlightSections(False)


def use_cell_delegate(table: QTableView) -> None:
    """Cells of a ``RecordTableModel``/``FilterProxy`` painted from one Python call each
    instead of seven ``data()`` round trips (a filter keystroke repaints ~180 cells), and
    painted once per keystroke (``lay_out_at_reset``), its scroll bar only when its
    picture changes (``SteadyScrollBar``)."""
    table.setItemDelegate(CellDelegate(table))
    lay_out_at_reset(table)
    steady_vertical_scroll_bar(table)


def lay_out_at_reset(table: QTableView) -> None:
    """When the table's model is reset (a reload) or its rows' layout changes (each
    filter keystroke, ``FilterProxy.set_text``), the table lays its rows out at once,
    before it paints them.

    Qt lays such a view out on a 0 ms timer that fires after the first paint, and that
    layout asks for a second full repaint of the same rows: every keystroke painted the
    list twice (20k placements: 26 -> 14 ms CPU a key until idle). The model's signal
    reaches the view's own slot first (connected by ``setModel``), so the view knows the
    new rows when it lays out; call this after ``setModel``."""
    model = table.model()
    if model is not None:
        model.modelReset.connect(table.doItemsLayout)
        # a filter keystroke changes the rows' layout (FilterProxy.set_text): the same
        model.layoutChanged.connect(table.doItemsLayout)


def record_index(
    model: RecordTableModel, proxy: QSortFilterProxyModel, record_id: int
) -> QModelIndex:
    """Where the record with this id is shown; invalid when it is not there or filtered out."""
    row = model.find_row("id", record_id)
    if row < 0:
        return QModelIndex()
    return proxy.mapFromSource(model.index(row, 0))


def make_current_row(table: QTableView, index: QModelIndex) -> None:
    """The index's whole row becomes the one current and selected row."""
    table.selectionModel().setCurrentIndex(
        index,
        QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows,
    )


def fit_columns(table: QTableView, max_width: int = 320, sample: int = 60) -> None:
    """Columns as wide as their header and their first `sample` rows (capped).

    Never Qt's ``resizeColumnsToContents``: on a table not yet shown it asks ``data()``
    for every cell of every row (20,000 rows × 10 columns through the proxy)."""
    model = table.model()
    if model is None:
        return
    header = table.horizontalHeader()
    metrics = table.fontMetrics()
    # the item view's text margins (QCommonStyle: focus frame margin + 1, both sides)
    pad = 2 * (table.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, table) + 1)
    pad += 8
    rows = min(model.rowCount(), sample)
    display = Qt.ItemDataRole.DisplayRole
    # a list's own model answers a cell's text in one Python call; data() through Qt
    # is a round trip per cell (240-360 of them at each first opening)
    paint_cell = getattr(model, "paint_cell", None)
    for col in range(header.count()):
        if header.isSectionHidden(col):
            continue
        width = header.sectionSizeHint(col)
        for row in range(rows):
            cell = paint_cell(row, col) if paint_cell is not None else None
            text = cell[0] if cell is not None else model.index(row, col).data(display)
            if text:
                width = max(width, metrics.horizontalAdvance(str(text)) + pad)
        if col < header.count() - 1 or not header.stretchLastSection():
            header.resizeSection(col, min(width, max_width))
