"""R-4 and R-5 on a new file: saving without a placement said »Izberite namestitev«,
but there was none to choose; it now says to enter one under Namestitve first. And a
typed text the picker did not take says under the field why (several or none match)."""

from __future__ import annotations

from datetime import date

import pytest
from _fixtures_b import b_ctx, b_db, show_view  # noqa: F401 (fixtures)
from PySide6.QtCore import QSettings

from rejnistvo.clock import FixedClock
from rejnistvo.ui.bus import Bus
from rejnistvo.ui.context import AppContext
from rejnistvo.ui.interaction import FakeInteraction
from rejnistvo.ui.views.r4_view import R4View
from rejnistvo.ui.views.r5_view import R5View


@pytest.fixture
def empty_ctx(qapp, tmp_path, own_rates):  # type: ignore[no-untyped-def]
    from rejnistvo.store import open_db

    db = open_db(tmp_path / "new.sqlite3")
    own_rates(db)
    yield AppContext(
        db=db,
        db_path=tmp_path / "new.sqlite3",
        settings=QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat),
        interaction=FakeInteraction(),
        bus=Bus(),
        clock=FixedClock(date(2026, 3, 2)),
    )
    db.close()


@pytest.mark.parametrize("screen", [R4View, R5View])
def test_a_new_file_says_where_a_placement_is_entered(qtbot, empty_ctx, screen) -> None:  # type: ignore[no-untyped-def]
    view = show_view(qtbot, screen(empty_ctx))
    assert view.save() is False
    said = view.placement_error.text()
    assert "najprej jo vnesite na zaslonu Namestitve" in said, said


def test_a_file_with_placements_still_says_choose_one(qtbot, b_ctx) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    view = show_view(qtbot, R4View(b_ctx))
    assert view.save() is False
    assert view.placement_error.text() == "Izberite namestitev (otrok in rejnik)."


def test_a_typed_text_not_taken_is_explained_under_the_field(qtbot, b_ctx) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    view = show_view(qtbot, R4View(b_ctx))
    view.activateWindow()
    qtbot.waitUntil(view.isActiveWindow)
    combo = view.placement_combo
    combo.setFocus()
    qtbot.waitUntil(combo.hasFocus)
    qtbot.keyClicks(combo.lineEdit(), "zzz")
    view.save_button.setFocus()
    qtbot.waitUntil(lambda: view.placement_error.text() != "")
    assert "»zzz« ne ustreza nobeni namestitvi" in view.placement_error.text()
    assert combo.lineEdit().text() == "zzz"
    assert view.save() is False  # nothing chosen: nothing stored, the reason stays
    assert "»zzz« ne ustreza nobeni namestitvi" in view.placement_error.text()


def test_a_pending_text_over_a_chosen_placement_refuses_the_save(qtbot, b_ctx) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    """The box shows »zzz«, not the placement: Shrani does not save the old one beside
    the other edits as if the text were not there."""
    from test_r4_flow import fill_proposal

    view = show_view(qtbot, R4View(b_ctx))
    fill_proposal(qtbot, view, b_ctx)
    view.activateWindow()
    qtbot.waitUntil(view.isActiveWindow)
    combo = view.placement_combo
    assert combo.currentData() == b_ctx.db.b_ids["placement"]
    combo.setFocus()
    qtbot.waitUntil(combo.hasFocus)
    combo.lineEdit().selectAll()
    qtbot.keyClicks(combo.lineEdit(), "zzz")
    view.save_button.setFocus()
    qtbot.waitUntil(lambda: combo.pending_text() != "")
    assert view.save() is False
    assert "»zzz« ne ustreza nobeni namestitvi" in view.placement_error.text()
    assert combo.lineEdit().text() == "zzz"
