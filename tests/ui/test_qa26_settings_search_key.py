"""QA26: on Nastavitve → Centri in enote and → Dnevnik sprememb, Ctrl+F said »Ta zaslon
nima iskanja.« with the tab's search box in sight; it now puts the cursor into that box
(what it holds selected, so typing replaces it). Tabs without a search still say so."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication


def _ctrl_f(qtbot, window) -> str:
    window.statusBar().clearMessage()
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    return window.statusBar().currentMessage()


def test_ctrl_f_goes_to_the_search_of_the_tab_in_front(qtbot, shown_window):
    shown_window.show_screen("settings_view")
    view = shown_window.current_view()
    view.tabs.setCurrentWidget(view.centres_tab)
    view.centres_tab.centres_search.setText("gorenj")
    view.tabs.setFocus()  # the cursor elsewhere on the screen
    assert _ctrl_f(qtbot, shown_window) == ""
    box = view.centres_tab.centres_search
    assert QApplication.focusWidget() is box and box.selectedText() == "gorenj"

    view.tabs.setCurrentWidget(view.audit_tab)
    assert _ctrl_f(qtbot, shown_window) == ""
    assert QApplication.focusWidget() is view.audit_tab.search


def test_a_tab_without_a_search_says_so(qtbot, shown_window):
    shown_window.show_screen("settings_view")
    view = shown_window.current_view()
    view.tabs.setCurrentWidget(view.general_tab)
    assert _ctrl_f(qtbot, shown_window) == "Ta zaslon nima iskanja."
