"""»iščem …« at the right end of a list's search box while the list is still reading its
search texts and a typed filter's matches still come (issue 13: a key never waits for
the texts; at 20k the first ~1-2 s after a list opens). The count of such a list, where
it has one, is final once the words are gone."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, Slot
from PySide6.QtWidgets import QLabel, QLineEdit


class SearchingLabel(QLabel):
    """Shown inside ``search`` (left of its clear button) while ``proxy.searching()``;
    the box keeps its size and the screen is not laid out again when it comes and goes."""

    def __init__(self, search: QLineEdit, proxy: Any) -> None:
        super().__init__(search)
        self.setObjectName("searchingLabel")
        self._search = search
        self._proxy = proxy
        self._margins = search.textMargins()
        self.setText(self.tr("iščem …"))
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setEnabled(False)  # the palette's grey: a state, not a value
        self.hide()
        search.textChanged.connect(self.update_state)
        proxy.search_progress.connect(self.update_state)
        search.installEventFilter(self)

    @Slot()
    @Slot(str)
    def update_state(self, *_args: object) -> None:
        searching = bool(self._proxy.searching())
        if searching == self.isHidden():
            if searching:
                self._place()
            self.setVisible(searching)
            # what is typed stays clear of the words (a narrow box, a long text)
            margins = self._margins
            right = margins.right() + (self.width() + 4 if searching else 0)
            self._search.setTextMargins(margins.left(), margins.top(), right, margins.bottom())

    def _place(self) -> None:
        self.adjustSize()
        box = self._search.rect()
        # the clear button's room at the right end (its icon is about a line high)
        right = box.right() - self._search.height()
        self.move(right - self.width(), (box.height() - self.height()) // 2)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.Resize and not self.isHidden():
            self._place()
        return False


def show_searching(search: QLineEdit, proxy: Any) -> SearchingLabel:
    """Attach the »iščem …« state to a list's search box (its proxy: ``FilterProxy``).
    Connected after the box's own ``textChanged`` filter, so it sees the new state."""
    return SearchingLabel(search, proxy)
