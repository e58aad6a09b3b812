"""QA26: a child's birth date typed in the future (»1. 5. 2062« for 2016, no EMŠO yet)
was stored on Otroci; now refused beside Datum rojstva, naming the day and today (the
window's clock), what was typed kept."""

from __future__ import annotations

from rejnistvo.ui.views.children_view import ChildrenView


def _children(ctx) -> int:
    return ctx.db.execute("SELECT count(*) FROM children").fetchone()[0]


def test_a_birth_date_after_today_is_refused_beside_the_field(qtbot, ctx):
    view = ChildrenView(ctx)
    qtbot.addWidget(view)
    view.refresh()
    view.new_record()
    qtbot.keyClicks(view.name_edit.edit, "Zan Cuk")
    qtbot.keyClicks(view.birth_edit.edit, "1. 5. 2062")
    view.centre_edit.set_value(ctx.db.execute("SELECT min(id) FROM centres").fetchone()[0], None)
    before = _children(ctx)
    assert view.save() is False
    assert _children(ctx) == before
    reason = view.birth_edit.error_text()
    assert "1. 5. 2062" in reason and "prihodnosti" in reason and "2. 3. 2026" in reason
    assert view.birth_edit.edit.text() == "1. 5. 2062"
    assert view.name_edit.text() == "Zan Cuk"


def test_today_and_earlier_are_kept(qtbot, ctx):
    view = ChildrenView(ctx)
    qtbot.addWidget(view)
    view.refresh()
    view.new_record()
    qtbot.keyClicks(view.name_edit.edit, "Zan Cuk")
    qtbot.keyClicks(view.birth_edit.edit, "2. 3. 2026")  # born on the window's today
    view.centre_edit.set_value(ctx.db.execute("SELECT min(id) FROM centres").fetchone()[0], None)
    assert view.save() is True
