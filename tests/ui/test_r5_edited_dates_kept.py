"""R-5 editor: instalment dates the caseworker edited are not replaced by the plan's
defaults when a field is merely left without a change (QA13: Tab through the period,
the call date or »Porabljeno namensko« re-made the plan and dropped the edited dates,
also of a stored case, which the next save then stored)."""

from __future__ import annotations

import pytest
from _fixtures_b import b_db, show_view  # noqa: F401 (fixtures)
from PySide6.QtCore import Qt
from test_r5_flow import AFTER_THE_CALLS, b_ctx, fill_increase, make_view  # noqa: F401 (fixtures)

pytestmark = pytest.mark.today(AFTER_THE_CALLS)  # its calls are days that have come


def _case_with_an_edited_date(qtbot, view, ctx):
    fill_increase(qtbot, view, ctx)  # 1. 1.-30. 6. 2026, 25 %
    qtbot.keyClicks(view.finding_date.edit, "5. 6. 2026")
    qtbot.keyClicks(view.justified_edit.edit, "800,00")
    qtbot.keyClicks(view.call_date.edit, "10. 7. 2026")
    qtbot.mouseClick(view.as_received_radio, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(view.plan_button, Qt.MouseButton.LeftButton)
    model = view.instalment_model
    model.setData(model.index(0, 0), "15. 7. 2026")
    assert model.index(0, 0).data() == "15. 7. 2026"


def _leave_fields_unchanged(view):
    for edit in (
        view.period_edit.start_edit.edit,
        view.period_edit.end_edit.edit,
        view.call_date.edit,
        view.deadline_edit.edit,
        view.justified_edit.edit,
    ):
        edit.editingFinished.emit()


def test_edited_date_survives_leaving_fields_unchanged(qtbot, b_ctx):  # noqa: F811
    view = make_view(qtbot, b_ctx)
    _case_with_an_edited_date(qtbot, view, b_ctx)
    _leave_fields_unchanged(view)
    assert view.instalment_model.index(0, 0).data() == "15. 7. 2026"
    assert view.save() is True


def test_stored_edited_date_survives_leaving_fields_unchanged(qtbot, b_ctx):  # noqa: F811
    view = make_view(qtbot, b_ctx)
    _case_with_an_edited_date(qtbot, view, b_ctx)
    assert view.save() is True
    increase = view.increase_id
    view.new_record()
    assert view.open_record("r5", increase) is True
    assert view.instalment_model.index(0, 0).data() == "15. 7. 2026"
    _leave_fields_unchanged(view)
    assert view.instalment_model.index(0, 0).data() == "15. 7. 2026"
    # a real change of what the plan depends on makes it again; the typed day, still
    # allowed (after the call, by the deadline, before the next one), stays
    view.deadline_edit.edit.clear()
    qtbot.keyClicks(view.deadline_edit.edit, "30. 12. 2026")
    view.deadline_edit.edit.editingFinished.emit()
    assert view.instalment_model.index(0, 0).data() == "15. 7. 2026"
    assert view.instalment_model.instalments()[-1].due.isoformat() == "2026-12-30"


def test_a_typed_day_the_new_call_date_passes_is_replaced_and_said(qtbot, b_ctx):  # noqa: F811
    """A later call date made the typed 15. 7. impossible (an instalment falls due after
    the call): it takes the plan's day, and the note under the table says which and why
    (before, every typed day was replaced without a word, also the ones still allowed)."""
    view = make_view(qtbot, b_ctx)
    _case_with_an_edited_date(qtbot, view, b_ctx)
    model = view.instalment_model
    second = model.index(1, 0).data()
    model.setData(model.index(1, 0), "20. 8. 2026")  # typed too, and still allowed later
    view.call_date.edit.clear()
    qtbot.keyClicks(view.call_date.edit, "20. 7. 2026")
    view.call_date.edit.editingFinished.emit()
    assert model.index(0, 0).data() != "15. 7. 2026"
    assert model.index(1, 0).data() == "20. 8. 2026" != second
    note = view.refund_panel.instalment_note
    assert not note.isHidden()
    assert "Obrok 1: vpisani rok 15. 7. 2026 ni po dnevu poziva (20. 7. 2026)" in note.text()
    assert "Obrok 2" not in note.text()
    assert view.save() is True
