from rejnistvo.store import get_record, list_records
from rejnistvo.ui.views.placements_view import PlacementsView
from rejnistvo.ui.widgets.periods_table import FROM, TO


def test_placement_with_annex_saved_and_bad_period_refused(qtbot, ctx):
    view = PlacementsView(ctx)
    qtbot.addWidget(view)
    view.refresh()
    placement = list_records(ctx.db, "placements")[0]
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
