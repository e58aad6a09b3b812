"""A searchable combo's focus slot leaves the application's ``focusChanged`` with the
combo: screens built and closed do not pile up slots called at every focus change."""

from __future__ import annotations

from PySide6.QtCore import SIGNAL
from PySide6.QtWidgets import QApplication, QComboBox

from rejnistvo.ui.widgets.keyboard import make_searchable

FOCUS_CHANGED = SIGNAL("focusChanged(QWidget*,QWidget*)")


def test_a_deleted_combo_leaves_no_focus_slot_behind(qtbot) -> None:  # type: ignore[no-untyped-def]
    app = QApplication.instance()
    assert app is not None
    before = app.receivers(FOCUS_CHANGED)
    combos = [make_searchable(QComboBox()) for _ in range(5)]
    assert app.receivers(FOCUS_CHANGED) == before + 5
    for combo in combos:
        combo.deleteLater()
    qtbot.waitUntil(lambda: app.receivers(FOCUS_CHANGED) == before, timeout=2000)
