"""Zvišane oskrbnine in R-5: »Poročilo zahtevano do« typed after the due day of čl. 28/3
(a call after the increase ended) showed nothing at all: the caseworker could not tell
that the earlier, legal day still counts, as Roki and the list count it (found by QA24)."""

from __future__ import annotations

from _fixtures_b import b_db, show_view  # noqa: F401 (fixtures)
from test_r5_flow import b_ctx, fill_increase, make_view  # noqa: F401 (fixtures)


def test_a_request_after_the_due_day_says_which_day_counts(qtbot, b_ctx):  # noqa: F811
    view = make_view(qtbot, b_ctx)
    fill_increase(qtbot, view, b_ctx)  # 1. 1.–30. 6. 2026: due 31. 5. 2026
    qtbot.keyClicks(view.increase_panel.requested_date.edit, "15. 7. 2026")
    view.increase_panel.requested_date.edit.editingFinished.emit()
    text = view.facts_label.text()
    assert "Center je poročilo zahteval do 15. 7. 2026" in text
    assert "rok po 28. členu (31. 5. 2026) je zgodnejši in velja" in text
