"""Izplačila → Preplačila: once every overpayment of the month was settled, *Vpiši
poravnavo izbranih preplačil …* stayed enabled and answered a click with »Izbrana
preplačila so že poravnana« (QA59, as a clerk). It is greyed, and its tooltip says why."""

from __future__ import annotations

from _fixtures_b import b_db  # noqa: F401 (fixture)
from PySide6.QtCore import Qt
from test_payments_settle_confirm import overpayment_shown
from test_ui_payments import ready, rows, view  # noqa: F401 (fixture)


def test_nothing_left_to_settle_greys_the_button(qtbot, view):  # noqa: F811
    overpayment_shown(qtbot, view)
    assert view.settle_button.isEnabled()
    view.ctx.interaction.answers.extend(["2026-12", True])
    qtbot.mouseClick(view.settle_button, Qt.MouseButton.LeftButton)
    ready(qtbot, view)
    assert all(record["settled"] for record in rows(view.over_model))
    assert not view.settle_button.isEnabled()
    assert view.settle_button.toolTip().startswith("Vsa preplačila tega meseca so poravnana")
