"""QA21: Ctrl+S with nothing changed said »Shranjeno.« (on any screen, a record just
shown or just stored, Roki too), and so did a save of a record typed back to what it was;
the clerk believed something was kept. Now the status bar says »Ni sprememb za
shranjevanje.« and nothing is written (no line in the change log)."""

from __future__ import annotations

from PySide6.QtCore import Qt


def _ctrl_s(qtbot, window):
    window.statusBar().clearMessage()
    qtbot.keyClick(window, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    return window.statusBar().currentMessage()


def _audit_rows(ctx) -> int:
    return ctx.db.execute("select count(*) from audit_log").fetchone()[0]


def test_ctrl_s_on_a_shown_record_says_nothing_changed(qtbot, ctx, shown_window):
    window = shown_window
    assert _ctrl_s(qtbot, window) == "Ni sprememb za shranjevanje."  # Roki
    window.show_screen("carers_view")
    view = window.current_view()
    view.table.setFocus()
    view.table.setCurrentIndex(view.proxy.index(0, 0))
    assert view.current_id() is not None
    before = _audit_rows(ctx)
    assert _ctrl_s(qtbot, window) == "Ni sprememb za shranjevanje."
    assert _audit_rows(ctx) == before


def test_a_record_typed_back_to_what_it_was_is_not_saved(qtbot, ctx, shown_window):
    window = shown_window
    window.show_screen("carers_view")
    view = window.current_view()
    view.table.setCurrentIndex(view.proxy.index(0, 0))
    name = view.name_edit.text()
    view.name_edit.edit.setFocus()
    view.name_edit.edit.end(False)
    qtbot.keyClicks(view.name_edit.edit, "x")
    qtbot.keyClick(view.name_edit.edit, Qt.Key.Key_Backspace)
    assert view.name_edit.text() == name and view.has_unsaved_changes()
    before = _audit_rows(ctx)
    assert _ctrl_s(qtbot, window) == "Ni sprememb za shranjevanje."
    assert _audit_rows(ctx) == before
    assert not view.has_unsaved_changes()


def test_a_changed_record_is_still_saved(qtbot, ctx, shown_window):
    window = shown_window
    window.show_screen("carers_view")
    view = window.current_view()
    view.table.setCurrentIndex(view.proxy.index(0, 0))
    view.name_edit.edit.setFocus()
    view.name_edit.edit.end(False)
    qtbot.keyClicks(view.name_edit.edit, "x")
    before = _audit_rows(ctx)
    assert _ctrl_s(qtbot, window) == "Shranjeno."
    assert _audit_rows(ctx) == before + 1


def test_settings_typed_back_say_nothing_changed(qtbot, ctx):
    from rejnistvo.ui.views.settings_view import SettingsView

    view = SettingsView(ctx)
    qtbot.addWidget(view)
    view.refresh()
    said: list[str] = []
    ctx.bus.status_message.connect(said.append)
    tab = view.general_tab
    days = tab.waiting_days.text()
    tab.waiting_days.setText("99")
    tab.mark()
    tab.waiting_days.setText(days)
    assert view.has_unsaved_changes()
    assert view.save() is True
    assert said[-1] == "Ni sprememb za shranjevanje."
    tab.waiting_days.setText("99")
    tab.mark()
    assert view.save() is True
    assert said[-1] == "Nastavitve so shranjene."


def test_a_centre_typed_back_is_not_saved(qtbot, ctx):
    from rejnistvo.ui.views.settings_view import SettingsView

    view = SettingsView(ctx)
    qtbot.addWidget(view)
    view.refresh()
    tab = view.centres_tab
    tab.centres_table.selectRow(0)
    name = tab.centre_name.text()
    said: list[str] = []
    ctx.bus.status_message.connect(said.append)
    tab.centre_name.setText(name + "x")
    tab._mark_centre()
    tab.centre_name.setText(name)
    before = _audit_rows(ctx)
    assert tab.save_centre() is True
    assert said[-1] == "Ni sprememb za shranjevanje." and _audit_rows(ctx) == before
    assert not view.has_unsaved_changes()
    tab.centre_name.setText(name + " (novo)")
    tab._mark_centre()
    assert tab.save_centre() is True and _audit_rows(ctx) > before
    tab.centre_name.setText(name)  # back to the old name: a change from what is stored
    tab._mark_centre()
    assert tab.save_centre() is True
    assert said[-1] != "Ni sprememb za shranjevanje."


def test_ctrl_n_and_ctrl_f_where_the_screen_has_none_say_so(qtbot, ctx, shown_window):
    window = shown_window
    window.statusBar().clearMessage()
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)  # Roki
    assert window.statusBar().currentMessage() == "Na tem zaslonu ni novega zapisa."
    window.show_screen("payments_view")
    window.statusBar().clearMessage()
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert window.statusBar().currentMessage() == "Ta zaslon nima iskanja."
