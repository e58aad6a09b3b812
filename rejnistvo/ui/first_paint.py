"""Work the window's start need not wait for, run once its first paint is on screen.

What the first screen does not need (the file's checks beside the window, the wheel
guard of a screen built before the window shows) would otherwise take processor time
from the first paint (issue 13). A zero-time timer is not enough: started before the
window shows, it fires before the first paint. A window that is not painted soon (shown
minimized, hidden behind a dialog) gets the work after ``FALLBACK_MS`` all the same.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QWidget

#: the work runs after this long even when no paint has come
FALLBACK_MS = 2000


class _FirstPaint(QObject):
    """Calls ``callback`` once: right after ``widget``'s first paint has reached the
    screen (a timer posted while the paint is delivered fires after its flush), or after
    ``fallback_ms`` without a paint."""

    def __init__(
        self, widget: QWidget, callback: Callable[[], None], fallback_ms: int | None
    ) -> None:
        super().__init__(widget)
        self._callback: Callable[[], None] | None = callback
        widget.installEventFilter(self)
        if fallback_ms is not None:
            QTimer.singleShot(fallback_ms, self, self._run)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt name)
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            # after what the paint has queued already (a plain function: a timer with a
            # receiver is served first)
            QTimer.singleShot(0, lambda: self._run())
        return False

    def _run(self) -> None:
        import shiboken6

        # the zero-time timer has no receiver (see eventFilter): a widget deleted right
        # after its first paint took this object with it, and its work with it
        if not shiboken6.isValid(self):
            return
        callback, self._callback = self._callback, None
        if callback is None:
            return
        parent = self.parent()
        if isinstance(parent, QObject):
            parent.removeEventFilter(self)
        self.deleteLater()
        callback()


def after_first_paint(
    widget: QWidget, callback: Callable[[], None], fallback_ms: int | None = FALLBACK_MS
) -> None:
    """Run ``callback`` once ``widget`` has been painted for the first time (at once when
    it is already on screen); ``fallback_ms`` None: never without a paint (work that only
    a painted widget needs)."""
    if on_screen(widget):
        callback()
    else:
        _FirstPaint(widget, callback, fallback_ms)


def on_screen(widget: QWidget) -> bool:
    """Whether ``widget`` is visible in a window that has reached the screen. While a
    window is first shown its widgets are visible already (a screen that reads its rows
    in its ``showEvent`` sees them so), but nothing is painted until the window is
    exposed: work started then would take its time from the first paint."""
    if not widget.isVisible():
        return False
    handle = widget.window().windowHandle()
    return handle is not None and handle.isExposed()
