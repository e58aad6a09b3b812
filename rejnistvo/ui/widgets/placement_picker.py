"""The placement a case is about, found by typing: a combo box that never holds every
placement (issue 13: 20,000 combo items built on each refresh of R-4 and R-5).

The combo's own items are the blank choice, the placement chosen now and the ones
chosen before since the last refresh. What the user types asks the service for the
first matches (contract number, child or carer, as the label shows them) and offers
them in a popup under the box; Down/Up and Enter (or a click) choose one. The arrow
of the box (or Alt+Down, F4) opens the same popup with the first placements.

``findData(placement_id)`` and ``choices.index_of(placement_id)`` add a placement that
is not among the items yet (read by id), so a loaded case's placement is shown and a
caller can choose any placement by its id.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QComboBox, QCompleter, QWidget

from rejnistvo.ui.widgets.choice_combo import ChoiceModel

Choices = list[tuple[str, Any]]


class PinnedChoices(ChoiceModel):
    """The combo's items; a value asked for by ``index_of`` is read and appended (a row
    appended after the current one leaves the current choice and the typed text alone)."""

    def __init__(self, read: Callable[[Sequence[Any]], Choices], parent: Any = None) -> None:
        super().__init__(True, parent)
        self._read = read

    def index_of(self, value: Any) -> int:
        row = self._rows.get(value, -1)
        if row < 0 and value is not None:
            for label, found in self._read([value]):
                if found == value:
                    row = self.add_choice(label, value)
        return row

    def add_choice(self, label: str, value: Any) -> int:
        row = self._rows.get(value, -1)
        if row >= 0:
            return row
        row = len(self._items)
        self.beginInsertRows(QModelIndex(), row, row)
        self._items.append((label, value))
        self._rows[value] = row
        self.endInsertRows()
        return row


class PlacementPicker(QComboBox):
    """An editable combo over ``PinnedChoices`` with a popup of the service's matches.

    ``find(text)`` returns the first (label, id) choices matching the typed text;
    ``read(ids)`` the (label, id) choices of these placements."""

    def __init__(
        self,
        find: Callable[[str], Choices],
        read: Callable[[Sequence[Any]], Choices],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._find = find
        self.choices = PinnedChoices(read, self)
        self.setModel(self.choices)
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        # Sized by characters, not by the labels (layouts would ask data() of each).
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.setMinimumContentsLength(24)
        self.matches = ChoiceModel(False, self)
        self.completer_ = QCompleter(self.matches, self)
        # The service has already matched (without regard to case): show its answer whole.
        self.completer_.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self.completer_.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.completer_.setMaxVisibleItems(12)
        # On the line edit itself: the combo's own completer handling would look the
        # chosen label up among its few items and could choose nothing.
        self.lineEdit().setCompleter(self.completer_)
        self.completer_.activated[QModelIndex].connect(self._match_chosen)
        self.lineEdit().textEdited.connect(self._typed)

    # -- the combo's items ------------------------------------------------------------
    def findData(  # noqa: N802  # Qt's name
        self,
        data: Any,
        role: int = Qt.ItemDataRole.UserRole,
        flags: Qt.MatchFlag = Qt.MatchFlag.MatchExactly | Qt.MatchFlag.MatchCaseSensitive,
    ) -> int:
        if role == Qt.ItemDataRole.UserRole:
            return self.choices.index_of(data)
        return super().findData(data, role, flags)

    def refresh_choices(self) -> None:
        """Read the chosen placement's label again and forget the other items (after
        a change elsewhere); the choice stays and the caller decides about signals."""
        current = self.currentData()
        if current is None and self.count() == 1:
            return  # only the blank choice: nothing to read again
        self.choices.set_choices([])
        self.setCurrentIndex(max(self.choices.index_of(current), 0))

    def choose(self, value: Any) -> None:
        self.setCurrentIndex(max(self.choices.index_of(value), 0))

    # -- typing -----------------------------------------------------------------------
    def _typed(self, text: str) -> None:
        """The line edit's completion runs right after this and shows the matches."""
        self.matches.set_choices(self._find(text) if text.strip() else [])

    def _match_chosen(self, index: QModelIndex | QPersistentModelIndex) -> None:
        value = index.data(Qt.ItemDataRole.UserRole)
        label = index.data(Qt.ItemDataRole.DisplayRole)
        if value is not None:
            self.setCurrentIndex(self.choices.add_choice(label, value))

    def showPopup(self) -> None:  # noqa: N802  # Qt's name
        """The arrow, Alt+Down or F4: the first placements (typing narrows them)."""
        self.matches.set_choices(self._find(""))
        self.lineEdit().setFocus()
        self.completer_.setCompletionPrefix("")
        self.completer_.complete()

    def hidePopup(self) -> None:  # noqa: N802  # Qt's name
        self.completer_.popup().hide()
        super().hidePopup()
