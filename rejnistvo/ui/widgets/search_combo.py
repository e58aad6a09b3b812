"""One record among thousands in a combo box that searches the store as one types
(the placement of Izračun, R-4 and R-5): the combo holds the chosen record and the
matches of the typed text, never every record (issue 13: 20,000 combo items built on
each refresh).

Typing asks the search for the first matches and offers them in a popup under the box;
Down/Up and Enter (or a click) choose one. The arrow of the box (or Alt+Down, F4) opens
the same popup with the first records. Leaving the box with a part that finds exactly
one record takes it; a part that finds several or none stays in the box as typed (what
the user typed is never lost), ``pending`` tells why in Slovenian, and the chosen record
stays chosen until one is taken from the list.

With a ``read``, ``findData(value)`` and ``choices.index_of(value)`` add a record that
is not among the items yet (read by its value), so a loaded case's placement is shown
and a caller can choose any record by its id.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import (
    QMetaMethod,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    QTimer,
    Signal,
    Slot,
)
from PySide6.QtWidgets import QApplication, QComboBox, QCompleter, QToolTip, QWidget

from rejnistvo.rules.text import fold
from rejnistvo.ui.widgets.choice_combo import ChoiceModel
from rejnistvo.ui.widgets.choice_start import show_choice_start
from rejnistvo.ui.widgets.keyboard import focus_left, settle_combo

#: (text typed, how many) → (label, value) choices, in the order to offer them
Search = Callable[[str, int], Sequence[tuple[str, Any]]]
#: a value → its label (None when there is no such record any more)
Read = Callable[[Any], str | None]


class SearchChoices(ChoiceModel):
    """The few choices a search combo holds: the chosen one and the matches of what was
    typed last (never every record), after the blank choice when there is one. Rows are
    removed and inserted, never reset: a reset would clear the text the user is typing
    and move the combo's current row.

    With ``read``, ``index_of`` a value not held reads its label and appends it (after
    the current row: the current choice and the typed text stay)."""

    def __init__(
        self, parent: QObject | None = None, blank: bool = False, read: Read | None = None
    ) -> None:
        super().__init__(blank=blank, parent=parent)
        self._read = read
        self._matched: set[Any] = set()

    def index_of(self, value: Any) -> int:
        row = self._rows.get(value, -1)
        if row < 0 and value is not None and self._read is not None:
            label = self._read(value)
            if label is not None:
                row = self.add_choice(label, value)
        return row

    def set_choices(self, items: Sequence[tuple[str, Any]]) -> None:
        super().set_choices(items)
        self._matched = {value for _label, value in self._items if value is not None}

    def is_match(self, row: int) -> bool:
        return 0 <= row < len(self._items) and self._items[row][1] in self._matched

    def matches(self) -> list[tuple[str, Any]]:
        return [item for item in self._items if item[1] in self._matched]

    def add_choice(self, label: str, value: Any) -> int:
        """One more choice (a record opened from elsewhere); its row."""
        row = self._rows.get(value, -1)
        if row >= 0:
            return row
        row = len(self._items)
        self.beginInsertRows(QModelIndex(), row, row)
        self._items.append((label, value))
        self._rows[value] = row
        self.endInsertRows()
        return row

    def narrow(self, text: str) -> None:
        """At once, before the store answers: only the held choices that still contain
        every typed word stay offered."""
        words = fold(text).split()
        self._matched = {
            value
            for label, value in self._items
            if value is not None and all(w in fold(label) for w in words)
        }

    def show_matches(self, items: Sequence[tuple[str, Any]], keep: Any) -> None:
        """Hold ``keep`` (the chosen value, moved to the top) and ``items``; offer ``items``."""
        matched = {value for _label, value in items}
        first = 1 if self.blank else 0  # the blank choice stays first
        held = self._items[first:]
        if items and [i for i in held if i[1] != keep] == [i for i in items if i[1] != keep]:
            self._matched = matched  # the same answer: leave the popup's selection alone
            return
        root = QModelIndex()
        row = self._rows.get(keep, -1) if keep is not None else -1
        end = len(self._items)
        if row >= first:
            if row + 1 < end:
                self.beginRemoveRows(root, row + 1, end - 1)
                del self._items[row + 1 :]
                self.endRemoveRows()
            if row > first:
                self.beginRemoveRows(root, first, row - 1)
                del self._items[first:row]
                self.endRemoveRows()
        elif end > first:
            self.beginRemoveRows(root, first, end - 1)
            del self._items[first:]
            self.endRemoveRows()
        self._rows = {value: i for i, (_label, value) in enumerate(self._items)}
        new = [item for item in items if item[1] not in self._rows]
        if new:
            start = len(self._items)
            self.beginInsertRows(root, start, start + len(new) - 1)
            self._items.extend(new)
            self._rows = {value: i for i, (_label, value) in enumerate(self._items)}
            self.endInsertRows()
        self._matched = matched


class _Offered(QSortFilterProxyModel):
    """What the completer's popup offers: the matches, not the chosen record kept for
    the combo."""

    def filterAcceptsRow(  # noqa: N802 (Qt name)
        self, source_row: int, source_parent: QModelIndex | QPersistentModelIndex
    ) -> bool:
        model = self.sourceModel()
        return isinstance(model, SearchChoices) and model.is_match(source_row)


class SearchCombo(QComboBox):
    """An editable combo over a few choices: typing asks ``search`` (after a short pause,
    one query for a typed word, not one per key) and the popup offers what it found.

    Keyboard: type, Down to the offered choice, Enter takes it; leaving the box (Tab)
    with a part that finds one record takes it; a part that finds several or none stays
    as typed and ``pending(message)`` says so ("" once a record is chosen or the text is
    the chosen one's again); without a listener the message is the box's tool tip.
    The drop-down (the arrow, F4, Alt+Down) offers the first records. ``blank``: a
    first, empty choice (no record); ``read``: see ``SearchChoices``."""

    #: the pause after a key before the store is asked
    PAUSE_MS = 150
    #: why the typed text is not a choice yet ("" when it is)
    pending = Signal(str)

    def __init__(
        self,
        search: Search,
        parent: QWidget | None = None,
        limit: int = 50,
        *,
        blank: bool = False,
        read: Read | None = None,
    ) -> None:
        super().__init__(parent)
        self.search = search
        self.limit = limit
        self.choices = SearchChoices(self, blank=blank, read=read)
        self.setModel(self.choices)
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        # Sized by characters, not by its items (as choice_combo does).
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.setMinimumContentsLength(24)
        self.offered = _Offered(self)
        self.offered.setSourceModel(self.choices)
        completer = QCompleter(self.offered, self)
        # The store has already matched every word: the popup shows its answer as it is.
        completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setMaxVisibleItems(12)
        self.setCompleter(completer)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(self.PAUSE_MS)
        self._timer.timeout.connect(self.search_now)
        self._pending = ""
        self.currentIndexChanged.connect(self._settled)
        show_choice_start(self)
        line = self.lineEdit()
        if line is not None:
            line.textEdited.connect(self._typed)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._focus_changed)

    @Slot(QWidget, QWidget)
    def _focus_changed(self, old: QWidget | None, new: QWidget | None) -> None:
        """Leaving the box with a part typed that finds one record takes that record
        (Tab after »109/2022«, as a click on the one offer would); an empty box shows
        the chosen record again; several or none keep the typed text and say why."""
        if not focus_left(self, old, new):
            return
        matches = self._take_only_match()
        line = self.lineEdit()
        typed = line.text().strip() if line is not None else ""
        if matches is None or not typed or self.findText(typed, Qt.MatchFlag.MatchFixedString) >= 0:
            settle_combo(self)
            self._set_pending("")
            return
        self._set_pending(self._why_not_chosen(typed, matches))

    def _take_only_match(self) -> int | None:
        """How many records the typed text finds (None: nothing new is typed); one is
        taken."""
        line = self.lineEdit()
        if line is None:
            return None
        typed = line.text().strip()
        if not typed or typed == self.itemText(self.currentIndex()):
            return None
        self.search_now()  # the store's answer to exactly what is typed (no pause)
        matches = self.choices.matches()
        if len(matches) == 1:
            row = self.choices.index_of(matches[0][1])
            if row >= 0 and row != self.currentIndex():
                self.setCurrentIndex(row)
                self.activated.emit(row)
        return len(matches)

    def _why_not_chosen(self, typed: str, matches: int) -> str:
        if matches:
            message = self.tr(
                "»{typed}« ustreza več namestitvam: izberite eno s seznama (puščica ↓ in Enter)."
            )
        else:
            message = self.tr(
                "»{typed}« ne ustreza nobeni namestitvi: vtipkajte del številke pogodbe "
                "ali imena otroka ali rejnika."
            )
        message = message.format(typed=typed)
        chosen = self.itemText(self.currentIndex())
        if chosen:
            message += " " + self.tr("Do izbire ostane izbrana: {chosen}.").format(chosen=chosen)
        return message

    def pending_text(self) -> str:
        """Why the typed text is not a choice yet ("" when the box shows the choice)."""
        return self._pending

    def _set_pending(self, message: str) -> None:
        if message == self._pending:
            return
        self._pending = message
        self.setToolTip(message)
        if not self.isSignalConnected(QMetaMethod.fromSignal(self.pending)):
            # nobody shows it under the box: shown at the box at once
            if message and self.isVisible():
                QToolTip.showText(self.mapToGlobal(self.rect().bottomLeft()), message, self)
        self.pending.emit(message)

    @Slot()
    def _settled(self) -> None:
        self._set_pending("")

    def setCurrentIndex(self, index: int) -> None:  # noqa: N802  # Qt's name
        """A choice made by the program (a case loaded, a new one begun) shows that
        choice, also when it is the one chosen already and a typed text was pending."""
        super().setCurrentIndex(index)
        line = self.lineEdit()
        if self._pending and line is not None:
            line.setText(self.itemText(self.currentIndex()))
            self._set_pending("")

    def load(self, items: Sequence[tuple[str, Any]], current: Any) -> None:
        """Hold these choices (a first page) and choose ``current`` among them (or the
        first, when it is not among them); without signals, as a refresh."""
        blocked = self.blockSignals(True)
        try:
            self.choices.set_choices(items)
            self.offered.invalidate()
            row = self.choices.index_of(current) if current is not None else -1
            self.setCurrentIndex(max(row, 0) if items else -1)
        finally:
            self.blockSignals(blocked)

    def choose(self, label: str, value: Any) -> int:
        """Choose a record by its value, held or not (a record opened from elsewhere)."""
        row = self.choices.add_choice(label, value)
        self.setCurrentIndex(row)
        return row

    def findData(  # noqa: N802  # Qt's name
        self,
        data: Any,
        role: int = Qt.ItemDataRole.UserRole,
        flags: Qt.MatchFlag = Qt.MatchFlag.MatchExactly | Qt.MatchFlag.MatchCaseSensitive,
    ) -> int:
        """A value's row; a record not held yet is read and added (see ``read``)."""
        if role == Qt.ItemDataRole.UserRole:
            return self.choices.index_of(data)
        return super().findData(data, role, flags)

    def refresh_choices(self) -> None:
        """Read the chosen record's label again and forget the other choices (after a
        change elsewhere); the choice stays and the caller decides about signals."""
        current = self.currentData()
        if current is None and self.count() <= (1 if self.choices.blank else 0):
            return  # nothing held to read again
        self.choices.set_choices([])
        self.offered.invalidate()
        row = self.choices.index_of(current) if current is not None else -1
        self.setCurrentIndex(max(row, 0) if self.count() else -1)

    def showPopup(self) -> None:  # noqa: N802  # Qt's name
        """The arrow, Alt+Down or F4: the first records (typing narrows them)."""
        self._offer("")
        completer = self.completer()
        line = self.lineEdit()
        if completer is None or line is None:
            super().showPopup()
            return
        line.setFocus()
        completer.setCompletionPrefix("")
        completer.complete()

    def hidePopup(self) -> None:  # noqa: N802  # Qt's name
        completer = self.completer()
        if completer is not None:
            popup = completer.popup()
            if popup is not None:
                popup.hide()
        super().hidePopup()

    @Slot(str)
    def _typed(self, text: str) -> None:
        self.choices.narrow(text)
        self.offered.invalidate()
        self._timer.start()

    def _offer(self, text: str) -> None:
        """Hold and offer the search's first matches of ``text``."""
        self._timer.stop()
        items = list(self.search(text, self.limit))
        line = self.lineEdit()
        typed = line.text() if line is not None else ""
        cursor = line.cursorPosition() if line is not None else 0
        blocked = self.blockSignals(True)  # the chosen record stays chosen
        try:
            self.choices.show_matches(items, self.currentData())
        finally:
            self.blockSignals(blocked)
        if line is not None and line.text() != typed:
            # Rows removed above the chosen one move its row, and QComboBox then writes
            # the chosen label over the box: what was being typed was lost mid-word.
            line.setText(typed)
            line.setCursorPosition(cursor)
        self.offered.invalidate()

    @Slot()
    def search_now(self) -> None:
        """Ask the store for what is typed now and offer the answer."""
        self._timer.stop()
        line = self.lineEdit()
        text = line.text() if line is not None else ""
        if line is not None and text == self.itemText(self.currentIndex()):
            text = ""  # the chosen record's own label: offer the first page again
        self._offer(text)
        completer = self.completer()
        if line is not None and line.hasFocus() and text.strip() and completer is not None:
            completer.setCompletionPrefix(text)
            completer.complete()
