"""The list side of a case screen (R-4, R-5): a search box, the sortable table of the
cases and the button that starts a new one."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, QModelIndex, QObject, Qt, Signal, Slot
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from rejnistvo.ui.models import Column, FilterProxy, RecordTableModel
from rejnistvo.ui.widgets.search_state import show_searching
from rejnistvo.ui.widgets.tables import (
    clear_search_hiding,
    fit_columns,
    make_current_row,
    record_index,
    rows_on_home_end,
    search_key_to_list,
    use_cell_delegate,
)

#: a list this short is refitted when a case is added (fit_columns samples 60 rows)
_SHORT_LIST = 60


class CaseListPane(QWidget):
    """``record_chosen(dict)`` fires when the user moves to another row."""

    record_chosen = Signal(object)

    def __init__(
        self, columns: Sequence[Column], table_name: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        self.search = QLineEdit(self)
        self.search.setObjectName("searchEdit")
        self.search.setClearButtonEnabled(True)
        layout.addWidget(self.search)
        self.model = RecordTableModel(columns, parent)
        self.proxy = FilterProxy(parent)
        self.proxy.setSourceModel(self.model)
        self.table = QTableView(self)
        self.table.setObjectName(table_name)
        self.table.setModel(self.proxy)
        use_cell_delegate(self.table)
        self.table.setSortingEnabled(True)
        # -1: no arrow over a column the rows are not sorted by (they come in the
        # service's order) until the user clicks a header, as tables.configure_table
        self.table.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(True)
        # One Tab stop, as the other lists (tables.configure_table): Qt's default walked
        # Tab through every cell of every case, so the editor beside it was out of reach.
        self.table.setTabKeyNavigation(False)
        rows_on_home_end(self.table)  # Home, End: the first, the last case
        # Widths from a sample of rows once per reload: ResizeToContents would ask data()
        # for every cell on every keystroke (3 s at 20,000 cases).
        #: a text per column its cells may reach beyond the sample (R-4: the case number)
        self.widest: dict[int, str] = {}
        self.model.modelReset.connect(lambda: fit_columns(self.table, widest=self.widest))
        # A short list gets its first cases by insertion (a save), not by a reset: fitted
        # while empty, its columns kept the headers' widths and the first case's names
        # wrapped in two lines beside a wide empty »Sklep«. All its rows are the sample.
        self.model.rowsInserted.connect(self._fit_short_list)
        layout.addWidget(self.table, 1)
        self.new_button = QPushButton(self)
        self.new_button.setObjectName("newButton")
        self._buttons = QHBoxLayout()
        self._buttons.addWidget(self.new_button)
        self._buttons.addStretch(1)
        layout.addLayout(self._buttons)
        self.search.textChanged.connect(self.proxy.set_text)
        # »iščem …« in the box while the list still reads its texts (after the filter)
        self.searching_label = show_searching(self.search, self.proxy)
        self.table.selectionModel().currentRowChanged.connect(self._row_changed)
        # Enter (or a double click) opens the current row: after a search the list's one
        # row stood current, framed, beside another case in the editor, and with one row
        # the arrows move nowhere (found by QA54)
        self.table.activated.connect(self._row_activated)
        # Enter or ↓ after the typed name: to the list (only Tab reached it)
        self.search.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt name)
        if watched is self.search and search_key_to_list(event) and self.proxy.rowCount():
            current = self.table.currentIndex()
            if not current.isValid():
                current = self.proxy.index(0, 0)
            self.table.setFocus(Qt.FocusReason.OtherFocusReason)
            if event.key() == Qt.Key.Key_Down:
                if not self.table.currentIndex().isValid():
                    self.table.setCurrentIndex(current)  # the first: opened as chosen
            else:
                self._row_activated(current)  # Enter: opened, as Enter in the list
            return True
        return super().eventFilter(watched, event)

    @Slot()
    def _fit_short_list(self) -> None:
        if self.model.rowCount() <= _SHORT_LIST:
            fit_columns(self.table, widest=self.widest)

    @Slot(QModelIndex)
    def _row_activated(self, index: QModelIndex) -> None:
        if not index.isValid():
            return
        make_current_row(self.table, index)  # chosen as a click chooses it
        self.record_chosen.emit(self.proxy.row_record(index.row()))

    def add_buttons(self, *buttons: QPushButton) -> None:
        """More buttons under the list, after *Nov*, e.g. the list's export and print."""
        for button in buttons:
            self._buttons.insertWidget(self._buttons.count() - 1, button)

    @Slot(QModelIndex, QModelIndex)
    def _row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid():
            self.record_chosen.emit(self.proxy.row_record(current.row()))

    def select_id(self, record_id: int | None) -> None:
        """Show the record's row as current without announcing it (no record_chosen)."""
        if record_id is None:
            return
        index = record_index(self.model, self.proxy, record_id)
        if index.isValid():
            selection = self.table.selectionModel()
            selection.blockSignals(True)
            make_current_row(self.table, index)
            selection.blockSignals(False)
            # the view's own scrolling hangs on the signals blocked above; a row just
            # added is not yet in the scroll range (laid out later): scrolled to then,
            # the list stopped a row short, the new case a strip under the last row
            self.table.updateGeometries()
            self.table.scrollTo(index)

    def reveal_id(self, record_id: int) -> None:
        """The record's row current and in sight, the search cleared when it hides the
        row: a case opened from *Roki* stood in the editor while a search left over in
        the list showed another case, chosen (found by QA54)."""
        clear_search_hiding(self.model, self.proxy, self.search, record_id)
        self.select_id(record_id)

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()
