"""Koordinator at 1024 × 700: beside the step panel the incoming list shows about four
columns; whose case it is (the child) comes right after the case number, in view."""

from __future__ import annotations

from PySide6.QtCore import Qt
from test_ui_coordinator import select_case

from rejnistvo.ui.views.coordinator_view import CoordinatorView


def coordinator_beside_the_list(qtbot, ctx, height: int = 660) -> CoordinatorView:
    """Koordinator as wide as beside the left list of a 1024 × 700 window, shown."""
    view = CoordinatorView(ctx)
    qtbot.addWidget(view)
    view.resize(820, height)
    view.show()
    qtbot.waitExposed(view)
    view.refresh()
    return view


def case_in_any_subgroup(view: CoordinatorView, predicate):
    """The first case of any subgroup for which `predicate` holds, chosen; or None."""
    for index in range(view.subgroup_combo.count()):
        view.subgroup_combo.setCurrentIndex(index)
        record = select_case(view, predicate)
        if record is not None:
            return record
    return None


def test_the_child_is_in_view_beside_the_case_number(qtbot, ctx):
    view = coordinator_beside_the_list(qtbot, ctx)
    model = view.cases_model
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert headers[:3] == ["Št. zadeve", "Otrok", "Stanje"]
    # the search texts (read from the store a slice at a time) follow the same order
    texts = model.search_texts()
    if texts:
        record = model.row_record(0)
        assert texts[0].index(record["child"].casefold()[:3]) < texts[0].index(
            record["status"].casefold()[:3]
        )
