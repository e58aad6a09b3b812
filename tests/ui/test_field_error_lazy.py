"""A field makes its red reason when it first has one to show (issue 13: an editor has
20-30 fields, nearly none ever shows a reason, and each label made from Python cost PySide
signal set-up and polishing on the screen's first opening). Made late, the reason still
stands under the field's row, says the same Slovenian words, and the form around it lays
out exactly as before."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from rejnistvo.ui.widgets import AmountEdit, DateEdit, FieldError, TextEdit


def _form(qtbot):
    top = QWidget()
    qtbot.addWidget(top)
    layout = QVBoxLayout(top)
    fields = [
        TextEdit("ime", top, required=True),
        DateEdit("datum rojstva", top),
        AmountEdit("znesek", top),
    ]
    for field in fields:
        layout.addWidget(field)
    below = QLabel("spodaj", top)
    layout.addWidget(below)
    top.resize(400, 300)
    top.show()
    qtbot.waitExposed(top)
    return top, fields, below


def test_fields_are_built_without_a_reason_label(qtbot):
    top, fields, _below = _form(qtbot)
    assert top.findChildren(FieldError) == []
    for field in fields:
        field.set_value(None)
        assert field.check()[0] is (field.field != "ime")
    # a loaded value and a passed check make none either; only the refused one has it
    assert len(top.findChildren(FieldError)) == 1
    assert fields[1].error_text() == ""


def test_a_reason_made_late_stands_under_its_row_in_slovenian(qtbot):
    top, fields, below = _form(qtbot)
    date_field = fields[1]
    before = below.geometry()
    hint = date_field.sizeHint()
    date_field.edit.setText("31. 2. 2026")
    date_field.edit.editingFinished.emit()
    qtbot.waitUntil(lambda: date_field.error_label.isVisible())
    label = date_field.error_label
    assert label.parentWidget() is date_field
    assert label.geometry().top() > date_field.edit.geometry().bottom()
    assert "datum" in date_field.error_text().lower()
    # the form makes room for the reason, as it did for a label made at once
    assert date_field.sizeHint().height() > hint.height()
    # fixed as typed: the reason goes, the form is as before
    date_field.edit.setText("28. 2. 2026")
    date_field.edit.textEdited.emit("28. 2. 2026")
    assert not label.isVisible()
    assert date_field.error_text() == ""
    assert date_field.sizeHint() == hint
    qtbot.waitUntil(lambda: below.geometry() == before)


def test_typing_in_a_field_without_a_reason_makes_none(qtbot):
    top, fields, _below = _form(qtbot)
    amount = fields[2]
    amount.edit.setText("12,5")
    amount.edit.textEdited.emit("12,5")
    assert top.findChildren(FieldError) == []
    assert amount.edit.focusPolicy() != Qt.FocusPolicy.NoFocus
