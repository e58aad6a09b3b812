"""The wait cursor while the window does a long piece of work in one go (a backup, the
database check, a batch of settlements): the user sees it is working, not stuck."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication


@contextmanager
def wait_cursor() -> Iterator[None]:
    """The wait cursor inside the block; the usual one after it, also when it raises."""
    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        yield
    finally:
        QApplication.restoreOverrideCursor()
