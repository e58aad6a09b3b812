"""Namestitve, Rejniki, Otroci (round 15): a centre typed in part that several centres
contain, or none, went back to the chosen centre when Tab left the box, and the typed
text was lost; it stays, with the reason under the field, as in the placement picker."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QLineEdit, QVBoxLayout, QWidget

from rejnistvo.ui.widgets.pickers import CentreField, CentreUnitPicker

CENTRES = [
    {"id": 1, "name": "Center Celje", "units": [{"id": 11, "name": "Enota Žalec"}]},
    {"id": 2, "name": "Center Kranj", "units": []},
    {"id": 3, "name": "Center Koper", "units": []},
]


def _shown(qtbot, field):
    outer = QWidget()
    qtbot.addWidget(outer)
    other = QLineEdit(outer)
    layout = QVBoxLayout(outer)
    field.setParent(outer)
    layout.addWidget(field)
    layout.addWidget(other)
    outer.show()
    qtbot.waitExposed(outer)
    outer.activateWindow()
    qtbot.waitUntil(outer.isActiveWindow)
    return other


def _type_and_leave(qtbot, combo, other, typed):
    combo.setFocus()
    qtbot.waitUntil(combo.hasFocus)
    combo.lineEdit().setText(typed)
    other.setFocus()
    qtbot.waitUntil(other.hasFocus)


@pytest.mark.parametrize("kind", ["field", "picker"])
def test_part_of_several_stays_with_the_reason_and_the_choice_stays(qtbot, kind):
    field = CentreField("carer_centre_id") if kind == "field" else CentreUnitPicker()
    combo = field.combo if kind == "field" else field.centre
    other = _shown(qtbot, field)
    field.set_centres(CENTRES)
    field.set_value(1)
    chosen = 1 if kind == "field" else (1, None)
    _type_and_leave(qtbot, combo, other, "k")
    assert combo.lineEdit().text() == "k"
    assert field.value() == chosen  # nothing guessed: the chosen centre stays chosen
    reason = field.error_label.text()
    assert "»k« je del več imen" in reason and "Center Celje" in reason
    assert field.pending_text() == reason
    if kind == "picker":
        assert field.centre_name() == "Center Celje"
    # a record loaded with the same centre shows its name, not the part left there
    field.set_value(1)
    assert combo.lineEdit().text() == "Center Celje"
    assert not field.error_label.has_error() and field.pending_text() == ""
    _type_and_leave(qtbot, combo, other, "xyz")
    assert combo.lineEdit().text() == "xyz"
    assert "»xyz« ni del nobenega imena" in field.error_label.text()
    _type_and_leave(qtbot, combo, other, "kranj")  # one centre: taken, the reason goes
    assert combo.lineEdit().text() == "Center Kranj"
    assert field.value() == (2 if kind == "field" else (2, None))
    assert not field.error_label.has_error()


def test_passing_through_keeps_a_checks_reason(qtbot):
    field = CentreField("carer_centre_id", required=True)
    other = _shown(qtbot, field)
    field.set_centres(CENTRES)
    ok, _value = field.check()
    assert not ok and field.error_label.has_error()
    _type_and_leave(qtbot, field.combo, other, "")
    assert field.error_label.has_error()  # the Tab through it did not take it away
