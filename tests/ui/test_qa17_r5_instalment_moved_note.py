"""Vračilo, an instalment date typed on a Saturday, Sunday or holiday (QA17, in a
window): the cell changed to the next working day (ZUP 101) and said why only in a
tooltip, which the keyboard never shows: the caseworker typed 9. 1. 2027 and saw
11. 1. 2027 without a word. Now a line under the table says which instalment moved from
which day to which, and goes when the date is a working day again."""

from __future__ import annotations

from _fixtures_b import b_db, show_view  # noqa: F401 (fixtures)
from PySide6.QtCore import Qt
from test_r5_flow import b_ctx, fill_increase, make_view  # noqa: F401 (fixtures)


def test_a_typed_instalment_date_moved_to_a_working_day_is_said_below(qtbot, b_ctx):  # noqa: F811
    view = make_view(qtbot, b_ctx)
    fill_increase(qtbot, view, b_ctx)  # 1. 1.-30. 6. 2026
    qtbot.keyClicks(view.justified_edit.edit, "800,00")
    view.justified_edit.edit.editingFinished.emit()
    qtbot.keyClicks(view.call_date.edit, "10. 7. 2026")
    view.call_date.edit.editingFinished.emit()
    qtbot.mouseClick(view.as_received_radio, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(view.plan_button, Qt.MouseButton.LeftButton)
    note = view.refund_panel.instalment_note
    assert note.text() == ""
    model = view.instalment_model
    model.setData(model.index(0, 0), "18. 7. 2026")  # a Saturday
    assert model.index(0, 0).data() == "20. 7. 2026"
    assert note.isVisibleTo(view)
    assert "Obrok 1" in note.text()
    assert "18. 7. 2026" in note.text() and "20. 7. 2026" in note.text()
    assert "ZUP" in note.text()
    model.setData(model.index(0, 0), "21. 7. 2026")  # a Tuesday
    assert note.text() == ""
    assert not note.isVisibleTo(view)
