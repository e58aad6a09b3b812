"""The main window on the test database at 1280 × 800, its first screen shown (for tests
that open the editor screens one after another)."""

from __future__ import annotations

from datetime import date

from rejnistvo.clock import FixedClock
from rejnistvo.ui.main_window import MainWindow


def editor_window(qtbot, ctx) -> MainWindow:  # type: ignore[no-untyped-def]
    ctx.clock = FixedClock(date(2026, 3, 2))
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    qtbot.waitExposed(window)
    qtbot.waitUntil(lambda: window.current_view() is not None)
    return window
