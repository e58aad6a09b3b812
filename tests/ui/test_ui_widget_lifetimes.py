"""Qt objects die where it is safe: never inside a paint, never in another thread.

A widget that only a reference cycle keeps alive is deleted by the next garbage
collection, wherever it runs. Inside the widget's own paint (a model's ``data()`` that
allocates) that is a segfault (tried: PySide 6.11, »QPaintDevice: Cannot destroy paint
device that is being painted«, then SIGSEGV); the suite's intermittent crash of round 7
had this shape (a shown screen collected mid-test)."""

from __future__ import annotations

import gc
import weakref

import shiboken6
from PySide6.QtWidgets import QWidget


class _KeptByACycle(QWidget):
    def __init__(self) -> None:
        super().__init__()
        self.me = self  # only the cycle holds it once the test lets go


def test_a_widget_given_to_qtbot_outlives_a_collection_until_the_test_ends(qtbot):
    widget = _KeptByACycle()
    qtbot.addWidget(widget)
    widget.show()
    ref = weakref.ref(widget)
    del widget
    gc.collect()
    alive = ref()
    assert alive is not None and shiboken6.isValid(alive) and alive.isVisible()


_left: list[QWidget] = []  # held past the test, as a cycle or a closure would


def test_a_window_that_refuses_to_close_is_made(qtbot):
    from PySide6.QtGui import QCloseEvent

    class Refusing(QWidget):  # a screen with unsaved changes answered "Prekliči"
        def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt name)
            event.ignore()

    widget = Refusing()
    qtbot.addWidget(widget)
    widget.show()
    _left.append(widget)


def test_and_is_gone_before_the_next_test_runs():
    """Deleted at the end of its own test, not by the next test's event loop."""
    assert len(_left) == 1
    assert not shiboken6.isValid(_left.pop())
