"""R-4 predlogi and Zvišane oskrbnine in R-5 on a laptop (1024 × 700): the list stands
above the editor, as on Rejniki, Otroci and Namestitve, so the editor's fields and its
Shrani are in sight without scrolling sideways; a wide window puts them side by side."""

from __future__ import annotations

from datetime import date

from _laptop_window import laptop_window
from PySide6.QtCore import Qt

from rejnistvo.clock import FixedClock
from rejnistvo.ui.main_window import MainWindow


def test_case_screens_fit_1024_and_stand_side_by_side_when_wide(qtbot, ctx):
    window = laptop_window(qtbot, ctx)
    nav = window.nav.minimumSizeHint().width() + 40  # the list of screens and the margins
    for name in ("r4_view", "r5_view"):
        window.show_screen(name)
        view = window.view(name)
        qtbot.waitUntil(lambda v=view: v.splitter.orientation() == Qt.Orientation.Vertical)
        assert view.minimumSizeHint().width() + nav <= 1024, name
    window.resize(1400, 900)
    view = window.view("r5_view")
    qtbot.waitUntil(lambda: view.splitter.orientation() == Qt.Orientation.Horizontal)


def test_list_print_button_does_not_claim_ctrl_p_where_it_prints_the_case(qtbot, ctx):
    """On R-4 and R-5 Ctrl+P prints the case's form; the list's button said "(Ctrl+P)" too."""
    from PySide6.QtWidgets import QPushButton

    ctx.clock = FixedClock(date(2026, 3, 2))
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    for name in ("r4_view", "r5_view", "carers_view"):
        window.show_screen(name)
        view = window.view(name)
        buttons = [b.text().replace("&", "") for b in view.findChildren(QPushButton)]
        claiming = [text for text in buttons if "Ctrl+P" in text]
        assert len(claiming) == 1, (name, claiming)


def test_koordinator_step_panel_needs_no_sideways_scrolling_at_1024(qtbot, ctx):
    """The decision's long rationale label widened the step panel past its half of the
    screen: the panel scrolled sideways and the label was cut."""
    window = laptop_window(qtbot, ctx)
    window.show_screen("coordinator_view")
    view = window.view("coordinator_view")
    scroll = view.cases_splitter.widget(1)
    qtbot.waitUntil(lambda: scroll.viewport().width() > 0)
    assert scroll.widget().minimumSizeHint().width() <= scroll.viewport().width()
