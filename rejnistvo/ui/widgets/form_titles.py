"""Form rows whose titles ``QFormLayout`` makes itself (issue 13: a screen's first opening).

A title made from Python (``QLabel(editor)``, then ``addRow(label, field)``) is a PySide
wrapper: PySide sets up its signals when it is made and looks for a Python override at each
virtual call Qt makes on it (size hints, events, paint) — ~400,000 instructions a title
over building and first painting a screen. ``QFormLayout.addRow(text, field)`` makes a
plain ``QLabel`` in C++ (with the field as its buddy, which only a ``&`` in the text would
use) that Python reaches only when the language, and with it the title, changes.
"""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtWidgets import QFormLayout, QLabel, QLayout, QWidget


class FormTitles:
    """An editor's titled rows by key; ``retitle`` sets only the titles whose text changed
    (the first ``retranslate`` after building changes none, so none is wrapped)."""

    def __init__(self) -> None:
        self._rows: dict[str, tuple[QFormLayout, QWidget | QLayout]] = {}
        self._texts: dict[str, str] = {}

    def add_row(self, form: QFormLayout, key: str, text: str, field: QWidget | QLayout) -> None:
        """A row of ``field`` titled ``text`` (not empty: Qt makes no label for "")."""
        form.addRow(text, field)
        self._rows[key] = (form, field)
        self._texts[key] = text

    def label(self, key: str) -> QLabel:
        """The title of ``key``'s row (wrapped for Python from here on)."""
        form, field = self._rows[key]
        label = form.labelForField(field)
        assert isinstance(label, QLabel)
        return label

    def retitle(self, texts: Mapping[str, str]) -> None:
        for key, text in texts.items():
            if self._texts.get(key) != text:
                self.label(key).setText(text)
                self._texts[key] = text
