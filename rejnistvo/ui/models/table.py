"""A generic read-only table of records (dicts): ``RecordTableModel`` shows the records'
values through each column's formatter and gives the native value (Decimal, date, str,
int) under ``SORT_ROLE``. Its filter is ``filter_proxy.FilterProxy``; its columns and
what their cells answer are ``cells``.

Speed (20,000 rows): ``set_rows`` only keeps the records; a row's display texts are
made when it is first painted, and the folded search texts are made in small slices
while the program is idle (or at once, when the user types first; the slices step aside
for a moment after each filter keystroke, ``key_typed``). Sorting orders the source rows
with a key function. A save updates its one row (``upsert_row``).

A long list comes in paged instead (``set_pages`` with a service's ``RowPages``): the
model keeps every row's id and search text (folded in idle slices once the list is
painted, or at once when the user types first), and asks the service for the records
of a page of rows when one of them is first painted; pages read long ago are forgotten,
so a screen of 20,000 records holds a few hundred of them (issue 13).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from decimal import Decimal
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    Qt,
    QTimer,
    Signal,
    Slot,
)

from rejnistvo.rules.text import fold_all
from rejnistvo.services.row_pages import RowPages, chunks
from rejnistvo.ui.format import fold
from rejnistvo.ui.models.cells import (
    ALIGNMENT,
    ANSWERED,
    DISPLAY,
    FOREGROUND,
    NO_FLAGS,
    RIGHT,
    RIGHT_FLAGS,
    ROW_FLAGS,
    SORT_ROLE,
    TOOLTIP,
    Column,
    Index,
    as_column,
    default_formatter,
    sort_key,
)

#: until when (perf_counter) the lists' idle slices wait, and how many filter keys were
#: typed: set by a filter keystroke
_quiet_until = [0.0]
_keys_typed = [0]
#: how long after a filter keystroke the idle slices wait (a typist's next key comes
#: after 100-300 ms; the slices go on between keys)
KEY_QUIET_SECONDS = 0.05


def key_typed() -> None:
    """A filter key was typed now: the idle slices wait ``KEY_QUIET_SECONDS``."""
    _quiet_until[0] = time.perf_counter() + KEY_QUIET_SECONDS
    _keys_typed[0] += 1


def keys_typed() -> int:
    """How many filter keys were typed in this process (a list notes the count it has
    seen: a key typed since makes its next slice wait)."""
    return _keys_typed[0]


def quiet_for() -> float:
    """Seconds idle work should still wait after the last filter keystroke (0: none),
    so that the keys typed one after another do not wait behind it (other idle steps,
    e.g. *Roki*'s completion, may ask too)."""
    return max(_quiet_until[0] - time.perf_counter(), 0.0)


class RecordTableModel(QAbstractTableModel):
    """Rows are dicts; columns are (key, header, formatter) tuples or ``Column``s.

    ``search_grown(start, end)``: the rows ``start``..``end - 1`` got their search texts
    (an idle slice); every row before ``end`` has one. A filter shows the rows whose
    texts are there and adds the others' matches as they come (``FilterProxy``), so a
    keystroke never waits for the texts not yet read."""

    search_grown = Signal(int, int)

    #: how long one idle slice may spend making search texts
    SLICE_SECONDS = 0.004
    #: a paged list's service texts folded at a time (about 0.6 ms)
    RAW_STEP = 2000
    #: paged lists: rows read around the first unread painted row, and how many records
    #: may be kept before the oldest pages are forgotten. A page is a few screens: the
    #: first paint after a keystroke reads the rows it shows (filtered rows lie apart in
    #: the file; 200 of them read in 3-5 ms, 100 in under half of that)
    PAGE_BEFORE = 20
    PAGE_AFTER = 80
    KEEP_RECORDS = 2400

    def __init__(self, columns: Sequence[Column | tuple], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._columns = [as_column(c) for c in columns]
        self._rows: list[dict | None] = []  # None: a paged row not read (or forgotten)
        self._display: list[list[str] | None] = []
        #: paged lists: each row's record id, the service's reader, how many rows are read
        self._ids: list[Any] | None = None
        self._fetch: Any = None
        self._kept = 0
        self._search_columns: list[int] = list(range(len(self._columns)))
        self._search_text: list[str | None] = []
        self._search_source: Sequence[str] = ()  # a paged list's texts from its service
        self._search_done = 0  # rows before this one all have their search text
        #: rows from ``_search_done`` on that have their text already (saved, or read
        #: alone for a selected row): a filter shows them before their slice comes
        self._ahead: set[int] = set()
        #: a paged list's rows from ``_search_done`` on have the service's texts not yet
        #: folded (folded in idle slices after the first paint, or at the first keystroke)
        self._raw_search = False
        #: bumped whenever rows or their order change, so a proxy knows its cache is old
        self.generation = 0
        self._foreground: Callable[[dict], Any] | None = None
        self._follows_theme = False
        #: row -> (the display texts they were made from, each column's paint_cell)
        self._painted: dict[int, tuple[list[str], list[tuple[str, Any, Any]]]] = {}
        self._id_index: dict[Any, int] = {}
        self._id_index_generation = -1
        #: the order a new row is put into: the column sorted by (and descending), or
        #: the list's first order as a key of a record (``set_order_key``), else the end
        self._sorted_by: tuple[str, bool] | None = None
        self._order_key: Callable[[dict], Any] | None = None
        self._keys_seen = keys_typed()  # keys typed before this list: none to wait for
        self._idle = QTimer(self)
        self._idle.setSingleShot(True)
        self._idle.setInterval(0)
        self._idle.timeout.connect(self._search_slice)

    # -- content --------------------------------------------------------------------
    def set_columns_headers(self, headers: Sequence[str]) -> None:
        """New header texts (retranslate) without touching the rows."""
        self._columns = [
            Column(c.key, h, c.formatter, c.align_right)
            for c, h in zip(self._columns, headers, strict=True)
        ]
        if self._columns:
            self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(self._columns) - 1)

    def set_row_foreground(self, pick: Callable[[dict], Any] | None) -> None:
        """A colour (QColor/QBrush or None) for each record's text, e.g. red when overdue;
        asked again after a change of the desktop's theme (``palette.cell_colour``)."""
        self._foreground = pick
        self._painted.clear()
        if pick is not None and not self._follows_theme:
            from rejnistvo.ui.palette import on_theme_change

            self._follows_theme = True
            on_theme_change(self._theme_changed)

    @Slot()
    def _theme_changed(self) -> None:
        """The rows' colours were made for the theme before: painted anew."""
        self._painted.clear()
        if self._rows and self._columns:
            last = self.index(len(self._rows) - 1, len(self._columns) - 1)
            self.dataChanged.emit(self.index(0, 0), last, [FOREGROUND])

    def set_order_key(self, key: Callable[[dict], Any] | None) -> None:
        """The list's first order (the service's) as a key of a shown record: a new row
        saved is put where this key sorts it, not at the end (``upsert_row``)."""
        self._order_key = key

    def set_search_columns(self, keys: Sequence[str]) -> None:
        wanted = set(keys)
        self._search_columns = [i for i, c in enumerate(self._columns) if c.key in wanted]
        self._forget_search()

    def set_rows(self, rows: Sequence[dict]) -> None:
        self.beginResetModel()
        self._ids = None
        self._fetch = None
        self._rows = list(rows)
        self._display = [None] * len(self._rows)
        self._sorted_by = None
        self._painted.clear()
        self._forget_search()
        self.generation += 1
        self.endResetModel()

    def set_pages(self, pages: RowPages) -> None:
        """A long list: ids now, records a page at a time when painted, the search texts
        folded while idle after the first paint (or at the first keystroke)."""
        self.beginResetModel()
        self._idle.stop()
        self._ids = list(pages.ids)
        self._fetch = pages.fetch
        count = len(self._ids)
        self._rows = [None] * count
        self._display = [None] * count
        self._kept = 0
        self._sorted_by = None
        self._painted.clear()
        # folded after the list is painted (20,000 texts: 6 ms, 80,000: 25-30 ms of the
        # opening), a few thousand an idle slice; the first keystroke folds what is left.
        # The service's texts are read a slice at a time: a sequence that makes its texts
        # when sliced (Roki's) makes them after the first paint too.
        self._search_source = pages.search
        self._search_text = [None] * count
        self._raw_search = count > 0
        self._search_done = 0
        self._ahead = set()
        self.generation += 1
        self.endResetModel()
        if self._search_done < count:
            self._idle.start()

    def extend_pages(self, ids: Sequence[Any], search: Sequence[str]) -> None:
        """More rows at the end of a paged list (*Roki* adds the rest of its list after
        the first paint): ``ids`` of the new rows; ``search`` the service's texts of the
        whole list, old rows and new, by row. Rows shown, selected or scrolled to stay."""
        assert self._ids is not None
        first, count = len(self._rows), len(ids)
        if not count:
            return
        self.beginInsertRows(QModelIndex(), first, first + count - 1)
        self._ids += ids
        self._rows += [None] * count
        self._display += [None] * count
        self._search_text += [None] * count
        if self._raw_search or self._search_done == first:  # else made from the rows
            self._raw_search = True
            self._search_source = search
        self.generation += 1
        self.endInsertRows()
        self._idle.start()

    def is_paged(self) -> bool:
        return self._ids is not None

    def _record(self, row: int) -> dict:
        record = self._rows[row]
        if record is None:
            self.read_around(range(len(self._rows)), row)
            record = self._rows[row]
            assert record is not None
        return record

    def read_around(self, rows: Sequence[int], at: int) -> None:
        """A paged list's row ``rows[at]``, if unread, read with the rows listed around it
        (the ones about to be painted): ``rows`` is the whole list or, through a filter,
        the rows it shows, which lie apart in the whole list."""
        if self._ids is not None and self._rows[rows[at]] is None:
            self.read_rows(rows[max(at - self.PAGE_BEFORE, 0) : at + self.PAGE_AFTER])

    def read_rows(self, rows: Sequence[int]) -> None:
        """Read these rows of a paged list if unread, in one ``fetch``: a filtered list
        names the rows it shows next to each other, which lie apart in the whole list."""
        assert self._ids is not None
        if self._kept + len(rows) > self.KEEP_RECORDS:
            self._forget_pages()
        wanted = [i for i in rows if self._rows[i] is None]
        if not wanted:
            return
        found = {r["id"]: r for r in self._fetch([self._ids[i] for i in wanted])}
        for i in wanted:
            key = self._ids[i]
            # deleted meanwhile: an empty row until the list is read again
            self._rows[i] = found.get(key) or {"id": key}
        self._kept += len(wanted)

    def _forget_pages(self) -> None:
        self._rows = [None] * len(self._rows)
        self._display = [None] * len(self._rows)
        self._kept = 0

    def _all_records(self) -> list[dict]:
        """Every row's record in row order; a paged list reads the missing ones in chunks
        without keeping them (an export, a sort by a column)."""
        if self._ids is None:
            return list(self._rows)  # type: ignore[arg-type]  # unpaged rows are all read
        missing = [self._ids[i] for i, r in enumerate(self._rows) if r is None]
        found: dict[Any, dict] = {}
        for part in chunks(missing):
            found.update((r["id"], r) for r in self._fetch(part))
        return [
            r if r is not None else found.get(key) or {"id": key}
            for r, key in zip(self._rows, self._ids, strict=True)
        ]

    def upsert_row(self, record: dict, key: str = "id") -> int:
        """Show one saved record: replace the row with the same ``key`` in place, or
        put a new one where the list's order puts it (the column sorted by, else the
        order key, else the end). A save changes its row instead of reloading every
        record; the search texts not yet read stay unread (they move with their rows)."""
        row = self.find_row(key, record.get(key))
        display = self._format_row(record)
        search = self._search_of(display)
        if row >= 0:
            # In place: no text moves, so those not yet read stay so (a save right after
            # the opening reads none of them: 70 ms at 20k, 0.2 s at 80k); the text saved
            # here is kept when its slice is read (``_fill_search``).
            if self._rows[row] is None:
                self._kept += 1
            self._rows[row] = record
            self._display[row] = display
            self._search_text[row] = search
            if row >= self._search_done:
                self._ahead.add(row)
            self.generation += 1
            if key == "id" and self._id_index_generation == self.generation - 1:
                self._id_index_generation = self.generation  # the same ids in the same rows
            last = max(len(self._columns) - 1, 0)
            self.dataChanged.emit(self.index(row, 0), self.index(row, last))
            return row
        row = self._insertion_row(record)
        if self._raw_search and not self._raw_insert(row, record.get(key), search):
            self._fold_raw()  # a source that cannot take a row: its texts now, by position
        self.beginInsertRows(QModelIndex(), row, row)
        self._rows.insert(row, record)
        if self._ids is not None:
            self._ids.insert(row, record.get(key))
            self._kept += 1
        self._display.insert(row, display)
        self._search_text.insert(row, search)
        if self._ahead:
            self._ahead = {r + 1 if r >= row else r for r in self._ahead}
        if row <= self._search_done:
            self._search_done += 1  # the new row has its text: the read part grows by it
        else:
            self._ahead.add(row)
        self._painted.clear()  # kept by row number, and the rows after it moved
        self.generation += 1
        if key == "id" and self._id_index_generation == self.generation - 1:
            # the ids after it move down a row: a save must not rebuild the index of
            # every id in Python (80,000 rows: 30 ms), one C-level update of those after
            index = self._id_index
            ids = self._ids
            if ids is not None:
                index.update(zip(ids[row:], range(row, len(ids)), strict=True))
            else:
                index.update((r.get("id"), i) for i, r in enumerate(self._rows[row:], row))  # type: ignore[union-attr]
            self._id_index_generation = self.generation
        self.endInsertRows()
        return row

    def _insertion_row(self, record: dict) -> int:
        """Where a new record goes: after the rows its key sorts with or after (a binary
        search reading ~17 rows of 80,000 one at a time, not the list)."""
        count = len(self._rows)
        if self._sorted_by is not None:
            column, descending = self._sorted_by

            def key(r: dict) -> Any:
                return sort_key(r.get(column))
        elif self._order_key is not None:
            key, descending = self._order_key, False
        else:
            return count
        wanted = key(record)
        low, high = 0, count
        try:
            while low < high:
                middle = (low + high) // 2
                there = key(self._probe(middle))
                if (there < wanted) if descending else (wanted < there):
                    high = middle
                else:
                    low = middle + 1
        except TypeError:  # keys that do not compare (a row deleted meanwhile): the end
            return count
        return low

    def _probe(self, row: int) -> dict:
        """One row's record for a binary search: read alone if not read."""
        record = self._rows[row]
        if record is None and self._ids is not None:
            self.read_rows([row])
            record = self._rows[row]
        return record or {}

    def _raw_insert(self, row: int, record_id: Any, text: str) -> bool:
        """The service's unread texts move with their rows: a new row at ``row`` gets a
        place in them too (its own text is already known and wins when it is read)."""
        source = self._search_source
        if isinstance(source, list):
            source.insert(row, text)
            return True
        insert = getattr(source, "insert_id", None)
        if insert is None:
            return False
        insert(row, record_id)
        return True

    def _raw_delete(self, row: int) -> bool:
        source = self._search_source
        if isinstance(source, list):
            del source[row]
            return True
        delete = getattr(source, "delete_at", None)
        if delete is None:
            return False
        delete(row)
        return True

    def remove_row(self, value: Any, key: str = "id") -> bool:
        """Take away the row whose ``key`` equals ``value`` (a deleted record)."""
        row = self.find_row(key, value)
        if row < 0:
            return False
        if self._raw_search and not self._raw_delete(row):
            self._fold_raw()
        self.beginRemoveRows(QModelIndex(), row, row)
        if self._ids is not None:
            del self._ids[row]
            self._kept -= self._rows[row] is not None
        del self._rows[row]
        del self._display[row]
        del self._search_text[row]
        if row < self._search_done:
            self._search_done -= 1
        if self._ahead:
            self._ahead = {r - 1 if r > row else r for r in self._ahead if r != row}
        self._painted.clear()
        self.generation += 1
        self.endRemoveRows()
        return True

    def _format_row(self, record: dict) -> list[str]:
        out = []
        for c in self._columns:
            value = record.get(c.key)
            out.append((c.formatter or default_formatter)(value) if value is not None else "")
        return out

    def _row_display(self, row: int) -> list[str]:
        shown = self._display[row]
        if shown is None:
            shown = self._display[row] = self._format_row(self._record(row))
        return shown

    def _search_of(self, display: list[str]) -> str:
        return fold(" ".join(display[i] for i in self._search_columns))

    def _forget_search(self) -> None:
        self.generation += 1
        self._raw_search = False
        self._ahead = set()
        if not self._search_columns:
            # a list without a search box: no texts to make, and no row formatted and
            # kept for it (18,000 payment lines held their display texts only for this)
            self._search_text = [""] * len(self._rows)
            self._search_done = len(self._rows)
            return
        self._search_text = [None] * len(self._rows)
        self._search_done = 0
        if self._rows:
            self._idle.start()

    @Slot()
    def _search_slice(self) -> None:
        """Make search texts for a few milliseconds while the user is not typing yet: a
        keystroke or a paint never waits behind more than that (several lists fill at
        once after a start; 2,000 rows in one go held the window for 30–80 ms)."""
        if self._keys_seen != keys_typed():
            # the first slice after a key waits from now, not from the key: on a busy
            # machine the key's paint alone can outlast the quiet time
            self._keys_seen = keys_typed()
            self._idle.start(int(KEY_QUIET_SECONDS * 1000))
            return
        wait = quiet_for()
        if wait > 0:
            # a filter key was typed a moment ago: its rows are painted first, and the
            # next key, typed soon, does not wait behind a slice of every list reading
            self._idle.start(int(wait * 1000) + 1)
            return
        self._idle.setInterval(0)
        # a source that reads its texts from the file says what makes a short slice
        source = self._search_source if self._raw_search else None
        seconds = getattr(source, "slice_seconds", self.SLICE_SECONDS)
        deadline = time.perf_counter() + seconds
        total = len(self._rows)
        step = getattr(source, "slice_rows", self.RAW_STEP) if self._raw_search else 64
        start = self._search_done
        while self._search_done < total and time.perf_counter() < deadline:
            self._fill_search(min(self._search_done + step, total))
        if self._search_done < len(self._rows):
            self._idle.start()
        if self._search_done > start:
            self.search_grown.emit(start, self._search_done)

    def _fill_search(self, end: int) -> None:
        texts = self._search_text
        if self._raw_search:
            start = self._search_done
            # a text already there was saved in place before its slice was read: it wins
            saved = [(row, t) for row, t in enumerate(texts[start:end], start) if t is not None]
            texts[start:end] = fold_all(list(self._search_source[start:end]))
            for row, text in saved:
                texts[row] = text
            self._read_to(end)
            self._raw_search = end < len(texts)
            if not self._raw_search:
                self._search_source = ()
            return
        for row in range(self._search_done, end):
            if texts[row] is None:
                texts[row] = self._search_of(self._row_display(row))
        self._read_to(max(self._search_done, end))

    def _read_to(self, end: int) -> None:
        """Every row before `end` has its text now: none of them is "ahead" any more."""
        self._search_done = end
        if self._ahead:
            self._ahead = {r for r in self._ahead if r >= end}

    def search_text(self, row: int) -> str:
        """One row's folded search text; a paged list not yet reading it reads it alone
        (kept: its slice keeps it, as a text saved in place)."""
        text = self._search_text[row]
        if text is None and not self._search_columns:
            text = self._search_text[row] = ""
        elif text is None and self._raw_search and row >= self._search_done:
            text = self._search_text[row] = fold(self._search_source[row])
            self._ahead.add(row)
        elif text is None:
            text = self._search_text[row] = self._search_of(self._row_display(row))
            if row >= self._search_done:
                self._ahead.add(row)
        return text

    def _fold_raw(self) -> None:
        """Fold a paged list's remaining service texts before its rows change."""
        if self._raw_search:
            self.search_texts()

    def search_texts(self) -> list[str]:
        """Every row's folded search text (made now for rows the idle slices missed: a
        paged list reads all its unread texts, 50-120 ms at 20k — a filter asks
        ``ready_texts`` instead)."""
        start = self._search_done
        if start < len(self._rows):
            self._idle.stop()
            self._fill_search(len(self._rows))
            self.search_grown.emit(start, self._search_done)
        return self._search_text  # type: ignore[return-value]  # all filled above

    def read_texts_for_key(self) -> None:
        """What a filter keystroke reads before it filters: texts read from the file
        (a service's ``TextsOf``, *Roki*'s) only when one slice completes them — the rest
        come in idle slices, each adding its matches; texts only folded or made from the
        rows (a few ms at 20k) all at once, as before, so such a list's count is final."""
        if self._search_done >= len(self._rows):
            return
        step = getattr(self._search_source, "slice_rows", None) if self._raw_search else None
        if step is not None and self._search_done + step < len(self._rows):
            return
        self.search_texts()

    def texts_ahead(self) -> set[int]:
        """The rows after those read in order that have their texts already."""
        return self._ahead

    def ready_texts(self) -> tuple[list[str | None], int]:
        """The folded search texts and how many rows from the top have theirs (the rest
        come in idle slices, each told by ``search_grown``)."""
        return self._search_text, self._search_done

    def searching(self) -> bool:
        """Whether some rows' search texts are still to come (a filter's result grows)."""
        return self._search_done < len(self._rows)

    def row_record(self, row: int) -> dict:
        return self._record(row)

    def rows(self) -> list[dict]:
        return self._all_records()

    def find_row(self, key: str, value: Any) -> int:
        if key == "id":
            # looked up after every keystroke and save: keep an index per generation
            if self._id_index_generation != self.generation:
                if self._ids is not None:
                    self._id_index = {k: i for i, k in enumerate(self._ids)}
                else:
                    self._id_index = {r.get("id"): i for i, r in enumerate(self._rows)}  # type: ignore[union-attr]
                self._id_index_generation = self.generation
            return self._id_index.get(value, -1)
        for i, r in enumerate(self._all_records()):
            if r.get(key) == value:
                return i
        return -1

    def column_key(self, column: int) -> str:
        return self._columns[column].key

    def column_index(self, key: str) -> int:
        for i, c in enumerate(self._columns):
            if c.key == key:
                return i
        raise KeyError(key)

    # -- Qt model API ---------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._columns)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        return self.cell(index.row(), index.column(), role)

    def cell(self, row: int, col: int, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """What ``data`` answers for a row and column (the proxy asks directly)."""
        if role not in ANSWERED or not (
            0 <= row < len(self._rows) and 0 <= col < len(self._columns)
        ):
            return None
        if role == DISPLAY or role == TOOLTIP:
            shown = self._display[row]
            if shown is None:
                shown = self._row_display(row)
            return shown[col]
        if role == ALIGNMENT:
            return RIGHT if self._right_aligned(row, col) else None
        if role == FOREGROUND:
            return None if self._foreground is None else self._foreground(self._record(row))
        if role == SORT_ROLE:
            return self._record(row).get(self._columns[col].key)
        return self._record(row)  # RECORD_ROLE

    def _right_aligned(self, row: int, col: int) -> bool:
        """A column set to the right, or a number (an amount, a count)."""
        column = self._columns[col]
        if column.align_right:
            return True
        value = self._record(row).get(column.key)
        return isinstance(value, Decimal | int) and not isinstance(value, bool)

    def paint_cell(self, row: int, col: int) -> tuple[str, Any, Any] | None:
        """A painted cell in one call (``CellDelegate``): its text, its alignment (None:
        the view's) and its colour (None: the palette's) — what ``cell`` answers for the
        display, alignment and foreground roles; None for a cell out of range."""
        if not (0 <= row < len(self._rows) and 0 <= col < len(self._columns)):
            return None
        kept = self._painted.get(row)
        # made with the row's display texts of now (a save, a sort or a forgotten page
        # puts a new list there): the colour and alignments are the record's of now
        if kept is None or kept[0] is not self._display[row]:
            kept = self._paint_row(row)
        return kept[1][col]

    def _paint_row(self, row: int) -> tuple[list[str], list[tuple[str, Any, Any]]]:
        """A row's painted cells, made once for all its columns (a repaint asks each cell;
        the colour is one call per row, not per cell) and kept with its display texts."""
        if len(self._painted) >= self.KEEP_RECORDS:
            self._painted.clear()
        shown = self._row_display(row)
        colour = None if self._foreground is None else self._foreground(self._record(row))
        cells = [
            (text, RIGHT_FLAGS if self._right_aligned(row, col) else None, colour)
            for col, text in enumerate(shown)
        ]
        kept = self._painted[row] = (shown, cells)
        return kept

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:  # noqa: N802
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            if 0 <= section < len(self._columns):
                return self._columns[section].header
            return None
        return str(section + 1)

    def flags(self, index: Index) -> Qt.ItemFlag:
        return ROW_FLAGS if index.isValid() else NO_FLAGS

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Order the rows by the native value of ``column`` (stable, empty last)."""
        if not 0 <= column < len(self._columns):
            return
        key = self._columns[column].key
        self._fold_raw()
        self.layoutAboutToBeChanged.emit()
        old = self._rows
        values = [r.get(key) for r in self._all_records()]
        order_idx = sorted(
            range(len(self._rows)),
            key=lambda i: sort_key(values[i]),
            reverse=order == Qt.SortOrder.DescendingOrder,
        )
        self._rows = [self._rows[i] for i in order_idx]
        if self._ids is not None:
            self._ids = [self._ids[i] for i in order_idx]
        self._display = [self._display[i] for i in order_idx]
        self._search_text = [self._search_text[i] for i in order_idx]
        self._sorted_by = (key, order == Qt.SortOrder.DescendingOrder)
        self._painted.clear()
        # the rows with texts are those before the first without one (a filter shows
        # the matches among them at once); the idle slices go on from there
        texts = self._search_text
        self._search_done = next((i for i, t in enumerate(texts) if t is None), len(texts))
        done = self._search_done
        self._ahead = {i for i in range(done, len(texts)) if texts[i] is not None}
        if self._search_done < len(texts):
            self._idle.start()
        self.generation += 1
        new_pos = {old_i: new_i for new_i, old_i in enumerate(order_idx)}
        persistent = self.persistentIndexList()
        for idx in persistent:
            if idx.isValid() and idx.row() < len(old):
                self.changePersistentIndex(idx, self.index(new_pos[idx.row()], idx.column()))
        self.layoutChanged.emit()


def answers_as_cell(kind: type) -> bool:
    """Whether a RecordTableModel (sub)class answers data() as ``cell`` does."""
    return kind.data is RecordTableModel.data and kind.cell is RecordTableModel.cell
