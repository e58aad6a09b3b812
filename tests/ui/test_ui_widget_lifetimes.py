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
