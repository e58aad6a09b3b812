"""The shape the R-4 and R-5 screens share: the cases on the left, the case's editor
on the right (scrolling, with its buttons always in sight), and the question about
unsaved edits before another case is shown.

A subclass names its id attribute (``id_attr``) and its question about unsaved edits
(``leave_text``), builds its editor in ``_build_editor()`` (using ``editor_area`` and
``editor_pane``), provides ``load(record_id)``, ``_clear_editor()``, ``save()`` (which
asks ``nothing_to_save`` before it writes) and ``same_as_shown()``, and calls ``build_panes(columns, table_name, sizes)`` from its ``__init__`` once its own
state is set."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QPushButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from rejnistvo.ui.models import Column
from rejnistvo.ui.views.base import View
from rejnistvo.ui.views.placement_data import placement_choices, placement_label
from rejnistvo.ui.views.preview import preview_document
from rejnistvo.ui.widgets import FieldError, FormValidator, PeriodEdit
from rejnistvo.ui.widgets.case_list import CaseListPane
from rejnistvo.ui.widgets.fields import reveal
from rejnistvo.ui.widgets.form_titles import FormTitles
from rejnistvo.ui.widgets.list_export import ListExporter
from rejnistvo.ui.widgets.search_combo import SearchCombo
from rejnistvo.ui.widgets.side_by_side import SideBySide


def check_period_typed(period: PeriodEdit) -> None:
    """Check a period as soon as both dates are typed (inside the placement, in order)."""
    if period.start_edit.text().strip() and period.end_edit.text().strip():
        period.check()


def field_with_error(
    widget: QWidget, error: FieldError, alignment: Qt.AlignmentFlag | None = None
) -> QVBoxLayout:
    """A form row's field: ``widget`` with its error below it."""
    box = QVBoxLayout()
    if alignment is None:
        box.addWidget(widget)
    else:
        box.addWidget(widget, 0, alignment)
    box.addWidget(error)
    return box


class CaseEditorView(View):
    #: the bus kind this screen opens ("r4", "r5")
    kind = ""
    #: the attribute holding the id of the case in the editor (None: a new one)
    id_attr = ""
    #: asked before unsaved edits would be replaced (marked for lupdate by the subclass)
    leave_text = ""

    def __init__(self, ctx, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self._dirty = False
        self._loading = False
        #: the editor's row titles, made by its forms (``form_titles``)
        self.titles = FormTitles()
        self.preview = None
        self.last_document: bytes | None = None

    # -- for subclasses -------------------------------------------------------------
    def current_id(self) -> int | None:
        return getattr(self, self.id_attr)

    def load(self, record_id: int) -> None:
        raise NotImplementedError

    def _clear_editor(self) -> None:
        raise NotImplementedError

    def _build_editor(self) -> QWidget:
        raise NotImplementedError

    # -- building -------------------------------------------------------------------
    def build_panes(self, columns: Sequence[Column], table_name: str, sizes: list[int]) -> None:
        self.list_pane = CaseListPane(columns, table_name, self)
        self.search = self.list_pane.search
        self.model = self.list_pane.model
        self.proxy = self.list_pane.proxy
        self.table = self.list_pane.table
        self.new_button = self.list_pane.new_button
        self.list_pane.record_chosen.connect(self._record_chosen)
        self.new_button.clicked.connect(self.new_record)
        # The list as shown, to Excel/CSV or print (the case's own document stays Ctrl+P).
        self.list_exporter = ListExporter(
            self.ctx, self.table, self.title, f"list_{self.kind}", self
        )
        self.list_pane.add_buttons(*self.list_exporter.buttons(self.list_pane, ctrl_p=False))
        layout = QHBoxLayout(self)
        self.splitter = splitter = QSplitter(Qt.Orientation.Horizontal, self)
        layout.addWidget(splitter)
        splitter.addWidget(self.list_pane)
        splitter.addWidget(self._build_editor())
        splitter.setStretchFactor(1, 1)
        splitter.setSizes(sizes)
        # side by side while the editor has its width beside the list, else stacked
        self.side_by_side = SideBySide(
            self, splitter, self.editor_scroll, self.STACK_BELOW, on_stack=self._share_stacked
        )

    #: below this width (a laptop, 1024 × 700) the list stands above the editor, as on
    #: Rejniki, Otroci and Namestitve: side by side the editor's fields and its Shrani
    #: were only reached by scrolling sideways
    STACK_BELOW = 860

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt name)
        side_by_side = getattr(self, "side_by_side", None)
        if side_by_side is not None:
            side_by_side.resized(event.size().width(), event.size().height())
        super().resizeEvent(event)

    def _share_stacked(self, height: int) -> None:
        """Stacked, the editor is the work: two thirds of the height."""
        height = max(height, 3)
        self.splitter.setSizes([height // 3, height - height // 3])

    def editor_area(self) -> tuple[QScrollArea, QWidget, QVBoxLayout]:
        """A scrolling editor: the scroll area, the editor widget and its layout."""
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        # no Tab stop: Tab after the last button stopped on it with no cursor in sight
        # (a field that takes the cursor scrolls to it all the same)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        editor = QWidget()
        scroll.setWidget(editor)
        self.editor_scroll = scroll
        return scroll, editor, QVBoxLayout(editor)

    def editor_pane(self, scroll: QScrollArea, *more: QPushButton) -> QWidget:
        """The scrolling editor with Shrani, Natisni (and ``more``) below it, in sight."""
        scroll.widget().layout().addStretch(1)
        self.save_button = QPushButton(self)
        self.save_button.setObjectName("saveButton")
        self.print_button = QPushButton(self)
        self.print_button.setObjectName("printButton")
        self.save_button.clicked.connect(self.save)
        self.print_button.clicked.connect(self.print_document)
        buttons = QHBoxLayout()
        for button in (self.save_button, self.print_button, *more):
            buttons.addWidget(button)
        buttons.addStretch(1)
        pane = QWidget(self)
        pane_layout = QVBoxLayout(pane)
        pane_layout.setContentsMargins(0, 0, 0, 0)
        pane_layout.addWidget(scroll, 1)
        pane_layout.addLayout(buttons)
        return pane

    def add_placement_row(self, form: QFormLayout, editor: QWidget, title: str) -> None:
        """The placement (child and carer) the case is about, found by typing: the
        service offers the first matches of what is typed, never all 20,000. Its row is
        titled ``title`` under the key "placement"."""
        self.placement_combo = SearchCombo(
            self._find_placements, editor, blank=True, read=self._read_placement
        )
        self.placement_model = self.placement_combo.choices
        self.placement_combo.setObjectName("placementCombo")
        self.placement_error = FieldError(editor)
        # why a typed text is no placement yet (several or none match), under the field
        self.placement_combo.pending.connect(self.placement_error.show_error)
        self.titles.add_row(
            form, "placement", title, field_with_error(self.placement_combo, self.placement_error)
        )

    def _find_placements(self, text: str, limit: int) -> list[tuple[str, Any]]:
        from rejnistvo.services.placement_search import find_placements
        from rejnistvo.store import StoreError

        try:
            return placement_choices(find_placements(self.ctx.db, text, limit))
        except StoreError as error:
            self.placement_error.show_error(error.message)
            return []

    def _read_placement(self, placement_id: Any) -> str | None:
        """The label of one placement (a loaded case's), None when it is gone."""
        from rejnistvo.services.placement_search import placement_choice
        from rejnistvo.store import StoreError

        try:
            row = placement_choice(self.ctx.db, placement_id)
        except StoreError as error:
            self.placement_error.show_error(error.message)
            return None
        return None if row is None else placement_label(row)

    def set_placement_choices(self) -> None:
        """The chosen placement's label read again (a name changed elsewhere); it stays
        chosen and no edit is marked."""
        self._loading = True
        try:
            self.placement_combo.refresh_choices()
        finally:
            self._loading = False

    def read_placement(self) -> None:
        """The chosen placement with its periods into ``_placement`` (None if none)."""
        placement_id = self.placement_combo.currentData()
        self._placement = None
        if placement_id is not None:
            from rejnistvo.store import StoreError, get_record

            try:
                self._placement = get_record(self.ctx.db, "placements", placement_id)
            except StoreError as error:
                self.placement_error.show_error(error.message)

    def check_placement(self, v: FormValidator) -> int | None:
        placement_id = self.placement_combo.currentData()
        if self.placement_combo.pending_text():
            # the box shows a text, not the chosen placement: nothing is saved over it
            self.placement_error.show_error(self.placement_combo.pending_text())
            v.errors.append((self.placement_combo, "placement"))
        elif placement_id is None:
            if self._find_placements("", 1):
                message = self.tr("Izberite namestitev (otrok in rejnik).")
            else:  # a new file: there is nothing to choose yet
                message = self.tr(
                    "Namestitve še ni: najprej jo vnesite na zaslonu Namestitve (otrok in rejnik)."
                )
            self.placement_error.show_error(message)
            v.errors.append((self.placement_combo, "placement"))
        return placement_id

    def nothing_to_save(self, collected: Any) -> bool:
        """A stored case collected as the editor showed it (opened and saved, or typed
        and typed back) is not written again: a new version and a change-log line for
        nothing, and »… je shranjen« had the caseworker believe a change was kept. The
        status bar says so, as on the other editors."""
        if self.current_id() is None or not self.same_as_shown(collected):
            return False
        self._dirty = False
        self.ctx.bus.status_message.emit(self.tr("Ni sprememb za shranjevanje."))
        return True

    def same_as_shown(self, collected: Any) -> bool:
        """Whether ``collected`` (the subclass's ``collect()``) says what the stored case
        shown in the editor says."""
        return False

    def stored(self, message: str) -> None:
        """After a save: the editor is clean and the other screens hear of it."""
        self._dirty = False
        self.ctx.bus.status_message.emit(message)
        self.ctx.bus.records_changed.emit(self.kind)
        if not self.isVisible():
            self.refresh()

    # -- list -----------------------------------------------------------------------
    def _select_row(self, record_id: int | None) -> None:
        self.list_pane.select_id(record_id)

    @Slot(object)
    def _record_chosen(self, record: dict) -> None:
        if record["id"] == self.current_id():
            return
        if not self._may_leave():
            self._select_row(self.current_id())
            return
        self.load(record["id"])

    def _may_leave(self) -> bool:
        """Ask before the editor's unsaved edits would be replaced."""
        if not self.has_unsaved_changes():
            return True
        from rejnistvo.ui.interaction import Choice

        choice = self.ctx.interaction.ask_save_discard_cancel(
            self.tr("Neshranjene spremembe"), self.tr(self.leave_text)
        )
        if choice is Choice.SAVE:
            return self.save()
        return choice is Choice.DISCARD

    def open_record(self, kind: str, record_id: int) -> bool:
        if kind != self.kind:
            return False
        if self.is_stale():
            self.refresh()
        if self._may_leave():
            self.load(record_id)
            self.list_pane.reveal_id(record_id)
        return True

    def focus_search(self) -> None:
        self.list_pane.focus_search()

    # -- editing --------------------------------------------------------------------
    def has_unsaved_changes(self) -> bool:
        return self._dirty

    def discard(self) -> None:
        if self.current_id() is not None:
            self.load(self.current_id())
        else:
            self._clear_editor()

    @Slot()
    def new_record(self) -> None:
        if not self._may_leave():
            return
        self.table.clearSelection()
        self._clear_editor()
        # in sight too: the editor may be scrolled down to the refund or the resolution
        reveal(self.placement_combo)

    # -- printing -------------------------------------------------------------------
    def ensure_saved(self) -> bool:
        """Documents are made from the stored case: store the edits first."""
        if self.has_unsaved_changes() or self.current_id() is None:
            return self.save()
        return True

    def print_form(self, form: str, title: str, failed: str) -> None:
        """The official form ("r4", "r5") filled from the stored case, in the preview."""
        if not self.ensure_saved():
            return
        record_id = self.current_id()

        def make() -> bytes:
            from rejnistvo.forms import render_form
            from rejnistvo.services.case_forms import stored_form

            return render_form(form, stored_form(self.ctx.db, form, record_id))

        preview_document(self, make, title, f"R-{form[1:]}-{record_id}.pdf", failed)
