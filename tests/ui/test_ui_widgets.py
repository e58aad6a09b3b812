from datetime import date
from decimal import Decimal

import pytest

from rejnistvo.rules.errors import InputError
from rejnistvo.rules.periods import Period
from rejnistvo.ui.widgets import (
    AmountEdit,
    DateEdit,
    FormValidator,
    PeriodEdit,
    parse_amount_text,
    parse_date_text,
)


def test_parse_date_text():
    assert parse_date_text("2. 3. 2026") == date(2026, 3, 2)
    assert parse_date_text("2.3.2026") == date(2026, 3, 2)
    assert parse_date_text("2026-03-02") == date(2026, 3, 2)
    assert parse_date_text("  ") is None
    with pytest.raises(InputError, match="ne obstaja"):
        parse_date_text("31. 2. 2026")


def test_a_date_that_does_not_exist_says_why() -> None:
    """The format was right, so the message says what is wrong with the day, not
    »vpišite ga kot 2. 3. 2026« (which read like a date the program proposed)."""
    cases = {
        "31. 2. 2027": "datum »31. 2. 2027« ne obstaja: februar 2027 ima 28 dni.",
        "30. 2. 2028": "datum »30. 2. 2028« ne obstaja: februar 2028 ima 29 dni.",
        "31. 4. 2026": "datum »31. 4. 2026« ne obstaja: april 2026 ima 30 dni.",
        "32. 1. 2020": "datum »32. 1. 2020« ne obstaja: januar 2020 ima 31 dni.",
        "1. 13. 2026": "datum »1. 13. 2026« ne obstaja: mesec je število od 1 do 12.",
        "2026-00-10": "datum »2026-00-10« ne obstaja: mesec je število od 1 do 12.",
        "1. 1. 0000": "datum »1. 1. 0000« je pred letom 1900; leto mora biti 1900 ali "
        "pozneje, zapisano s štirimi števkami, npr. 2. 3. 2026.",  # QA27: the year's range
    }
    for text, message in cases.items():
        with pytest.raises(InputError) as raised:
            parse_date_text(text, "valid_from")
        assert (raised.value.field, raised.value.message) == ("valid_from", message)


def test_parse_amount_text_accepts_slovenian_comma():
    assert parse_amount_text("1.234,56") == Decimal("1234.56")
    assert parse_amount_text("120,5") == Decimal("120.50")
    assert parse_amount_text("120.00") == Decimal("120.00")
    with pytest.raises(InputError, match="dve decimalki"):
        parse_amount_text("1,234")
    with pytest.raises(InputError, match="negativen"):
        parse_amount_text("-5")


def test_amount_edit_keeps_typed_text_on_error(qtbot):
    field = AmountEdit("znesek")
    qtbot.addWidget(field)
    qtbot.keyClicks(field.edit, "12,345")
    v = FormValidator()
    assert v.check(field) is None
    assert not v.ok
    assert field.text() == "12,345"
    assert "decimalk" in field.error_text()


def test_period_edit_end_before_start_and_outside_placement(qtbot):
    field = PeriodEdit("obdobje")
    qtbot.addWidget(field)
    field.start_edit.setText("1. 5. 2026")
    field.end_edit.setText("1. 4. 2026")
    ok, _ = field.check()
    assert not ok and "pred začetkom" in field.error_text()
    field.end_edit.setText("30. 6. 2026")
    field.set_outer([Period(date(2026, 5, 10), None)])
    ok, _ = field.check()
    assert not ok and "namestitve" in field.error_text()
    field.set_outer([Period(date(2026, 1, 1), None)])
    ok, value = field.check()
    assert ok and value == Period(date(2026, 5, 1), date(2026, 6, 30))


def test_required_date(qtbot):
    field = DateEdit("od", required=True)
    qtbot.addWidget(field)
    ok, _ = field.check()
    assert not ok and "obvezno" in field.error_text()


def test_date_field_makes_its_calendar_when_opened_on_the_typed_date(qtbot):
    from PySide6.QtCore import QDate

    from rejnistvo.ui.widgets import DateEdit

    field = DateEdit("od")
    qtbot.addWidget(field)
    assert field._calendar is None  # not built with the field
    field.set_value(date(2026, 3, 2))
    field.button.menu().aboutToShow.emit()
    assert field.calendar.selectedDate() == QDate(2026, 3, 2)
    with qtbot.waitSignal(field.edited):
        field.calendar.clicked.emit(QDate(2026, 4, 15))
    assert field.value() == date(2026, 4, 15) and field.edit.text() == "15. 4. 2026"


def test_a_period_names_its_bad_date_under_the_pair(qtbot):
    # QA16: »Datum »32. 13. 2026« ne obstaja …« stood squeezed under the start date,
    # pushing »od« down, and did not say which of the two dates it was
    from PySide6.QtCore import Qt

    from rejnistvo.ui.widgets import PeriodEdit

    period = PeriodEdit("period", required=True, open_allowed=False)
    qtbot.addWidget(period)
    period.start_edit.edit.setText("32. 13. 2026")
    period.end_edit.edit.setText("31. 12. 2026")
    ok, _ = period.check()
    assert not ok
    assert period.error_text().startswith("Začetek obdobja (od): datum »32. 13. 2026« ne obstaja")
    assert period.start_edit.error_text() == ""
    assert period.start_edit.edit.text() == "32. 13. 2026"  # what was typed stays
    qtbot.keyClicks(period.end_edit.edit, "x")
    assert period.error_text().startswith("Začetek obdobja (od)")
    period.start_edit.edit.selectAll()
    qtbot.keyClicks(period.start_edit.edit, "1. 1. 2026")
    qtbot.keyClick(period.end_edit.edit, Qt.Key.Key_Backspace)
    assert period.error_text() == ""


def test_the_day_in_the_field_picked_again_is_no_edit(qtbot):
    """Opening the calendar with the keyboard and pressing Enter on the day already in the
    field marked the case changed: leaving the R-5 screen then asked »Jih shranim?« for
    nothing (found trying the screen with the keyboard alone)."""
    from PySide6.QtCore import QDate

    from rejnistvo.ui.widgets import DateEdit

    field = DateEdit("od")
    qtbot.addWidget(field)
    field.set_value(date(2026, 11, 25))
    field.button.menu().aboutToShow.emit()
    with qtbot.assertNotEmitted(field.edited):
        field.calendar.activated.emit(QDate(2026, 11, 25))
    assert field.value() == date(2026, 11, 25)
    with qtbot.waitSignal(field.edited):
        field.calendar.activated.emit(QDate(2026, 11, 26))
