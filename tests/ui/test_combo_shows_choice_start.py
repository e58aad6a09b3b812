"""An editable combo box whose choice is longer than the box shows the choice's start: the
child's centre read »enter za socialno delo Južna Primorska« (the start, which tells
centres apart, scrolled away) after a record was opened from the list."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtWidgets import QComboBox, QLineEdit, QVBoxLayout, QWidget

from rejnistvo.ui.widgets.choice_combo import choice_combo
from rejnistvo.ui.widgets.keyboard import make_searchable
from rejnistvo.ui.widgets.search_combo import SearchCombo

LONG = "Center za socialno delo Južna Primorska"
CHOICES = [("Center za socialno delo Koroška", 1), (LONG, 2)]


def _search(text: str, limit: int) -> list[tuple[str, Any]]:
    return CHOICES[:limit]


def _choice(window: QWidget) -> QComboBox:
    combo, model = choice_combo(window)
    model.set_choices(CHOICES)
    return combo


def _searchable(window: QWidget) -> QComboBox:
    combo = QComboBox(window)
    for label, value in CHOICES:
        combo.addItem(label, value)
    return make_searchable(combo)


def _placement_picker(window: QWidget) -> QComboBox:
    combo = SearchCombo(_search, window, read=lambda value: None)
    combo.choices.set_choices(CHOICES)
    return combo


KINDS = [_choice, _searchable, _placement_picker]


def _window(qtbot, build) -> tuple[QComboBox, QLineEdit]:  # type: ignore[no-untyped-def]
    window = QWidget()
    qtbot.addWidget(window)
    layout = QVBoxLayout(window)
    combo = build(window)
    combo.setMinimumContentsLength(8)
    combo.setFixedWidth(120)  # much narrower than the long choice
    after = QLineEdit(window)
    layout.addWidget(combo)
    layout.addWidget(after)
    window.show()
    return combo, after


@pytest.mark.parametrize("build", KINDS)
def test_a_choice_set_by_the_program_shows_its_start(qtbot, build) -> None:  # type: ignore[no-untyped-def]
    combo, _after = _window(qtbot, build)
    combo.setCurrentIndex(combo.findText(LONG))
    assert combo.currentText() == LONG
    assert combo.lineEdit().cursorPosition() == 0


@pytest.mark.parametrize("build", KINDS)
def test_leaving_the_box_shows_the_start_while_typing_keeps_the_cursor(qtbot, build) -> None:  # type: ignore[no-untyped-def]
    combo, after = _window(qtbot, build)
    window = combo.window()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    combo.setFocus()
    qtbot.waitUntil(combo.hasFocus)
    line = combo.lineEdit()
    line.setText(LONG)
    line.end(False)
    combo.setCurrentIndex(combo.findText(LONG))
    assert line.cursorPosition() == len(LONG)  # the user's typing is not disturbed
    after.setFocus()
    qtbot.waitUntil(after.hasFocus)
    assert line.cursorPosition() == 0
