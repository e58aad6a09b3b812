"""What an empty list says in words, inside the list (»Za december 2026 ni poračunov.«).

A list with no rows was only its column headers and white space: on *Izplačila* the
clerk could not tell a month without arrears from a run not yet shown or a tab that
failed (QA59). The note stands at the top of the table's empty area, wrapped to its
width, in the grey of information; it shows only while the table has no rows and the
screen has set a text (none while the list is being made)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QAbstractItemView, QLabel

#: the note's distance from the list's edges, in pixels
_MARGIN = 8


class EmptyNote(QLabel):
    """A note in ``table``'s viewport, shown while its model has no rows and
    ``set_note`` gave a text."""

    def __init__(self, table: QAbstractItemView) -> None:
        super().__init__(table.viewport())
        self.setObjectName("emptyNote")
        self._table = table
        self._text = ""
        self.setWordWrap(True)
        self.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setEnabled(False)  # the palette's readable grey (palette.py): information
        self.hide()
        table.viewport().installEventFilter(self)
        model = table.model()
        if model is not None:
            for signal in (model.modelReset, model.rowsInserted, model.rowsRemoved):
                signal.connect(self._update)
            model.layoutChanged.connect(self._update)

    def set_note(self, text: str) -> None:
        """The words shown while the list is empty ("" shows nothing)."""
        self._text = text
        self.setText(text)
        self._update()

    def note(self) -> str:
        return self._text

    def _update(self, *_args: object) -> None:
        model = self._table.model()
        empty = model is None or model.rowCount() == 0
        show = empty and bool(self._text)
        if show:
            self._place()
        self.setVisible(show)

    def _place(self) -> None:
        width = max(self._table.viewport().width() - 2 * _MARGIN, 50)
        self.setFixedWidth(width)
        self.setFixedHeight(self.heightForWidth(width))
        self.move(_MARGIN, _MARGIN)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt name)
        if event.type() == QEvent.Type.Resize and not self.isHidden():
            self._place()
        return False
