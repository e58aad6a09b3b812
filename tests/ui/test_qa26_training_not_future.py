"""QA26: a carer's training typed with a wrong year (»1. 5. 2062« for 2026) was stored;
the next one (čl. 42, every three years) then fell due decades away and Roki never
reminded of it. A training after today (the window's clock) is now refused under the
trainings, naming the day and today; the rows stay as typed."""

from __future__ import annotations

from datetime import date

from rejnistvo.services.people import get_carer
from rejnistvo.ui.views.carers_view import CarersView


def _view(qtbot, ctx) -> CarersView:
    view = CarersView(ctx)
    qtbot.addWidget(view)
    view.refresh()
    view.table.setCurrentIndex(view.proxy.index(0, 0))
    assert view.current_id() is not None
    return view


def _add_training(qtbot, view, day: str) -> None:
    view.trainings.add_button.click()
    table = view.trainings.table
    row = table.rowCount() - 1
    table.item(row, 0).setText(day)
    table.item(row, 1).setText("Nadaljevalno usposabljanje")


def test_a_training_after_today_is_refused_under_the_table(qtbot, ctx, interaction):
    view = _view(qtbot, ctx)
    before = get_carer(ctx.db, view.current_id()).trainings
    _add_training(qtbot, view, "1. 5. 2062")
    assert view.save() is False
    reason = view.trainings.error_label.text()
    assert "1. 5. 2062" in reason and "prihodnosti" in reason and "2. 3. 2026" in reason
    assert interaction.errors == []  # beside the table, not in a message box
    assert get_carer(ctx.db, view.current_id()).trainings == before
    assert view.has_unsaved_changes()


def test_a_training_of_today_is_kept(qtbot, ctx):
    view = _view(qtbot, ctx)
    _add_training(qtbot, view, "2. 3. 2026")
    assert view.save() is True
    assert date(2026, 3, 2) in [t.date for t in get_carer(ctx.db, view.current_id()).trainings]
