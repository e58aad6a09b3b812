"""R-5 with the keyboard (round 8, QA3): the expenses' and the instalments' tables are
left with Tab after their last cell. Qt's own Tab wrapped round to the first cell, so a
caseworker who typed an expense and pressed Tab to go on was back in its description,
and never reached the finding below without the mouse."""

from __future__ import annotations

from _fixtures_b import b_db  # noqa: F401 (fixture)
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from test_r5_flow import b_ctx, fill_increase, make_view  # noqa: F401 (fixture)


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


def test_instalment_table_is_left_after_its_last_cell(qtbot, b_ctx):  # noqa: F811
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
    table, model = view.instalment_table, view.instalment_model
    table.setFocus()
    table.setCurrentIndex(model.index(0, 0))
    qtbot.keyClick(table, Qt.Key.Key_Right)
    qtbot.keyClick(table, Qt.Key.Key_Right)
    assert table.currentIndex().column() == 2
    qtbot.keyClick(table, Qt.Key.Key_Space)
    assert model.index(0, 2).data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked
    assert view.save() is True
