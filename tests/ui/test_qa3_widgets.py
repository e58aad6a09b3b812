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


def test_disabled_texts_are_readable_after_the_start(qapp):
    """A decided R-4 case is shown disabled: Fusion's grey (#bebebe on #efefef, 1.6 : 1)
    could hardly be read. The start (install_translators) makes it 4.5 : 1."""
    from PySide6.QtGui import QColor, QPalette

    from rejnistvo.ui.palette import contrast, readable_disabled_texts
    from rejnistvo.ui.translations import install_translators

    kept = qapp.palette()
    try:
        faint = QPalette(kept)
        faint.setColor(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text, QColor("#bebebe"))
        faint.setColor(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Base, QColor("#efefef"))
        qapp.setPalette(faint)
        install_translators(qapp, None)
        palette = qapp.palette()
        disabled = QPalette.ColorGroup.Disabled
        for text, behind in (
            (QPalette.ColorRole.Text, QPalette.ColorRole.Base),
            (QPalette.ColorRole.WindowText, QPalette.ColorRole.Window),
            (QPalette.ColorRole.ButtonText, QPalette.ColorRole.Button),
        ):
            assert contrast(palette.color(disabled, text), palette.color(disabled, behind)) >= 4.5
        # still told apart from enabled text
        active = palette.color(QPalette.ColorGroup.Active, QPalette.ColorRole.Text)
        assert palette.color(disabled, QPalette.ColorRole.Text) != active
        # a dark theme gets a lighter grey, not a darker one
        dark = QPalette(kept)
        dark.setColor(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Base, QColor("#202020"))
        dark.setColor(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text, QColor("#303030"))
        qapp.setPalette(dark)
        readable_disabled_texts(qapp)  # made readable already where the theme is followed
        grey = qapp.palette().color(disabled, QPalette.ColorRole.Text)
        assert grey.lightness() > 0x80
        assert contrast(grey, QColor("#202020")) >= 4.5
    finally:
        qapp.setPalette(kept)


def test_reveal_scrolls_the_field_into_sight_and_focuses_it(qtbot):
    from PySide6.QtWidgets import QLineEdit, QScrollArea

    from rejnistvo.ui.widgets.fields import FormValidator, reveal_first_error

    scroll = QScrollArea()
    qtbot.addWidget(scroll)
    content = QWidget()
    layout = QVBoxLayout(content)
    first = DateEdit("od", content, required=True)
    layout.addWidget(first)
    for _ in range(40):
        layout.addWidget(QLineEdit(content))
    last = QLineEdit(content)
    layout.addWidget(last)
    scroll.setWidget(content)
    scroll.setWidgetResizable(True)
    scroll.resize(300, 200)
    scroll.show()
    qtbot.waitExposed(scroll)
    scroll.activateWindow()
    qtbot.waitUntil(scroll.isActiveWindow)
    bar = scroll.verticalScrollBar()
    bar.setValue(bar.maximum())
    last.setFocus()
    validator = FormValidator()
    validator.check(first)  # required and empty
    validator.focus_first()
    assert bar.value() == 0 and first.edit.hasFocus()
    bar.setValue(bar.maximum())
    last.setFocus()
    assert reveal_first_error(content) is True
    assert bar.value() == 0 and first.edit.hasFocus()
