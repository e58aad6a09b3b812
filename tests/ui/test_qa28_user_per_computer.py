"""QA28: the window records every change under the name set on THIS computer
(Nastavitve → Splošno, kept per computer), also when a colleague at another computer
saved another name in the file the two share."""

from __future__ import annotations

from PySide6.QtCore import QSettings

from rejnistvo.store import get_setting, save_record, set_setting
from rejnistvo.store.audit import audit_rows
from rejnistvo.ui.context import AppContext
from rejnistvo.ui.views.settings_view import SettingsView


def test_each_window_logs_the_name_of_its_own_computer(qtbot, ctx, tmp_path):
    set_setting(ctx.db, "user_name", "Ana Žagar")  # what the colleague saved in the file
    ctx.user_name = "Borut Čeh"
    carer = save_record(ctx.db, "carers", {"name": "Zofka Šuštar"})
    assert audit_rows(ctx.db, "carers", carer)[-1]["user_name"] == "Borut Čeh"
    # another computer: its own settings, its own name, the same file
    other = QSettings(str(tmp_path / "other.ini"), QSettings.Format.IniFormat)
    other.setValue("user/name", "Ana Žagar")
    elsewhere = AppContext(db=ctx.db, db_path=ctx.db_path, settings=other, interaction=None)
    save_record(elsewhere.db, "carers", {"id": carer, "address": "Kranj 1"})
    assert audit_rows(ctx.db, "carers", carer)[-1]["user_name"] == "Ana Žagar"


def test_splosno_shows_the_name_of_this_computer(qtbot, ctx):
    set_setting(ctx.db, "user_name", "Ana Žagar")
    ctx.user_name = "Borut Čeh"
    view = SettingsView(ctx)
    qtbot.addWidget(view)
    view.refresh()
    assert view.general_tab.user_edit.text() == "Borut Čeh"


def test_saving_splosno_keeps_the_name_on_this_computer_not_in_the_file(qtbot, ctx):
    set_setting(ctx.db, "user_name", "Ana Žagar")
    view = SettingsView(ctx)
    qtbot.addWidget(view)
    view.refresh()
    tab = view.general_tab
    tab.user_edit.setText("Borut Čeh")
    tab.mark()
    assert view.save() is True
    assert ctx.user_name == "Borut Čeh"
    assert get_setting(ctx.db, "user_name") == "Ana Žagar"  # the colleague's stays hers
    carer = save_record(ctx.db, "carers", {"name": "Zofka Šuštar"})
    assert audit_rows(ctx.db, "carers", carer)[-1]["user_name"] == "Borut Čeh"
