"""Choosing a related record: a centre and its unit, a carer or a child by name, one
record among thousands by searching as one types (``search_combo``)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from decimal import Decimal, InvalidOperation
from typing import Any

from PySide6.QtCore import (
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtWidgets import QApplication, QComboBox, QCompleter, QWidget

from rejnistvo.rules.errors import InputError
from rejnistvo.rules.text import fold
from rejnistvo.ui.widgets.choice_combo import ChoiceModel
from rejnistvo.ui.widgets.fields import ValidatedField, _LineField
from rejnistvo.ui.widgets.keyboard import combo_settler, make_searchable


def load_centres(db) -> list[dict]:
    """Centres with their units, each unit with its id (services.people)."""
    from rejnistvo.services.people import centres_with_units

    return centres_with_units(db)


class CentreUnitPicker(ValidatedField):
    """Two combo boxes: the centre, then one of its units (both may stay empty). Typing
    any part of a centre's name ("mari") finds it among the 16."""

    def __init__(self, field: str = "centre_id", parent: QWidget | None = None) -> None:
        super().__init__(field, parent)
        self.centre = QComboBox(self)
        self.unit = QComboBox(self)
        self.centre.setMinimumContentsLength(18)
        self.centre.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.unit.setMinimumContentsLength(12)
        self.unit.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        make_searchable(self.centre)
        self.setFocusProxy(self.centre)
        self.row.addWidget(self.centre, 2)
        self.row.addWidget(self.unit, 1)
        self._centres: list[dict] = []
        self.centre.currentIndexChanged.connect(self._centre_changed)
        self.centre.activated.connect(lambda _i: self.edited.emit())
        self.unit.activated.connect(lambda _i: self.edited.emit())

    def set_centres(self, centres: list[dict]) -> None:
        current = self.value()
        self._centres = centres
        self.centre.blockSignals(True)
        self.centre.clear()
        self.centre.addItem("—", None)
        for c in centres:
            self.centre.addItem(c["name"], c["id"])
        self.centre.blockSignals(False)
        self.set_value(*current)

    def _centre_changed(self, _index: int) -> None:
        centre_id = self.centre.currentData()
        self.unit.clear()
        self.unit.addItem("—", None)
        for c in self._centres:
            if c["id"] == centre_id:
                for u in c.get("units", []):
                    self.unit.addItem(u["name"], u.get("id"))

    def set_value(self, centre_id: int | None, unit_id: int | None = None) -> None:
        i = self.centre.findData(centre_id)
        self.centre.setCurrentIndex(max(i, 0))
        self._centre_changed(0)
        j = self.unit.findData(unit_id)
        self.unit.setCurrentIndex(max(j, 0))

    def _parse(self) -> tuple[int | None, int | None]:
        return self.centre.currentData(), self.unit.currentData()

    def value(self) -> tuple[int | None, int | None]:  # type: ignore[override]
        return self._parse()

    def centre_name(self) -> str:
        return self.centre.currentText() if self.centre.currentData() is not None else ""


class _FoldedCompleter(QCompleter):
    """Matches what is typed against each label's folded text (č = c, case ignored) and
    puts the label itself into the field."""

    #: the role holding a label's folded text
    FOLDED = int(Qt.ItemDataRole.UserRole) + 7

    def splitPath(self, path: str) -> list[str]:  # noqa: N802 (Qt name)
        from rejnistvo.rules.text import fold

        return [fold(path)]

    def pathFromIndex(self, index) -> str:  # noqa: N802 (Qt name)
        return str(index.data(Qt.ItemDataRole.DisplayRole) or "")


class RecordPicker(_LineField):
    """A name typed with completion; value() → the record's id.

    ``set_search(search, label_of)``: each key asks ``search(text)`` for the first matches
    (``[(id, label)]``, a narrow query: never every carer in a completer) and the popup
    offers them, matched as typed with č = c; ``label_of(id)`` names the record shown.
    ``set_records`` gives a fixed list instead."""

    picked = Signal(object)

    def __init__(self, field: str, parent: QWidget | None = None, required: bool = False) -> None:
        from PySide6.QtGui import QStandardItemModel

        super().__init__(field, parent, required)
        self._ids: dict[str, int] = {}
        self._labels: dict[int, str] = {}
        self._search = None
        self._label_of = None
        self._searched: str | None = None
        self._model = QStandardItemModel(self)
        self.completer = _FoldedCompleter(self._model, self)
        self.completer.setCompletionRole(_FoldedCompleter.FOLDED)
        self.completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.completer.setMaxVisibleItems(12)
        self.edit.setCompleter(self.completer)
        self.completer.activated.connect(self._activated)
        self.not_found_message = "Izberite zapis s seznama (začnite tipkati ime)."

    def set_records(self, records: list[tuple[int, str]]) -> None:
        from PySide6.QtGui import QStandardItem

        from rejnistvo.rules.text import fold_all

        self._labels = dict(records)
        self._ids = {label: rid for rid, label in records}
        self._model.clear()
        labels = [label for _rid, label in records]
        for label, folded in zip(labels, fold_all(labels), strict=True):
            item = QStandardItem(label)
            item.setData(folded, _FoldedCompleter.FOLDED)
            self._model.appendRow(item)

    def set_search(self, search, label_of) -> None:
        """Search as one types: ``search(text) -> [(id, label)]`` (the first matches),
        ``label_of(id) -> label | None``."""
        self._search = search
        self._label_of = label_of
        self.set_records([])

    def _on_edited(self, text: str) -> None:
        # before the completer looks at its model (QLineEdit completes after this signal)
        if self._search is not None:
            self._find(text)
        super()._on_edited(text)

    def _find(self, text: str) -> None:
        self._searched = text
        assert self._search is not None
        self.set_records(list(self._search(text)) if text.strip() else [])

    def _activated(self, text: str) -> None:
        self.clear_error()
        self.edited.emit()
        self.picked.emit(self._ids.get(text))

    def _parse(self) -> int | None:
        text = self.edit.text().strip()
        if not text:
            return None
        if text not in self._ids and self._search is not None and text != self._searched:
            self._find(text)  # set as text, not typed: ask the store once
        if text not in self._ids:
            raise InputError(self.field, self.not_found_message)
        return self._ids[text]

    def set_value(self, record_id: int | None, label: str | None = None) -> None:
        if record_id is not None and self._label_of is not None:
            label = self._label_of(record_id) or label
            if label:  # the record shown is a valid choice without typing
                self._labels[record_id] = label
                self._ids[label] = record_id
        self.setText(self._labels.get(record_id, label or "") if record_id is not None else "")

    def label(self, record_id: int) -> str | None:
        """The label a record is chosen by."""
        if self._label_of is not None:
            return self._label_of(record_id)
        return self._labels.get(record_id)


class ShareEdit(_LineField):
    """A share between 0 and 1, typed as "40 %", "0,40" or "0.4" → Decimal("0.40")."""

    def _parse(self) -> Decimal | None:
        text = self.edit.text().strip().replace(" ", "")
        if not text:
            return None
        allowed = "Vpišite delež med 0 in 100 %, npr. »40 %« ali »0,40«."
        percent = text.endswith("%")
        raw = text.rstrip("%").replace(",", ".")
        try:
            number = Decimal(raw)
        except InvalidOperation:
            raise InputError(self.field, f"»{text}« ni delež. {allowed}") from None
        share = number / 100 if percent or number > 1 else number
        if not share.is_finite() or not (0 < share <= 1):
            raise InputError(self.field, f"Delež mora biti večji od 0 in največ 100 %. {allowed}")
        return share.normalize() if share.as_tuple().exponent < -4 else share

    def set_value(self, share: Decimal | None) -> None:
        if share is None:
            self.setText("")
            return
        percent = (share * 100).normalize()
        self.setText(f"{percent:f}".replace(".", ",") + " %")


class CentreField(ValidatedField):
    """One centre chosen from the list (searchable by typing); ``value()`` → its id."""

    def __init__(self, field: str, parent: QWidget | None = None, required: bool = False) -> None:
        super().__init__(field, parent, required)
        self.combo = QComboBox(self)
        self.combo.setMinimumContentsLength(18)
        self.combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        make_searchable(self.combo)
        self.row.addWidget(self.combo, 1)
        self.setFocusProxy(self.combo)
        self.combo.activated.connect(self._changed)

    def _changed(self, _index: int) -> None:
        self.clear_error()
        self.edited.emit()

    def set_centres(self, centres: list[dict]) -> None:
        current = self.combo.currentData()
        self.combo.blockSignals(True)
        self.combo.clear()
        self.combo.addItem("—", None)
        for c in centres:
            self.combo.addItem(c["name"], c["id"])
        self.combo.blockSignals(False)
        self.set_value(current)

    def set_value(self, centre_id: int | None) -> None:
        self.combo.setCurrentIndex(max(self.combo.findData(centre_id), 0))
        self.clear_error()

    def _parse(self) -> int | None:
        return self.combo.currentData()


# -- one record among thousands: a combo that searches as one types -------------------
#: (text typed, how many) → (label, value) choices, in the order to offer them
Search = Callable[[str, int], Sequence[tuple[str, Any]]]


class SearchChoices(ChoiceModel):
    """The few choices a search combo holds: the chosen one and the matches of what was
    typed last (never every record). Rows are removed and inserted, never reset: a reset
    would clear the text the user is typing and move the combo's current row."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(blank=False, parent=parent)
        self._matched: set[Any] = set()

    def set_choices(self, items: Sequence[tuple[str, Any]]) -> None:
        super().set_choices(items)
        self._matched = {value for _label, value in self._items}

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
            value for label, value in self._items if all(w in fold(label) for w in words)
        }

    def show_matches(self, items: Sequence[tuple[str, Any]], keep: Any) -> None:
        """Hold ``keep`` (the chosen value, moved to the top) and ``items``; offer ``items``."""
        matched = {value for _label, value in items}
        if items and [i for i in self._items if i[1] != keep] == [i for i in items if i[1] != keep]:
            self._matched = matched  # the same answer: leave the popup's selection alone
            return
        root = QModelIndex()
        row = self._rows.get(keep, -1) if keep is not None else -1
        end = len(self._items)
        if row >= 0:
            if row + 1 < end:
                self.beginRemoveRows(root, row + 1, end - 1)
                del self._items[row + 1 :]
                self.endRemoveRows()
            if row > 0:
                self.beginRemoveRows(root, 0, row - 1)
                del self._items[:row]
                self.endRemoveRows()
        elif end:
            self.beginRemoveRows(root, 0, end - 1)
            self._items = []
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

    Keyboard: type, Down to the offered choice, Enter takes it; a partial text is put
    back to the chosen record when the focus leaves. The drop-down (F4, Alt+Down) shows
    the chosen record and the last matches."""

    #: the pause after a key before the store is asked
    PAUSE_MS = 150

    def __init__(self, search: Search, parent: QWidget | None = None, limit: int = 50) -> None:
        super().__init__(parent)
        self.search = search
        self.limit = limit
        self.choices = SearchChoices(self)
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
        line = self.lineEdit()
        if line is not None:
            line.textEdited.connect(self._typed)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(combo_settler(self))

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

    def _typed(self, text: str) -> None:
        self.choices.narrow(text)
        self.offered.invalidate()
        self._timer.start()

    def search_now(self) -> None:
        """Ask the store for what is typed now and offer the answer."""
        self._timer.stop()
        line = self.lineEdit()
        text = line.text() if line is not None else ""
        if line is not None and text == self.itemText(self.currentIndex()):
            text = ""  # the chosen record's own label: offer the first page again
        items = list(self.search(text, self.limit))
        blocked = self.blockSignals(True)  # the chosen record stays chosen
        try:
            self.choices.show_matches(items, self.currentData())
        finally:
            self.blockSignals(blocked)
        self.offered.invalidate()
        completer = self.completer()
        if line is not None and line.hasFocus() and text.strip() and completer is not None:
            completer.setCompletionPrefix(text)
            completer.complete()
