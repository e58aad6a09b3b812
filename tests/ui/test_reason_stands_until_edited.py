"""A reason a save gave at a date or amount field (»Datum rojstva se ne ujema z EMŠO«, a
service's refusal) was cleared by Enter in the field while the wrong value stayed (QA65):
Enter reformats the date and re-checked only the field's own rules. The reason stands
until the clerk edits the field; the field's own reasons still come and go as typed."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from rejnistvo.ui.widgets import AmountEdit, DateEdit

MISMATCH = "Datum rojstva se ne ujema z EMŠO (ta pove 7. 6. 2023)."


@pytest.mark.parametrize(("kind", "typed"), [(DateEdit, "6.7.2023"), (AmountEdit, "12,5")])
def test_enter_keeps_a_reason_from_the_save_until_the_field_is_edited(qtbot, kind, typed):
    field = kind("birth_date")
    qtbot.addWidget(field)
    field.show()
    qtbot.keyClicks(field.edit, typed)
    field.show_error(MISMATCH)  # as FormValidator.add_error does at Shrani
    qtbot.keyClick(field.edit, Qt.Key.Key_Return)
    assert field.error_text() == MISMATCH  # the wrong value is still there: so is the reason
    assert field.text() in ("6. 7. 2023", "12,50")  # reformatted all the same
    qtbot.keyClick(field.edit, Qt.Key.Key_Backspace)
    qtbot.keyClicks(field.edit, "3" if kind is DateEdit else "0")
    assert field.error_text() == ""  # edited: the field's own rules decide again


def test_the_fields_own_reason_still_goes_once_the_text_is_right(qtbot):
    field = DateEdit("birth_date")
    qtbot.addWidget(field)
    field.show()
    qtbot.keyClicks(field.edit, "31.2.2026")
    qtbot.keyClick(field.edit, Qt.Key.Key_Return)
    assert "februar" in field.error_text()
    field.edit.selectAll()
    qtbot.keyClicks(field.edit, "28.2.2026")
    qtbot.keyClick(field.edit, Qt.Key.Key_Return)
    assert field.error_text() == "" and field.text() == "28. 2. 2026"
