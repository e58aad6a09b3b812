"""Datoteka → Varnostna kopija / Preveri bazo / Odpri varnostne kopije, Pomoč → O programu."""

from __future__ import annotations

import re
import sqlite3
from datetime import date
from pathlib import Path

import rejnistvo
from rejnistvo.store import StoreError, list_records, open_db, save_record
from rejnistvo.store.backup import backups_dir
from rejnistvo.ui.main_window import MainWindow


def make_window(qtbot, ctx):
    window = MainWindow(ctx, screens=())  # the menus need no screen
    qtbot.addWidget(window)
    return window


def menu_texts(menu):
    return [a.text() for a in menu.actions() if not a.isSeparator()]


def test_menus_list_the_database_items_and_about(qtbot, ctx):
    window = make_window(qtbot, ctx)
    assert "&Varnostna kopija …" in menu_texts(window.file_menu)
    assert "Preveri &bazo" in menu_texts(window.file_menu)
    assert "&Odpri varnostne kopije" in menu_texts(window.file_menu)
    assert menu_texts(window.file_menu)[-1] == "Iz&hod"
    assert window.help_menu.title() == "&Pomoč"
    assert menu_texts(window.help_menu) == [
        "&Navodila",
        "&Bližnjice na tipkovnici",
        "&O programu",
    ]


def test_backup_writes_a_valid_copy_with_the_same_records(qtbot, ctx, interaction, tmp_path):
    from rejnistvo.clock import FixedClock

    ctx.clock = FixedClock(date(2026, 3, 2))
    window = make_window(qtbot, ctx)
    save_record(ctx.db, "children", {"name": "Živa Golob"})  # the newest change, in the WAL
    out_dir = tmp_path / "usb"
    out_dir.mkdir()
    interaction.answers.append(str(out_dir / "kopija"))  # no suffix: .sqlite3 is added
    window.act_backup.trigger()

    kind, _title, suggested = interaction.asked[0]
    assert kind == "save_path"
    assert Path(suggested).name == "rejnistvo-2026-03-02.sqlite3"  # the window's clock
    out = out_dir / "kopija.sqlite3"
    assert out.exists() and not interaction.errors
    infos = [text for kind, _t, text in interaction.asked if kind == "info"]
    assert len(infos) == 1 and str(out) in infos[0]
    assert str(out) in window.statusBar().currentMessage()

    raw = sqlite3.connect(out)
    assert raw.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    raw.close()
    copy = open_db(out)
    try:
        for entity in ("children", "carers", "placements", "r4_cases"):
            assert list_records(copy, entity) == list_records(ctx.db, entity), entity
    finally:
        copy.close()
    # the next suggestion is in the folder used last time
    interaction.answers.append(None)  # cancelled: nothing happens
    window.act_backup.trigger()
    assert Path(interaction.asked[-1][2]).parent == out_dir


def test_backup_refuses_the_open_database_and_a_missing_folder(qtbot, ctx, interaction, tmp_path):
    window = make_window(qtbot, ctx)
    before = ctx.db_path.read_bytes()[:100]
    interaction.answers.append(str(ctx.db_path))
    window.act_backup.trigger()
    assert "čez odprto bazo" in interaction.errors[-1]
    assert ctx.db_path.read_bytes()[:100] == before
    assert list_records(ctx.db, "children")  # still the live database

    interaction.answers.append(str(tmp_path / "ni" / "kopija.sqlite3"))
    window.act_backup.trigger()
    assert "ne obstaja" in interaction.errors[-1]
    assert not (tmp_path / "ni").exists()


def test_backup_errors_are_short_slovenian_messages(qtbot, ctx, interaction, tmp_path, monkeypatch):
    import rejnistvo.ui.database_menu as database_menu

    window = make_window(qtbot, ctx)
    target = tmp_path / "kopija.sqlite3"

    monkeypatch.setattr(database_menu.os, "access", lambda path, mode: False)
    interaction.answers.append(str(target))
    window.act_backup.trigger()
    assert interaction.errors[-1] == f"V mapo »{tmp_path}« ne morete pisati. Izberite drugo mapo."
    monkeypatch.undo()

    class Usage:
        free = 1000

    monkeypatch.setattr(database_menu.shutil, "disk_usage", lambda path: Usage())
    interaction.answers.append(str(target))
    window.act_backup.trigger()
    assert "ni dovolj prostora" in interaction.errors[-1]
    monkeypatch.undo()

    # the disk fills up while the copy is written: the store's error, said for a copy
    from rejnistvo.store.errors import translate_sqlite_error

    def full(source, out):
        raise translate_sqlite_error(sqlite3.OperationalError("database or disk is full"), out)

    monkeypatch.setattr(database_menu, "backup_to", full)
    interaction.answers.append(str(target))
    window.act_backup.trigger()
    assert interaction.errors[-1].startswith("Na disku z mapo")
    assert "sprememba" not in interaction.errors[-1]

    def other(source, out):
        raise StoreError("Varnostne kopije ni mogoče zapisati: Vhodno-izhodna napaka.")

    monkeypatch.setattr(database_menu, "backup_to", other)
    interaction.answers.append(str(target))
    window.act_backup.trigger()
    assert interaction.errors[-1] == "Varnostne kopije ni mogoče zapisati: Vhodno-izhodna napaka."
    assert not target.exists()
    assert not [kind for kind, _t, _x in interaction.asked if kind == "info"]


def test_check_of_a_healthy_database_runs_with_a_wait_cursor(qtbot, ctx, interaction, monkeypatch):
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    import rejnistvo.ui.database_menu as database_menu

    window = make_window(qtbot, ctx)
    cursors = []
    real_check = database_menu.check_db

    def spied_check(path):
        cursors.append(QApplication.overrideCursor().shape())
        return real_check(path)

    monkeypatch.setattr(database_menu, "check_db", spied_check)
    window.act_check.trigger()
    assert cursors == [Qt.CursorShape.WaitCursor]
    assert QApplication.overrideCursor() is None  # the wait cursor is gone again
    kind, title, text = interaction.asked[0]
    assert (kind, title) == ("info", "Preverjanje baze") and "je v redu" in text
    assert window.statusBar().currentMessage() == "Baza je v redu."


def test_check_reports_a_tampered_audit_row(qtbot, ctx, interaction, db_path, tamper_audit_row):
    tamper_audit_row(db_path)
    window = make_window(qtbot, ctx)
    window.act_check.trigger()
    assert len(interaction.errors) == 1
    text = interaction.errors[0]
    assert "so težave" in text and "vrstica 1" in text and "spremenjena" in text
    assert "težave: " in window.statusBar().currentMessage()


def test_check_shows_at_most_fifteen_problems(qtbot, ctx, interaction, monkeypatch):
    import rejnistvo.ui.database_menu as database_menu

    problems = [f"težava {i}" for i in range(1500)]
    monkeypatch.setattr(database_menu, "check_db", lambda path: problems)
    window = make_window(qtbot, ctx)
    assert len(window.database_menu().check()) == 1500
    text = interaction.errors[0]
    assert "težava 14" in text and "težava 15" not in text and "… (vseh težav: 1.500)" in text
    assert window.statusBar().currentMessage() == "Baza ima težave: 1.500."


def test_open_backups_opens_the_folder_beside_the_database(qtbot, ctx, interaction):
    window = make_window(qtbot, ctx)
    opened = []
    window.database_menu().open_folder = lambda folder: opened.append(folder) or True

    window.act_backups_folder.trigger()  # no backup yet: says so, opens nothing
    assert opened == [] and "še ni" in interaction.asked[-1][2]

    backups_dir(ctx.db_path).mkdir()
    window.act_backups_folder.trigger()
    assert opened == [ctx.db_path.parent / "backups"]

    window.database_menu().open_folder = lambda folder: False
    window.act_backups_folder.trigger()
    assert str(ctx.db_path.parent / "backups") in interaction.errors[-1]


def test_about_names_version_database_schema_law_and_fonts(qtbot, ctx, interaction):
    window = make_window(qtbot, ctx)
    window.act_about.trigger()
    kind, title, text = interaction.asked[-1]
    assert (kind, title) == ("info", "O programu Rejništvo")
    assert f"različica {rejnistvo.__version__}" in text
    assert str(ctx.db_path) in text
    assert re.search(r"Različica sheme baze: [1-9]\d*\n", text)
    assert "m00" not in text  # the steps' names are the developers' words
    assert "Uradni list RS, št. 78/2025" in text and "41/2025" in text and "ZIRD" in text
    assert "DejaVu" in text and "LICENSE-DejaVu.txt" in text
    assert Path(text.rsplit("\n", 1)[-1]).exists()  # the licence file's real path


def test_menu_items_wait_for_the_database(qtbot, ctx, interaction):
    ctx.db = None  # as before the opener ran
    window = make_window(qtbot, ctx)
    assert window.database_menu().backup() is None
    assert window.database_menu().check() is None
    assert window.database_menu().open_backups() is False
    assert interaction.asked == []
    assert "ni odprta" in window.database_menu().about_text()


def _restore_older_copy(db_path):
    """The file as the user restores it: a copy from before the newest change."""
    import shutil

    older = db_path.with_name("starejša.sqlite3")
    with open_db(db_path):
        pass  # this computer records the log's head
    shutil.copyfile(db_path, older)
    with open_db(db_path) as db:
        save_record(db, "children", {"name": "Živa Golob"})
    shutil.copyfile(older, db_path)


def _restored_window(qtbot, qapp, db_path, settings, interaction):
    from rejnistvo.clock import FixedClock
    from rejnistvo.ui.context import AppContext, Bus

    _restore_older_copy(db_path)
    db = open_db(db_path)
    ctx = AppContext(
        db=db,
        db_path=db_path,
        settings=settings,
        interaction=interaction,
        bus=Bus(),
        clock=FixedClock(date(2026, 3, 2)),
    )
    assert any("krajši" in w for w in db.warnings)
    return make_window(qtbot, ctx), db


def test_check_offers_to_accept_a_restored_copy(qtbot, qapp, db_path, settings, interaction):
    window, db = _restored_window(qtbot, qapp, db_path, settings, interaction)
    try:
        interaction.answers.append(True)  # "Ste bazo obnovili sami …?" — Da
        window.act_check.trigger()
        kinds = [kind for kind, _title, _text in interaction.asked]
        assert kinds == ["error", "confirm", "info"], interaction.asked
        assert "krajši" in interaction.asked[0][2]
        assert "obnovljena iz starejše varnostne kopije" in interaction.asked[1][2]
        assert "sprejeta" in interaction.asked[2][2]
        assert window.statusBar().currentMessage() == "Obnovljena baza je sprejeta."
        interaction.asked.clear()
        window.act_check.trigger()  # now the file checks clean
        assert interaction.errors == [] and "je v redu" in interaction.asked[0][2]
    finally:
        db.close()


def test_a_restored_copy_not_accepted_stays_reported(qtbot, qapp, db_path, settings, interaction):
    window, db = _restored_window(qtbot, qapp, db_path, settings, interaction)
    try:
        interaction.answers.append(False)  # "Ne": the user did not restore anything
        window.act_check.trigger()
        assert [kind for kind, _t, _x in interaction.asked] == ["error", "confirm"]
        interaction.asked.clear()
        interaction.answers.append(False)
        window.act_check.trigger()
        assert "krajši" in interaction.errors[0]
    finally:
        db.close()


def test_check_shows_sqlite_integrity_report_in_a_few_lines(qtbot, ctx, interaction, monkeypatch):
    # SQLite's integrity_check of a damaged page is one text of a hundred lines: shown whole,
    # the dialog outgrew a 700 px screen and its button could not be reached.
    import rejnistvo.ui.database_menu as database_menu

    report = "Celovitost: *** in database main ***\n" + "\n".join(
        f"On tree page 13 cell {i}: invalid page number -1" for i in range(90)
    )
    monkeypatch.setattr(database_menu, "check_db", lambda path: [report, "Shema: manjka tabela"])
    window = make_window(qtbot, ctx)
    window.database_menu().check()
    text = interaction.errors[0]
    assert text.count("\n") < 12
    assert "• Celovitost: *** in database main *** On tree page 13 cell 0" in text
    assert "cell 2:" not in text and "(in še 88 vrstic poročila)" in text
    assert "• Shema: manjka tabela" in text


def test_check_of_a_file_it_cannot_read_says_so_not_damage(qtbot, ctx, interaction, monkeypatch):
    """A file another program holds locked (or on a medium it cannot read) was not
    checked: it may be healthy. The window said »V bazi so težave … obvestite skrbnika«
    and offered to accept a restored copy, as for a damaged file."""
    import rejnistvo.ui.database_menu as database_menu
    from rejnistvo.store.connection import CheckProblem

    locked = CheckProblem("Podatkovno zbirko »x« ima zaklenjeno drug program.", "unreadable")
    monkeypatch.setattr(database_menu, "check_db", lambda path: [locked])
    offered = []
    monkeypatch.setattr(
        database_menu.DatabaseMenu, "offer_restored_copy", lambda self: offered.append(1)
    )
    window = make_window(qtbot, ctx)
    assert window.database_menu().check() == [locked]
    assert not interaction.errors and not offered
    kind, title, text = interaction.asked[0]
    assert (kind, title) == ("info", "Preverjanje baze")
    assert "ni bilo mogoče preveriti" in text and "zaklenjeno drug program" in text
    assert "ne pomeni, da je poškodovana" in text and "so težave" not in text
    assert window.statusBar().currentMessage() == "Baze ni bilo mogoče preveriti."
