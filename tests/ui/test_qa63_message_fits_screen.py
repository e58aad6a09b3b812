"""A message taller than the screen (QA63): *Pomoč → Bližnjice na tipkovnici* at 150 % on a
1366 × 768 laptop (911 × 512 of screen for the program) was a box 560 pixels tall — its
»V redu« below the screen's edge, or with a window manager its title bar above the top.
Such a text now scrolls in its place; the box and its buttons stay on the screen. A
message that fits is shown as before."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QLabel, QPushButton, QScrollArea

from rejnistvo.ui.interaction import QtInteraction

LONG = "\n".join(f"Ctrl+{k} – vrstica {k} bližnjic na tipkovnici" for k in range(120))


def _shown(qtbot, ask) -> dict:
    """What the modal box looked like when shown by ``ask``; its first button closes it."""
    seen: dict = {}

    def look() -> None:
        box = QApplication.activeModalWidget()
        if box is None:
            QTimer.singleShot(20, look)
            return
        area = box.screen().availableGeometry()
        buttons = [b for b in box.findChildren(QPushButton) if b.isVisible()]
        seen["fits"] = area.contains(box.frameGeometry())
        seen["buttons_on_screen"] = all(
            area.contains(b.mapToGlobal(b.rect().bottomRight())) for b in buttons
        )
        seen["scrolls"] = box.findChild(QScrollArea, "messageScroll") is not None
        seen["text"] = box.findChild(QLabel, "qt_msgbox_label").text()
        buttons[-1].click()

    QTimer.singleShot(0, look)
    ask()
    return seen


def test_a_message_taller_than_the_screen_scrolls_and_keeps_its_button(qtbot):
    seen = _shown(qtbot, lambda: QtInteraction(None).info("Bližnjice na tipkovnici", LONG))
    assert seen["fits"] and seen["buttons_on_screen"]
    assert seen["scrolls"]
    assert seen["text"] == LONG  # all of it, to be scrolled to


def test_a_long_question_keeps_da_and_ne_on_the_screen(qtbot):
    answer: list[bool] = []
    seen = _shown(qtbot, lambda: answer.append(QtInteraction(None).confirm("Zaključi mesec", LONG)))
    assert seen["fits"] and seen["buttons_on_screen"] and seen["scrolls"]
    assert answer == [False]  # the last button is Ne


def test_a_message_that_fits_is_as_before(qtbot):
    seen = _shown(qtbot, lambda: QtInteraction(None).info("O programu", "Rejništvo"))
    assert seen["fits"] and not seen["scrolls"]
