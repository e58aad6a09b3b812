"""Digits typed into a date field's calendar: Qt's inline date editor of QCalendarWidget
showed »0. -2147483648. 2026« in the Slovenian format and moved the day by what it made
of it. The calendar is for the arrows and Enter; a date is typed into the field."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QLabel, QTableView, QWidget

from rejnistvo.ui.widgets import DateEdit


def test_digits_typed_into_the_calendar_open_no_inline_editor(qtbot) -> None:  # type: ignore[no-untyped-def]
    owner = QWidget()
    owner.setLocale(QLocale(QLocale.Language.Slovenian, QLocale.Country.Slovenia))
    qtbot.addWidget(owner)
    field = DateEdit("decided_on", owner)
    field.set_value(date(2026, 3, 2))
    owner.show()
    owner.activateWindow()
    qtbot.waitUntil(owner.isActiveWindow)
    menu = field.button.menu()
    menu.popup(field.button.mapToGlobal(field.button.rect().bottomLeft()))
    calendar = field.calendar
    days = calendar.findChild(QTableView)
    qtbot.waitUntil(days.hasFocus)
    qtbot.keyClicks(days, "12")
    assert calendar.isDateEditEnabled() is False
    shown = [w.text() for w in calendar.findChildren(QLabel) if w.isVisible()]
    assert shown == []  # no »0. -2147483648. 2026«
    selected = calendar.selectedDate()
    assert (selected.year(), selected.month(), selected.day()) == (2026, 3, 2)
    menu.hide()
    assert field.value() == date(2026, 3, 2)
