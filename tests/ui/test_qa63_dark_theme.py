"""A dark theme (Windows' dark mode, a dark desktop): the program's red, orange, green and
grey texts and its pale boxes were fixed colours chosen for a light window (QA63). On a
dark palette Roki's and the coordinator's overdue rows were #b00020 on #1c1c1c (2.3 : 1),
a field's reason and the payment run's warnings the same, and the R-4 suggestion and the
R-5 facts were white text on a pale blue box (1.1 : 1). Each now reads at 4.5 : 1 on the
background it is painted on; on the light theme every colour is the one it was."""

from __future__ import annotations

import re

import pytest
from _laptop_window import laptop_window
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

from rejnistvo.ui.palette import (
    ERROR,
    NOTICE,
    NOTICE_BACKGROUND,
    READABLE,
    SETTLED,
    SUCCESS,
    SUGGESTION_BACKGROUND,
    WARNING,
    box_style,
    cell_colour,
    contrast,
    text_style,
)

ROLES = QPalette.ColorRole
#: Windows 11's dark mode, as Qt 6's windows11 style gives it
DARK = {
    ROLES.Window: "#202020",
    ROLES.WindowText: "#ffffff",
    ROLES.Base: "#1c1c1c",
    ROLES.AlternateBase: "#2b2b2b",
    ROLES.Text: "#ffffff",
    ROLES.Button: "#2d2d2d",
    ROLES.ButtonText: "#ffffff",
    ROLES.Highlight: "#0078d4",
    ROLES.HighlightedText: "#ffffff",
    ROLES.PlaceholderText: "#9a9a9a",
}


@pytest.fixture
def dark(qapp):
    before = QPalette(qapp.palette())
    palette = QPalette(before)
    for role, colour in DARK.items():
        palette.setColor(role, QColor(colour))
    qapp.setPalette(palette)
    yield palette
    qapp.setPalette(before)


def _style_colour(style: str, name: str) -> QColor:
    found = re.search(rf"(?<![-\w]){name}:\s*(#[0-9a-fA-F]{{6}})", style)
    assert found, style
    return QColor(found.group(1))


def _colour(role) -> QColor:
    return QApplication.palette().color(role)


def test_light_theme_keeps_every_colour(qapp):
    assert _colour(ROLES.Base) == QColor("#ffffff")  # Fusion's light palette
    assert text_style(ERROR) == "color: #b00020;"
    assert text_style(WARNING) == "color: #9a4d00;"
    assert text_style(SUCCESS) == "color: #1b5e20;"
    assert cell_colour(ERROR).name() == "#b00020"
    assert cell_colour(SETTLED).name() == "#757575"
    assert box_style(NOTICE_BACKGROUND, NOTICE, "padding: 4px;") == (
        "color: #8a4b00; background: #fff4e0; padding: 4px;"
    )
    assert box_style(SUGGESTION_BACKGROUND, extra="padding: 6px; border-radius: 3px;") == (
        "background: #eef4ff; padding: 6px; border-radius: 3px;"
    )


def test_signal_texts_read_on_a_dark_theme(dark):
    for colour in (ERROR, WARNING, SUCCESS, NOTICE):
        label = _style_colour(text_style(colour), "color")
        assert contrast(label, _colour(ROLES.Window)) >= READABLE, colour
    for colour in (ERROR, SETTLED):
        cell = cell_colour(colour)
        for row in (ROLES.Base, ROLES.AlternateBase):
            assert contrast(cell, _colour(row)) >= READABLE, colour
    notice = box_style(NOTICE_BACKGROUND, NOTICE)
    background = _style_colour(notice, "background")
    assert contrast(_style_colour(notice, "color"), background) >= READABLE
    # a dark box on a dark window, not a glaring pale one
    assert contrast(background, _colour(ROLES.Window)) < 2.5


def test_overdue_roki_rows_read_on_a_dark_theme(qtbot, ctx, dark):
    from test_lead_roki_opens_instalments import ROKI_DAY

    window = laptop_window(qtbot, ctx, ROKI_DAY)
    window.show_screen("carers_view")
    window.show_screen("deadlines_view")
    roki = window.view("deadlines_view")
    qtbot.waitUntil(lambda: roki.model.rowCount() > 0)
    overdue = next(r for r in range(roki.model.rowCount()) if roki.model.row_record(r)["days"] < 0)
    brush = roki.model.data(roki.model.index(overdue, 0), Qt.ItemDataRole.ForegroundRole)
    red = brush if isinstance(brush, QColor) else brush.color()
    assert contrast(red, _colour(ROLES.Base)) >= READABLE
    assert contrast(red, _colour(ROLES.AlternateBase)) >= READABLE


def test_field_reason_reads_on_a_dark_theme(qtbot, dark):
    from rejnistvo.ui.widgets import FieldError

    error = FieldError()
    qtbot.addWidget(error)
    error.show_error("datum ni pravilen.")
    red = _style_colour(error.styleSheet(), "color")
    assert contrast(red, _colour(ROLES.Window)) >= READABLE


def test_suggestion_and_facts_boxes_read_on_a_dark_theme(qtbot, ctx, dark):
    window = laptop_window(qtbot, ctx)
    for name, label in (("r4_view", "suggestion_label"), ("r5_view", "facts_label")):
        window.show_screen(name)
        box = getattr(window.view(name), label)
        background = _style_colour(box.styleSheet(), "background")
        text = box.palette().color(ROLES.WindowText)
        assert contrast(text, background) >= READABLE, name
