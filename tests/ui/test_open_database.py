"""Datoteka → Odpri drugo zbirko … / Nova zbirka …, and the file remembered for the next
start (rejnistvo/ui/open_database.py)."""

from __future__ import annotations

import sys
import types
from pathlib import Path

import pytest
from PySide6.QtWidgets import QLabel, QVBoxLayout

from rejnistvo.store import list_records, open_db, save_record
from rejnistvo.ui import app as app_module
from rejnistvo.ui.interaction import Choice
from rejnistvo.ui.main_window import MainWindow
from rejnistvo.ui.open_database import REMEMBERED_KEY
from rejnistvo.ui.views.base import View


class _Editor(View):
    """A screen with an edit not saved yet."""

    def __init__(self, ctx, parent=None) -> None:
        super().__init__(ctx, parent)
        self.unsaved = True
        self.discarded = 0
        QVBoxLayout(self).addWidget(QLabel(str(ctx.db_path), self))

    def title(self) -> str:
        return "Urejevalnik"

    def has_unsaved_changes(self) -> bool:
        return self.unsaved

    def discard(self) -> None:
        self.discarded += 1
        self.unsaved = False


@pytest.fixture
def screens(monkeypatch):
    module = types.ModuleType("rejnistvo.ui.views._open_db_editor")
    module.VIEW_CLASS = _Editor  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, module.__name__, module)
    return (("_open_db_editor", ()),)


@pytest.fixture
def window(qtbot, ctx, screens):
    """The window of the fixture's file; a switch deletes it (deleteLater), so it is
    closed here only while it lives, not by qtbot."""
    import shiboken6

    shown = MainWindow(ctx, screens=screens)
    shown.show()
    qtbot.waitUntil(lambda: shown.current_view() is not None, timeout=3000)
    yield shown
    if shiboken6.isValid(shown):
        view = shown.current_view()
        if view is not None:
            view.unsaved = False
        shown.close()
        shown.deleteLater()


@pytest.fixture
def other(tmp_path):
    """A second database file with a record of its own."""
    path = tmp_path / "drugi" / "centra.sqlite3"
    path.parent.mkdir()
    db = open_db(path)
    save_record(db, "children", {"name": "Drugi Otrok"})
    db.close()
    return path


def _adopt(qtbot, new_window):
    """The test closes the new window and its file."""
    assert new_window is not None
    qtbot.addWidget(new_window)
    return new_window


def _close(new_window) -> None:
    new_window.close()
    if new_window.ctx.db is not None:
        new_window.ctx.db.close()


def test_the_file_menu_offers_another_and_a_new_database(window):
    texts = [a.text() for a in window.file_menu.actions() if not a.isSeparator()]
    assert texts[:2] == ["Odpri &drugo zbirko …", "Nova &zbirka …"]
    assert texts[-1] == "Iz&hod"


def test_open_another_moves_the_window_to_it_and_lets_the_old_file_go(
    qtbot, window, ctx, interaction, other, db_path, settings
):
    window.current_view().unsaved = False
    interaction.answers.append(str(other))
    new = _adopt(qtbot, window.switch_database())
    try:
        assert new.ctx.db_path == other
        assert other.name in new.windowTitle()
        assert new.db_label.text() == f"Baza: {other}"
        assert [c["name"] for c in list_records(new.ctx.db, "children")] == ["Drugi Otrok"]
        assert new.isVisible() and not window.isVisible()
        assert ctx.db is None  # the old context let its file go ...
        open_db(db_path).close()  # ... and its lock: another copy may open it now
        assert settings.value(REMEMBERED_KEY) == str(other)
        assert new.ctx.settings is settings and new.ctx.bus is not ctx.bus
        qtbot.waitUntil(lambda: new.current_view() is not None, timeout=3000)
        assert new.current_view().ctx is new.ctx
        kinds = [kind for kind, *_ in interaction.asked]
        assert kinds == ["open_path"]  # nothing unsaved: no question
    finally:
        _close(new)


def test_the_menu_item_does_it_too(qtbot, window, interaction, other):
    window.current_view().unsaved = False
    interaction.answers.append(str(other))
    window.act_open_db.trigger()
    from PySide6.QtWidgets import QApplication

    news = [
        w
        for w in QApplication.topLevelWidgets()
        if isinstance(w, MainWindow) and w.isVisible() and w is not window
    ]
    assert len(news) == 1 and news[0].ctx.db_path == other
    _close(_adopt(qtbot, news[0]))


@pytest.mark.parametrize("kind", ["not_a_database", "open_elsewhere", "missing", "kept_backup"])
def test_a_refused_file_keeps_the_old_one_open_and_says_why(
    qtbot, window, ctx, interaction, other, settings, kind
):
    window.current_view().unsaved = False
    holder = None
    if kind == "not_a_database":
        other.write_text("to ni zbirka", encoding="utf-8")
        expected = "ni podatkovna zbirka"
    elif kind == "open_elsewhere":
        holder = open_db(other)  # another window holds it
        expected = "že odprta v drugem oknu"
    elif kind == "kept_backup":  # a copy in backups/ is not worked in (QA73)
        from rejnistvo.store.backup import daily_backup

        other = daily_backup(other)
        expected = "je varnostna kopija iz mape »backups«"
    else:
        other.unlink()
        expected = "ne obstaja"
    try:
        interaction.answers.append(str(other))
        assert window.switch_database() is None
    finally:
        if holder is not None:
            holder.close()
    assert len(interaction.errors) == 1
    assert expected in interaction.errors[0]
    assert "Odprta ostaja dosedanja zbirka" in interaction.errors[0]
    assert window.isVisible() and ctx.db is not None
    save_record(ctx.db, "children", {"name": "Še Vedno Tu"})  # the old file works on
    assert settings.value(REMEMBERED_KEY) is None
    if kind == "missing":
        assert not other.exists()  # opening another never creates a file


def test_what_the_opening_says_is_shown_in_the_new_window(qtbot, window, interaction, tmp_path):
    """As at start: the open's warnings once and the restored copy's question (here a
    backup restored beside the crashed file's -wal)."""
    from rejnistvo.store.backup import backup_to

    path = tmp_path / "obnova" / "centra.sqlite3"
    path.parent.mkdir()
    open_db(path).close()
    copy = backup_to(path, tmp_path / "kopija.sqlite3")
    db = open_db(path)
    db.execute("PRAGMA wal_autocheckpoint = 0")
    save_record(db, "children", {"name": "Po Kopiji"})
    wal = path.with_name(path.name + "-wal").read_bytes()
    db.close()
    path.write_bytes(copy.read_bytes())  # restored, the crashed file's -wal beside it
    path.with_name(path.name + "-wal").write_bytes(wal)
    window.current_view().unsaved = False
    interaction.answers.append(str(path))
    new = _adopt(qtbot, window.switch_database())
    try:
        asked = [(kind, title) for kind, title, _text in interaction.asked[1:]]
        assert asked == [
            ("info", "Opozorilo ob odpiranju baze"),  # the -wal set aside, said once
            ("confirm", "Obnovljena varnostna kopija?"),  # the change log is shorter
            ("info", "Obnovljena varnostna kopija?"),  # accepted (the fake says yes)
        ]
        assert "dnevnik zapisovanja" in interaction.asked[1][2]
        assert list_records(new.ctx.db, "children") == []  # the restore holds
    finally:
        _close(new)


def test_the_open_file_itself_is_not_opened_twice(qtbot, window, ctx, interaction, db_path):
    import os

    link = db_path.with_name("drugo-ime.sqlite3")
    os.link(db_path, link)  # a hard link: the same file under another name
    interaction.answers.append(str(link))
    assert window.switch_database() is None
    assert interaction.asked[-1][0] == "info" and "že odprta v tem oknu" in interaction.asked[-1][2]
    assert ctx.db is not None and window.isVisible()


def test_unsaved_edits_are_asked_about_first(qtbot, window, ctx, interaction, other):
    view = window.current_view()
    interaction.answers.extend([str(other), Choice.CANCEL])
    assert window.switch_database() is None  # cancelled: nothing changes
    assert ("save_discard_cancel", "Neshranjene spremembe") == interaction.asked[1][:2]
    assert ctx.db is not None and view.unsaved and view.discarded == 0
    open_db(other).close()  # the other file was never opened (not locked)

    interaction.answers.extend([str(other), Choice.DISCARD])
    new = _adopt(qtbot, window.switch_database())
    try:
        assert view.discarded == 1 and new.ctx.db_path == other
        # the old window closed without asking again
        assert [k for k, *_ in interaction.asked].count("save_discard_cancel") == 2
    finally:
        _close(new)


def test_a_new_database_is_made_empty_beside_and_never_over_a_file(
    qtbot, window, interaction, tmp_path, other, settings
):
    window.current_view().unsaved = False
    before = other.read_bytes()
    interaction.answers.extend([str(other), str(tmp_path / "nova")])  # taken, then free
    new = _adopt(qtbot, window.switch_database(new=True))
    try:
        kinds = [kind for kind, *_ in interaction.asked]
        assert kinds[:3] == ["save_path", "error", "save_path"]
        assert "že obstaja" in interaction.errors[0]
        assert interaction.asked[2][2] == str(other)  # asked again with what was typed
        assert other.read_bytes() == before
        made = tmp_path / "nova.sqlite3"
        assert new.ctx.db_path == made and made.is_file()
        assert list_records(new.ctx.db, "children") == []
        assert new.ctx.db["rates"].exists()  # the schema's steps ran
        assert settings.value(REMEMBERED_KEY) == str(made)
    finally:
        _close(new)


def test_a_new_database_needs_an_existing_folder(qtbot, window, interaction, tmp_path):
    interaction.answers.append(str(tmp_path / "ni" / "je.sqlite3"))
    assert window.switch_database(new=True) is None
    assert "ne obstaja" in interaction.errors[0]
    assert not (tmp_path / "ni").exists()


# -- the next start ------------------------------------------------------------------
@pytest.fixture
def where(tmp_path):
    from rejnistvo.locations import portable_locations

    return portable_locations(tmp_path / "program")


def test_the_remembered_file_opens_at_the_next_start(qapp, where, other):
    db, path = app_module.open_database(None, False, locations=where, remembered=str(other))
    try:
        assert path == other and not db.warnings
        assert not where.database.exists()  # the default file was not made
    finally:
        db.close()


def test_db_on_the_command_line_wins_over_the_remembered_file(qapp, where, other, tmp_path):
    named = tmp_path / "ukazna.sqlite3"
    db, path = app_module.open_database(str(named), False, locations=where, remembered=str(other))
    try:
        assert path == named
    finally:
        db.close()


def test_a_remembered_file_that_is_gone_opens_the_default_and_says_so(qapp, where, tmp_path):
    gone = tmp_path / "omrezje" / "centra.sqlite3"
    db, path = app_module.open_database(None, False, locations=where, remembered=str(gone))
    try:
        assert path == where.database.absolute()
        assert str(gone) in db.warnings[0] and "ni več na njenem mestu" in db.warnings[0]
        assert f"Odprta je privzeta zbirka »{path}«" in db.warnings[0]
    finally:
        db.close()


def test_a_remembered_file_refused_opens_the_default_and_says_why(qapp, where, other):
    holder = open_db(other)
    try:
        db, path = app_module.open_database(None, False, locations=where, remembered=str(other))
    finally:
        holder.close()
    try:
        assert path == where.database.absolute()
        assert "že odprta v drugem oknu" in db.warnings[0] and str(other) in db.warnings[0]
    finally:
        db.close()


def _run_main(monkeypatch, where, db=None):
    """app.main up to its event loop: which file the started window has open."""
    from PySide6.QtWidgets import QApplication

    seen: dict[str, object] = {}

    def exec_once(_app=None):
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, MainWindow) and widget.isVisible():
                seen["path"] = widget.ctx.db_path
                seen["asked"] = list(widget.ctx.interaction.asked)
                widget.close()
        return 0

    _main_without_its_loop(monkeypatch, exec_once)
    assert app_module.main(db=db, locations=where) == 0
    return seen


def _main_without_its_loop(monkeypatch, exec_) -> None:
    """app.main with ``exec_`` for its event loop and nothing of it left for later tests
    (no timers, hooks or translators installed, no real dialogs)."""
    from PySide6.QtWidgets import QApplication

    monkeypatch.setattr(QApplication, "exec", exec_)
    monkeypatch.setattr(app_module.gc, "freeze", lambda: None)
    monkeypatch.setattr(MainWindow, "preload_screens", lambda self, delay_ms=0: None)
    monkeypatch.setattr(app_module, "install_mnemonics", lambda: None)
    monkeypatch.setattr(app_module, "install_ending_signals", lambda: None)
    monkeypatch.setattr(app_module, "install_translators", lambda app, cache_dir=None: [])
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    monkeypatch.setattr(app_module, "DialogsWhenAsked", lambda parent: _Fake())


class _Fake:
    def __init__(self) -> None:
        from rejnistvo.ui.interaction import FakeInteraction

        self._fake = FakeInteraction()
        self.asked = self._fake.asked

    def __getattr__(self, name):
        return getattr(self._fake, name)


def test_the_window_start_reads_the_remembered_file_and_db_wins(
    qapp, qtbot, monkeypatch, where, tmp_path
):
    # the portable folder's audit keys, as main() sets them, before the file is made
    for name in ("REJNISTVO_CONFIG_DIR", "REJNISTVO_CACHE_DIR"):
        monkeypatch.setenv(name, str(where.config))
    other = tmp_path / "drugi.sqlite3"
    open_db(other).close()
    settings = app_module.settings_for(where)
    settings.setValue(REMEMBERED_KEY, str(other))
    settings.sync()
    seen = _run_main(monkeypatch, where)
    assert seen["path"] == other and seen["asked"] == []
    named = tmp_path / "ukazna.sqlite3"
    seen = _run_main(monkeypatch, where, db=str(named))
    assert seen["path"] == named
    settings.setValue(REMEMBERED_KEY, str(tmp_path / "ni-ga.sqlite3"))
    settings.sync()
    seen = _run_main(monkeypatch, where)
    assert seen["path"] == where.database.absolute()
    infos = [text for kind, _title, text in seen["asked"] if kind == "info"]
    assert len(infos) == 1 and "ni-ga.sqlite3" in infos[0]


def test_a_demo_start_leaves_no_temporary_folder_behind(qapp, monkeypatch, where, tmp_path):
    """--demo fills a file in a temporary folder for this run; every demo start used to
    leave one more /tmp/rejnistvo-demo-* (with its backups) behind."""
    import tempfile
    import time

    from PySide6.QtWidgets import QApplication

    for name in ("REJNISTVO_CONFIG_DIR", "REJNISTVO_CACHE_DIR"):
        monkeypatch.setenv(name, str(where.config))
    made: list[str] = []
    real_mkdtemp = tempfile.mkdtemp

    def mkdtemp(prefix=None, **kw):
        made.append(real_mkdtemp(prefix=prefix, dir=tmp_path))
        return made[-1]

    monkeypatch.setattr(tempfile, "mkdtemp", mkdtemp)
    seen: dict[str, object] = {}

    def exec_until_demo_open(_app=None):
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            QApplication.processEvents()
            shown = [
                widget
                for widget in QApplication.topLevelWidgets()
                if isinstance(widget, MainWindow) and widget.isVisible()
            ]
            if shown and shown[0].ctx.db is not None:
                seen["path"] = shown[0].ctx.db_path
                shown[0].close()
                return 0
        return 1

    _main_without_its_loop(monkeypatch, exec_until_demo_open)
    assert app_module.main(demo=True, locations=where) == 0
    assert len(made) == 1 and seen["path"].parent == Path(made[0])
    assert not Path(made[0]).exists()


def test_only_a_demo_folder_is_ever_removed(tmp_path):
    chosen = tmp_path / "moji-podatki"
    chosen.mkdir()
    app_module.remove_demo_folder(chosen)
    assert chosen.exists()
