"""An empty date field's calendar opens on the window's day (its injected clock), not on
the machine's date that ``QCalendarWidget`` would choose (QA7, round 12)."""

from __future__ import annotations

from datetime import date
from types import SimpleNamespace

from PySide6.QtWidgets import QWidget

from rejnistvo.clock import FixedClock
from rejnistvo.ui.widgets import DateEdit

WINDOW_DAY = date(2031, 5, 7)


def _owner_with_clock(qtbot) -> QWidget:
    owner = QWidget()
    owner.ctx = SimpleNamespace(clock=FixedClock(WINDOW_DAY))  # type: ignore[attr-defined]
    qtbot.addWidget(owner)
    return owner


def test_an_empty_field_opens_its_calendar_on_the_windows_day(qtbot):
    field = DateEdit("decided_on", _owner_with_clock(qtbot))
    field._show_calendar()
    selected = field.calendar.selectedDate()
    assert (selected.year(), selected.month(), selected.day()) == (2031, 5, 7)


def test_a_typed_date_still_wins_over_the_windows_day(qtbot):
    field = DateEdit("decided_on", _owner_with_clock(qtbot))
    field.set_value(date(2026, 12, 25))
    field._show_calendar()
    selected = field.calendar.selectedDate()
    assert (selected.year(), selected.month(), selected.day()) == (2026, 12, 25)


def test_every_empty_date_field_of_the_r5_screen_opens_on_the_windows_day(qtbot, ctx):
    """In the window the day comes from the main window's context, whatever parent the
    field has inside its screen."""
    from _laptop_window import DAY, laptop_window

    window = laptop_window(qtbot, ctx)
    window.show_screen("r5_view")
    fields = [f for f in window.view("r5_view").findChildren(DateEdit) if not f.text()]
    assert fields
    for field in fields:
        field._show_calendar()
        selected = field.calendar.selectedDate()
        assert (selected.year(), selected.month(), selected.day()) == (
            DAY.year,
            DAY.month,
            DAY.day,
        ), field.field
