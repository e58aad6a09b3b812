"""QA21: in Datoteka both »Išči« and »Izhod« had the letter I, so Alt+D, I only marked
»Išči« (a second I marked »Izhod«) and a clerk who learnt one letter per command was
stopped. Every menu's letters are distinct, and so are the menu bar's."""

from __future__ import annotations

from rejnistvo.ui.main_window import MainWindow
from rejnistvo.ui.widgets.mnemonics import mnemonic_of


def _letters(actions) -> list[str]:
    return [letter for a in actions if (letter := mnemonic_of(a.text())) is not None]


def test_no_two_commands_of_a_menu_share_a_letter(qtbot, ctx):
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.current_view() is not None)
    bar = window.menuBar().actions()
    assert len(set(_letters(bar))) == len(_letters(bar)) == len(bar)
    for title in bar:
        menu = title.menu()
        letters = _letters(a for a in menu.actions() if not a.isSeparator())
        assert len(set(letters)) == len(letters), (title.text(), letters)
    assert "Iz&hod" in [a.text() for a in window.file_menu.actions()]


def test_ctrl_q_quits_on_every_platform(qtbot, ctx):
    # the offscreen platform, as Windows, binds no key to QKeySequence.StandardKey.Quit
    from PySide6.QtCore import Qt

    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.current_view() is not None)
    assert [k.toString() for k in window.act_quit.shortcuts()] == ["Ctrl+Q"]
    qtbot.keyClick(window, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier)
    assert not window.isVisible()
