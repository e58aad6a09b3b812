"""Choosing a related record: a centre and its unit, a carer or a child by name."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import QComboBox, QCompleter, QWidget

from rejnistvo.rules.errors import InputError
from rejnistvo.rules.typed_values import parse_share
from rejnistvo.ui.widgets.fields import ValidatedField, _LineField
from rejnistvo.ui.widgets.keyboard import BLANK, make_searchable


def load_centres(db) -> list[dict]:
    """Centres with their units, each unit with its id (services.people)."""
    from rejnistvo.services.people import centres_with_units

    return centres_with_units(db)


class TypedCentrePart:
    """Mixed into a ValidatedField with a searchable centre box (``make_searchable(box,
    self._pending)``): a part typed that several centres contain, or none, stays in the
    box with its reason under the field, and the screen may refuse Shrani over it."""

    _pending_reason = ""

    def _pending(self, reason: str) -> None:
        """A centre typed in part that is no choice yet: the reason under the field
        (a check's reason shown there stays when the keyboard only passes through)."""
        if reason:
            self.show_error(reason)
        elif self._pending_reason:
            self.clear_error()
        typed_anew = bool(reason) and reason != self._pending_reason
        self._pending_reason = reason
        if typed_anew:  # an edit: leaving the record asks, Shrani names the reason
            self.edited.emit()

    def pending_text(self) -> str:
        """Why the centre box holds a typed part that is no choice ("" when it shows
        the chosen centre), as ``SearchCombo.pending_text``: a screen may refuse Shrani."""
        return self._pending_reason


class CentreUnitPicker(TypedCentrePart, ValidatedField):
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
        make_searchable(self.centre, self._pending)
        self._pending_reason = ""
        self.setFocusProxy(self.centre)
        self.row.addWidget(self.centre, 2)
        self.row.addWidget(self.unit, 1)
        self._centres: list[dict] = []
        self.centre.currentIndexChanged.connect(self._centre_changed)
        self.centre.activated.connect(self._centre_taken)
        self.unit.activated.connect(lambda _i: self.edited.emit())

    def set_spoken_name(self, name: str) -> None:
        super().set_spoken_name(name)
        self.unit.setAccessibleName(self.tr("Enota centra"))

    def spoken_inputs(self) -> list[QWidget]:
        return [self.centre, self.unit]

    @Slot(int)
    def _centre_taken(self, _index: int) -> None:
        self._pending("")
        self.edited.emit()

    def set_centres(self, centres: list[dict]) -> None:
        current = self.value()
        self._centres = centres
        self.centre.blockSignals(True)
        self.centre.clear()
        self.centre.addItem(BLANK, None)
        for c in centres:
            self.centre.addItem(c["name"], c["id"])
        self.centre.blockSignals(False)
        self.set_value(*current)

    @Slot(int)
    def _centre_changed(self, _index: int) -> None:
        centre_id = self.centre.currentData()
        if centre_id is not None and not self._pending_reason:
            # a centre is chosen (a click in the offered list gives no »activated«): the
            # reason Shrani left under the field, »Izberite center …«, no longer holds (QA57)
            self.clear_error()
        self.unit.clear()
        self.unit.addItem("—", None)
        for c in self._centres:
            if c["id"] == centre_id:
                for u in c.get("units", []):
                    self.unit.addItem(u["name"], u.get("id"))

    def set_value(self, centre_id: int | None, unit_id: int | None = None) -> None:
        i = self.centre.findData(centre_id)
        self.centre.setCurrentIndex(max(i, 0))
        _show_choice(self.centre)
        self._pending("")
        self._centre_changed(0)
        j = self.unit.findData(unit_id)
        self.unit.setCurrentIndex(max(j, 0))

    def _parse(self) -> tuple[int | None, int | None]:
        return self.centre.currentData(), self.unit.currentData()

    def value(self) -> tuple[int | None, int | None]:  # type: ignore[override]
        return self._parse()

    def centre_name(self) -> str:
        if self.centre.currentData() is None:
            return ""
        return self.centre.itemText(self.centre.currentIndex())  # not a part typed beside it


def _show_choice(combo: QComboBox) -> None:
    """The chosen centre's name in the box: a part typed and kept there (several or no
    centres contain it) is not left beside a record loaded with the same centre."""
    line = combo.lineEdit()
    if line is not None and line.text() != combo.itemText(combo.currentIndex()):
        line.setText(combo.itemText(combo.currentIndex()))


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
        self.edit.editingFinished.connect(self._take_only_match)
        self.not_found_message = "Izberite zapis s seznama (začnite tipkati ime)."

    @Slot()
    def _take_only_match(self) -> None:
        """Leaving the field (Tab) with a part of a name that finds one record takes it,
        as a click on the one offer would; it stayed a half name refused at Shrani."""
        text = self.edit.text().strip()
        if not text or text in self._ids or self._search is None:
            return
        if text != self._searched:
            self._find(text)
        if len(self._ids) == 1:
            label = next(iter(self._ids))
            self.edit.setText(label)
            self._activated(label)

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

    @Slot(str)
    def _on_edited(self, text: str) -> None:
        # before the completer looks at its model (QLineEdit completes after this signal)
        if self._search is not None:
            self._find(text)
        super()._on_edited(text)

    def _find(self, text: str) -> None:
        self._searched = text.strip()
        assert self._search is not None
        self.set_records(list(self._search(text)) if text.strip() else [])

    @Slot(str)
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
        return parse_share(self.edit.text(), self.field)

    def set_value(self, share: Decimal | None) -> None:
        if share is None:
            self.setText("")
            return
        percent = (share * 100).normalize()
        self.setText(f"{percent:f}".replace(".", ",") + " %")


class CentreField(TypedCentrePart, ValidatedField):
    """One centre chosen from the list (searchable by typing); ``value()`` → its id."""

    def __init__(self, field: str, parent: QWidget | None = None, required: bool = False) -> None:
        super().__init__(field, parent, required)
        self.combo = QComboBox(self)
        self.combo.setMinimumContentsLength(18)
        self.combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        make_searchable(self.combo, self._pending)
        self._pending_reason = ""
        self.row.addWidget(self.combo, 1)
        self.setFocusProxy(self.combo)
        self.combo.activated.connect(self._changed)

    @Slot(int)
    def _changed(self, _index: int) -> None:
        self._pending_reason = ""
        self.clear_error()
        self.edited.emit()

    def set_centres(self, centres: list[dict]) -> None:
        current = self.combo.currentData()
        self.combo.blockSignals(True)
        self.combo.clear()
        self.combo.addItem(BLANK, None)
        for c in centres:
            self.combo.addItem(c["name"], c["id"])
        self.combo.blockSignals(False)
        self.set_value(current)

    def set_value(self, centre_id: int | None) -> None:
        self.combo.setCurrentIndex(max(self.combo.findData(centre_id), 0))
        _show_choice(self.combo)
        self._pending_reason = ""
        self.clear_error()

    def _parse(self) -> int | None:
        return self.combo.currentData()
