"""Koordinator: Ctrl+F (Datoteka → Išči) puts the cursor in the search of the tab in
front. With Evidenca not opened yet it crashed (»Prišlo je do nepričakovane napake«):
the screen looked up every tab's search box, and Evidenca's is made when first shown."""

from __future__ import annotations

from rejnistvo.ui.views.coordinator_view import CoordinatorView


def _view(qtbot, ctx):
    view = CoordinatorView(ctx)
    qtbot.addWidget(view)
    view.show()
    view.refresh()
    return view


def test_find_on_the_first_tab_before_the_others_were_opened(qtbot, ctx):
    view = _view(qtbot, ctx)
    view.focus_search()
    assert view.cases_search.hasFocus() or view.focusWidget() is view.cases_search


def test_find_on_paketi_with_evidenca_never_opened(qtbot, ctx):
    view = _view(qtbot, ctx)
    view.tabs.setCurrentIndex(2)
    view.packages_search.setText("1220")
    view.focus_search()
    assert view.focusWidget() is view.packages_search
    assert view.packages_search.selectedText() == "1220"
