"""R-5 with the keyboard (round 8, QA3): the expenses' and the instalments' tables are
left with Tab after their last cell. Qt's own Tab wrapped round to the first cell, so a
caseworker who typed an expense and pressed Tab to go on was back in its description,
and never reached the finding below without the mouse."""

from __future__ import annotations

import pytest
from _fixtures_b import b_db  # noqa: F401 (fixture)
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from test_r5_flow import AFTER_THE_CALLS, b_ctx, fill_increase, make_view  # noqa: F401 (fixture)

pytestmark = pytest.mark.today(AFTER_THE_CALLS)  # its calls are days that have come


def focus():
    return QApplication.focusWidget()


def inside(widget) -> bool:
    f = focus()
    return f is not None and (f is widget or widget.isAncestorOf(f))


def test_expense_typed_with_tab_and_left_after_the_last_cell(qtbot, b_ctx):  # noqa: F811
    view = make_view(qtbot, b_ctx)
    view.activateWindow()
    qtbot.waitUntil(view.isActiveWindow)
    fill_increase(qtbot, view, b_ctx)
    view.add_expense_button.setFocus()
    qtbot.waitUntil(view.add_expense_button.hasFocus)
    qtbot.keyClick(view.add_expense_button, Qt.Key.Key_Space)
    table = view.expense_table
    assert inside(table) and table.currentIndex().column() == 1  # typing the description
    for text in ("Ucbeniki", "300,00", "racun 42"):
        qtbot.keyClicks(focus(), text)
        qtbot.keyClick(focus(), Qt.Key.Key_Tab)
    assert view.expense_model.index(0, 3).data() == "racun 42"
    assert not inside(table), focus()  # on to the buttons below, not back to Opis
    assert focus() is view.add_expense_button
    qtbot.keyClick(focus(), Qt.Key.Key_Backtab)
    assert inside(table)  # Shift+Tab comes back in
    assert view.total_label.text().endswith("300,00 €")


def _with_instalment_plan(qtbot, b_ctx):  # noqa: F811
    """An R-5 in an active window with its increase saved, a finding and a refund plan
    in instalments as received."""
    view = make_view(qtbot, b_ctx)
    view.activateWindow()
    qtbot.waitUntil(view.isActiveWindow)
    fill_increase(qtbot, view, b_ctx)
    assert view.save() is True
    qtbot.keyClicks(view.report_date.edit, "20. 5. 2026")
    qtbot.keyClicks(view.finding_date.edit, "5. 6. 2026")
    qtbot.keyClicks(view.justified_edit.edit, "800,00")
    qtbot.keyClicks(view.call_date.edit, "10. 7. 2026")
    view.as_received_radio.setChecked(True)
    view.make_plan()
    return view


def test_instalment_table_is_left_after_its_last_cell(qtbot, b_ctx):  # noqa: F811
    view = _with_instalment_plan(qtbot, b_ctx)
    table = view.instalment_table
    model = view.instalment_model
    assert model.rowCount() > 1
    table.setFocus()
    table.setCurrentIndex(model.index(model.rowCount() - 1, model.columnCount() - 1))
    qtbot.keyClick(table, Qt.Key.Key_Tab)
    assert not inside(table), focus()


def test_stored_increase_without_finding_offers_the_childs_centre(qtbot, b_ctx):  # noqa: F811
    """The report comes months after the increase: the increase is opened from the list,
    and its finding's centre was blank (only an increase being made was offered it)."""
    from rejnistvo.store import get_record

    view = make_view(qtbot, b_ctx)
    fill_increase(qtbot, view, b_ctx)
    view.finding_panel.set_centre(None)  # as saved before the finding had a centre
    assert view.save() is True
    increase_id = view.increase_id
    view.new_record()
    assert view.open_record("r5", increase_id) is True
    placement = get_record(b_ctx.db, "placements", b_ctx.db.b_ids["placement"])
    assert placement["child_centre_id"] is not None
    assert view.centre_combo.currentData() == placement["child_centre_id"]
    assert not view.has_unsaved_changes()  # an offer, not an edit


def test_instalment_marked_paid_with_the_space_key(qtbot, b_ctx):  # noqa: F811
    """The day ends with an instalment received: arrows to its »Plačano«, Space."""
    view = _with_instalment_plan(qtbot, b_ctx)
    table, model = view.instalment_table, view.instalment_model
    table.setFocus()
    table.setCurrentIndex(model.index(0, 0))
    qtbot.keyClick(table, Qt.Key.Key_Right)
    qtbot.keyClick(table, Qt.Key.Key_Right)
    assert table.currentIndex().column() == 2
    qtbot.keyClick(table, Qt.Key.Key_Space)
    assert model.index(0, 2).data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked
    assert view.save() is True


def _bottom(qtbot, view) -> None:
    """The caseworker is at the refund, at the bottom of the editor."""
    view.resize(1000, 520)  # an editor that scrolls, as on a laptop
    view.call_date.edit.setFocus()
    bar = view.editor_scroll.verticalScrollBar()
    bar.setValue(bar.maximum())
    qtbot.waitUntil(lambda: bar.value() > 0)


def _in_sight(view, widget) -> bool:
    scroll = view.editor_scroll
    top = widget.mapTo(scroll.widget(), widget.rect().topLeft()).y()
    first = scroll.verticalScrollBar().value()
    return first <= top and top + widget.height() <= first + scroll.viewport().height()


def test_refused_save_shows_the_field_where_it_is(qtbot, b_ctx):  # noqa: F811
    """Ctrl+S at the refund with a wrong period at the top: the cursor went to the
    period (or the reason was written under it) while the editor stayed at the bottom,
    so the caseworker saw nothing. Now the field comes into sight."""
    view = make_view(qtbot, b_ctx)
    fill_increase(qtbot, view, b_ctx)
    assert view.save()
    # the window's own check (a period's end before its start) …
    _bottom(qtbot, view)
    view.period_edit.end_edit.edit.setText("1. 1. 2025")
    assert view.save() is False
    assert _in_sight(view, view.period_edit)
    # … and the service's (an overlapping second increase)
    view.new_record()
    view.placement_combo.setCurrentIndex(view.placement_combo.findData(b_ctx.db.b_ids["placement"]))
    qtbot.keyClicks(view.period_edit.start_edit.edit, "1. 6. 2026")
    qtbot.keyClicks(view.period_edit.end_edit.edit, "31. 12. 2026")
    view.category_boxes["health"].setChecked(True)
    _bottom(qtbot, view)
    assert view.save() is False
    assert "od 1. 1. 2026 do 30. 6. 2026" in view.period_edit.error_text()
    assert _in_sight(view, view.period_edit)
