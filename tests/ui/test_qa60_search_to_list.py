"""QA60, the keyboard alone: on Rejniki, Otroci and Namestitve, Ctrl+F, a name typed, then
Enter or ↓ — nothing happened; the cursor stayed in the search box and only Tab (not said
anywhere) reached the list. Enter or ↓ in the search box now goes to the list, on the
first row it shows unless the record in the editor is among them; Enter there then puts
the cursor in the record's first field, as before."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from rejnistvo.rules.text import fold


@pytest.mark.parametrize("key", [Qt.Key.Key_Return, Qt.Key.Key_Down])
@pytest.mark.parametrize("screen", ["carers_view", "children_view", "placements_view"])
def test_enter_or_down_in_the_search_goes_to_the_first_match(qtbot, shown_window, screen, key):
    window = shown_window
    window.show_screen(screen)
    view = window.current_view()
    view.new_record()  # nothing shown: the first match is taken
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert view.search.hasFocus()
    first = view.proxy.row_record(0)
    text = (first.get("name") or first.get("contract_no")).split()[-1]
    qtbot.keyClicks(view.search, fold(text))  # the search finds č by c; QTest types ASCII
    qtbot.waitUntil(lambda: not view.proxy.searching())
    qtbot.keyClick(view.search, key)
    assert view.table.hasFocus()
    assert view.table.currentIndex().row() == 0
    assert view.current_id() == view.proxy.row_record(0)["id"]
    qtbot.keyClick(view.table, Qt.Key.Key_Return)
    assert view.editor_scroll.isAncestorOf(view.focusWidget())


def test_the_record_shown_stays_when_it_is_among_the_matches(qtbot, shown_window):
    window = shown_window
    window.show_screen("carers_view")
    view = window.current_view()
    view.table.setFocus()
    view.table.setCurrentIndex(view.proxy.index(2, 0))
    shown = view.current_id()
    name = view.proxy.row_record(2)["name"]
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(view.search, fold(name.split()[-1]))
    qtbot.waitUntil(lambda: not view.proxy.searching())
    qtbot.keyClick(view.search, Qt.Key.Key_Return)
    assert view.table.hasFocus() and view.current_id() == shown


def test_no_match_keeps_the_cursor_in_the_search(qtbot, shown_window):
    window = shown_window
    window.show_screen("carers_view")
    view = window.current_view()
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(view.search, "qqqxxx")
    qtbot.waitUntil(lambda: not view.proxy.searching())
    qtbot.keyClick(view.search, Qt.Key.Key_Return)
    assert view.search.hasFocus()


@pytest.mark.parametrize("key", [Qt.Key.Key_Return, Qt.Key.Key_Down])
@pytest.mark.parametrize("screen", ["r4_view", "r5_view"])
def test_the_case_lists_too(qtbot, shown_window, screen, key):
    window = shown_window
    window.show_screen(screen)
    view = window.current_view()
    view.new_record()
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert view.search.hasFocus()
    first = view.proxy.row_record(0)
    words = [w for w in (first.get("child_name") or first.get("child") or "").split() if w]
    qtbot.keyClicks(view.search, fold(words[-1]))
    qtbot.waitUntil(lambda: not view.proxy.searching())
    qtbot.keyClick(view.search, key)
    assert view.table.hasFocus()
    assert view.current_id() == view.proxy.row_record(view.table.currentIndex().row())["id"]
