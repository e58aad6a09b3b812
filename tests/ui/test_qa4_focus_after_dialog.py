"""QA4 (round 9): after a question box closes, the keyboard is back in the field it came
from. On X11 the window manager gives the window back its activation only after the box
has gone, so for a moment nothing had the focus and the window put the keyboard into the
screen's first field: after *Ne* on the indexation's question the clerk was at the top of
Nastavitve (the page scrolled up) and Enter went nowhere."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication
from test_ui_keyboard import go, window  # noqa: F401 (fixture)


def test_focus_returns_to_its_field_when_the_window_had_no_focus_for_a_moment(
    qtbot,
    window,  # noqa: F811
):
    view = go(qtbot, window, 0, "settings_view")
    field = view.rates_tab.indexation.index_percent.edit
    field.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is field)
    field.clearFocus()  # a box took the keyboard and went: no widget has it
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None)
    qtbot.wait(20)
    assert QApplication.focusWidget() is field


def test_a_removed_field_still_gives_the_keyboard_to_the_screen(qtbot, window):  # noqa: F811
    view = go(qtbot, window, 0, "settings_view")
    field = view.rates_tab.indexation.index_percent.edit
    field.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is field)
    field.hide()  # the screen rebuilt it
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None)
    assert window.isAncestorOf(QApplication.focusWidget())
