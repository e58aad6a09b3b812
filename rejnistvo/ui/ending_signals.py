"""The desktop ending the program (logging out, shutting down, ``kill <pid>``) ends it as
closing the window does: unsaved changes are asked about (Shrani / Zavrzi / Prekliči), the
window's layout is kept and the file closed.

Python's default for SIGTERM is to die on the spot: the window vanished with whatever was
typed and no question. A Python signal handler cannot run while Qt waits in C, so the
signal's number is written to a socket (``signal.set_wakeup_fd``) that Qt watches, and the
window is closed from Qt's event loop. A session manager that asks first (``commitData``)
gets the same question, and a »Prekliči« cancels the logout."""

from __future__ import annotations

import logging
import signal
import socket
from typing import Any

from PySide6.QtCore import QObject, QSocketNotifier, QTimer, Slot
from PySide6.QtWidgets import QApplication

log = logging.getLogger(__name__)

# SIGHUP: the terminal the program was started from was closed (none on Windows)
ENDING_SIGNALS = tuple(
    getattr(signal, name) for name in ("SIGTERM", "SIGHUP") if hasattr(signal, name)
)
_WAIT_FOR_DIALOG_MS = 300


def _noted(_number: int, _frame: Any) -> None:
    """Python's part of the handler: nothing; the wake-up socket carries the signal."""


def _main_windows() -> list[Any]:
    """The program's windows on screen: the one of the file opened now (Datoteka → Odpri
    drugo zbirko replaces the window; the old one is hidden, then deleted)."""
    return [
        widget
        for widget in QApplication.topLevelWidgets()
        if widget.isVisible() and hasattr(widget, "settle_unsaved")
    ]


class EndingSignals(QObject):
    """Installed once, for the application; ends whichever main window is on screen."""

    def __init__(self, app: QApplication) -> None:
        super().__init__(app)
        self._reader, self._writer = socket.socketpair()
        self._reader.setblocking(False)
        self._writer.setblocking(False)
        self._previous_fd = signal.set_wakeup_fd(self._writer.fileno())
        self._previous = {number: signal.signal(number, _noted) for number in ENDING_SIGNALS}
        self._notifier = QSocketNotifier(self._reader.fileno(), QSocketNotifier.Type.Read, self)
        self._notifier.activated.connect(self._woken)
        self._ending = False
        app.commitDataRequest.connect(self._commit_data)

    def uninstall(self) -> None:
        """Give the signals back (tests; a window replaced by another file's)."""
        self._notifier.setEnabled(False)
        signal.set_wakeup_fd(self._previous_fd)
        for number, handler in self._previous.items():
            signal.signal(number, handler)
        self._reader.close()
        self._writer.close()
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.commitDataRequest.disconnect(self._commit_data)

    @Slot()
    def _woken(self) -> None:
        try:
            numbers = self._reader.recv(64)
        except OSError:
            return
        if any(number in ENDING_SIGNALS for number in numbers):
            log.info("ending signal received: closing the window as the user would")
            self._end()

    def _end(self) -> None:
        if self._ending:  # the question of the first signal is still open
            return
        if QApplication.activeModalWidget() is not None:
            # A dialog is open (a file to choose, a question of a save): the close waits
            # for it, or the unsaved question would stand on top of it.
            QTimer.singleShot(_WAIT_FOR_DIALOG_MS, self._end)
            return
        self._ending = True
        try:
            for window in _main_windows():
                if window.isMinimized():
                    window.showNormal()
                window.raise_()
                window.activateWindow()
                window.close()
        finally:
            self._ending = False

    def _commit_data(self, manager: Any) -> None:
        """Logging out: ask now, while the session manager lets the program ask; a
        »Prekliči« (or a save that fails) cancels the logout."""
        unsaved = [window for window in _main_windows() if window.has_unsaved_changes()]
        if not unsaved or not manager.allowsInteraction():
            return
        try:
            settled = all(window.settle_unsaved() for window in unsaved)
        finally:
            manager.release()
        if not settled:
            manager.cancel()
