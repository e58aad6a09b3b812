"""Alt+letter for the buttons on screen (issue 12: the program works from the keyboard).

The screens set their buttons' texts in over a hundred places (``retranslate`` and the
workflow steps that rename a button), so the letters are not written into those texts:
when the user presses Alt, the buttons then visible in the active window that have no
letter yet get one, as a Windows program shows its underlined letters while Alt is held.
Alt+S then clicks *Shrani* the way Qt's own ``&`` does (the same text, so the same
underline and shortcut).

Push buttons (the screen's actions) choose before check boxes and radio buttons. Every
button first tries its text's first letter, then the first letters of its other words,
then any letter (a shortcut in brackets, "(Ctrl+S)", is not part of the name); ASCII
letters first (every keyboard has them), č, š, ž only when nothing else is free.
Taken are the menu bar's letters (Alt+D opens *Datoteka*) and those of the visible
buttons that already have one; two visible buttons never share a letter (a hidden panel
that shows again may have one the screen gave away meanwhile: the later button gives it
up and gets another).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QFocusEvent, QKeyEvent
from PySide6.QtWidgets import QAbstractButton, QApplication, QMainWindow, QPushButton, QWidget


def _mnemonic_at(text: str) -> int:
    """Where the single ``&`` before the letter is, or -1; ``&&`` is a literal &."""
    at = 0
    while (at := text.find("&", at)) != -1 and at + 1 < len(text):
        if text[at + 1] != "&":
            return at
        at += 2
    return -1


def mnemonic_of(text: str) -> str | None:
    """The letter after a single ``&`` (lower case), or None."""
    at = _mnemonic_at(text)
    return None if at == -1 else text[at + 1].lower()


def _without_mnemonic(text: str) -> str:
    """``text`` without its letter's ``&``; a literal ``&&`` stays."""
    at = _mnemonic_at(text)
    return text if at == -1 else text[:at] + text[at + 1 :]


#: how good a letter is, best first: ASCII (every keyboard has it) before č, š, ž, and
#: then the text's first letter, another word's first, any other
PASSES = [(ascii_only, level) for ascii_only in (True, False) for level in ("first", "word", "any")]


def _candidates(text: str, level: str) -> list[int]:
    # A shortcut shown in brackets ("Shrani (Ctrl+S)") is not part of the name.
    end = text.find(" (")
    name = text if end == -1 else text[:end]
    letters = [i for i, c in enumerate(name) if c.isalpha()]
    starts = [i for i in letters if i == 0 or not name[i - 1].isalpha()]
    if level == "first":
        return starts[:1]
    if level == "word":
        return starts[1:]
    return [i for i in letters if i not in starts]


def _free_letter(text: str, taken: set[str], ascii_only: bool, level: str) -> int:
    """Where the first free letter of this kind is in ``text``, or -1."""
    for i in _candidates(text, level):
        letter = text[i].lower()
        if letter not in taken and (letter.isascii() or not ascii_only):
            return i
    return -1


def with_mnemonic(text: str, taken: set[str]) -> str | None:
    """``text`` with ``&`` before its best free letter (``PASSES``), or None."""
    for ascii_only, level in PASSES:
        at = _free_letter(text, taken, ascii_only, level)
        if at != -1:
            return text[:at] + "&" + text[at:]
    return None


def add_mnemonics(window: QWidget) -> None:
    """Give each visible, enabled-or-not button of ``window`` without one a free letter."""
    taken: set[str] = set()
    if isinstance(window, QMainWindow) and window.menuWidget() is not None:
        taken |= {
            letter
            for action in window.menuBar().actions()
            if (letter := mnemonic_of(action.text()))
        }
    # Push buttons (the screen's actions: Shrani, Natisni …) choose first, then check
    # boxes and radio buttons, each in the order they were made.
    found = [b for b in window.findChildren(QAbstractButton) if b.isVisibleTo(window) and b.text()]
    buttons = [b for b in found if isinstance(b, QPushButton)]
    buttons += [b for b in found if not isinstance(b, QPushButton)]
    pending: list[QAbstractButton] = []
    for button in buttons:
        letter = mnemonic_of(button.text())
        if letter is None or letter in taken:
            if letter is not None:  # shared with a button before it: gives it up
                button.setText(_without_mnemonic(button.text()))
            pending.append(button)
        else:
            taken.add(letter)
    # Pass by pass over all of them, so that Shrani gets its S before an earlier button
    # takes it as a second-best letter.
    pending = [b for b in pending if "&" not in b.text()]  # a literal && stays as it is
    for ascii_only, level in PASSES:
        for button in list(pending):
            text = button.text()
            at = _free_letter(text, taken, ascii_only, level)
            if at != -1:
                taken.add(text[at].lower())
                button.setText(text[:at] + "&" + text[at:])
                pending.remove(button)


_KEY_PRESS = QEvent.Type.KeyPress
_FOCUS_IN = QEvent.Type.FocusIn
_MOUSE_PRESS = QEvent.Type.MouseButtonPress


class MnemonicsOnAlt(QObject):
    """Application event filter: Alt pressed → :func:`add_mnemonics` on the active window.

    It also keeps the focus visible for the keyboard: Qt draws the focus frame of a combo
    box, check box, radio button or table cell only while the window's focus moved by
    keyboard (``WA_KeyboardFocusChange``, set by Tab alone), and a screen's own focus
    move after a key (the next step on *Koordinator*, the field with the reason after
    Ctrl+S, a button disabled by its own step) clears it: a keyboard user saw no cursor
    at all (found by QA54 after »Sprejmi predlog« and »Imenuj komisijo«). After a key,
    every focus move but a click keeps the frame; after a mouse click Qt's own rule
    stays."""

    keyboard = False  # the last input was a key (not a mouse button)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt name)
        kind = event.type()
        if kind == _KEY_PRESS:
            self.keyboard = True
            if (
                isinstance(event, QKeyEvent)
                and event.key() == Qt.Key.Key_Alt
                and not event.isAutoRepeat()
            ):
                window = QApplication.activeWindow()
                if window is not None:
                    add_mnemonics(window)
        elif kind == _MOUSE_PRESS:
            self.keyboard = False
        elif kind == _FOCUS_IN and self.keyboard and isinstance(watched, QWidget):
            # any move but a click: setFocus (Other), a pressed button disabled by its
            # own step (Qt moves on with Tab's reason but, outside a Tab key, no frame),
            # a dialog or popup closed
            if isinstance(event, QFocusEvent) and event.reason() != Qt.FocusReason.MouseFocusReason:
                window = watched.window()
                if not window.testAttribute(Qt.WidgetAttribute.WA_KeyboardFocusChange):
                    window.setAttribute(Qt.WidgetAttribute.WA_KeyboardFocusChange, True)
                    watched.update()
        return False


def install(app: QApplication) -> MnemonicsOnAlt:
    """Install the filter on ``app``; keep the result alive (it is parented to ``app``)."""
    keeper = MnemonicsOnAlt(app)
    app.installEventFilter(keeper)
    return keeper
