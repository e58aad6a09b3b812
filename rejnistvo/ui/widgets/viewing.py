"""An editor in a read-only view (another window has the file for work, QA74): its
texts can still be read, selected and copied (an IBAN, an EMŠO), but nothing can be
typed that could never be saved."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)


def lock_inputs(root: QWidget) -> None:
    """Every input under `root` read-only: texts keep their cursor for copying, choices,
    tick boxes and the editor's own buttons (Dodaj, Odstrani, a calendar's) are grey,
    tables take no edits. Run again after the editor is filled: filling may enable
    a field that depends on another (a part-time share)."""
    for child in root.findChildren(QWidget):
        if isinstance(child, (QLineEdit, QAbstractSpinBox, QTextEdit, QPlainTextEdit)):
            child.setReadOnly(True)
        elif isinstance(child, QAbstractItemView):
            child.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        elif isinstance(child, (QComboBox, QAbstractButton)):
            child.setEnabled(False)
