"""QA65 (following the manual's »Prvi zagon« as a clerk): Nastavitve → Splošno with
»Vaše ime« and the centre's name and IBAN typed and saved at once were logged in
Dnevnik sprememb under the login name (»root«) — the manual says every change is logged
under the name typed there — and each as »drugo polje: — → CSD Gorenjska«: the log did
not say which setting changed. The save is now logged under the name it saves, and the
settings of Splošno are named as the tab labels them (»ime centra«, »IBAN centra« …)."""

from __future__ import annotations

import json

from rejnistvo.ui.views.audit_log_texts import field_name
from rejnistvo.ui.views.settings_view import SettingsView


def _settings_entries(ctx) -> list[tuple[str, list[str]]]:
    rows = ctx.db.execute(
        "SELECT user_name, after FROM audit_log WHERE table_name = 'settings' ORDER BY id"
    ).fetchall()
    return [(user, list(json.loads(after))) for user, after in rows]


def _view(qtbot, ctx):
    view = SettingsView(ctx)
    qtbot.addWidget(view)
    view.refresh()
    return view


def test_the_first_save_is_logged_under_the_name_it_saves(qtbot, ctx):
    ctx.user_name = "root"
    view = _view(qtbot, ctx)
    tab = view.general_tab
    before = len(_settings_entries(ctx))
    tab.user_edit.setText("Ana Klerk")
    tab.centre_iban.edit.clear()
    qtbot.keyClicks(tab.centre_iban.edit, "SI56 1910 0000 0123 438")
    tab.waiting_days.setText("45")
    tab.mark()
    assert view.save() is True
    entries = _settings_entries(ctx)[before:]
    assert entries and {user for user, _ in entries} == {"Ana Klerk"}


def test_a_refused_save_keeps_the_name_of_before(qtbot, ctx):
    ctx.user_name = "Mojca Novak"
    view = _view(qtbot, ctx)
    tab = view.general_tab
    tab.user_edit.setText("Ana Klerk")
    tab.centre_iban.edit.clear()
    qtbot.keyClicks(tab.centre_iban.edit, "SI56 1910 0000 0123 439")  # one digit wrong
    tab.mark()
    assert view.save() is False
    assert ctx.user_name == "Mojca Novak"
    from rejnistvo.store.audit import acting_user

    assert acting_user(ctx.db) == "Mojca Novak"


def test_the_settings_of_splosno_are_named_in_the_log():
    assert field_name("centre_name") == "ime centra"
    assert field_name("centre_iban") == "IBAN centra"
    assert field_name("waiting_days_threshold") == "R-4 čaka predolgo po (dneh)"
    assert field_name("resolution_number_format") == "oblika številke sklepa"
