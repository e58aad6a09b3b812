"""R-4 predlogi: *Označi kot poslano* on a proposal saved without its case number is
refused beside Št. zadeve, with the cursor there; nothing is recorded as sent."""

from __future__ import annotations

from datetime import date

from _fixtures_b import b_ctx, b_db  # noqa: F401 (fixtures)
from PySide6.QtWidgets import QApplication
from test_r4_flow import fill_proposal, make_view

from rejnistvo.store import get_record


def test_sending_without_case_number_is_said_beside_the_field(qtbot, b_ctx):  # noqa: F811
    view = make_view(qtbot, b_ctx)
    fill_proposal(qtbot, view, b_ctx)
    view.subgroup_combo.setCurrentIndex(view.subgroup_combo.findData(3))
    view.case_no_edit.edit.clear()
    assert view.save()  # a draft may wait for its number
    qtbot.keyClicks(view.step_edits["sent_on"].edit, "2. 3. 2026")
    assert not view.send_to_coordinator()
    assert "številke zadeve" in view.case_no_edit.error_text()
    assert view.step_edits["sent_on"].text() == "2. 3. 2026"
    assert get_record(b_ctx.db, "r4_cases", view.case_id)["sent_on"] is None
    assert b_ctx.interaction.errors == []
    assert date(2026, 3, 2) == b_ctx.clock.today()


def test_proposal_dated_after_today_is_said_beside_its_date(qtbot, b_ctx):  # noqa: F811
    view = make_view(qtbot, b_ctx)
    fill_proposal(qtbot, view, b_ctx)
    view.proposal_date.edit.clear()
    qtbot.keyClicks(view.proposal_date.edit, "25. 12. 2026")
    assert not view.save()
    assert "v prihodnosti" in view.proposal_date.error_text()
    assert view.proposal_date.text() == "25. 12. 2026"
    assert view.case_id is None


def test_sending_without_rationale_says_so_and_goes_to_the_field(qtbot, b_ctx):  # noqa: F811
    view = make_view(qtbot, b_ctx)
    fill_proposal(qtbot, view, b_ctx)
    view.subgroup_combo.setCurrentIndex(view.subgroup_combo.findData(3))
    view.rationale_edit.clear()
    assert view.save()
    view.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is view.window())
    assert not view.send_to_coordinator()
    assert any("obrazložitve" in str(error) for error in b_ctx.interaction.errors)
    assert QApplication.focusWidget() is view.rationale_edit
    assert get_record(b_ctx.db, "r4_cases", view.case_id)["sent_on"] is None
