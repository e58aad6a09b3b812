"""QA66: Zvišane oskrbnine in R-5 on 4. 1. 2027, a board increase typed for February and
March 2027. The screen showed the R-5 due date and »Zvišanje oskrbnine za vse obdobje:
…« computed for March with the amounts of 1. 3. 2026 and said nothing of the missing
indexation of 1. 3. 2027, which Izračun, Izplačila and `refund` say (SPEC 3.1). It now
says it under the figures, in red; a period before that 1 March says nothing."""

from __future__ import annotations

from datetime import date

from _fixtures_b import b_ctx, b_db, show_view  # noqa: F401 (fixtures)

from rejnistvo.ui.views.r5_view import R5View

INDEXED_2026 = (
    {"valid_from": "2025-11-01", "board": "638.00", "fee": "460.00", "source": "test: 2025"},
    {"valid_from": "2026-03-01", "board": "655.23", "fee": "472.42", "source": "test: 2026"},
)


def _typed(qtbot, ctx, start: str, end: str) -> str:
    view = show_view(qtbot, R5View(ctx))
    view.new_record()
    view.placement_combo.setCurrentIndex(view.placement_combo.findData(ctx.db.b_ids["placement"]))
    view.percent_combo.setCurrentIndex(view.percent_combo.findData(25))
    qtbot.keyClicks(view.period_edit.start_edit.edit, start)
    qtbot.keyClicks(view.period_edit.end_edit.edit, end)
    return view.facts_label.text()


def test_a_period_past_a_missing_indexation_says_so(qtbot, b_ctx, own_rates):  # noqa: F811
    own_rates(b_ctx.db, rates=INDEXED_2026)
    b_ctx.clock.day = date(2027, 1, 4)
    text = _typed(qtbot, b_ctx, "1. 2. 2027", "31. 3. 2027")
    assert "Zvišanje oskrbnine za vse obdobje" in text
    assert "Uskladitev zneskov od 1. 3. 2027 ni vnesena" in text
    assert "marec 2027" in text and "1. 3. 2026" in text


def test_a_period_before_it_says_nothing(qtbot, b_ctx, own_rates):  # noqa: F811
    own_rates(b_ctx.db, rates=INDEXED_2026)
    b_ctx.clock.day = date(2027, 1, 4)
    text = _typed(qtbot, b_ctx, "1. 10. 2026", "28. 2. 2027")
    assert "Rok za poročilo R-5" in text and "Uskladitev" not in text
