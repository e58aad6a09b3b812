"""What the Nastavitve tabs share: a sortable, searchable record table and the tab base."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import QHeaderView, QPushButton, QTableView, QWidget

from rejnistvo.rules.errors import RuleError
from rejnistvo.ui.models import FilterProxy, RecordTableModel
from rejnistvo.ui.widgets.tables import configure_table

#: the fewest letters the shortened column keeps; with less room the table scrolls sideways
STRETCH_FLOOR_LETTERS = 16


class StretchFloor(QObject):
    """The stretched column of a settings table never narrower than STRETCH_FLOOR_LETTERS:
    at a larger font (12-13 pt) the columns beside it left the candidates' »Center« as
    »Ce…na« (QA63). With less room than that the column keeps its floor and the table
    scrolls sideways on its own (the page no longer does); with room it stretches as
    before, so at the usual font nothing changes."""

    def __init__(self, view: QTableView, column: int) -> None:
        super().__init__(view)
        self.view = view
        self.column = column
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self.check)
        view.viewport().installEventFilter(self)
        model = view.model()
        if model is not None:
            for signal in (model.modelReset, model.rowsInserted, model.layoutChanged):
                signal.connect(self._timer.start)
            model.dataChanged.connect(lambda *_args: self._timer.start())

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt name)
        if event.type() == QEvent.Type.Resize:
            self._timer.start()  # once the columns beside have their widths
        return False

    def check(self) -> None:
        header = self.view.horizontalHeader()
        floor = STRETCH_FLOOR_LETTERS * self.view.fontMetrics().averageCharWidth()
        beside = sum(
            header.sectionSize(c)
            for c in range(header.count())
            if c != self.column and not header.isSectionHidden(c)
        )
        room = self.view.viewport().width() - beside
        mode = QHeaderView.ResizeMode.Stretch if room >= floor else QHeaderView.ResizeMode.Fixed
        if header.sectionResizeMode(self.column) != mode:
            header.setSectionResizeMode(self.column, mode)
        if mode == QHeaderView.ResizeMode.Fixed and header.sectionSize(self.column) != floor:
            header.resizeSection(self.column, floor)


def record_table(
    parent: QWidget, model: RecordTableModel, stretch: str | None = None
) -> tuple[QTableView, FilterProxy]:
    """A settings table: columns as wide as their texts, the last one stretched. With
    ``stretch`` (a column's key) that column takes what the others leave and its long
    texts are shortened in the middle (whole in the tooltip): a centre's long name made
    the table scroll sideways for its last columns at 1024 px, and names that all start
    »Center za socialno delo« keep the words that tell them apart."""
    proxy = FilterProxy(parent)
    proxy.setSourceModel(model)
    view = QTableView(parent)
    view.setModel(proxy)
    configure_table(view)
    header = view.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setStretchLastSection(stretch is None)
    if stretch is not None:
        column = next(c for c in range(model.columnCount()) if model.column_key(c) == stretch)
        header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        view.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        StretchFloor(view, column)
    return view, proxy


def enter_presses(button: QPushButton, *fields: Any) -> None:
    """Enter in any of ``fields`` (line fields with ``.edit``) presses ``button`` when it
    is enabled: a clerk who typed the last value presses Enter, not Tab to a button."""
    for field in fields:
        field.edit.returnPressed.connect(lambda b=button: b.click() if b.isEnabled() else None)


def enter_on_buttons(root: QWidget) -> None:
    """Enter on a focused button of ``root`` presses it, as Space does (outside a dialog
    Qt's buttons ignore Enter, and Nastavitve is no dialog)."""
    for button in root.findChildren(QPushButton):
        button.setAutoDefault(True)


def show_refusal(widget: Any, error: RuleError, title: str, fields: dict[str, Any]) -> bool:
    """A refused write on a settings widget (it has ``ctx`` and ``refresh``): the reason at
    its field, or in a message; a stale row is reloaded. Returns False, the answer of a
    save that did not happen."""
    from rejnistvo.store import StaleRecordError

    target = fields.get(error.field)
    if target is not None:
        target.show_error(error.message)
        target.setFocus()
    else:
        widget.ctx.interaction.error(title, error.message)
    if isinstance(error, StaleRecordError):
        widget.refresh()
    return False


class SettingsTab(QWidget):
    """One tab of Nastavitve: builds its widgets, `retranslate()`s its texts and
    `refresh()`es from the services. `reveal` brings the tab to the front (set by the
    view) so a refused save shows the field with its reason."""

    def __init__(self, ctx, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.reveal: Callable[[], None] = lambda: None
        # What to reload after a write: the whole view (a centre's subgroup shows on the
        # subgroups tab too); the tab alone when it stands by itself.
        self.changed: Callable[[], None] = self.refresh

    def retranslate(self) -> None:
        raise NotImplementedError

    def refresh(self) -> None:
        raise NotImplementedError


def mid_month_question(question: str, valid_from: Any, db: Any = None) -> str:
    """The question before amounts are saved, with what a start after the first of a
    month means for that month (``services.rates.mid_month_note``) put before it; given
    the database, also which closed months the amounts reach and which run pays the
    difference (``services.rates.closed_months_note``)."""
    from rejnistvo.services.rates import closed_months_note, mid_month_note

    if valid_from is None:
        return question
    notes = [mid_month_note(valid_from)]
    if db is not None:
        notes.append(closed_months_note(db, valid_from))
    return "\n\n".join([note for note in notes if note] + [question])
