"""Zvišane oskrbnine in R-5 while Namestitve ends the placement early (the child left):
the recorded increase keeps its period, the report is saved, the figures follow the
placement; a new or changed period past the placement is still refused at the field."""

from __future__ import annotations

import pytest
from _fixtures_b import b_db, show_view  # noqa: F401 (fixtures)
from test_r5_flow import AFTER_THE_CALLS, b_ctx, fill_increase, make_view  # noqa: F401 (fixtures)

from rejnistvo.store import get_record, list_records
from rejnistvo.ui.views.placements_view import PlacementsView
from rejnistvo.ui.widgets.periods_table import TO


def _end_placement_in_namestitve(qtbot, ctx, last_day: str) -> PlacementsView:
    """Namestitve ends the placement. The caller keeps the screen: qtbot holds it weakly,
    and a shown screen collected in a cycle mid-test crashes Qt."""
    view = show_view(qtbot, PlacementsView(ctx))
    assert view.open_record("placement", ctx.db.b_ids["placement"])
    view.periods.table.item(0, TO).setText(last_day)
    assert view.save() is True
    return view


@pytest.mark.today(AFTER_THE_CALLS)  # its report and finding are days that have come
def test_report_of_an_increase_past_an_early_end_is_saved(qtbot, b_ctx):  # noqa: F811
    r5 = make_view(qtbot, b_ctx)
    fill_increase(qtbot, r5, b_ctx)  # 1. 1. – 30. 6. 2026, placement open
    assert r5.save()
    assert "181 dni" in r5.increase_panel.facts_label.text()
    qtbot.keyClicks(r5.report_date.edit, "20. 5. 2026")  # typing when Namestitve saves

    namestitve = _end_placement_in_namestitve(qtbot, b_ctx, "31. 3. 2026")

    # The figures follow the placement (January to March paid), what was typed stays.
    assert "90 dni" in r5.increase_panel.facts_label.text()
    assert r5.report_date.text() == "20. 5. 2026"
    assert r5.save() is True, b_ctx.interaction.asked
    assert r5.period_edit.error_text() == ""
    stored = list_records(b_ctx.db, "board_increases")[0]
    assert str(stored["to_date"]) == "2026-06-30"
    assert list_records(b_ctx.db, "r5_reports")[0]["report_date"].isoformat() == "2026-05-20"
    assert not namestitve.has_unsaved_changes()


def test_a_changed_period_past_the_placement_is_refused_at_the_field(qtbot, b_ctx):  # noqa: F811
    r5 = make_view(qtbot, b_ctx)
    fill_increase(qtbot, r5, b_ctx)
    assert r5.save()
    increase_id = r5.increase_id
    namestitve = _end_placement_in_namestitve(qtbot, b_ctx, "31. 3. 2026")
    r5.period_edit.end_edit.edit.clear()
    qtbot.keyClicks(r5.period_edit.end_edit.edit, "31. 7. 2026")
    assert r5.save() is False
    assert "v času namestitve" in r5.period_edit.error_text()
    assert r5.period_edit.end_edit.text() == "31. 7. 2026"
    assert str(get_record(b_ctx.db, "board_increases", increase_id)["to_date"]) == "2026-06-30"
    assert not namestitve.has_unsaved_changes()
