"""One look for every read-only list: whole rows selected, no wrapping, sortable, one
stop for Tab."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeGuard

from PySide6.QtCore import (
    QAbstractItemModel,
    QCoreApplication,
    QEvent,
    QItemSelectionModel,
    QModelIndex,
    QObject,
    QSortFilterProxyModel,
    Qt,
    QTimer,
    Slot,
)
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QStyle, QTableView, QWidget

from rejnistvo.ui.first_paint import after_first_paint
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
    rows_on_home_end(table)


class _HomeEndRows(QObject):
    """Home and End on a list of whole rows go to its first and last row. Qt's table
    moves to the row's first or last column (Ctrl+Home, Ctrl+End change rows), which in
    a list that selects rows shows nothing: End on Roki seemed dead (found by QA54)."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt name)
        if event.type() != QEvent.Type.KeyPress or not isinstance(event, QKeyEvent):
            return False
        key = event.key()
        if key not in (Qt.Key.Key_Home, Qt.Key.Key_End):
            return False
        if event.modifiers() != Qt.KeyboardModifier.NoModifier:
            return False
        table = self.parent()
        model = table.model() if isinstance(table, QTableView) else None
        if model is None or not model.rowCount():
            return False
        assert isinstance(table, QTableView)
        row = 0 if key == Qt.Key.Key_Home else model.rowCount() - 1
        index = model.index(row, max(table.currentIndex().column(), 0))
        table.setCurrentIndex(index)
        table.scrollTo(index)
        return True


def rows_on_home_end(table: QTableView) -> None:
    """Home and End choose the first and last row of ``table`` (:class:`_HomeEndRows`)."""
    table.installEventFilter(_HomeEndRows(table))


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
        # a filter keystroke changes the rows' layout (FilterProxy.set_text): the same,
        # and the column header lays out without repainting (``_RowsLaidOut``)
        rows = _RowsLaidOut(table)
        model.layoutAboutToBeChanged[_HINTED].connect(rows.about_to_change)  # type: ignore[index]
        model.layoutChanged[_HINTED].connect(rows.laid_out)  # type: ignore[index]


#: the layout signals' overload that carries the hint (PySide picks it by its signature)
_HINTED = "QList<QPersistentModelIndex>,QAbstractItemModel::LayoutChangeHint"
#: the first argument of that overload, as a slot declares it
_PARENTS = "QList<QPersistentModelIndex>"
_ROWS_ONLY = QAbstractItemModel.LayoutChangeHint.VerticalSortHint
_NO_UPDATES = Qt.WidgetAttribute.WA_UpdatesDisabled
_META_CALL = int(QEvent.Type.MetaCall)
#: the object name Qt gives a scroll area's viewport (QAbstractScrollArea)
_VIEWPORT = "qt_scrollarea_viewport"
#: how long after a list is first painted its scroll bars' boxes are looked up
_FIND_BOXES_MS = 250
_OWN_CHILD = Qt.FindChildOption.FindDirectChildrenOnly


class _RowsLaidOut(QObject):
    """Lays a table out when its model's rows change their layout; when only the rows
    changed (a filter keystroke), the column header's own layout runs first with its
    picture kept.

    Every item view Qt connects to a model, the header too, answers a layout change by
    asking for a layout of itself, and the table's layout (``updateGeometries`` reads
    the header's length) runs the header's at once, which repaints all of the header: a
    filter keystroke repainted the unchanged column header (~1.2 million instructions a
    key at 20,000 placements, ``headerData`` asked ~40 times). Told that only the rows
    changed, the header keeps its sections (its own handler ignores such a change), so
    its layout is run here first, with its repaint held back; anything that does change
    its picture afterwards (the table's width, a section sized to its contents, the
    horizontal scroll) repaints it as usual. A header that highlights the sections of
    selected cells is left alone: which cells are selected and shown may change with
    the rows."""

    def __init__(self, table: QTableView) -> None:
        super().__init__(table)  # its connection goes with the table
        self._table = table
        #: the header's sections before the rows change (None: not a change of rows only)
        self._sections: tuple[int, ...] | None = None
        #: the scroll bars' boxes (None: not looked up yet, ``_find_boxes``)
        self._boxes: list[QWidget] | None = None
        # Looked up a while after the list is first painted, not at its first keystroke
        # nor while the window starts: the first widget of a class PySide does not know
        # (the boxes are Qt's private class) makes it build the enum types of ~40 other
        # widget classes, ~9 ms once in a process
        viewport = table.findChild(QWidget, _VIEWPORT, _OWN_CHILD)
        if viewport is not None:
            after_first_paint(viewport, self._painted, fallback_ms=None)

    def _painted(self) -> None:
        QTimer.singleShot(_FIND_BOXES_MS, self, self._find_boxes)

    def _find_boxes(self) -> None:
        boxes = (self._table.verticalScrollBar(), self._table.horizontalScrollBar())
        found = [bar.parentWidget() for bar in boxes]
        self._boxes = [box for box in found if box is not None and box is not self._table]

    @Slot(_PARENTS, QAbstractItemModel.LayoutChangeHint)
    def about_to_change(self, _parents: Any = None, hint: Any = None) -> None:
        # read before the change: once the model has told its views, reading the header
        # runs its layout, and its repaint, at once
        header = self._table.horizontalHeader()
        self._sections = _sections(header) if hint == _ROWS_ONLY else None

    @Slot(_PARENTS, QAbstractItemModel.LayoutChangeHint)
    def laid_out(self, _parents: Any = None, hint: Any = None) -> None:
        table = self._table
        before, self._sections = self._sections, None
        if hint != _ROWS_ONLY or before is None:
            table.doItemsLayout()
            return
        _lay_out_quietly(table.horizontalHeader(), before)
        if self._boxes is None:
            table.doItemsLayout()
        else:
            _lay_out_bars_kept(table, self._boxes)


def _lay_out_bars_kept(table: QTableView, all_boxes: list[QWidget]) -> None:
    """The table's layout, with its scroll bars' boxes repainted only if they moved.

    Laying out a scroll area raises its two scroll bars' boxes, one above the other,
    and raising a widget repaints it: with both bars shown, each layout repainted both
    (a keystroke lays the table out twice: at once, and when the bars' new range is
    answered), ~2 million instructions a key at 20,000 placements. Nothing lies over
    those boxes, so their repaint is held back while the table lays out and answers the
    range (the answer is taken now, not after the paint); a box that moved, resized,
    showed or hid is repainted, and the bars themselves repaint on their own changes."""
    boxes = [box for box in all_boxes if not box.testAttribute(_NO_UPDATES)]
    places = [(box.geometry().getRect(), box.isVisible()) for box in boxes]
    for box in boxes:
        box.setAttribute(_NO_UPDATES, True)
    try:
        table.doItemsLayout()
        # the layout the bars' range change asks for (queued), now
        QCoreApplication.sendPostedEvents(table, _META_CALL)
    finally:
        for box in boxes:
            box.setAttribute(_NO_UPDATES, False)
    for box, place in zip(boxes, places, strict=True):
        if (box.geometry().getRect(), box.isVisible()) != place:
            box.update()


def _lay_out_quietly(header: QHeaderView, before: tuple[int, ...]) -> None:
    """The header's pending layout, now, without the repaint it asks for unless its
    sections differ from `before`."""
    # Found by the name Qt gives it, not viewport(): the first viewport() call in a
    # process makes PySide build ~40 enum types of other scroll areas (~9 ms), which the
    # program otherwise never pays, and would fall on the first keystroke
    viewport = header.findChild(QWidget, _VIEWPORT)
    if (
        viewport is None
        or header.isHidden()
        or header.highlightSections()
        or not header.updatesEnabled()
        or viewport.testAttribute(_NO_UPDATES)  # someone else holds its repaints
    ):
        return
    # The attribute itself, not setUpdatesEnabled: enabling updates again repaints the
    # whole widget, which is what this avoids
    viewport.setAttribute(_NO_UPDATES, True)
    try:
        header.doItemsLayout()  # what the header's timer would do (it stops the timer)
        header.length()  # and the resize of its sections it asks for (stretch, contents)
    finally:
        viewport.setAttribute(_NO_UPDATES, False)
    if _sections(header) != before:
        viewport.update()  # a section moved or was resized: its picture changed


def _sections(header: QHeaderView) -> tuple[int, ...]:
    """What a header's picture is laid out from: where it is scrolled, its sections'
    sizes in order (a hidden section has none)."""
    return (header.offset(), *(header.sectionSize(i) for i in range(header.count())))


def record_index(
    model: RecordTableModel, proxy: QSortFilterProxyModel, record_id: int
) -> QModelIndex:
    """Where the record with this id is shown; invalid when it is not there or filtered out."""
    row = model.find_row("id", record_id)
    if row < 0:
        return QModelIndex()
    return proxy.mapFromSource(model.index(row, 0))


def search_key_to_list(event: QEvent) -> TypeGuard[QKeyEvent]:
    """Enter or ↓ (also on the keypad) pressed in a list's search box: the keys that
    take the cursor on to the list (before, only Tab reached it; QA60)."""
    return (
        event.type() == QEvent.Type.KeyPress
        and isinstance(event, QKeyEvent)
        and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Down)
        and event.modifiers()
        in (Qt.KeyboardModifier.NoModifier, Qt.KeyboardModifier.KeypadModifier)
    )


def clear_search_hiding(
    model: RecordTableModel, proxy: QSortFilterProxyModel, search: Any, record_id: int
) -> None:
    """Clear `search` (a line edit) when the list has the record but the search hides it:
    a record opened from *Roki* stood in the editor while a search left over in the list
    showed another one, chosen (found by QA54)."""
    if (
        search.text()
        and not record_index(model, proxy, record_id).isValid()
        and model.find_row("id", record_id) >= 0
    ):
        search.clear()


def make_current_row(table: QTableView, index: QModelIndex) -> None:
    """The index's whole row becomes the one current and selected row."""
    table.selectionModel().setCurrentIndex(
        index,
        QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows,
    )


def fit_columns(
    table: QTableView,
    max_width: int = 320,
    sample: int = 60,
    widest: Mapping[int, str] | None = None,
) -> None:
    """Columns as wide as their header and their first `sample` rows (capped); `widest`:
    a text per column that its cells may reach further down the list (the R-4 list's
    first 60 case numbers have two digits, »1220-138/2026« was cut to »1220-138/20…«).

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
        texts: set[str] = set()  # each text measured once: a column repeats its kinds, days, dates
        for row in range(rows):
            cell = paint_cell(row, col) if paint_cell is not None else None
            text = cell[0] if cell is not None else model.index(row, col).data(display)
            if text:
                texts.add(str(text))
        if widest and col in widest:
            texts.add(widest[col])
        for text in texts:
            width = max(width, metrics.horizontalAdvance(text) + pad)
        if col < header.count() - 1 or not header.stretchLastSection():
            header.resizeSection(col, min(width, max_width))
