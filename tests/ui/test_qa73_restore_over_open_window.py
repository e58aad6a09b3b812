"""A backup copied over the file while Rejniki has a new carer typed in (QA73): Shrani
used to say »Shranjeno« into the old file's log, which closing the window then wrote
into the restored copy. Now it says the file was replaced, the typing stays (the close
leaving the copy as it was copied: tests/store/test_qa73_restore_over_open.py)."""

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
def restored_ctx(qapp, tmp_path, demo_template, settings, interaction):
    path = tmp_path / "rejnistvo.sqlite3"
    backup_to(demo_template, path)
    copy = backup_to(path, tmp_path / "kopija.sqlite3")  # the backup the IT person restores
    db = open_db(path)
    ctx = AppContext(
        db=db,
        db_path=path,
        settings=settings,
        interaction=interaction,
        bus=Bus(),
        clock=FixedClock(date(2026, 3, 2)),  # the demo template's day (conftest)
    )
    yield ctx, copy
    db.close()


def test_a_save_after_a_backup_was_copied_over_is_refused_and_the_typing_stays(
    qtbot, restored_ctx, interaction
):
    ctx, copy = restored_ctx
    view = CarersView(ctx)
    qtbot.addWidget(view)
    view.refresh()
    view.new_record()
    qtbot.keyClicks(view.name_edit.edit, "Spela Znidarsic")
    qtbot.keyClicks(view.address_edit.edit, "Cesta 1, Kranj")
    view.centre_edit.centre.setCurrentIndex(1)
    shutil.copyfile(copy, ctx.db_path)  # the same inode, as cp or a file manager does

    assert view.save() is False

    said = " ".join(text for _kind, _title, text in interaction.asked)
    assert "zamenjala druga datoteka" in said and "Traceback" not in said
    assert "Zaprite program" in said
    assert view.name_edit.text() == "Spela Znidarsic"
    assert view.address_edit.text() == "Cesta 1, Kranj"
    assert view.has_unsaved_changes()
