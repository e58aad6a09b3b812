"""A larger font (QA63: Windows' larger text, a desktop's font size — 12 to 13 pt instead of
9): the list of screens read »Zvišane oskrbnine in …«, and the R-5 editor, whose refund
row »v enkratnem znesku · v posameznih zneskih, kot jih je prejel« stood beside its label,
was wider than a 1024 × 700 window and scrolled sideways. The list widens to its longest
name; the refund row goes under its label when there is no room beside it. At the usual
font both look as before."""

from __future__ import annotations

import pytest
from _laptop_window import laptop_window

from rejnistvo.ui.main_window import NAV_MIN_WIDTH, NAV_WIDTH

#: the item's text margins in Fusion (focus frame margin + 1, each side)
TEXT_MARGINS = 6


@pytest.fixture
def larger_font(qapp):
    before = qapp.font()
    font = qapp.font()
    font.setPointSizeF(13)
    qapp.setFont(font)
    yield font
    qapp.setFont(before)


def _names_fit(window) -> bool:
    nav = window.nav
    metrics = nav.fontMetrics()
    room = nav.viewport().width() - 2 * nav.spacing() - TEXT_MARGINS
    return all(
        metrics.horizontalAdvance(nav.item(row).text()) <= room for row in range(nav.count())
    )


def test_the_list_of_screens_shows_whole_names_at_a_larger_font(qtbot, ctx, larger_font):
    window = laptop_window(qtbot, ctx)
    assert _names_fit(window)


def test_the_r5_editor_fits_a_laptop_at_a_larger_font(qtbot, ctx, larger_font):
    window = laptop_window(qtbot, ctx)
    window.show_screen("r5_view")
    view = window.view("r5_view")
    qtbot.wait(10)
    editor = view.editor_scroll
    assert editor.widget().minimumSizeHint().width() <= editor.viewport().width()
    assert editor.horizontalScrollBar().maximum() == 0


def test_the_usual_font_keeps_the_list_as_it_was(qtbot, ctx):
    window = laptop_window(qtbot, ctx)
    assert window.nav.minimumWidth() == NAV_MIN_WIDTH
    assert window.nav.width() == NAV_WIDTH
    assert _names_fit(window)
    from PySide6.QtWidgets import QBoxLayout

    from rejnistvo.ui.views.settings_grants import GrantsBox

    window.show_screen("settings_view")
    qtbot.wait(10)
    grants = window.view("settings_view").findChild(GrantsBox)
    assert grants.row.direction() == QBoxLayout.Direction.LeftToRight  # beside its form


def test_the_amounts_tab_fits_a_laptop_at_a_larger_font(qtbot, ctx, larger_font):
    """Nastavitve → Zneski rejnine was 930 px wide at 13 pt in a 770 px page: the page
    scrolled sideways, the right of its texts and tables and »Odstrani izbranega« past the
    edge. The indexation and the amounts' row put a field under its label when there is no
    room beside it; the birth-grant table stands above its form, its dates and amounts whole."""
    from PySide6.QtWidgets import QScrollArea

    from rejnistvo.ui.views.settings_grants import GrantsBox

    window = laptop_window(qtbot, ctx)
    window.show_screen("settings_view")
    qtbot.wait(10)
    page = window.stack.currentWidget()
    assert isinstance(page, QScrollArea)
    assert page.widget().minimumSizeHint().width() <= page.viewport().width()
    table = window.view("settings_view").findChild(GrantsBox).table
    header = table.horizontalHeader()
    assert table.viewport().width() >= header.sectionSize(0) + header.sectionSize(1)


def test_the_subgroups_tab_fits_a_laptop_at_a_larger_font(qtbot, ctx, larger_font):
    """Podskupine in kandidati was 1037 px wide at 13 pt (the candidate's and the
    coordinator's boxes side by side) in a 770 px page; the coordinator's box now stands
    under the candidate's, and the candidates' »Center« keeps enough letters to tell the
    centres apart (it read »Ce…na«) — the table scrolls sideways on its own instead."""
    from rejnistvo.ui.views.settings_common import STRETCH_FLOOR_LETTERS

    window = laptop_window(qtbot, ctx)
    window.show_screen("settings_view")
    view = window.view("settings_view")
    tab = view.subgroups_tab
    view.tabs.setCurrentWidget(tab)
    qtbot.wait(20)
    page = window.stack.currentWidget()
    assert page.widget().minimumSizeHint().width() <= page.viewport().width()
    assert not tab.lower.is_beside()
    table = tab.candidates_table
    source = table.model().sourceModel()
    centre = next(c for c in range(source.columnCount()) if source.column_key(c) == "centre")
    letters = table.fontMetrics().averageCharWidth() * STRETCH_FLOOR_LETTERS
    assert table.horizontalHeader().sectionSize(centre) >= letters


def test_the_subgroups_tab_at_the_usual_font_is_as_before(qtbot, ctx):
    window = laptop_window(qtbot, ctx)
    window.show_screen("settings_view")
    view = window.view("settings_view")
    tab = view.subgroups_tab
    view.tabs.setCurrentWidget(tab)
    qtbot.wait(20)
    assert tab.lower.is_beside()
