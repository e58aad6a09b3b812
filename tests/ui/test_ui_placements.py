from rejnistvo.store import get_record, list_records
from rejnistvo.ui.views.placements_view import PlacementsView
from rejnistvo.ui.widgets.periods_table import FROM, TO


def test_placement_with_annex_saved_and_bad_period_refused(qtbot, ctx):
    view = PlacementsView(ctx)
    qtbot.addWidget(view)
    view.refresh()
    # one that ended before the annex typed below (periods sharing a day are refused)
    placement = next(
        p
        for p in list_records(ctx.db, "placements")
        if all(q["to_date"] and q["to_date"].year < 2030
               for q in get_record(ctx.db, "placements", p["id"])["periods"])
    )  # fmt: skip
    assert view.open_record("placement", placement["id"])
    rows_before = view.periods.table.rowCount()
    view.periods.add_annex()
    row = view.periods.table.rowCount() - 1
    view.periods.table.item(row, FROM).setText("1. 5. 2030")
    view.periods.table.item(row, TO).setText("1. 4. 2030")  # end before start
    assert view.has_unsaved_changes()
    assert view.save() is False
    assert "pred začetkom" in view.periods.error_label.text()
    assert view.periods.table.item(row, TO).text() == "1. 4. 2030"  # kept as typed
    view.periods.table.item(row, TO).setText("30. 6. 2030")
    assert view.save() is True
    periods = get_record(ctx.db, "placements", placement["id"])["periods"]
    assert len(periods) == rows_before + 1
    assert periods[-1]["kind"] == "annex"


def test_part_time_needs_a_fee_share(qtbot, ctx):
    view = PlacementsView(ctx)
    qtbot.addWidget(view)
    view.refresh()
    placement = next(p for p in list_records(ctx.db, "placements") if not p["part_time"])
    view.open_record("placement", placement["id"])
    view.part_time_box.setChecked(True)
    assert view.save() is False
    assert "obvezno" in view.share_edit.error_text().lower()
    view.share_edit.setText("40 %")
    assert view.save() is True
    stored = get_record(ctx.db, "placements", placement["id"])
    assert stored["part_time"] is True and str(stored["fee_share"]) in ("0.4", "0.40")


def _shown(qtbot, ctx):
    view = PlacementsView(ctx)
    qtbot.addWidget(view)
    view.resize(1024, 700)
    view.show()
    qtbot.waitExposed(view)
    view.activateWindow()
    qtbot.waitUntil(view.isActiveWindow)
    view.refresh()
    return view


def test_dodaj_aneks_puts_the_keyboard_in_the_new_row_and_ctrl_z_undoes_a_removal(qtbot, ctx):
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    from rejnistvo.ui.widgets.periods_table import DOCUMENT

    view = _shown(qtbot, ctx)
    placement = list_records(ctx.db, "placements")[0]
    view.open_record("placement", placement["id"])
    periods = view.periods
    rows = periods.table.rowCount()
    periods.add_button.setFocus()
    qtbot.keyClick(periods.add_button, Qt.Key.Key_Space)
    assert periods.table.rowCount() == rows + 1
    assert (periods.table.currentRow(), periods.table.currentColumn()) == (rows, DOCUMENT)
    assert periods.table.cellWidget(rows, 0).property("rejnistvoWheelGuarded")  # new row too
    focus = QApplication.focusWidget()
    assert focus is not None and periods.table.isAncestorOf(focus) or focus is periods.table
    qtbot.keyClicks(QApplication.focusWidget(), "aneks 9")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    # Qt commits what was typed on its next turn of the event loop
    qtbot.waitUntil(lambda: periods.table.item(rows, DOCUMENT).text() == "aneks 9")

    # Remove the row with the keyboard: the focus leaves the button, Ctrl+Z brings it back.
    periods.remove_button.setFocus()
    qtbot.keyClick(periods.remove_button, Qt.Key.Key_Space)
    assert periods.table.rowCount() == rows
    assert QApplication.focusWidget() is not periods.remove_button
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert periods.table.rowCount() == rows + 1
    assert periods.table.item(rows, DOCUMENT).text() == "aneks 9"
    assert periods.table.cellWidget(rows, 0).currentData() == "annex"


def test_new_placement_takes_the_centres_of_carer_and_child_and_needs_them(qtbot, ctx):
    from rejnistvo.services.people import list_carers, list_children

    view = _shown(qtbot, ctx)
    carer = next(c for c in list_carers(ctx.db) if c.get("centre_id"))
    child = next(c for c in list_children(ctx.db) if c.get("centre_id"))
    view.new_record()
    qtbot.keyClicks(view.contract_edit.edit, "NOVA-1/2026")
    label = view.carer_edit.label(carer["id"])
    view.carer_edit.edit.setText("")
    view.carer_edit.edit.insert(label)  # typed (non-ASCII names: QTest cannot type them)
    view.carer_edit.edit.textEdited.emit(label)
    assert view.carer_centre.value() == carer["centre_id"]
    view.child_edit.edit.insert(view.child_edit.label(child["id"]))
    view.child_edit.edit.textEdited.emit(view.child_edit.edit.text())
    assert view.child_centre.value() == child["centre_id"]
    # Emptied by hand, a centre is refused with its field named.
    view.carer_centre.set_value(None)
    view.periods.table.item(0, 2).setText("1. 1. 2026")
    assert view.save() is False
    assert "center rejnika" in view.carer_centre.error_text().lower()


def test_a_refused_period_shows_its_reason_on_screen_at_1024x700(qtbot, ctx):
    """The status bar said »popravite označena polja« while the period's reason, under
    the periods table, was scrolled out of the editor."""
    view = _shown(qtbot, ctx)
    # short enough that the reason falls below the editor's fold, as it did in the window
    view.resize(1024, 480)
    qtbot.wait(50)
    placement = list_records(ctx.db, "placements")[0]
    assert view.open_record("placement", placement["id"])
    view.periods.add_annex()
    row = view.periods.table.rowCount() - 1
    view.periods.table.item(row, FROM).setText("1. 5. 2030")
    view.periods.table.item(row, TO).setText("1. 4. 2030")  # end before start
    assert view.save() is False
    label = view.periods.error_label
    assert "pred začetkom" in label.text()
    qtbot.wait(50)  # the reason is laid out, then scrolled to
    assert label.visibleRegion().boundingRect().height() == label.height()

    # When a field above has the first error, that field is what is shown.
    view.contract_edit.setText("")
    assert view.save() is False
    qtbot.wait(50)
    assert not view.contract_edit.visibleRegion().isEmpty()
