"""R-5 editor: an increase that still runs shows the whole period's amount and what was
received by today, not the whole amount as »Prejeto« (QA13)."""

from __future__ import annotations

from _fixtures_b import b_db, show_view  # noqa: F401 (fixtures)
from test_r5_flow import b_ctx, fill_increase, make_view  # noqa: F401 (fixtures)


def test_running_increase_says_what_was_received_by_today(qtbot, b_ctx):  # noqa: F811
    view = make_view(qtbot, b_ctx)
    fill_increase(qtbot, view, b_ctx)  # 1. 1.-30. 6. 2026, today 2. 3. 2026
    text = view.facts_label.text()
    assert "Prejeto zvišanje" not in text
    assert "za vse obdobje: <b>957,00 €</b>" in text
    # January and February (2 × 159,50) and 1 March (5,31: SPEC 3.2, as `calc` says)
    assert "do danes prejeto <b>324,31 €</b>" in text
