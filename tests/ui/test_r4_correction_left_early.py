"""R-4 predlogi: correcting a decided resolution (Popravi sklep …) of a child who left
before the uplift ended. The recorded decision period stays valid (only placed days
count, SPEC 6); it was refused as "outside the placement", so a typo in the rationale
could not be corrected without falsifying the period. A changed period is still checked."""

from __future__ import annotations

from _fixtures_b import b_ctx, b_db  # noqa: F401 (fixtures)
from PySide6.QtCore import Qt
from test_r4_flow import _coordinator_decides, fill_proposal, make_view

from rejnistvo.store import get_record, save_record


def _decided_then_left_early(qtbot, ctx):
    view = make_view(qtbot, ctx)
    fill_proposal(qtbot, view, ctx)  # 1. 4. 2026 – 31. 3. 2027
    view.subgroup_combo.setCurrentIndex(view.subgroup_combo.findData(3))
    assert view.save()
    qtbot.mouseClick(view.send_button, Qt.MouseButton.LeftButton)
    _coordinator_decides(ctx.db, view.case_id)  # ZVIŠA 25 % 1. 4. 2026 – 31. 3. 2027
    placement = get_record(ctx.db, "placements", ctx.db.b_ids["placement"])
    placement["periods"][0]["to_date"] = placement["periods"][0]["from_date"].replace(
        year=2026, month=9, day=30
    )
    save_record(ctx.db, "placements", placement)  # the child left on 30. 9. 2026
    view.load(view.case_id)
    qtbot.mouseClick(view.correct_button, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(view.correction_reason, "Tipkarska napaka v obrazlozitvi.")
    return view


def test_correction_keeps_the_recorded_period_after_an_early_end(qtbot, b_ctx):  # noqa: F811
    view = _decided_then_left_early(qtbot, b_ctx)
    qtbot.keyClicks(view.decision_rationale, "En razlog, zmerno povecan obseg.")
    assert view.save() is True, view.decision_period.error_text()
    stored = get_record(b_ctx.db, "r4_cases", view.case_id)
    assert stored["decision_rationale"].endswith("zmerno povecan obseg.")
    assert str(stored["decision_to"]) == "2027-03-31"


def test_a_corrected_period_must_lie_inside_the_placement(qtbot, b_ctx):  # noqa: F811
    view = _decided_then_left_early(qtbot, b_ctx)
    view.decision_period.end_edit.edit.clear()
    qtbot.keyClicks(view.decision_period.end_edit.edit, "31. 12. 2026")
    assert view.save() is False
    assert "v času namestitve" in view.decision_period.error_text()
