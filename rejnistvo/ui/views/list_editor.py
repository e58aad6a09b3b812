"""A list of records on the left (search box, sortable table) and an editor on the right.

The carers', children's and placements' screens are built on it; any screen with the
same shape may be. Subclasses say which store entity they edit and provide:

* ``columns()`` — the table's columns (``Column`` objects with translated headers),
* ``search_keys()`` — the column keys the search box looks in,
* ``build_editor(form)`` — create the fields (connect their ``edited`` to ``mark_dirty``),
* ``fill_editor(record | None)`` — show a record (None: a new, empty one),
* ``collect(validator) -> dict | None`` — the record to store, checking every field,
* ``load_pages() -> RowPages``, ``display_rows(ids)``, ``load_record(id)``,
  ``store(record) -> id``, ``remove(id, version)`` — the service calls
  (``rejnistvo.services.people`` / ``placements``; no SQL here),
* ``confirm_store(record) -> bool`` — a last question before storing (a duplicate EMŠO).

The list exports to XLSX/CSV and prints (Ctrl+P) through ``ListExporter``. The editor
sends the version it loaded; a record changed meanwhile elsewhere is not overwritten —
the user is told who changed what and may reload it. On a narrow window (a laptop) the
list and the editor stack instead of standing side by side.

The view keeps what was typed whatever happens: a refused save shows the reasons beside
the fields, a refresh of the list never touches the editor while it holds edits.

Speed (issue 13): the list is paged — the model holds every row's id and search text and
reads the shown columns of the rows being painted (``display_rows``); a save or a delete
changes its one row through the same ``display_rows`` instead of reloading the list.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEvent, QModelIndex, QObject, Qt, Slot
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from rejnistvo.services.row_pages import RowPages
from rejnistvo.ui.interaction import Choice, error_message
from rejnistvo.ui.models import Column, FilterProxy, RecordTableModel
from rejnistvo.ui.views.base import View
from rejnistvo.ui.views.list_editor_actions import EditorActions
from rejnistvo.ui.widgets import FormValidator, ValidatedField
from rejnistvo.ui.widgets.fields import reveal
from rejnistvo.ui.widgets.form_titles import FormTitles
from rejnistvo.ui.widgets.list_export import ListExporter
from rejnistvo.ui.widgets.side_by_side import SideBySide
from rejnistvo.ui.widgets.tables import (
    clear_search_hiding,
    configure_table,
    fit_columns,
    make_current_row,
    record_index,
    search_key_to_list,
)
from rejnistvo.ui.widgets.viewing import lock_inputs

log = logging.getLogger("rejnistvo.ui")


class ListEditorView(EditorActions, View):
    entity = ""  # store entity, e.g. "carers"
    kind = ""  # bus record kind, e.g. "carer"

    def __init__(self, ctx, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.record_kinds = (self.kind,)
        self._current_id: int | None = None
        self._version: int | None = None
        #: the record as read when the editor showed it (None: a new one)
        self._shown: dict | None = None
        self._dirty = False
        #: the record shown before Ctrl+N: »Zavrzi« of the new one goes back to it
        self._shown_before_new: int | None = None
        self._loading = False
        self._announcing = False
        self._fields: dict[str, ValidatedField] = {}

        # list side
        self.search = QLineEdit(self)
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self._filter)
        # Enter or ↓ after the typed name: to the list (only Tab reached it)
        self.search.installEventFilter(self)
        self.count_label = QLabel(self)
        self.count_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.model = RecordTableModel(self.columns(), self)
        self.model.set_search_columns(self.search_keys())
        self.model.set_order_key(self.order_key())
        self.proxy = FilterProxy(self)
        self.proxy.setSourceModel(self.model)
        # while the list still reads its search texts, a filter's matches come in slices
        self.proxy.search_progress.connect(self._search_progressed)
        self.table = QTableView(self)
        self.table.setModel(self.proxy)
        configure_table(self.table)
        self._fitted = False
        self.table.selectionModel().currentRowChanged.connect(self._row_changed)
        # Enter on a row: the cursor into the record's first field (it took two Tabs past
        # Izvozi and Natisni, or the mouse)
        self.table.installEventFilter(self)
        left = QWidget(self)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        top = QHBoxLayout()
        top.addWidget(self.search, 1)
        top.addWidget(self.count_label)
        left_layout.addLayout(top)
        left_layout.addWidget(self.table, 1)
        self.exporter = ListExporter(ctx, self.table, self.title, f"list_{self.entity}", self)
        self.btn_export, self.btn_print_list = self.exporter.buttons(left)
        list_buttons = QHBoxLayout()
        list_buttons.addWidget(self.btn_export)
        list_buttons.addWidget(self.btn_print_list)
        list_buttons.addStretch(1)
        left_layout.addLayout(list_buttons)

        # editor side
        self.heading = QLabel(self)
        font = self.heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.25)
        font.setBold(True)
        self.heading.setFont(font)
        editor = QWidget(self)
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        self.form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        #: the editor's row titles, made by the form (``form_titles``)
        self.titles = FormTitles()
        self.build_editor(self.form)
        self.btn_new = QPushButton(self)
        self.btn_save = QPushButton(self)
        self.btn_discard = QPushButton(self)
        self.btn_delete = QPushButton(self)
        self.btn_new.clicked.connect(self.new_record)
        self.btn_save.clicked.connect(self.save)
        self.btn_discard.clicked.connect(self._discard_clicked)
        self.btn_delete.clicked.connect(self.delete_current)
        self.editor_widget = editor
        if self._read_only():
            # a read-only view (another window has the file for work, QA74): what would
            # write is grey, and nothing can be typed that could never be saved; the
            # store refuses a write anyway, in words naming why
            for b in (self.btn_new, self.btn_save, self.btn_discard, self.btn_delete):
                b.setEnabled(False)
            lock_inputs(editor)
        buttons = QHBoxLayout()
        for b in (self.btn_new, self.btn_save, self.btn_discard, self.btn_delete):
            buttons.addWidget(b)
        buttons.addStretch(1)
        editor_layout = QVBoxLayout(editor)
        editor_layout.addWidget(self.heading)
        editor_layout.addLayout(self.form)
        if not self.BUTTONS_IN_SIGHT:
            editor_layout.addLayout(buttons)
        editor_layout.addStretch(1)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(editor)
        # Tab after »Izbriši« stopped on the scroll area itself: nothing showed the
        # cursor and one more Tab was needed (a field that takes the cursor scrolls to it)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.editor_scroll = scroll
        editor_side: QWidget = scroll
        if self.BUTTONS_IN_SIGHT:
            editor_side = QWidget(self)
            side_layout = QVBoxLayout(editor_side)
            side_layout.setContentsMargins(0, 0, 0, 0)
            side_layout.addWidget(scroll, 1)
            side_layout.addLayout(buttons)

        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setObjectName(f"{type(self).__name__}Splitter")
        self.splitter.addWidget(left)
        self.splitter.addWidget(editor_side)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([540, 600])
        self.remember_splitter(self.splitter)
        # side by side while the editor has its width beside the list, else stacked
        self.side_by_side = SideBySide(
            self, self.splitter, scroll, self.STACK_BELOW, on_stack=self._share_stacked
        )
        layout = QVBoxLayout(self)
        layout.addWidget(self.splitter)

        self.retranslate()
        self._set_editor(None)

    # -- for subclasses -------------------------------------------------------------
    def columns(self) -> list[Column]:
        raise NotImplementedError

    def search_keys(self) -> list[str]:
        return [c.key for c in self.columns()]

    def build_editor(self, form: QFormLayout) -> None:
        raise NotImplementedError

    def fill_editor(self, record: dict | None) -> None:
        raise NotImplementedError

    def collect(self, validator: FormValidator) -> dict | None:
        raise NotImplementedError

    def load_pages(self) -> RowPages:
        """Every row's id and search text, and the reader of the shown columns."""
        raise NotImplementedError

    def order_key(self) -> Callable[[dict], Any] | None:
        """The list's first order as a key of a shown record (``load_pages``' order): a
        new record saved is put where it sorts. None: at the end."""
        return None

    def display_rows(self, ids: list[int]) -> list[dict]:
        """The shown columns of these records (what ``load_pages``' reader gives)."""
        raise NotImplementedError

    def load_record(self, record_id: int) -> dict:
        from rejnistvo.store import get_record

        return get_record(self.ctx.db, self.entity, record_id)

    def store(self, record: dict) -> int:
        """Store the collected record (with "id" and "version" when it is an update)."""
        from rejnistvo.store import save_record

        return save_record(self.ctx.db, self.entity, record)

    def remove(self, record_id: int, version: int | None) -> None:
        from rejnistvo.store import delete_record

        delete_record(self.ctx.db, self.entity, record_id, version)

    def confirm_store(self, record: dict) -> bool:
        """A last question before storing (default: none)."""
        return True

    def comparable(self, key: str, value: Any) -> Any:
        """A collected or stored value as the two are compared to see whether a save
        changes anything (default: as it is; a view whose field shows a stored value in
        another form, such as an IBAN in groups of four, gives both the one form)."""
        return value

    # -- laptop ---------------------------------------------------------------------
    #: below this width the list stands above the editor
    STACK_BELOW = 860
    #: Nov, Shrani, Zavrzi spremembe and Izbriši under the scrolled form, always in
    #: sight: at 1024 × 700 (stacked) they stood at the form's foot, scrolled away with
    #: their Alt letters. False: at the form's foot (Namestitve: between the periods and
    #: the one-off payments, which are saved apart)
    BUTTONS_IN_SIGHT = True

    def _share_stacked(self, height: int) -> None:
        """Stacked (1024 × 700), the editor is the work: two thirds of the height, as on
        R-4 and R-5 (half showed Namestitve's heading and eight fields, its periods below
        the fold, beside a list of one searched row)."""
        height = max(height, 3)
        self.splitter.setSizes([height // 3, height - height // 3])

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt name)
        side_by_side = getattr(self, "side_by_side", None)
        if side_by_side is not None:
            side_by_side.resized(event.size().width(), event.size().height())
        super().resizeEvent(event)

    def register_field(self, key: str, field: ValidatedField) -> ValidatedField:
        """Map a store field name to its widget, so a store's InputError lands beside it."""
        self._fields[key] = field
        field.edited.connect(self.mark_dirty)
        return field

    def record_heading(self, record: dict | None) -> str:
        return record.get("name", "") if record else self.tr("Nov zapis")

    # -- translation ----------------------------------------------------------------
    def retranslate(self) -> None:
        self.search.setPlaceholderText(self.tr("Išči (Ctrl+F) …"))
        self.btn_export.setText(self.tr("Izvozi …"))
        self.btn_print_list.setText(self.tr("Natisni seznam (Ctrl+P)"))
        self.btn_new.setText(self.tr("Nov (Ctrl+N)"))
        self.btn_save.setText(self.tr("Shrani (Ctrl+S)"))
        self.btn_discard.setText(self.tr("Zavrzi spremembe"))
        self.btn_delete.setText(self.tr("Izbriši"))
        self.model.set_columns_headers([c.header for c in self.columns()])
        self._update_count()

    # -- list -----------------------------------------------------------------------
    def refresh(self) -> None:
        # not while a record just read is being shown (_show_record): read once
        show_again = not self._loading
        super().refresh()
        try:
            pages = self.load_pages()
        except Exception as exc:  # noqa: BLE001 - a StoreError or a broken file
            log.exception("loading %s", self.entity)
            self.ctx.interaction.error(self.tr("Napaka pri branju"), error_message(exc))
            return
        self._loading = True
        try:
            self.model.set_pages(pages)
            if not self._fitted and len(pages):
                fit_columns(self.table)
                self._fitted = True
            self._select_id(self._current_id)
        finally:
            self._loading = False
        self._update_count()
        if show_again:
            self._show_again()

    def _show_again(self) -> None:
        """The record in the editor as stored now, after a change on another screen: a
        carer renamed on Rejniki was still shown under the old name in the placement's
        editor, beside the list's new one (the record itself unchanged). Edits typed
        stay; the names of the other records the editor shows are read again
        (``relabel``)."""
        if self._current_id is None:
            return
        stored = self._stored_record(self._current_id)
        if stored is None:
            return  # gone: a save or Zavrzi says so
        if not self._dirty and stored != self._shown:
            self._set_editor(stored)
            return
        self._loading = True
        try:
            self.relabel(stored)
        finally:
            self._loading = False

    def relabel(self, stored: dict) -> None:
        """The names of the other records the editor shows (a placement's carer and
        child), read again where it shows what ``stored`` has (default: none)."""

    @Slot(str)
    def _filter(self, text: str) -> None:
        self.proxy.set_text(text)
        self._reselect_current()
        self._update_count()

    def _reselect_current(self) -> None:
        """Select the record in the editor again, without the selection loading it."""
        self._loading = True
        try:
            self._select_id(self._current_id)
        finally:
            self._loading = False

    @Slot()
    def _search_progressed(self) -> None:
        """More of a filter's matches came (the list is reading its texts): the count,
        and the record in the editor selected once its row is shown."""
        if self._current_id is not None and not self.table.currentIndex().isValid():
            self._reselect_current()
        self._update_count()

    def _update_count(self) -> None:
        from rejnistvo.rules.plural import plural  # babel's plural rule: not at start

        shown, total = self.proxy.rowCount(), self.model.rowCount()
        every = f"{total} {plural(total, 'zapis')}"  # 1 zapis, 2 zapisa, 3 zapisi, 5 zapisov
        part = self.tr("{0} od {1}")
        # while the texts are still read, the count grows: said so, final when it ends
        searching = self.tr("{0} od {1}, iščem …")
        # As wide as its widest text for this total: a keystroke that changes the count
        # must not resize the label and lay out the whole screen again.
        metrics = self.count_label.fontMetrics()
        widest = max(
            metrics.horizontalAdvance(t)
            for t in (every, part.format(total, total), searching.format(total, total))
        )
        self.count_label.setMinimumWidth(widest + 2)
        if self.proxy.searching():
            self.count_label.setText(searching.format(shown, total))
        else:
            self.count_label.setText(every if shown == total else part.format(shown, total))

    def _select_id(self, record_id: int | None) -> None:
        selection = self.table.selectionModel()
        if record_id is None:
            selection.clearSelection()
            return
        index = record_index(self.model, self.proxy, record_id)
        if index.isValid():
            make_current_row(self.table, index)
            self.table.scrollTo(index)

    @Slot(QModelIndex, QModelIndex)
    def _row_changed(self, current: QModelIndex, previous: QModelIndex) -> None:
        if self._loading or not current.isValid():
            return
        record = self.proxy.row_record(current.row())
        if record.get("id") == self._current_id:
            return
        if not self._leave_current():
            self._reselect_current()
            return
        self.open_record(self.kind, record["id"])

    def _leave_current(self) -> bool:
        """Ask about unsaved edits before the editor shows something else."""
        if not self._dirty:
            return True
        choice = self.ctx.interaction.ask_save_discard_cancel(
            self.tr("Neshranjene spremembe"),
            self.tr("Zapis »{0}« ima neshranjene spremembe. Jih želite shraniti?").format(
                self.heading.text()
            ),
        )
        if choice is Choice.SAVE:
            return self.save()
        return choice is Choice.DISCARD

    # -- editor ---------------------------------------------------------------------
    def _read_only(self) -> bool:
        return bool(getattr(self.ctx.db, "read_only", False))

    def _set_editor(self, record: dict | None) -> None:
        self._loading = True
        try:
            self._current_id = record.get("id") if record else None
            self._version = record.get("version") if record else None
            self._shown = record
            for field in self._fields.values():
                field.clear_error()
            self.fill_editor(record)
            self.heading.setText(self.record_heading(record))
            self.btn_delete.setEnabled(record is not None and not self._read_only())
            if self._read_only():
                if record is None:  # not »Nov zapis«: nothing new can be made here
                    self.heading.setText(self.tr("Izberite zapis na seznamu"))
                lock_inputs(self.editor_widget)  # filling may enable a dependent field
        finally:
            self._loading = False
        self._dirty = False
        # another record, the stored one again or a new one: a refused save's words
        # were about edits no longer in the editor
        self.withdraw_refusal()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt name)
        if (
            watched is self.table
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            and event.modifiers() == Qt.KeyboardModifier.NoModifier
            and self._current_id is not None
        ):
            self.focus_editor()
            return True
        if watched is self.search and search_key_to_list(event):
            return self._search_to_list()
        return super().eventFilter(watched, event)

    def _search_to_list(self) -> bool:
        """Enter or ↓ in the search box: the cursor to the list, on the record in the
        editor when the search shows it, else on the first match (which opens it, asking
        about unsaved edits as a click would). No match: the cursor stays."""
        if self.proxy.rowCount() == 0:
            return False
        current = self.table.currentIndex()
        if (
            not current.isValid()
            or self.proxy.row_record(current.row()).get("id") != self._current_id
        ):
            self.table.setCurrentIndex(self.proxy.index(0, 0))
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)
        return True

    def focus_editor(self) -> None:
        """The cursor into the editor's first field, scrolled into sight."""
        first = next(iter(self._fields.values()), None)
        if first is not None:
            reveal(first)

    @Slot()
    @Slot(bool)
    def mark_dirty(self, *_args: Any) -> None:
        if not self._loading:
            self._dirty = True

    def current_id(self) -> int | None:
        return self._current_id

    # -- the view contract ----------------------------------------------------------
    def open_record(self, kind: str, record_id: int) -> bool:
        if kind != self.kind:
            return False
        from rejnistvo.services.people import missing_message
        from rejnistvo.store import StoreError

        try:
            record = self.load_record(record_id)
        except StoreError:
            # The store's own words name its tables; a clerk reads what is missing.
            self.ctx.interaction.error(self.tr("Zapisa ni"), missing_message(self.entity))
            self.refresh()
            return True
        self._show_record(record_id, record)
        return True

    def _show_record(self, record_id: int, record: dict) -> None:
        """A record read from the store in the editor, its row current in the list."""
        self._set_editor(record)
        self._loading = True
        try:
            if self.is_stale():
                self.refresh()
            clear_search_hiding(self.model, self.proxy, self.search, record_id)
            self._select_id(record_id)
        finally:
            self._loading = False

    def has_unsaved_changes(self) -> bool:
        return self._dirty

    @Slot()
    def new_record(self) -> None:
        if not self._leave_current():
            return
        if self._current_id is not None:
            self._shown_before_new = self._current_id
        self.table.selectionModel().clearSelection()
        self._set_editor(None)
        first = next(iter(self._fields.values()), None)
        if first is not None:
            first.setFocus()

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def discard(self) -> None:
        self._dirty = False

    def print_document(self) -> None:
        """Ctrl+P: the list as shown (filter and order) to print or save as PDF."""
        self.exporter.print_list()

    @Slot()
    def _discard_clicked(self) -> None:
        """Back to the list at the record the clerk was on (for a new record, the one
        shown before Ctrl+N): the cursor stayed on the button, and a new record's form
        stayed open, empty, the list's row no longer marked."""
        back_to = self._current_id if self._current_id is not None else self._shown_before_new
        self._shown_before_new = None
        had_edits, self._dirty = self._dirty, False
        record = None if back_to is None else self._stored_record(back_to)
        if back_to is None or record is None:
            self._set_editor(None)
        else:
            self._show_record(back_to, record)  # read once: it was read to check, then again
        if had_edits:
            self.ctx.bus.status_message.emit(self.tr("Spremembe so zavržene."))
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)

    def _stored_record(self, record_id: int) -> dict | None:
        """The record as stored; None when it is gone (deleted meanwhile)."""
        from rejnistvo.store import StoreError

        try:
            return self.load_record(record_id)
        except StoreError:
            return None

    @Slot(str)
    def _on_records_changed(self, kind: str) -> None:
        if not self._announcing:
            super()._on_records_changed(kind)
