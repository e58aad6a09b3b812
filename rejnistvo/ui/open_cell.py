"""A table cell still being typed in belongs to the record before it is saved.

Qt hands a cell editor's text to the table only when the editor closes (Enter, Tab, the
focus leaving). A shortcut (Ctrl+S, Ctrl+Q) does not close it: a placement's »Do«
typed and saved at once was left out of the record and the save said »Shranjeno.«."""

from __future__ import annotations

from PySide6.QtWidgets import QAbstractItemView, QApplication, QWidget


def commit_open_cell() -> None:
    """Give the table the text of the cell editor that has the keyboard, if any; the
    editor stays open, as typed (the table's ``itemChanged`` marks the record edited)."""
    focus = QApplication.focusWidget()
    widget: QWidget | None = focus
    while widget is not None:
        if isinstance(widget, QAbstractItemView):
            break
        widget = widget.parentWidget()
    if (
        focus is None
        or widget is None
        or widget is focus
        or widget.state() != QAbstractItemView.State.EditingState
    ):
        return
    # commitData is Qt's own slot for this: the delegate writes the editor's value
    widget.commitData(focus)
