"""The Qt binding must not leak references to Python's singletons.

PySide6 6.12.0 took one reference from True on every Signal.emit() and one from None on
calls such as QComboBox.addItem; on Python 3.11 the interpreter then aborts after a few
thousand keystrokes. pyproject pins PySide6 below 6.12; this test catches a binding that
does it again.
"""

import sys

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QComboBox


class _Emitter(QObject):
    changed = Signal(str)


def test_signal_emit_keeps_true_and_none_alive(qtbot):
    emitter = _Emitter()
    seen = []
    emitter.changed.connect(seen.append)
    before_true = sys.getrefcount(True)
    for _ in range(200):
        emitter.changed.emit("x")
    assert len(seen) == 200
    assert sys.getrefcount(True) >= before_true - 5


def test_combo_box_calls_keep_none_alive(qtbot):
    combo = QComboBox()
    qtbot.addWidget(combo)
    before_none = sys.getrefcount(None)
    for index in range(200):
        combo.addItem(f"postavka {index}")
        combo.setCurrentIndex(index)
    assert sys.getrefcount(None) >= before_none - 5
