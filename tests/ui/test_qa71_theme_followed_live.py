"""QA71: a clerk who switched Windows to dark mode in the afternoon kept the colours of the
morning's light theme until restarting: Roki's overdue rows painted in the light red they
were first painted in (#b00020 on #1c1c1c, 2.3 : 1), the field's red reason, the payment
run's orange warning and R-4's pale blue suggestion box (white text on #eef4ff, 1.1 : 1)
kept their style sheets, the calendar's weekends and holidays kept Qt's fixed red. The
program now follows a change of the application's palette while it runs: every colour is
made again for the new background and the open screens repaint; back on the light theme
every colour is the one it was."""

from __future__ import annotations

import re

import pytest
from _laptop_window import laptop_window
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication
from test_qa63_dark_theme import DARK

from rejnistvo.ui.palette import READABLE, contrast

ROLES = QPalette.ColorRole


def _colour(role, group=QPalette.ColorGroup.Active) -> QColor:
    return QApplication.palette().color(group, role)


def _style_colour(style: str, name: str) -> QColor:
    found = re.search(rf"(?<![-\w]){name}:\s*(#[0-9a-fA-F]{{6}})", style)
    assert found, style
    return QColor(found.group(1))


class Themes:
    """The palette of the start (``light``) and a dark one, set on the running program."""

    def __init__(self, app) -> None:
        self.app = app
        self.before = QPalette(app.palette())

    def dark(self) -> None:
        palette = QPalette(self.before)
        for role, colour in DARK.items():
            palette.setColor(role, QColor(colour))
        # the disabled grey Qt's dark styles give, faint on a dark window (2.6 : 1)
        for role in (ROLES.Text, ROLES.WindowText, ROLES.ButtonText):
            palette.setColor(QPalette.ColorGroup.Disabled, role, QColor("#5a5a5a"))
        self.app.setPalette(palette)
        self.app.processEvents()

    def light(self) -> None:
        self.app.setPalette(self.before)
        self.app.processEvents()


@pytest.fixture
def themes(qapp):
    themes = Themes(qapp)
    yield themes
    qapp.setPalette(themes.before)


def _overdue_red(roki) -> QColor:
    """The colour an overdue row of Roki is painted in (the delegate's kept row)."""
    model = roki.model
    row = next(r for r in range(model.rowCount()) if model.row_record(r)["days"] < 0)
    _text, _align, colour = model.paint_cell(row, 0)
    painted = colour if isinstance(colour, QColor) else colour.color()
    brush = model.data(model.index(row, 0), Qt.ItemDataRole.ForegroundRole)
    asked = brush if isinstance(brush, QColor) else brush.color()
    assert painted == asked
    return painted


def test_open_screens_follow_a_change_to_a_dark_theme_and_back(qtbot, ctx, themes):
    from test_lead_roki_opens_instalments import ROKI_DAY

    window = laptop_window(qtbot, ctx, ROKI_DAY)
    window.show_screen("carers_view")
    window.show_screen("deadlines_view")
    roki = window.view("deadlines_view")
    qtbot.waitUntil(lambda: roki.model.rowCount() > 0)
    light_red = _overdue_red(roki)  # painted, and kept with its row
    assert light_red.name() == "#b00020"
    window.show_screen("r4_view")
    suggestion = window.view("r4_view").suggestion_label
    light_box = suggestion.styleSheet()
    assert _style_colour(light_box, "background").name() == "#eef4ff"
    from rejnistvo.ui.widgets import FieldError

    reason = FieldError(window)
    reason.show_error("datum ni pravilen.")
    assert reason.styleSheet() == "color: #b00020;"
    from rejnistvo.ui.widgets.fields import DateEdit

    field = DateEdit("od", window)
    field._show_calendar()
    field.button.menu().hide()
    calendar = field.calendar

    themes.dark()

    window_bg, rows = _colour(ROLES.Window), (_colour(ROLES.Base), _colour(ROLES.AlternateBase))
    red = _overdue_red(roki)
    assert all(contrast(red, row) >= READABLE for row in rows), red.name()
    box = suggestion.styleSheet()
    background = _style_colour(box, "background")
    assert contrast(suggestion.palette().color(ROLES.WindowText), background) >= READABLE
    # a decided case shows it disabled: its grey read at 3.3 : 1 on the dark blue box
    grey = suggestion.palette().color(QPalette.ColorGroup.Disabled, ROLES.WindowText)
    assert contrast(grey, background) >= READABLE, (grey.name(), background.name())
    assert contrast(_style_colour(reason.styleSheet(), "color"), window_bg) >= READABLE
    disabled = QPalette.ColorGroup.Disabled
    for text, behind in ((ROLES.Text, ROLES.Base), (ROLES.WindowText, ROLES.Window)):
        assert contrast(_colour(text, disabled), _colour(behind, disabled)) >= READABLE
    field._show_calendar()
    field.button.menu().hide()
    weekend = calendar.weekdayTextFormat(Qt.DayOfWeek.Sunday).foreground().color()
    assert all(contrast(weekend, row) >= READABLE for row in rows), weekend.name()

    # back to the light theme: every colour the one it was
    themes.light()
    assert _overdue_red(roki) == light_red
    assert suggestion.styleSheet() == light_box
    assert reason.styleSheet() == "color: #b00020;"
