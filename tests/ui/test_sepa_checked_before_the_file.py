"""Izplačila → SPEC: without the centre's name in the settings the clerk first chose where
to save the bank file and was told only then to fill in the settings (found by PKG3)."""

from __future__ import annotations

from datetime import date

from _fixtures_b import b_db, show_view  # noqa: F401 (fixtures)
from test_ui_payments import choose, view  # noqa: F401 (fixtures)

from rejnistvo.ui.views.payments_actions import export_run


def test_a_missing_centre_name_is_said_before_the_file_is_asked_for(qtbot, view):  # noqa: F811
    choose(qtbot, view, date(2026, 10, 1))
    with view.ctx.db.atomic():
        view.ctx.db.execute("DELETE FROM settings WHERE key = 'centre_name'")
    view.ctx.interaction.asked.clear()
    assert export_run(view, "sepa") is False
    asked = [kind for kind, *_ in view.ctx.interaction.asked]
    assert asked == ["error"]  # no file dialog first
    assert "ime centra" in view.ctx.interaction.errors[-1]
