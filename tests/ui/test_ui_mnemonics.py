"""Alt+letter for the buttons on screen (ui/widgets/mnemonics.py)."""

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMainWindow, QPushButton, QVBoxLayout, QWidget

from rejnistvo.ui.widgets import mnemonics
from rejnistvo.ui.widgets.mnemonics import add_mnemonics, mnemonic_of, with_mnemonic


def test_a_letter_is_a_free_word_beginning_then_any_free_letter_ascii_first():
    assert with_mnemonic("Shrani", set()) == "&Shrani"
    assert with_mnemonic("Dodaj aneks", {"d"}) == "Dodaj &aneks"
    assert with_mnemonic("Dodaj aneks", {"d", "a"}) == "D&odaj aneks"
    assert with_mnemonic("Čas", set()) == "Č&as"  # č only when nothing else is free
    assert with_mnemonic("Čas", {"a", "s"}) == "&Čas"
    assert with_mnemonic("ab", {"a", "b"}) is None


def test_the_letter_of_a_text_and_a_literal_ampersand():
    assert mnemonic_of("&Datoteka") == "d"
    assert mnemonic_of("R-4 && R-5") is None
    assert mnemonic_of("R && &Natisni") == "n"


@pytest.fixture
def window(qtbot):
    window = QMainWindow()
    window.menuBar().addMenu("&Datoteka")
    body = QWidget()
    layout = QVBoxLayout(body)
    buttons = {}
    for text in ("Shrani", "Dodaj", "&Storno", "Natisni", "Skrito"):
        buttons[text] = QPushButton(text)
        layout.addWidget(buttons[text])
    buttons["Skrito"].hide()
    window.setCentralWidget(body)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window, buttons


def test_visible_buttons_get_distinct_letters_that_avoid_the_menu(window):
    win, buttons = window
    add_mnemonics(win)
    texts = [buttons[t].text() for t in ("Shrani", "Dodaj", "&Storno", "Natisni", "Skrito")]
    # "&Storno" keeps its S; Shrani gives up S (taken) and Dodaj its D (the menu's)
    assert texts == ["S&hrani", "D&odaj", "&Storno", "&Natisni", "Skrito"]
    letters = [mnemonic_of(t) for t in texts[:4]]
    assert len(set(letters)) == 4 and "d" not in letters


def test_a_button_shown_later_gives_up_a_letter_already_in_use(window):
    win, buttons = window
    add_mnemonics(win)
    buttons["Skrito"].setText("&Natisni znova")  # would share N with Natisni
    buttons["Skrito"].show()
    add_mnemonics(win)
    assert mnemonic_of(buttons["Natisni"].text()) == "n"
    assert mnemonic_of(buttons["Skrito"].text()) not in {"n", "h", "o", "s", "d"}


def test_pressing_alt_marks_the_buttons_and_alt_letter_clicks(qtbot, window):
    win, buttons = window
    keeper = mnemonics.install(QApplication.instance())
    try:
        win.activateWindow()
        qtbot.waitUntil(lambda: QApplication.activeWindow() is win)
        clicked = []
        buttons["Natisni"].clicked.connect(lambda: clicked.append("natisni"))
        buttons["Natisni"].setFocus()
        qtbot.keyPress(buttons["Natisni"], Qt.Key.Key_Alt)
        assert buttons["Natisni"].text() == "&Natisni"
        qtbot.keyRelease(buttons["Natisni"], Qt.Key.Key_Alt)
        buttons["Shrani"].setFocus()
        qtbot.keyClick(buttons["Shrani"], Qt.Key.Key_N, Qt.KeyboardModifier.AltModifier)
        qtbot.waitUntil(lambda: clicked == ["natisni"])  # Qt animates the click first
    finally:
        QApplication.instance().removeEventFilter(keeper)


def _lettered(qtbot, menus: tuple[str, ...], *texts: str) -> list[str]:
    """The texts of buttons in a window with these menus after ``add_mnemonics``."""
    window = QMainWindow()
    for menu in menus:
        window.menuBar().addMenu(menu)
    body = QWidget()
    layout = QVBoxLayout(body)
    buttons = [QPushButton(text) for text in texts]
    for button in buttons:
        layout.addWidget(button)
    window.setCentralWidget(body)
    qtbot.addWidget(window)
    add_mnemonics(window)
    return [button.text() for button in buttons]


def test_a_first_letter_goes_before_an_earlier_buttons_second_choice(qtbot):
    fix, save = _lettered(qtbot, ("&Pomoč",), "Popravi sklep …", "Shrani (Ctrl+S)")
    assert save == "&Shrani (Ctrl+S)"  # not "Shrani (&Ctrl+S)": the hint is no name
    assert fix == "P&opravi sklep …"


def test_on_screen_too_an_ascii_letter_goes_before_c_s_z(qtbot):
    """As ``with_mnemonic`` promises: č, š, ž only when no ASCII letter is free."""
    assert _lettered(qtbot, (), "Čas", "Ura") == ["Č&as", "&Ura"]
