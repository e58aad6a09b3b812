"""Backup and restore, end to end: Datoteka → Varnostna kopija, more work, the program
closed, the copy put in place as the README says, the program opened again: the copy's
records, the restore recognised and accepted, `check` clean."""

from __future__ import annotations

import shutil
from datetime import date

from rejnistvo.clock import FixedClock
from rejnistvo.store import check_db, list_records, open_db, save_record
from rejnistvo.ui.bus import Bus
from rejnistvo.ui.context import AppContext
from rejnistvo.ui.main_window import MainWindow


def _window(qtbot, db, db_path, settings, interaction) -> MainWindow:
    ctx = AppContext(
        db=db,
        db_path=db_path,
        settings=settings,
        interaction=interaction,
        bus=Bus(),
        clock=FixedClock(date(2026, 3, 2)),
    )
    window = MainWindow(ctx, screens=())  # the menus need no screen
    qtbot.addWidget(window)
    return window


def _names(db) -> list[str]:
    return sorted(row["name"] for row in list_records(db, "children"))


def test_a_backup_made_from_the_menu_restores_and_is_accepted(
    qtbot, db_path, settings, interaction, tmp_path
):
    db = open_db(db_path)
    window = _window(qtbot, db, db_path, settings, interaction)
    stick = tmp_path / "kljucek"
    stick.mkdir()
    interaction.answers.append(str(stick / "kopija.sqlite3"))
    window.act_backup.trigger()
    copy = stick / "kopija.sqlite3"
    assert copy.exists() and not interaction.errors
    before = _names(db)
    save_record(db, "children", {"name": "Živa Golob"})  # made after the backup
    window.close()
    db.close()

    # README (Obnovljena varnostna kopija): the program closed, the file and its -wal and
    # -shm moved away, the copy put in their place under the file's name
    for suffix in ("", "-wal", "-shm"):
        side = db_path.with_name(db_path.name + suffix)
        if side.exists():
            side.rename(tmp_path / f"stara{suffix}")
    shutil.copyfile(copy, db_path)

    interaction.asked.clear()
    db = open_db(db_path)
    try:
        assert _names(db) == before  # the copy's records; the later child is not there
        assert any("krajši" in w for w in db.warnings)  # the restore is recognised
        window = _window(qtbot, db, db_path, settings, interaction)
        interaction.answers.append(True)  # "Ste bazo obnovili sami …?" — Da
        window.act_check.trigger()
        assert [kind for kind, _t, _x in interaction.asked] == ["error", "confirm", "info"]
    finally:
        db.close()
    assert check_db(db_path) == []
