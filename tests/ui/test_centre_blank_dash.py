"""Namestitve, Rejniki, Otroci: a click into a centre box showing »—« (no centre) and
»Kran« typed gave »—Kran«, which finds nothing; the dash is not part of what is typed."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit, QVBoxLayout, QWidget

from rejnistvo.ui.widgets.pickers import CentreField


def test_typing_after_a_click_into_the_dash_replaces_it(qtbot):
    outer = QWidget()
    qtbot.addWidget(outer)
    field = CentreField("carer_centre_id", outer)
    field.set_centres([{"id": 1, "name": "Center Celje"}, {"id": 2, "name": "Center Kranj"}])
    other = QLineEdit(outer)
    layout = QVBoxLayout(outer)
    layout.addWidget(field)
    layout.addWidget(other)
    outer.show()
    qtbot.waitExposed(outer)
    outer.activateWindow()
    qtbot.waitUntil(outer.isActiveWindow)
    line = field.combo.lineEdit()
    assert line.text() == "—"
    qtbot.mouseClick(line, Qt.MouseButton.LeftButton, pos=line.rect().center())
    qtbot.waitUntil(lambda: field.combo.hasFocus() or line.hasFocus())
    line.setCursorPosition(len(line.text()))  # the cursor after the dash, as a click puts it
    qtbot.keyClicks(QApplication.focusWidget(), "Kran")
    assert line.text() == "Kran"
    other.setFocus()
    qtbot.waitUntil(other.hasFocus)
    assert field.value() == 2 and line.text() == "Center Kranj"
