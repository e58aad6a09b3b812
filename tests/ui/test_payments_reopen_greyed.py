"""Izplačila: Ponovno odpri is greyed, with the reason as its tooltip, on the latest closed
month whose overpayments are settled (QA14: it stayed enabled, its tooltip said it would
reopen, and a click refused); enabled again when nothing settled stands in the way."""

from __future__ import annotations

from _fixtures_b import b_db  # noqa: F401 (fixture)
from PySide6.QtCore import Qt
from test_payments_settle_confirm import overpayment_shown
from test_ui_payments import ready, view  # noqa: F401 (fixture)


def test_reopen_greyed_with_the_reason_once_an_overpayment_is_settled(qtbot, view):  # noqa: F811
    overpayment_shown(qtbot, view)
    assert view.reopen_button.isEnabled()
    assert "Ponovno odpre zaključeni mesec" in view.reopen_button.toolTip()
    view.ctx.interaction.answers.extend(["2026-12", True])
    qtbot.mouseClick(view.settle_button, Qt.MouseButton.LeftButton)
    ready(qtbot, view)
    assert not view.reopen_button.isEnabled()
    tip = view.reopen_button.toolTip()
    assert tip.startswith("Za preplačila, ugotovljena ob zaključku meseca november 2026")
    assert "meseca ni mogoče ponovno odpreti" in tip
