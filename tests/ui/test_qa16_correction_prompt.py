"""Popravi sklep …: a decision that departs from the rule asks »Vpišite obrazložitev
odstopanja.« only while no rationale is written; with the resolution's rationale in the
box it kept asking for one, as if it were missing."""

from __future__ import annotations

from _fixtures_b import b_ctx, b_db  # noqa: F401 (fixtures)
from PySide6.QtCore import Qt
from test_r4_flow import _coordinator_decides, fill_proposal, make_view

ASK = "Vpišite obrazložitev odstopanja."


def test_the_rationale_is_asked_for_only_while_missing(qtbot, b_ctx):  # noqa: F811
    view = make_view(qtbot, b_ctx)
    fill_proposal(qtbot, view, b_ctx)  # the rule: 25 %
    view.subgroup_combo.setCurrentIndex(view.subgroup_combo.findData(3))
    assert view.save()
    qtbot.mouseClick(view.send_button, Qt.MouseButton.LeftButton)
    _coordinator_decides(b_ctx.db, view.case_id, percent=50, rationale="Močno povečan obseg.")
    view.load(view.case_id)
    qtbot.mouseClick(view.correct_button, Qt.MouseButton.LeftButton)
    assert view.difference_label.isVisibleTo(view)
    assert "se razlikuje" in view.difference_label.text()
    assert ASK not in view.difference_label.text()
    view.decision_rationale.clear()
    assert ASK in view.difference_label.text()
    qtbot.keyClicks(view.decision_rationale, "Obrazlozitev.")  # QTest types no ž
    assert ASK not in view.difference_label.text()
