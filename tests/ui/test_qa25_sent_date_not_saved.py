"""QA25: a date typed under »Poslan koordinatorju« and then Ctrl+S (not »Označi kot
poslano«): the proposal was stored, the date silently dropped (the editor reloaded), and
the clerk believed the sending was recorded — or, with the proposal unchanged, the date
stayed in the field, unsaved, and went when the case was left. Shrani now refuses and says
beside the date that sending is recorded by its button, the date kept; the button sends
(a new proposal too: it is saved first)."""

from __future__ import annotations

from datetime import date

from _fixtures_b import b_ctx, b_db  # noqa: F401 (fixtures)
from test_r4_flow import fill_proposal, make_view

from rejnistvo.clock import FixedClock
from rejnistvo.store import get_record


def _audit_rows(db) -> int:
    return db.execute("SELECT count(*) FROM audit_log").fetchone()[0]


def test_shrani_with_a_sent_date_typed_says_how_sending_is_recorded(qtbot, b_ctx):  # noqa: F811
    view = make_view(qtbot, b_ctx)
    fill_proposal(qtbot, view, b_ctx)
    view.subgroup_combo.setCurrentIndex(view.subgroup_combo.findData(3))
    assert view.save()
    before = _audit_rows(b_ctx.db)
    qtbot.keyClicks(view.step_edits["sent_on"].edit, "2. 3. 2026")
    assert view.save() is False
    assert "Označi kot poslano" in view.step_edits["sent_on"].error_text()
    assert view.step_edits["sent_on"].text() == "2. 3. 2026"
    assert view.has_unsaved_changes()
    assert _audit_rows(b_ctx.db) == before
    assert get_record(b_ctx.db, "r4_cases", view.case_id)["sent_on"] is None
    # the button records it
    assert view.send_button.isEnabled()
    assert view.send_to_coordinator()
    assert get_record(b_ctx.db, "r4_cases", view.case_id)["sent_on"] == date(2026, 3, 2)


def test_a_new_proposal_is_sent_by_its_button(qtbot, b_ctx):  # noqa: F811
    view = make_view(qtbot, b_ctx)
    fill_proposal(qtbot, view, b_ctx)
    view.subgroup_combo.setCurrentIndex(view.subgroup_combo.findData(3))
    assert view.send_button.isEnabled()  # it saves the new proposal first
    b_ctx.clock = FixedClock(date(2026, 3, 3))
    qtbot.keyClicks(view.step_edits["sent_on"].edit, "3. 3. 2026")
    assert view.send_to_coordinator()
    assert get_record(b_ctx.db, "r4_cases", view.case_id)["sent_on"] == date(2026, 3, 3)
