"""Widgets a keyboard user met (round 8, QA3): the date field's calendar took no keys
(the menu kept them: arrows and Enter did nothing), and Enter on a day did not pick it
(only a mouse click did)."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QApplication, QVBoxLayout, QWidget

from rejnistvo.ui.widgets import DateEdit


def test_calendar_takes_the_keys_and_enter_picks_the_day(qtbot):
    outer = QWidget()
    qtbot.addWidget(outer)
    field = DateEdit("datum", outer)
    QVBoxLayout(outer).addWidget(field)
    outer.show()
    qtbot.waitExposed(outer)
    field.set_value(date(2026, 3, 2))
    menu = field.button.menu()
    menu.popup(field.button.mapToGlobal(field.button.rect().bottomLeft()))
    calendar = field.calendar
    qtbot.waitUntil(calendar.hasFocus)
    assert calendar.selectedDate() == QDate(2026, 3, 2)  # opens on the field's date
    keys = QApplication.focusWidget()  # the calendar's day grid (its focus proxy)
    assert keys is calendar or calendar.isAncestorOf(keys)
    qtbot.keyClick(keys, Qt.Key.Key_Right)
    qtbot.keyClick(keys, Qt.Key.Key_Down)
    with qtbot.waitSignal(field.edited):
        qtbot.keyClick(keys, Qt.Key.Key_Return)
    assert field.value() == date(2026, 3, 10)
    assert not menu.isVisible()


def test_read_only_date_keeps_its_value_when_a_day_is_picked(qtbot):
    field = DateEdit("datum")
    qtbot.addWidget(field)
    field.set_value(date(2026, 3, 2))
    field.set_read_only(True)
    assert not field.button.isEnabled()
    field.calendar.activated.emit(QDate(2026, 4, 1))
    assert field.value() == date(2026, 3, 2)
    field.set_read_only(False)
    assert field.button.isEnabled()
