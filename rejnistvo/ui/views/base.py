"""The view contract: what every screen of the main window provides.

A screen is a module in `rejnistvo/ui/views/` that defines ``VIEW_CLASS = MyView``, where
``MyView`` subclasses :class:`View`. The main window imports the modules by name in a
fixed order (a module that does not exist yet is skipped), builds each view with
``MyView(ctx)`` and puts it in a stacked widget behind the navigation list.

What the main window calls, and when:

* ``title()`` — the Slovenian name shown in the navigation list (through ``self.tr``).
* ``retranslate()`` — set every user-visible text again; called once from ``__init__`` by
  the subclass after it has built its widgets, and again on a language change.
* ``refresh()`` — reload rows from the store. Called when the view is shown and whenever
  ``ctx.bus.records_changed`` fires while it is visible (views that are not visible are
  marked stale and refreshed when shown; see ``mark_stale``).
* ``has_unsaved_changes()`` — True while the editor holds edits that are not stored.
  Asked on close and before switching the editor to another record.
* ``save() -> bool`` — store the edits (Ctrl+S). Returns False if validation refused
  them (the errors are shown beside the fields and what was typed stays) or the user
  cancelled; True when stored or there was nothing to store.
* ``discard()`` — forget the edits (the user chose "Zavrzi" on close).
* ``new_record()`` — Ctrl+N: start a new, empty record in the editor.
* ``focus_search()`` — Ctrl+F: put the cursor in the search box.
* ``print_document()`` — Ctrl+P: make the view's document (a PDF); default: nothing.
* ``open_record(kind, record_id)`` — show a given record (the bus's ``open_case``);
  return True if this view handles ``kind``. Kinds: "carer", "child", "placement",
  "r4", "r5" (board increase / R-5 case; "r5_refund": the same at its instalments),
  "coordinator".

Rules for views: never query the database from a table model (the view asks the store
and hands rows to ``RecordTableModel.set_rows``); ask the user only through
``ctx.interaction``; announce stored changes with ``ctx.bus.records_changed.emit(kind)``;
connect to the bus in ``__init__`` (the view owns its connections, which die with it).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QWidget

if TYPE_CHECKING:
    from rejnistvo.ui.context import AppContext


class View(QWidget):
    """Base class of every screen. Subclasses override what they support."""

    #: kinds of record this view can open through ``open_record``
    record_kinds: tuple[str, ...] = ()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._stale = True
        #: a refused save's words in the status bar, withdrawn once they no longer hold
        self._refusal: str | None = None
        ctx.bus.records_changed.connect(self._on_records_changed)

    # -- identity -------------------------------------------------------------------
    def title(self) -> str:
        """Slovenian name of the screen for the navigation list."""
        return self.tr("Pogled")

    def retranslate(self) -> None:
        """Set every user-visible text again (through self.tr)."""

    # -- data -----------------------------------------------------------------------
    def refresh(self) -> None:
        """Reload the rows from the store."""
        self._stale = False

    def mark_stale(self) -> None:
        self._stale = True

    def is_stale(self) -> bool:
        return self._stale

    def _on_records_changed(self, _kind: str) -> None:
        if self.isVisible():
            self.refresh()
        else:
            self.mark_stale()

    def showEvent(self, event) -> None:  # noqa: N802 (Qt name)
        if self._stale:
            self.refresh()
        super().showEvent(event)

    # -- editing --------------------------------------------------------------------
    def has_unsaved_changes(self) -> bool:
        return False

    def save(self) -> bool:
        return True

    def discard(self) -> None:
        """Forget unsaved edits."""

    def say_refused(self, text: str) -> None:
        """The status bar says why a save stored nothing, until the edits it was about
        are gone (``withdraw_refusal``)."""
        self._refusal = text
        self.ctx.bus.status_message.emit(text)

    def withdraw_refusal(self, instead: str | None = None) -> None:
        """The edits a refusal was about are discarded, stored or left for another
        record: its »… ni shranjen …« goes from the status bar (it stayed for its six
        seconds, and the clerk read that something was still wrong), ``instead`` said in
        its place."""
        if self._refusal is not None:
            self.ctx.bus.status_withdrawn.emit(self._refusal)
            self._refusal = None
        if instead:
            self.ctx.bus.status_message.emit(instead)

    def new_record(self) -> None:
        """Ctrl+N: start a new record (default: nothing to create here, and said so: a
        silent key left the clerk wondering whether it was taken)."""
        self.ctx.bus.status_message.emit(self.tr("Na tem zaslonu ni novega zapisa."))

    def focus_search(self) -> None:
        """Ctrl+F: put the cursor into the search box (default: none, and said so)."""
        self.ctx.bus.status_message.emit(self.tr("Ta zaslon nima iskanja."))

    def print_document(self) -> None:
        """Ctrl+P: make the screen's document (default: none)."""
        self.ctx.bus.status_message.emit(self.tr("Ta zaslon nima dokumenta za tisk."))

    def open_record(self, kind: str, record_id: int) -> bool:
        """Show the record; True if this view handles ``kind``."""
        return False

    def remember_splitter(self, splitter) -> None:
        """Restore a named splitter's sizes now; the main window saves them on close."""
        from PySide6.QtCore import QByteArray

        state = self.ctx.settings.value(f"splitters/{splitter.objectName()}")
        if isinstance(state, QByteArray):
            splitter.restoreState(state)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt name)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
