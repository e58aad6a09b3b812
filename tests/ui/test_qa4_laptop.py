"""QA4 (round 9): Nastavitve at a laptop's 1024 × 700. A centre with a long name, once
saved or chosen, widened the whole page (its editor's title, one line that never wraps):
the units' side went out of sight and the page scrolled sideways."""

from __future__ import annotations

from _laptop_window import laptop_window
from PySide6.QtWidgets import QScrollArea

LONG = (
    "Center za socialno delo Šentjur – Žalec – Črnomelj z izjemno dolgim imenom, ki ne "
    "gre v eno vrstico ne na prenosniku ne na velikem zaslonu"
)


def page_of(window, view) -> QScrollArea:
    return next(
        a
        for a in window.findChildren(QScrollArea)
        if a.widget() is not None and a.widget().isAncestorOf(view)
    )


def test_a_centre_with_a_long_name_does_not_widen_the_page(qtbot, ctx):
    from rejnistvo.services.settings import save_centre

    save_centre(ctx.db, {"code": "dolgo", "name": LONG, "seat": "Žalec", "subgroup_id": 2})
    window = laptop_window(qtbot, ctx)
    view = window.show_screen("settings_view")
    tab = view.centres_tab
    view.tabs.setCurrentWidget(tab)
    qtbot.waitUntil(lambda: tab.centres_model.rowCount() > 0)
    row = tab.centres_model.find_row("code", "dolgo")
    tab.centres_table.selectRow(
        tab.centres_proxy.mapFromSource(tab.centres_model.index(row, 0)).row()
    )
    assert tab.centre_name.text() == LONG
    qtbot.wait(50)
    page = page_of(window, view)
    assert page.horizontalScrollBar().maximum() == 0
    assert LONG in tab.centre_box.toolTip()


def test_zneski_rejnine_fit_a_1280_by_800_screen_without_scrolling(qtbot, ctx):
    """The rate table (a row a year) took its full preferred height, so at 1280 × 800 the
    indexation's *Dodaj usklajene zneske* was below the window's edge."""
    window = laptop_window(qtbot, ctx)
    window.resize(1280, 775)  # the screen less the desktop's panel
    view = window.show_screen("settings_view")
    tab = view.rates_tab
    view.tabs.setCurrentWidget(tab)
    qtbot.wait(50)
    page = page_of(window, view)
    assert page.verticalScrollBar().maximum() == 0
    assert tab.rates_table.height() >= 100  # still a few rows on view
