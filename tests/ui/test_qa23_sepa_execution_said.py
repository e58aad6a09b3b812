"""Izplačila → SEPA on a Saturday: the bank file asked to be paid that Saturday and the
clerk was told only where it was saved; now it asks for Monday and the status line says
when the bank pays (found by QA23)."""

from __future__ import annotations

from datetime import date

from _fixtures_b import b_db, show_view  # noqa: F401 (fixtures)
from test_ui_payments import choose, view  # noqa: F401 (fixtures)

from rejnistvo.clock import FixedClock
from rejnistvo.ui.views.payments_actions import export_run


def test_a_saturday_export_is_paid_on_monday_and_says_so(qtbot, view, tmp_path):  # noqa: F811
    choose(qtbot, view, date(2026, 10, 1))
    view.ctx.clock = FixedClock(date(2026, 12, 12))  # a Saturday
    said: list[str] = []
    view.ctx.bus.status_message.connect(said.append)
    view.ctx.interaction.answers.extend([True, str(tmp_path / "s.xml")])  # open: asked
    assert export_run(view, "sepa"), view.ctx.interaction.errors
    assert "<ReqdExctnDt>2026-12-14</ReqdExctnDt>" in (tmp_path / "s.xml").read_text("utf-8")
    # first, before the long path (QA76: at 1024 px the status line cut what came after it)
    assert said[-1].startswith("Banka izplačilo izvrši 14. 12. 2026. Datoteka je shranjena v ")
