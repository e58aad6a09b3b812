"""R-5 editor: leaving a field without changing it (Tab, a click elsewhere) is not an
edit — the case is not marked changed, so leaving the screen asks nothing (QA13: Tab
through the period, call date, deadline or »Porabljeno namensko« of a stored case made
the screen ask »Jih shranim?«)."""

from __future__ import annotations

import pytest
from _fixtures_b import b_db, show_view  # noqa: F401 (fixtures)
from test_r5_flow import AFTER_THE_CALLS, b_ctx, fill_increase, make_view  # noqa: F401 (fixtures)

pytestmark = pytest.mark.today(AFTER_THE_CALLS)  # its calls are days that have come

FIELDS = (
    "period_edit.start_edit",
    "period_edit.end_edit",
    "requested_date",
    "justified_edit",
    "unjustified_edit",
    "call_date",
    "deadline_edit",
)


def _widget(view, name: str):
    obj = view
    for part in name.split("."):
        obj = getattr(obj, part)
    return obj


def test_leaving_fields_unchanged_is_no_edit(qtbot, b_ctx):  # noqa: F811
    view = make_view(qtbot, b_ctx)
    fill_increase(qtbot, view, b_ctx)
    qtbot.keyClicks(view.finding_date.edit, "5. 6. 2026")
    qtbot.keyClicks(view.justified_edit.edit, "800,00")
    qtbot.keyClicks(view.call_date.edit, "10. 7. 2026")
    assert view.save() is True
    increase = view.increase_id
    view.new_record()
    assert view.open_record("r5", increase) is True
    assert not view.has_unsaved_changes()
    for name in FIELDS:
        _widget(view, name).edit.editingFinished.emit()
        assert not view.has_unsaved_changes(), name
    # a real change still is one
    view.justified_edit.edit.clear()
    qtbot.keyClicks(view.justified_edit.edit, "700,00")
    view.justified_edit.edit.editingFinished.emit()
    assert view.has_unsaved_changes()
