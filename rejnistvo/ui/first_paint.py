"""Work the window's start need not wait for, run once its first paint is on screen.

What the first screen does not need (the file's checks beside the window, the wheel
guard of a screen built before the window shows) would otherwise take processor time
from the first paint (issue 13). A zero-time timer is not enough: started before the
window shows, it fires before the first paint.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QWidget


class _FirstPaint(QObject):
    """Calls ``callback`` once, right after ``widget``'s first paint has reached the
    screen (a timer posted while the paint is delivered fires after its flush)."""

    def __init__(self, widget: QWidget, callback: Callable[[], None]) -> None:
        super().__init__(widget)
        self._callback = callback
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt name)
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            QTimer.singleShot(0, self._callback)
            self.deleteLater()
        return False


def after_first_paint(widget: QWidget, callback: Callable[[], None]) -> None:
    """Run ``callback`` once ``widget`` has been painted for the first time (at once,
    on the next turn of the event loop, when it is already on screen)."""
    if widget.isVisible():
        QTimer.singleShot(0, callback)
    else:
        _FirstPaint(widget, callback)
