"""QA60, the keyboard alone at 1024 × 700: on Rejniki and Otroci the list stands above the
editor, and the editor's Nov, Shrani, Zavrzi spremembe and Izbriši stood at the foot of
its scrolled form, out of sight. Alt showed no letter for them (only buttons in sight get
one, in sight), so after a refused Shrani the clerk saw no way to »Zavrzi spremembe«
but to Tab through every field. They now stand under the scrolled form, always in sight
(as on R-4 and R-5), with their Alt letters; Tab still reaches them after the last field.
Namestitve keeps them between the periods and the one-off payments (saved apart)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication


def _in_sight(window, widget) -> bool:
    """Seen in the window, not scrolled away: its middle is the widget found there."""
    middle = widget.mapTo(window, widget.rect().center())
    return window.rect().contains(middle) and window.childAt(middle) is widget


@pytest.mark.parametrize("screen", ["carers_view", "children_view"])
def test_the_editors_buttons_are_in_sight_at_1024(qtbot, shown_window, screen):
    window = shown_window
    window.show_screen(screen)
    view = window.current_view()
    view.table.setFocus()
    view.table.setCurrentIndex(view.proxy.index(0, 0))
    qtbot.wait(20)  # the side-by-side check runs after the layout
    assert view.splitter.orientation() == Qt.Orientation.Vertical  # stacked at 1024
    for button in (view.btn_new, view.btn_save, view.btn_discard, view.btn_delete):
        assert _in_sight(window, button), button.text()


def test_zavrzi_is_in_sight_when_a_save_is_refused(qtbot, shown_window):
    window = shown_window
    window.show_screen("carers_view")
    view = window.current_view()
    view.table.setFocus()
    view.table.setCurrentIndex(view.proxy.index(0, 0))
    qtbot.keyClick(view.table, Qt.Key.Key_Return)
    view.name_edit.edit.selectAll()
    qtbot.keyClick(view.name_edit.edit, Qt.Key.Key_Delete)
    qtbot.keyClick(window, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert view.has_unsaved_changes() and view.name_edit.edit.hasFocus()
    qtbot.wait(20)
    assert _in_sight(window, view.btn_discard)


def test_tab_after_the_last_field_reaches_the_buttons(qtbot, shown_window):
    window = shown_window
    window.show_screen("children_view")
    view = window.current_view()
    view.table.setCurrentIndex(view.proxy.index(0, 0))
    seen = []
    view.btn_export.setFocus()
    for _ in range(60):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        seen.append(QApplication.focusWidget())
        if seen[-1] is view.btn_delete:
            break
    order = [w for w in seen if w in (view.btn_new, view.btn_save, view.btn_discard)]
    assert order == [view.btn_new, view.btn_save, view.btn_discard]
    assert seen[-1] is view.btn_delete
    buttons = (view.btn_new, view.btn_save, view.btn_discard, view.btn_delete)
    fields = [w for w in seen if view.editor_scroll.isAncestorOf(w) and w not in buttons]
    assert fields and seen.index(fields[-1]) < seen.index(view.btn_new)
