"""Screens at a laptop's 1024 × 700 (round 8, QA3): Izračun's payment sheet needed
~200 px more than it was given, so its Skupaj column was scrolled out of sight; its long
headers now take two lines."""

from __future__ import annotations

from _laptop_window import laptop_window


def test_izracun_sheet_shows_skupaj_without_scrolling_sideways(qtbot, ctx):
    window = laptop_window(qtbot, ctx)
    view = window.show_screen("calc_view")
    qtbot.waitUntil(lambda: view.placement_combo.count() > 1)
    # the first placement on the picker's page whose months the file has amounts for
    # (one that ended before them says so instead)
    for index in range(view.placement_combo.count()):
        view.placement_combo.setCurrentIndex(index)
        if view.compute_sheet():
            break
    assert view.compute_sheet() is True
    table = view.sheet_table
    assert table.model().rowCount() > 0
    qtbot.waitUntil(lambda: table.viewport().width() > 0)
    header = table.horizontalHeader()
    total = table.model().columnCount() - 2  # Skupaj, before the rate's source
    assert "Skupaj" in str(table.model().headerData(total, header.orientation()))
    right = header.sectionViewportPosition(total) + header.sectionSize(total)
    assert right <= table.viewport().width(), (right, table.viewport().width())
    assert not table.horizontalScrollBar().isVisible()
    heads = [table.model().headerData(c, header.orientation()) for c in range(total)]
    assert "Oskrbnina\n(z zvišanjem)" in heads  # the same words, on two lines


def test_centres_names_are_whole_at_1024(qtbot, ctx):
    """Centri in enote: the units' buttons in one row made their side ~420 px wide, and
    the centres' names beside it were cut (»Center za socialno delo Dolenjska…«)."""
    window = laptop_window(qtbot, ctx)
    view = window.show_screen("settings_view")
    tab = view.centres_tab
    view.tabs.setCurrentWidget(tab)
    table = tab.centres_table
    qtbot.waitUntil(lambda: table.isVisible() and table.model().rowCount() > 0)
    header = table.horizontalHeader()
    name = 1
    right = header.sectionViewportPosition(name) + header.sectionSize(name)
    assert right <= table.viewport().width(), (right, table.viewport().width())


def test_editors_never_scroll_sideways_beside_their_list(qtbot, ctx):
    """Between a laptop and a wide screen the list stood beside an editor too narrow for
    its fields (Namestitve at 1280 × 800: 450 of 540 px; R-5 at 1100 px: 430 of 605):
    the editor scrolled sideways, its buttons and columns cut. Now the editor gets its
    width from the list, or the two stand one above the other."""
    from PySide6.QtCore import Qt

    window = laptop_window(qtbot, ctx)
    screens = ("carers_view", "children_view", "placements_view", "r4_view", "r5_view")
    for width, height in ((1280, 800), (1100, 700), (1180, 760), (1024, 700)):
        window.resize(width, height)
        for name in screens:
            window.show_screen(name)
            view = window.view(name)
            scroll = view.editor_scroll

            def settled(view=view, scroll=scroll) -> bool:
                content = scroll.widget()
                return content.minimumSizeHint().width() <= scroll.viewport().width()

            qtbot.waitUntil(settled, timeout=2000)
            if width >= 1280:
                assert view.splitter.orientation() == Qt.Orientation.Horizontal, name


def test_settings_tab_chosen_while_scrolled_shows_its_top(qtbot, ctx):
    """Nastavitve scrolls as a whole at 1024 × 700: Splošno chosen while Centri in enote
    was scrolled down showed the page below its top, the tab bar out of sight."""
    from PySide6.QtWidgets import QScrollArea

    window = laptop_window(qtbot, ctx)
    view = window.show_screen("settings_view")
    view.tabs.setCurrentWidget(view.centres_tab)
    page = next(
        a
        for a in window.findChildren(QScrollArea)
        if a.widget() is not None and a.widget().isAncestorOf(view)
    )
    bar = page.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.maximum() > 0)
    bar.setValue(bar.maximum())
    view.tabs.setCurrentWidget(view.general_tab)
    tab_bar = view.tabs.tabBar()
    top = tab_bar.mapTo(page.widget(), tab_bar.rect().topLeft()).y()
    assert bar.value() <= top < bar.value() + page.viewport().height()


def test_kaj_ce_at_1024_shows_its_sheet_at_once_in_a_usable_table(qtbot, ctx):
    """Kaj če on a laptop: the filled-in start (a placement since January, this year's
    months) had no sheet until something was typed, and the table under the form was
    one row high (the sizes meant as widths, used as heights)."""
    from PySide6.QtCore import Qt

    window = laptop_window(qtbot, ctx)
    view = window.show_screen("calc_view")
    view.tabs.setCurrentIndex(1)
    qtbot.waitUntil(lambda: view.whatif_model.rowCount() == 12)
    assert view.whatif_splitter.orientation() == Qt.Orientation.Vertical
    row = view.whatif_table.rowHeight(0)
    qtbot.waitUntil(lambda: view.whatif_table.viewport().height() >= 4 * row)
