"""Vračilo (QA62, in a window): a deadline three days after the call put all the
instalments »as received« on one day, and the table showed them without a word. A line
under the table now says which instalments share a day and the earliest deadline that
gives each its own; with a deadline that has room it goes."""

from __future__ import annotations

from _fixtures_b import b_db, show_view  # noqa: F401 (fixtures)
from PySide6.QtCore import Qt
from test_r5_flow import b_ctx, fill_increase, make_view  # noqa: F401 (fixtures)


def test_instalments_on_one_day_are_said_below_the_table(qtbot, b_ctx):  # noqa: F811
    view = make_view(qtbot, b_ctx)
    fill_increase(qtbot, view, b_ctx)  # 1. 1.-30. 6. 2026
    qtbot.keyClicks(view.justified_edit.edit, "800,00")
    view.justified_edit.edit.editingFinished.emit()
    qtbot.keyClicks(view.call_date.edit, "10. 7. 2026")
    view.call_date.edit.editingFinished.emit()
    qtbot.keyClicks(view.deadline_edit.edit, "13. 7. 2026")
    qtbot.mouseClick(view.as_received_radio, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(view.plan_button, Qt.MouseButton.LeftButton)
    note = view.refund_panel.instalment_note
    assert note.isVisibleTo(view)
    assert "zapadejo isti dan, 13. 7. 2026" in note.text()
    assert "izberite rok najmanj" in note.text()
    view.deadline_edit.edit.clear()  # the latest deadline: monthly, each on its own day
    qtbot.mouseClick(view.plan_button, Qt.MouseButton.LeftButton)
    assert note.text() == "" and not note.isVisibleTo(view)
