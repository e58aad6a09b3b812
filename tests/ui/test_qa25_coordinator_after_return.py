"""QA25: Koordinator, after »Označi vrnitev dokumentov centru« the returned case left the
list, the panel said »Izberite predlog na seznamu.«, yet the next row of the list stood
highlighted as the current one — it looked chosen while no step could be taken on it, and
Enter or a step button did nothing for it. Now no row is highlighted until the clerk
chooses one (the keyboard is in the list: ↓ chooses the first)."""

from __future__ import annotations

from PySide6.QtCore import Qt


def _subgroup_with_a_decided_case(db) -> tuple[int, int]:
    """(subgroup, case) of a decided, not returned case with another case waiting beside it."""
    return db.execute(
        "SELECT d.subgroup_id, d.id FROM r4_cases d WHERE d.decided_on IS NOT NULL "
        "AND d.returned_on IS NULL AND d.sent_on IS NOT NULL AND EXISTS (SELECT 1 FROM "
        "r4_cases o WHERE o.subgroup_id = d.subgroup_id AND o.id != d.id "
        "AND o.sent_on IS NOT NULL AND o.returned_on IS NULL) ORDER BY d.id LIMIT 1"
    ).fetchone()


def test_after_a_return_no_row_looks_chosen(qtbot, ctx):
    from rejnistvo.ui.views.coordinator_view import CoordinatorView

    subgroup, case_id = _subgroup_with_a_decided_case(ctx.db)
    view = CoordinatorView(ctx)
    qtbot.addWidget(view)
    view.refresh()
    view.subgroup_combo.setCurrentIndex(view.subgroup_combo.findData(subgroup))
    row = view.cases_model.find_row("id", case_id)
    assert row >= 0 and view.cases_proxy.rowCount() >= 2
    view.cases_table.selectRow(view.cases_proxy.mapFromSource(view.cases_model.index(row, 0)).row())
    view.step_date.set_value(ctx.clock.today())
    assert view.mark_returned()
    assert view.cases_model.find_row("id", case_id) < 0
    assert view._case is None
    assert not view.cases_table.selectionModel().hasSelection()
    assert not view.cases_table.currentIndex().isValid()
    # the keyboard chooses from the list again
    qtbot.keyClick(view.cases_table, Qt.Key.Key_Down)
    assert view._case is not None
