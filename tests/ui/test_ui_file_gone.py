"""The USB stick with the file is pulled (its folder goes away) while Rejniki has a new
carer typed in: Shrani says so in Slovenian and what was typed stays on screen."""

from __future__ import annotations

import shutil
from datetime import date

import pytest

from rejnistvo.clock import FixedClock
from rejnistvo.store import open_db
from rejnistvo.store.backup import backup_to
from rejnistvo.ui.bus import Bus
from rejnistvo.ui.context import AppContext
from rejnistvo.ui.views.carers_view import CarersView


@pytest.fixture
def stick_ctx(qapp, tmp_path, demo_template, settings, interaction):
    stick = tmp_path / "kljucek"
    stick.mkdir()
    path = stick / "rejnistvo.sqlite3"
    backup_to(demo_template, path)
    db = open_db(path)
    yield AppContext(
        db=db,
        db_path=path,
        settings=settings,
        interaction=interaction,
        bus=Bus(),
        clock=FixedClock(date(2026, 3, 2)),  # the demo template's day (conftest)
    )
    db.close()


def test_a_save_after_the_stick_was_pulled_is_refused_and_the_typing_stays(
    qtbot, stick_ctx, interaction
):
    view = CarersView(stick_ctx)
    qtbot.addWidget(view)
    view.refresh()
    view.new_record()
    qtbot.keyClicks(view.name_edit.edit, "Spela Znidarsic")
    qtbot.keyClicks(view.address_edit.edit, "Cesta 1, Kranj")
    view.centre_edit.centre.setCurrentIndex(1)
    shutil.rmtree(stick_ctx.db_path.parent)

    assert view.save() is False

    said = " ".join(text for _kind, _title, text in interaction.asked)
    assert "ni več na njenem mestu" in said and "Traceback" not in said
    assert view.name_edit.text() == "Spela Znidarsic"
    assert view.address_edit.text() == "Cesta 1, Kranj"
    assert view.has_unsaved_changes()
