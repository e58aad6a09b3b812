"""QA25: a new R-4 proposal saved at 1024 × 700 was made the list's current row, but the
list stopped scrolling one row short: only a blue strip of the new row showed under the
last whole one, and the clerk could not see that the case had been added."""

from __future__ import annotations

from _laptop_window import laptop_window

from rejnistvo.rules.periods import Period


def _row_in_sight(table, index) -> bool:
    return table.viewport().rect().contains(table.visualRect(index))


def test_a_new_r4_case_saved_is_wholly_in_sight(qtbot, ctx):
    window = laptop_window(qtbot, ctx)
    view = window.show_screen("r4_view")
    qtbot.wait(50)
    placement = ctx.db.execute(
        "SELECT id FROM placements WHERE id NOT IN (SELECT placement_id FROM r4_cases)"
    ).fetchone()[0]
    view.new_record()
    view.placement_combo.setCurrentIndex(view.placement_model.index_of(placement))
    view.proposed_percent.setCurrentIndex(view.proposed_percent.findData(25))
    view.period_edit.set_value(
        Period(
            ctx.clock.today().replace(month=4, day=1), ctx.clock.today().replace(month=6, day=30)
        )
    )
    view._dirty = True
    assert view.save()
    qtbot.wait(50)
    index = view.table.currentIndex()
    assert view.proxy.row_record(index.row())["id"] == view.case_id
    assert _row_in_sight(view.table, index)
