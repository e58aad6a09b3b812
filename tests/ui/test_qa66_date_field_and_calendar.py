"""QA66: a date field shows the reason of a short or missing year under itself, with a
capital, and keeps what was typed; its calendar (with the program's Slovenian locale)
starts the week on Monday with Slovenian day names."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QCoreApplication, QDate, QLocale, Qt

from rejnistvo.ui.widgets import DateEdit


def test_a_short_year_is_said_under_the_field(qtbot):
    field = DateEdit("Datum koraka", required=True)
    qtbot.addWidget(field)
    field.setText("1.1.27")
    ok, value = field.check()
    assert not ok and value is None and field.text() == "1.1.27"
    assert field.error_text().startswith("V »1.1.27« ima leto le dve števki")


@pytest.fixture
def slovenian_program(qapp):
    from rejnistvo.ui.translations import install_translators

    before = QLocale()
    translators = install_translators(qapp, None)
    yield
    for translator in translators:
        QCoreApplication.removeTranslator(translator)
    QLocale.setDefault(before)


def test_the_calendar_week_starts_on_monday_in_slovenian(qtbot, slovenian_program):
    field = DateEdit("datum")
    qtbot.addWidget(field)
    calendar = field.calendar
    assert calendar.firstDayOfWeek() == Qt.DayOfWeek.Monday
    assert calendar.locale().dayName(1, QLocale.FormatType.ShortFormat) == "pon."
    assert calendar.locale().monthName(12) == "december"


def _red(calendar, day: QDate) -> bool:
    sunday = calendar.weekdayTextFormat(Qt.DayOfWeek.Sunday).foreground().color()
    return calendar.dateTextFormat(day).foreground().color() == sunday


def test_the_calendar_shows_public_holidays_as_days_off(qtbot):
    """Christmas and New Year were black like working days; only weekends were red."""
    field = DateEdit("rok")
    qtbot.addWidget(field)
    field.setText("24. 12. 2026")
    field._show_calendar()  # what opening its menu does
    calendar = field.calendar
    assert _red(calendar, QDate(2026, 12, 25)) and _red(calendar, QDate(2026, 12, 26))
    assert "Praznik" in calendar.dateTextFormat(QDate(2026, 12, 25)).toolTip()
    assert not _red(calendar, QDate(2026, 12, 24))
    assert not _red(calendar, QDate(2026, 12, 31))
    assert _red(calendar, QDate(2027, 1, 1))  # shown at the page's foot
    calendar.setCurrentPage(2027, 2)  # leafing on: 8. 2., Prešernov dan
    assert _red(calendar, QDate(2027, 2, 8)) and not _red(calendar, QDate(2027, 2, 9))
