"""Rejniki, Otroci (round 15): a centre box that holds a typed part several centres
contain (or none) is no choice; Shrani is refused with the box's reason, as R-4/R-5 do
with the placement picker, instead of saving the centre chosen before over what the
caseworker was typing."""

from __future__ import annotations

from PySide6.QtWidgets import QLineEdit

from rejnistvo.store import get_record, list_records
from rejnistvo.ui.views.carers_view import CarersView
from rejnistvo.ui.views.children_view import ChildrenView


def _left_with_part(qtbot, view, combo, typed: str) -> None:
    view.show()
    qtbot.waitExposed(view)
    view.activateWindow()
    qtbot.waitUntil(view.isActiveWindow)
    combo.setFocus()
    qtbot.waitUntil(combo.hasFocus)
    combo.lineEdit().setText(typed)
    other = view.name_edit.edit
    assert isinstance(other, QLineEdit)
    other.setFocus()
    qtbot.waitUntil(other.hasFocus)


def _part_of_no_centre(ctx) -> str:
    names = [c["name"].lower() for c in list_records(ctx.db, "centres")]
    part = "xyzq"
    assert not any(part in name for name in names)
    return part


def test_carer_save_refused_while_the_centre_box_holds_a_typed_part(qtbot, ctx):
    view = CarersView(ctx)
    qtbot.addWidget(view)
    view.refresh()
    view.table.selectRow(0)
    record = view.model.row_record(0)
    before = get_record(ctx.db, "carers", record["id"])
    combo = view.centre_edit.centre
    part = _part_of_no_centre(ctx)
    _left_with_part(qtbot, view, combo, part)
    assert view.centre_edit.pending_text()
    assert view.has_unsaved_changes()  # a typed part is an edit: leaving asks
    assert view.save() is False
    assert combo.lineEdit().text() == part  # what was typed stays
    assert "ni del nobenega imena" in view.centre_edit.error_text()
    after = get_record(ctx.db, "carers", record["id"])
    assert after["version"] == before["version"]


def test_child_save_refused_while_the_centre_box_holds_a_typed_part(qtbot, ctx):
    view = ChildrenView(ctx)
    qtbot.addWidget(view)
    view.refresh()
    view.table.selectRow(0)
    record = view.model.row_record(0)
    before = get_record(ctx.db, "children", record["id"])
    combo = view.centre_edit.centre
    part = _part_of_no_centre(ctx)
    _left_with_part(qtbot, view, combo, part)
    assert view.has_unsaved_changes()
    assert view.save() is False
    assert combo.lineEdit().text() == part
    after = get_record(ctx.db, "children", record["id"])
    assert after["version"] == before["version"]
