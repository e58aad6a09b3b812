"""EMŠO's "birth date not in the future" is judged against the window's clock (tests pin
it), never the machine's: the editor's field and the children's birth-date check."""

from __future__ import annotations

from datetime import date

from rejnistvo.clock import FixedClock
from rejnistvo.ui.views.carers_view import CarersView
from rejnistvo.ui.views.children_view import ChildrenView

BORN_JUNE_2026 = "0106026500004"  # 1. 6. 2026
BORN_2035 = "0101035500007"  # 1. 1. 2035


def test_the_field_refuses_a_birth_after_the_windows_day(qtbot, ctx):
    ctx.clock = FixedClock(date(2026, 3, 2))  # before the birth, whatever the machine says
    view = CarersView(ctx)
    qtbot.addWidget(view)
    view.new_record()
    qtbot.keyClicks(view.emso_edit.edit, BORN_JUNE_2026)
    assert "prihodnosti" in view.emso_edit.error_text()
    assert view.emso_edit.text() == BORN_JUNE_2026  # what was typed stays


def test_the_field_accepts_a_birth_before_the_windows_day(qtbot, ctx):
    ctx.clock = FixedClock(date(2040, 1, 1))  # a what-if day after the birth
    view = ChildrenView(ctx)
    qtbot.addWidget(view)
    view.refresh()
    view.new_record()
    qtbot.keyClicks(view.name_edit.edit, "Nik Novak")
    qtbot.keyClicks(view.emso_edit.edit, BORN_2035)
    assert view.emso_edit.error_text() == ""
    assert view.birth_edit.value() == date(2035, 1, 1)
