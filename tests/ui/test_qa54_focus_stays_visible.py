"""The cursor stays visible for the keyboard (QA54). Qt draws the focus frame of a combo
box, check box, radio button or table cell only while the window's focus moved by
keyboard; a screen's own setFocus after a key (Koordinator's next step after »Sprejmi
predlog«, the field with the reason after Ctrl+S) cleared that, and the keyboard user
saw no cursor anywhere. After a key the program's focus move keeps the frame; after a
mouse click Qt's own rule (no frame) stays."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QComboBox, QLineEdit, QVBoxLayout, QWidget

from rejnistvo.ui.widgets import mnemonics

SHOWN = Qt.WidgetAttribute.WA_KeyboardFocusChange


@pytest.fixture
def window(qtbot):
    win = QWidget()
    layout = QVBoxLayout(win)
    line, combo = QLineEdit(win), QComboBox(win)
    combo.addItems(["— član 1 —", "Ana Kos"])
    layout.addWidget(line)
    layout.addWidget(combo)
    qtbot.addWidget(win)
    win.show()
    win.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is win)
    keeper = mnemonics.install(QApplication.instance())
    yield win, line, combo
    QApplication.instance().removeEventFilter(keeper)


def test_the_programs_focus_move_after_a_key_keeps_the_frame(qtbot, window):
    win, line, combo = window
    line.setFocus(Qt.FocusReason.TabFocusReason)
    win.setAttribute(SHOWN, True)  # as after Tab
    qtbot.keyClick(line, Qt.Key.Key_Space)  # a button pressed with the keyboard …
    combo.setFocus(Qt.FocusReason.OtherFocusReason)  # … and the screen moves the cursor
    assert combo.hasFocus() and win.testAttribute(SHOWN)


def test_after_a_mouse_click_qts_rule_stays(qtbot, window):
    win, line, combo = window
    qtbot.keyClick(line, Qt.Key.Key_A)
    qtbot.mouseClick(line, Qt.MouseButton.LeftButton)
    line.setFocus(Qt.FocusReason.TabFocusReason)
    win.setAttribute(SHOWN, True)
    combo.setFocus(Qt.FocusReason.OtherFocusReason)
    assert combo.hasFocus() and not win.testAttribute(SHOWN)


def test_a_button_disabled_by_its_own_step_leaves_the_frame_on_the_next(qtbot, window):
    """»Sprejmi predlog« pressed with Space is disabled by its step; Qt moves on to the
    commission's first combo (with Tab's reason, outside a Tab key: no frame)."""
    from PySide6.QtWidgets import QPushButton

    win, line, combo = window
    button = QPushButton("Sprejmi predlog", win)
    win.layout().insertWidget(1, button)
    button.show()
    QWidget.setTabOrder(button, combo)
    button.clicked.connect(lambda: button.setEnabled(False))
    button.setFocus(Qt.FocusReason.TabFocusReason)
    win.setAttribute(SHOWN, True)
    qtbot.keyClick(button, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: not button.isEnabled())
    assert combo.hasFocus() and win.testAttribute(SHOWN)
