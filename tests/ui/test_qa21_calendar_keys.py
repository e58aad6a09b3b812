"""QA21: a date's calendar opened only from its ▾ button, one more Tab away from the
field; Alt+↓ or F4 in the field now opens it (as in a combo box), on the typed date, with
the keyboard in the calendar; a read-only date opens none."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication

from rejnistvo.ui.widgets import DateEdit


def _opened_by(qtbot, field, key, modifier) -> list[object]:
    seen: list[object] = []

    def look_and_close() -> None:
        menu = field.button.menu()
        seen.append(menu.isVisible())
        focus = QApplication.focusWidget()
        calendar = field._calendar
        in_calendar = calendar is not None and (focus is calendar or calendar.isAncestorOf(focus))
        seen.append(in_calendar or None)
        menu.hide()

    QTimer.singleShot(200, look_and_close)
    qtbot.keyClick(field.edit, key, modifier)
    qtbot.wait(300)
    return seen


@pytest.mark.parametrize(
    ("key", "modifier"),
    [
        (Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier),
        (Qt.Key.Key_F4, Qt.KeyboardModifier.NoModifier),
    ],
)
def test_alt_down_or_f4_opens_the_calendar_on_the_typed_date(qtbot, key, modifier):
    field = DateEdit("datum")
    qtbot.addWidget(field)
    field.show()
    field.set_value(date(2026, 3, 2))
    field.edit.setFocus()
    assert _opened_by(qtbot, field, key, modifier) == [True, True]
    selected = field.calendar.selectedDate()
    assert (selected.year(), selected.month(), selected.day()) == (2026, 3, 2)
    assert field.text() == "2. 3. 2026"


def test_a_read_only_date_opens_no_calendar(qtbot):
    field = DateEdit("datum")
    qtbot.addWidget(field)
    field.show()
    field.set_read_only(True)
    field.edit.setFocus()
    assert _opened_by(qtbot, field, Qt.Key.Key_F4, Qt.KeyboardModifier.NoModifier) == [False, None]
