"""``FilterProxy``: the rows of a ``RecordTableModel`` whose chosen columns contain a
typed fragment, ignoring case and diacritics (č → c), in the source's order; sorting is
the source's (by the native values).

The proxy keeps the list of shown source rows itself, so a keystroke is one list
comprehension over plain strings instead of 20,000 ``filterAcceptsRow`` calls through
Python."""

from __future__ import annotations

import time
from bisect import bisect_left
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QAbstractProxyModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
    Slot,
)

from rejnistvo.ui.format import fold
from rejnistvo.ui.models.cells import ANSWERED, NO_FLAGS, ROW_FLAGS, Index, is_valid, row_of
from rejnistvo.ui.models.table import RecordTableModel, answers_as_cell, key_typed

#: a filter keystroke changes which rows are shown, never the columns
_ROWS_ONLY = QAbstractItemModel.LayoutChangeHint.VerticalSortHint
#: the layout signals' overload that carries the hint (PySide picks it by its signature)
_HINTED = "QList<QPersistentModelIndex>,QAbstractItemModel::LayoutChangeHint"
#: Qt's method called per painted cell, unbound (looked up once, not on each object)
_create_index = QAbstractItemModel.createIndex
#: indexes a proxy keeps (a screen shows a few hundred cells)
_KEEP_INDEXES = 4096


class FilterProxy(QAbstractProxyModel):
    """Shows the source rows whose search columns contain a typed fragment, ignoring
    case and diacritics, in the source's order; sorting is delegated to the source.

    It keeps the shown source rows as a sorted list of row numbers: filtering is one
    list comprehension, mapping a row is a list look-up or a bisection.

    A list still reading its search texts (the first seconds after it opens) is
    filtered over the rows whose texts are there; the matches among the others are
    added at the end as their texts come (``RecordTableModel.search_grown``), so a key
    never waits for the rest (at 20k: 50-120 ms, at 80k up to 0.4 s). ``searching()``
    says whether the result may still grow; ``search_progress`` fires when it was
    told more rows, so a count beside the list can follow."""

    search_progress = Signal()
    #: while the texts are read: matches enough to fill a screen are shown as they come,
    #: more are added at most this often
    SCREENFUL = 100
    GROW_SECONDS = 0.25

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._fragment = ""
        self._shown: list[int] = []
        self._source: RecordTableModel | None = None
        self._plain_source = True
        self._filtered_generation = -1
        self._plain_cell = True
        self._plain_flags = True
        self._own_paint_cell = True
        self._layout_proxy: list[QPersistentModelIndex] = []
        self._layout_sources: list[QPersistentModelIndex] = []
        self._removing: tuple[int, int] | None = None
        #: source rows before this one have been filtered (those after: texts to come)
        self._scanned = 0
        #: rows after ``_scanned`` shown already (selected when typed, saved since)
        self._early: set[int] = set()
        self._grown_at = 0.0
        self._reading = False
        #: the source's column count (fixed for a model), read by ``index`` per cell
        self._column_count = 0
        #: the indexes ``index`` made, by row * column count + column
        self._made: dict[int, QModelIndex] = {}

    # -- wiring -----------------------------------------------------------------------
    def setSourceModel(self, model: RecordTableModel) -> None:  # noqa: N802
        self.beginResetModel()
        old = self._source
        if old is not None:
            for signal, slot in self._connections(old):
                signal.disconnect(slot)
        self._source = model
        # a model that answers data() its own way is asked through data()
        self._plain_source = type(model).data is RecordTableModel.data
        # only RecordTableModel's own cell() and flags() may be answered from here
        self._plain_cell = answers_as_cell(type(model))
        self._plain_flags = type(model).flags is RecordTableModel.flags
        self._own_paint_cell = type(model).paint_cell is RecordTableModel.paint_cell
        self._column_count = model.columnCount()
        self._made.clear()
        super().setSourceModel(model)
        for signal, slot in self._connections(model):
            signal.connect(slot)
        self._refilter()
        self.endResetModel()

    def _connections(self, model: RecordTableModel) -> list[tuple[Any, Any]]:
        return [
            (model.modelAboutToBeReset, self._before_reset),
            (model.modelReset, self._after_reset),
            (model.layoutAboutToBeChanged, self._before_layout),
            (model.layoutChanged, self._after_layout),
            (model.dataChanged, self._on_data_changed),
            (model.rowsInserted, self._on_rows_inserted),
            (model.rowsAboutToBeRemoved, self._before_rows_removed),
            (model.rowsRemoved, self._on_rows_removed),
            (model.headerDataChanged, self.headerDataChanged),
            (model.search_grown, self._on_search_grown),
        ]

    # -- filtering ----------------------------------------------------------------------
    def set_text(self, text: str) -> None:
        fragment = fold(text.strip())
        if fragment == self._fragment:
            return
        key_typed()
        # Typing on (the new text extends the old): only the rows shown now can match.
        source = self._source
        narrow = (
            bool(self._fragment)
            and fragment.startswith(self._fragment)
            and source is not None
            and self._filtered_generation == source.generation
        )
        # A layout change of the rows, not a reset: a reset makes the column header
        # forget its sections, ask each header's data again for its size and repaint
        # itself (~2 million instructions a key at 20,000 rows), and drops the selection.
        # Told as a change of the rows alone (the vertical hint), the columns' header
        # keeps what it has; the selected and current rows stay where they are shown.
        self.layoutAboutToBeChanged[_HINTED].emit([], _ROWS_ONLY)  # type: ignore[index]
        kept = self.persistentIndexList()
        sources = [self._shown[i.row()] if 0 <= i.row() < len(self._shown) else -1 for i in kept]
        self._fragment = fragment
        # the selected and current rows are looked at even if their texts are to come
        self._refilter(within=self._shown if narrow else None, keep=sources)
        if kept:
            moved = []
            for index, source_row in zip(kept, sources, strict=True):
                row = self._proxy_row(source_row) if source_row >= 0 else -1
                moved.append(self.index(row, index.column()) if row >= 0 else QModelIndex())
            self.changePersistentIndexList(kept, moved)
        self.layoutChanged[_HINTED].emit([], _ROWS_ONLY)  # type: ignore[index]

    def text(self) -> str:
        return self._fragment

    def searching(self) -> bool:
        """Whether the shown rows may still grow: a filter is typed and the list is still
        reading the search texts of some rows."""
        return bool(self._fragment) and self._source is not None and self._source.searching()

    def _refilter(self, within: list[int] | None = None, keep: Sequence[int] = ()) -> None:
        source = self._source
        self._early = set()
        if source is None:
            self._shown = []
            return
        self._filtered_generation = source.generation
        if not self._fragment:
            self._shown = list(range(source.rowCount()))
            self._scanned = source.rowCount()
            return
        if source.searching():
            # texts made or folded here, or one slice from the file: read now; more from
            # the file come in idle slices, each adding its matches
            self._reading = True
            try:
                source.read_texts_for_key()
            finally:
                self._reading = False
        # ``within``: the rows shown now, when the new text extends the old: those before
        # ``_scanned`` (after it: rows shown early), then the rows read since
        if within is None:
            shown = self._scan(0)
        else:
            before = within[: bisect_left(within, self._scanned)]
            shown = self._matching(before) + self._scan(self._scanned)
        # a selected or current row whose text is still to come: its text is read alone
        # and the row shown if it matches (its slice, when read, does not add it again)
        count = source.rowCount()
        # (so are rows with their texts there already: saved, or read alone before)
        ahead = source.texts_ahead()
        wanted = set(keep) | ahead if ahead else keep
        early = sorted({r for r in wanted if self._scanned <= r < count and self._accepts(r)})
        self._early = set(early)
        self._shown = shown + early

    def complete_search(self) -> None:
        """Every match shown now (the list's unread texts read at once): what an export
        or a print of the shown rows needs while the list is still reading."""
        if self.searching():
            self._source.search_texts()  # type: ignore[union-attr]  # told by search_grown

    def _matching(self, rows: list[int]) -> list[int]:
        texts = self._source.ready_texts()[0]  # type: ignore[union-attr]
        words = self._fragment.split()
        shown = [i for i in rows if words[0] in texts[i]]  # type: ignore[operator]
        for word in words[1:]:
            shown = [i for i in shown if word in texts[i]]  # type: ignore[operator]
        return shown

    def _scan(self, start: int) -> list[int]:
        """The matches among the rows from ``start`` to the last with its text; they
        count as filtered from now on."""
        texts, done = self._source.ready_texts()  # type: ignore[union-attr]
        self._scanned = max(done, start)
        if done <= start:
            return []
        words = self._fragment.split()
        first = words[0]
        if start == 0 and done == len(texts):
            shown = [i for i, t in enumerate(texts) if first in t]  # type: ignore[operator]
        else:
            shown = [i for i in range(start, done) if first in texts[i]]  # type: ignore[operator]
        for word in words[1:]:
            shown = [i for i in shown if word in texts[i]]  # type: ignore[operator]
        return shown

    @Slot(int, int)
    def _on_search_grown(self, start: int, end: int) -> None:
        """More rows have their texts: their matches join the end of the shown rows
        (every shown row lies before them)."""
        if self._reading:
            return  # read by a keystroke's filter, which looks at them itself
        source = self._source
        if not self._fragment or source is None or end <= self._scanned:
            return
        # Each addition lays the table out and repaints it (~a keystroke's work): once
        # the screen is full, the matches are added every ``GROW_SECONDS`` and when the
        # last texts are read, not after every idle slice (80 of them at 20k).
        now = time.perf_counter()
        if (
            len(self._shown) >= self.SCREENFUL
            and end < source.rowCount()
            and now - self._grown_at < self.GROW_SECONDS
        ):
            return
        self._grown_at = now
        new = self._scan(self._scanned)
        if self._early:
            new = [r for r in new if r not in self._early]
            self._early = {r for r in self._early if r >= self._scanned}
        self._insert_shown(new)
        self.search_progress.emit()

    def _insert_shown(self, new: list[int]) -> None:
        """Show these source rows (in order, none shown yet), each run of them where it
        belongs among the shown rows: at the end, or before a row shown early."""
        shown = self._shown
        i = 0
        while i < len(new):
            at = bisect_left(shown, new[i])
            limit = shown[at] if at < len(shown) else None
            j = i
            while j < len(new) and (limit is None or new[j] < limit):
                j += 1
            self.beginInsertRows(QModelIndex(), at, at + j - i - 1)
            shown[at:at] = new[i:j]
            self.endInsertRows()
            i = j

    def _accepts(self, source_row: int) -> bool:
        """Whether the row matches (a row whose text is still to come: its text read
        alone; a caller that shows such a row notes it in ``_early``)."""
        if not self._fragment or self._source is None:
            return True
        text = self._source.search_text(source_row)
        return all(word in text for word in self._fragment.split())

    def _has_text(self, source_row: int) -> bool:
        if not self._fragment or source_row < self._scanned or self._source is None:
            return True
        return self._source.ready_texts()[0][source_row] is not None

    def _note_shown(self, source_row: int, shown: bool) -> None:
        """A row after the filtered ones shown (or no longer) by a change of its own."""
        if source_row >= self._scanned and self._fragment:
            if shown:
                self._early.add(source_row)
            else:
                self._early.discard(source_row)

    def _proxy_row(self, source_row: int) -> int:
        at = bisect_left(self._shown, source_row)
        return at if at < len(self._shown) and self._shown[at] == source_row else -1

    # -- source changes -------------------------------------------------------------------
    @Slot()
    def _before_reset(self) -> None:
        self.beginResetModel()

    @Slot()
    def _after_reset(self) -> None:
        if self._source is not None:
            self._column_count = self._source.columnCount()
            self._made.clear()
        self._refilter()
        self.endResetModel()

    @Slot()
    def _before_layout(self) -> None:
        self.layoutAboutToBeChanged.emit()
        self._layout_proxy = self.persistentIndexList()
        self._layout_sources = [
            QPersistentModelIndex(self.mapToSource(self.index(i.row(), i.column())))
            for i in self._layout_proxy
        ]

    @Slot()
    def _after_layout(self) -> None:
        # the rows kept (selected, current) are looked at even if their texts are to come
        self._refilter(keep=[QModelIndex(s).row() for s in self._layout_sources])
        for old, source in zip(self._layout_proxy, self._layout_sources, strict=True):
            self.changePersistentIndex(old, self.mapFromSource(QModelIndex(source)))
        self._layout_proxy, self._layout_sources = [], []
        self.layoutChanged.emit()

    @Slot(QModelIndex, QModelIndex, "QList<int>")
    def _on_data_changed(self, top: QModelIndex, bottom: QModelIndex, roles: Any = None) -> None:
        last_column = max(self.columnCount() - 1, 0)
        for source_row in range(top.row(), bottom.row() + 1):
            row = self._proxy_row(source_row)
            if row < 0 and source_row >= self._scanned and not self._has_text(source_row):
                continue  # not shown, its text to come: looked at with its slice
            accepted = self._accepts(source_row)
            if row >= 0 and accepted:
                self.dataChanged.emit(self.index(row, 0), self.index(row, last_column))
            elif row >= 0:
                self._note_shown(source_row, False)
                self.beginRemoveRows(QModelIndex(), row, row)
                del self._shown[row]
                self.endRemoveRows()
            elif accepted:
                self._note_shown(source_row, True)
                at = bisect_left(self._shown, source_row)
                self.beginInsertRows(QModelIndex(), at, at)
                self._shown.insert(at, source_row)
                self.endInsertRows()

    @Slot(QModelIndex, int, int)
    def _on_rows_inserted(self, parent: QModelIndex, first: int, last: int) -> None:
        count = last - first + 1
        if first < self._scanned:
            # rows put among the filtered ones (a saved record) come with their texts
            self._scanned += count
        if self._early:
            self._early = {r + count if r >= first else r for r in self._early}
        shown = self._shown
        at = bisect_left(shown, first)
        if not self._fragment and self._source is not None:
            # every row shown: the rows after the new ones are the numbers after them
            # (made in C, 80,000 in ~1 ms, not moved one by one in Python)
            shown[at:] = range(first + count, self._source.rowCount())
        elif at < len(shown):  # only the rows after the new ones move (an append: none)
            shown[at:] = [r + count for r in shown[at:]]
        if not self._fragment:
            new = list(range(first, last + 1))
            if self._source is not None:
                self._scanned = self._source.rowCount()
        else:
            # a row added after the filtered ones with its text there (a saved record)
            # is shown at once if it matches, as one shown early; rows without one (more
            # rows of a list completed later) come with their texts
            new = [r for r in range(first, last + 1) if self._has_text(r) and self._accepts(r)]
            for r in new:
                self._note_shown(r, True)
        if not new:
            return
        self.beginInsertRows(QModelIndex(), at, at + len(new) - 1)
        shown[at:at] = new
        self.endInsertRows()

    @Slot(QModelIndex, int, int)
    def _before_rows_removed(self, parent: QModelIndex, first: int, last: int) -> None:
        start = bisect_left(self._shown, first)
        end = bisect_left(self._shown, last + 1)
        self._removing = (start, end) if end > start else None
        if self._removing:
            self.beginRemoveRows(QModelIndex(), start, end - 1)

    @Slot(QModelIndex, int, int)
    def _on_rows_removed(self, parent: QModelIndex, first: int, last: int) -> None:
        count = last - first + 1
        if first < self._scanned:
            self._scanned -= min(count, self._scanned - first)
        if self._early:
            self._early = {
                r - count if r > last else r for r in self._early if not first <= r <= last
            }
        kept = [r for r in self._shown if not first <= r <= last]
        self._shown = [r - count if r > last else r for r in kept]
        if self._removing:
            self._removing = None
            self.endRemoveRows()

    # -- the proxy model ------------------------------------------------------------------
    def index(self, row: int, column: int, parent: Index = QModelIndex()) -> QModelIndex:  # noqa: B008
        # Asked by the view for every painted cell. An index is a value (this proxy's
        # row and column): the one made for a row and column is kept and given again,
        # instead of createIndex through PySide each time (1.5 -> 0.35 µs a call), and
        # Qt's methods are called unbound (a method looked up on a PySide object costs
        # more than the call)
        count = self._column_count
        if 0 <= row < len(self._shown) and 0 <= column < count and not is_valid(parent):
            key = row * count + column
            made = self._made.get(key)
            if made is None:
                if len(self._made) >= _KEEP_INDEXES:
                    self._made.clear()
                made = self._made[key] = _create_index(self, row, column)
            return made
        return QModelIndex()

    def parent(self, index: Index = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008
        return QModelIndex()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._shown)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        if parent.isValid() or self._source is None:
            return 0
        return self._source.columnCount()

    def mapToSource(self, proxy_index: Index) -> QModelIndex:  # noqa: N802
        if self._source is None or not proxy_index.isValid():
            return QModelIndex()
        row = proxy_index.row()
        if not 0 <= row < len(self._shown):
            return QModelIndex()
        return self._source.index(self._shown[row], proxy_index.column())

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        # Straight to the source row: Qt's default makes a source index through Python's
        # mapToSource on each of the ~8 calls per painted cell (a keystroke repaints 300).
        source = self._source
        if source is None:
            return None
        row = index.row()
        if not 0 <= row < len(self._shown):  # an invalid index has row -1
            return None
        if self._plain_source:
            if self._plain_cell and role not in ANSWERED:
                return None
            source.read_around(self._shown, row)
            return source.cell(self._shown[row], index.column(), role)
        return source.data(source.index(self._shown[row], index.column()), role)

    def paint_cell(self, row: int, col: int) -> tuple[str, Any, Any] | None:
        """The source's ``paint_cell`` of a shown row (``CellDelegate``); None when the
        source answers ``data`` its own way (the delegate then asks ``data``)."""
        source = self._source
        shown = self._shown
        if source is None or not self._plain_cell or not 0 <= row < len(shown):
            return None
        at = shown[row]
        # a row painted before (most cells of a keystroke): its kept cells, without the
        # two calls below (a repaint asks ~250 cells, each call through PySide's frames)
        if self._own_paint_cell:
            kept = source._painted.get(at)
            if (
                kept is not None
                and kept[0] is source._display[at]
                and 0 <= col < self._column_count
            ):
                return kept[1][col]
        source.read_around(shown, row)
        return source.paint_cell(at, col)

    def flags(self, index: Index) -> Qt.ItemFlag:
        row = row_of(index)  # -1 for an invalid index
        if not 0 <= row < len(self._shown) or self._source is None:
            return NO_FLAGS
        if self._plain_flags:
            return ROW_FLAGS
        return self._source.flags(self._source.index(self._shown[row], index.column()))

    def mapFromSource(self, source_index: Index) -> QModelIndex:  # noqa: N802
        if not source_index.isValid():
            return QModelIndex()
        row = self._proxy_row(source_index.row())
        return QModelIndex() if row < 0 else self.index(row, source_index.column())

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:  # noqa: N802
        if self._source is None:
            return None
        if orientation == Qt.Orientation.Vertical:
            return str(section + 1) if role == Qt.ItemDataRole.DisplayRole else None
        return self._source.headerData(section, orientation, role)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        # The source orders itself with a key function (fast, native values); the
        # proxy keeps the source order.
        if self._source is not None:
            self._source.sort(column, order)

    def row_record(self, proxy_row: int) -> dict:
        assert self._source is not None
        return self._source.row_record(self._shown[proxy_row])

    def source_row(self, proxy_row: int) -> int:
        return self._shown[proxy_row]
