"""Zvišane oskrbnine in R-5: »Poročilo zahtevano do« typed a year early (1. 12. 2025 for
an increase from 1. 1. 2026) was stored and the case was an overdue report on Roki;
now refused under the field, what was typed kept (found by QA24)."""

from __future__ import annotations

from _fixtures_b import b_db, show_view  # noqa: F401 (fixtures)
from test_r5_flow import b_ctx, fill_increase, make_view  # noqa: F401 (fixtures)

from rejnistvo.store import list_records


def test_a_request_before_the_increase_is_refused_at_its_field(qtbot, b_ctx):  # noqa: F811
    view = make_view(qtbot, b_ctx)
    fill_increase(qtbot, view, b_ctx)  # from 1. 1. 2026
    qtbot.keyClicks(view.increase_panel.requested_date.edit, "1. 12. 2025")
    assert view.save() is False
    assert "pred začetkom zvišanja oskrbnine (1. 1. 2026)" in (
        view.increase_panel.requested_date.error_text()
    )
    assert view.increase_panel.requested_date.edit.text() == "1. 12. 2025"
    assert list_records(b_ctx.db, "board_increases") == []
