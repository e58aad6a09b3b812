"""Zvišane oskrbnine in R-5: a new expense row started as »Izobraževalni proces« even when
the increase was granted only for health, an easy wrong category (found by PKG3)."""

from __future__ import annotations

from _fixtures_b import b_db, show_view  # noqa: F401 (fixtures)
from PySide6.QtCore import Qt
from test_r5_flow import b_ctx, make_view  # noqa: F401 (fixtures)


def test_a_new_expense_starts_in_the_first_category_ticked(qtbot, b_ctx):  # noqa: F811
    view = make_view(qtbot, b_ctx)
    boxes = view.increase_panel.category_boxes
    for key, box in boxes.items():
        box.setChecked(key == "health")
    qtbot.mouseClick(view.add_expense_button, Qt.MouseButton.LeftButton)
    assert (
        view.expense_model.data(view.expense_model.index(0, 0), Qt.ItemDataRole.EditRole)
        == "health"
    )
    for box in boxes.values():
        box.setChecked(False)
    qtbot.mouseClick(view.add_expense_button, Qt.MouseButton.LeftButton)
    assert (
        view.expense_model.data(view.expense_model.index(1, 0), Qt.ItemDataRole.EditRole)
        == "education"
    )  # none ticked yet
