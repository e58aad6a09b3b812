"""The first start on a small screen (QA63): the window's default 1280 × 800 was cut to the
screen's free height before it had a frame, so with its title bar it was taller than the
screen by the bar — on a 1366 × 768 laptop (Windows, 100 %: 728 pixels above the taskbar)
the status bar and the screens' row of Shrani / Natisni lay under the taskbar, and under
Xvfb with openbox at 150 % »Baza: …« went below the screen's edge. The fit now allows for
the title bar a window is about to get; a window that fits is left as it is."""

from __future__ import annotations

from rejnistvo.ui.main_window import MainWindow

#: Windows 10/11's title bar (31 px at any scale) with its one-pixel border
WINDOWS_TITLE_BAR = 31


def test_first_start_leaves_room_for_the_title_bar(qtbot, ctx):
    window = MainWindow(ctx)  # no saved size: the default, larger than the screen
    qtbot.addWidget(window)
    area = window.screen().availableGeometry()
    assert window.width() <= area.width()
    assert window.height() + WINDOWS_TITLE_BAR <= area.height()
    assert window.y() >= area.top()
    assert window.y() + WINDOWS_TITLE_BAR + window.height() <= area.bottom() + 1


def test_a_saved_size_that_fits_is_kept(qtbot, ctx):
    first = MainWindow(ctx)
    qtbot.addWidget(first)
    first.resize(700, 500)
    first.move(10, 20)
    first._save_layout()
    again = MainWindow(ctx)
    qtbot.addWidget(again)
    assert (again.width(), again.height()) == (700, 500)
