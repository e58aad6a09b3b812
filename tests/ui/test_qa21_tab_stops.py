"""QA21: on Rejniki, Otroci and Namestitve, Tab after »Izbriši« stopped on the editor's
scroll area: nothing showed where the cursor was, and one more Tab was needed to reach the
screen list. The scroll area is no Tab stop now."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QScrollArea


@pytest.mark.parametrize("screen", ["carers_view", "children_view", "placements_view"])
def test_tab_after_the_last_button_goes_to_a_widget_that_shows_it(qtbot, shown_window, screen):
    window = shown_window
    window.show_screen(screen)
    view = window.current_view()
    view.table.setCurrentIndex(view.proxy.index(0, 0))
    view.btn_delete.setFocus()
    qtbot.keyClick(view.btn_delete, Qt.Key.Key_Tab)
    landed = QApplication.focusWidget()
    assert landed is not None and not isinstance(landed, QScrollArea)
    if screen == "placements_view":  # its one-off payments stand under the buttons
        assert view.one_off.isAncestorOf(landed)
    else:
        assert landed is window.nav


def test_namestitve_tab_reaches_the_buttons_before_the_one_off_payments(qtbot, shown_window):
    window = shown_window
    window.show_screen("placements_view")
    view = window.current_view()
    view.table.setCurrentIndex(view.proxy.index(0, 0))
    view.btn_new.setFocus()
    qtbot.keyClick(view.btn_new, Qt.Key.Key_Backtab)
    before = QApplication.focusWidget()
    assert view.periods.isAncestorOf(before)  # the periods' last button, as on screen
    view.btn_delete.setFocus()
    qtbot.keyClick(view.btn_delete, Qt.Key.Key_Tab)
    assert view.one_off.isAncestorOf(QApplication.focusWidget())
