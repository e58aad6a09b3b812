"""The main window shown at a laptop's 1024 × 700, on a pinned day, for tests of what
fits and what the user sees there."""

from __future__ import annotations

from datetime import date
from typing import Any

from rejnistvo.clock import FixedClock
from rejnistvo.ui.main_window import MainWindow

#: the day the laptop tests' screens are built on (never the machine's)
DAY = date(2026, 3, 2)


def laptop_window(qtbot: Any, ctx: Any, day: date = DAY) -> MainWindow:
    ctx.clock = FixedClock(day)
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.resize(1024, 700)
    window.show()
    qtbot.waitExposed(window)
    return window
