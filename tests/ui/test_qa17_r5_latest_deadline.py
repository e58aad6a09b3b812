"""R-5 editor, »Najpoznejši dopustni rok« (QA17, in a window): the line said »premaknjeno
na delovni dan« after every latest deadline, also when call date + days received was a
working day and nothing had moved (12. 5. 2027, a Wednesday). Now it says so only when the
day fell on a Saturday, Sunday or holiday, and names that day."""

from __future__ import annotations

from _fixtures_b import b_db, show_view  # noqa: F401 (fixtures)
from test_r5_flow import b_ctx, fill_increase, make_view  # noqa: F401 (fixtures)


def _latest_line(qtbot, view, ctx, call: str) -> str:
    fill_increase(qtbot, view, ctx)  # 1. 1.-30. 6. 2026: 181 days received
    qtbot.keyClicks(view.call_date.edit, call)
    view.call_date.edit.editingFinished.emit()
    return view.refund_panel.latest_label.text()


def test_a_latest_deadline_on_a_working_day_is_not_said_to_be_moved(qtbot, b_ctx):  # noqa: F811
    view = make_view(qtbot, b_ctx)
    line = _latest_line(qtbot, view, b_ctx, "10. 7. 2026")  # + 181 = Thu 7. 1. 2027
    assert line.startswith("7. 1. 2027")
    assert "181 dni" in line
    assert "premaknjeno" not in line


def test_a_latest_deadline_on_a_saturday_says_which_day_moved(qtbot, b_ctx):  # noqa: F811
    view = make_view(qtbot, b_ctx)
    line = _latest_line(qtbot, view, b_ctx, "12. 7. 2026")  # + 181 = Sat 9. 1. 2027
    assert line.startswith("11. 1. 2027")
    assert "9. 1. 2027" in line and "premaknjeno na delovni dan" in line
