"""QA65 (Roki → »Obrok vračila ni plačan« → Enter on demo --scale 300, 1280 × 900): the
case of Manca Jereb put R-5's list above its editor while the cases around it stood side
by side. Its line »Za vračilo: 388,92 € (prejeto pred pozivom 1.714,54 €, rok
15. 1. 2027)« did not wrap, so the refund panel asked for 599 px and the editor for 633,
more than there was beside the list. The line now wraps like the notes under it, and a
longer amount no longer makes the editor wider."""

from __future__ import annotations

from rejnistvo.ui.views.r5_view import R5View

SHORT = "Za vračilo: 4,98 €"
LONG = "Za vračilo: 388,92 € (prejeto pred pozivom 1.714,54 €, rok 15. 1. 2027)"


def test_the_refund_total_does_not_widen_the_editor(qtbot, ctx):
    (increase_id,) = ctx.db.execute("SELECT min(increase_id) FROM refunds").fetchone()
    view = R5View(ctx)
    qtbot.addWidget(view)
    view.resize(1070, 760)
    view.show()
    qtbot.waitExposed(view)
    view.refresh()
    assert view.open_record("r5", increase_id)
    label = view.refund_panel.plan_total_label
    assert label.isVisible()
    label.setText(SHORT)
    qtbot.wait(10)
    short = view.side_by_side.editor_need()
    label.setText(LONG)
    qtbot.wait(10)
    assert view.side_by_side.editor_need() <= short
    assert label.wordWrap()
