"""R-4 predlogi, a decided case whose decision departs from the rule: read-only, it
says the difference without asking for a rationale it already has and that cannot be
typed there; *Popravi sklep …* asks for it once it is emptied."""

from __future__ import annotations

from _fixtures_b import b_ctx, b_db  # noqa: F401 (fixtures)
from PySide6.QtCore import Qt
from test_r4_flow import _coordinator_decides, fill_proposal, make_view

from rejnistvo.clock import FixedClock


def test_read_only_difference_asks_nothing_correction_asks(qtbot, b_ctx):  # noqa: F811
    from datetime import date

    view = make_view(qtbot, b_ctx)
    fill_proposal(qtbot, view, b_ctx)
    view.subgroup_combo.setCurrentIndex(view.subgroup_combo.findData(3))
    assert view.save()
    b_ctx.clock = FixedClock(date(2026, 3, 31))
    qtbot.keyClicks(view.step_edits["sent_on"].edit, "3. 3. 2026")
    qtbot.mouseClick(view.send_button, Qt.MouseButton.LeftButton)
    _coordinator_decides(b_ctx.db, view.case_id, percent=50, rationale="Močno povečan obseg.")
    view.load(view.case_id)
    assert view.difference_label.isVisibleTo(view)
    assert "razlikuje" in view.difference_label.text()
    assert "Vpišite" not in view.difference_label.text()
    qtbot.mouseClick(view.correct_button, Qt.MouseButton.LeftButton)
    # the correction asks for the rationale once it is missing (not while it is written)
    assert "Vpišite" not in view.difference_label.text()
    view.decision_rationale.clear()
    assert "Vpišite obrazložitev odstopanja" in view.difference_label.text()
