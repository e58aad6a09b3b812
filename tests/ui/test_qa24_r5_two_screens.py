"""Zvišane oskrbnine in R-5 on two screens: the second save of one case is refused, the
user is told who changed what and asked whether to load it; »Ne« keeps what was typed."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from _fixtures_b import b_db, show_view  # noqa: F401 (fixtures)
from test_r5_flow import AFTER_THE_CALLS, b_ctx, fill_increase, make_view  # noqa: F401

from rejnistvo.store import get_record


@pytest.mark.today(AFTER_THE_CALLS)
def test_a_stale_save_is_refused_and_told_why(qtbot, b_ctx):  # noqa: F811
    first = make_view(qtbot, b_ctx)
    fill_increase(qtbot, first, b_ctx)
    assert first.save() is True
    increase_id = first.increase_id
    second = make_view(qtbot, b_ctx)
    assert second.open_record("r5", increase_id)

    qtbot.keyClicks(second.justified_edit.edit, "800,00")  # typed, not yet saved
    qtbot.keyClicks(first.report_date.edit, "20. 5. 2026")
    assert first.save() is True
    # the second screen, being edited, is not reloaded under the user's hands
    assert second.justified_edit.text() == "800,00"
    b_ctx.interaction.answers.append(False)  # keep what I typed
    assert second.save() is False

    kind, title, text = b_ctx.interaction.asked[-1]
    assert kind == "confirm" and title == "Zvišanje je medtem spremenjeno"
    assert "Naložim shranjeno različico?" in text
    assert second.justified_edit.text() == "800,00"
    report = get_record(b_ctx.db, "r5_reports", first.report_id)
    assert report["report_date"] == date(2026, 5, 20) and report["justified"] is None

    b_ctx.interaction.answers.append(True)  # load the stored case
    assert second.save() is False
    assert second.report_date.value() == date(2026, 5, 20)
    assert second.finding_panel.amount(second.justified_edit) in (None, Decimal("0.00"))
