"""QA66: a date field shows the reason of a short or missing year under itself, with a
capital, and keeps what was typed; its calendar (with the program's Slovenian locale)
starts the week on Monday with Slovenian day names."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QCoreApplication, QLocale, Qt

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
