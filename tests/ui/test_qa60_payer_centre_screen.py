"""QA60: Nastavitve → Splošno's centre name (the payer of the SEPA file) had no tie to the
centres of Centri in enote: typed as »CSD Koroska« it went unremarked beside »Center za
socialno delo Koroška«, and a rename on Centri in enote left it as it was. Now the field
offers the centres while typing (Enter there takes the centre, it does not save yet), a
name of none is noted below it with the closest centre, and a rename of the payer's centre
renames the payer, said in the status bar and shown on Splošno."""

from __future__ import annotations

from PySide6.QtCore import Qt

from rejnistvo.store import get_setting, set_setting
from rejnistvo.ui.views.settings_view import SettingsView

KOROSKA = "Center za socialno delo Koroška"


def _view(qtbot, ctx) -> SettingsView:
    set_setting(ctx.db, "centre_name", KOROSKA)
    view = SettingsView(ctx)
    qtbot.addWidget(view)
    view.resize(1024, 700)
    view.show()
    qtbot.waitExposed(view)
    view.refresh()
    return view


def test_a_name_of_no_centre_is_noted_with_the_closest(qtbot, ctx):
    view = _view(qtbot, ctx)
    tab = view.general_tab
    view.tabs.setCurrentWidget(tab)
    assert tab.payer_note.isHidden()
    tab.centre_name.edit.selectAll()
    tab.centre_name.edit.setFocus()
    qtbot.keyClicks(tab.centre_name.edit, "Center za socialno delo Koroska")
    assert tab.payer_note.isHidden()  # not while typing
    tab.centre_name.edit.editingFinished.emit()  # the field left (Tab)
    assert tab.payer_note.isVisible()
    assert f"Ste mislili »{KOROSKA}«?" in tab.payer_note.text()
    assert view.save() is True  # a note, not a refusal: the bank's name may differ
    assert get_setting(ctx.db, "centre_name") == "Center za socialno delo Koroska"
    view.refresh()
    assert tab.payer_note.isVisible()  # still said when the tab is read again


def test_the_centres_are_offered_while_typing_and_enter_takes_one(qtbot, ctx):
    view = _view(qtbot, ctx)
    tab = view.general_tab
    view.tabs.setCurrentWidget(tab)
    edit = tab.centre_name.edit
    completer = edit.completer()
    assert completer.model().rowCount() == 16
    edit.clear()
    edit.setFocus()
    qtbot.keyClicks(edit, "gorenj")
    assert completer.completionCount() == 1
    assert completer.currentCompletion() == "Center za socialno delo Gorenjska"
    popup = completer.popup()
    assert popup.isVisible()
    popup.setCurrentIndex(completer.completionModel().index(0, 0))  # ↓
    qtbot.keyClick(popup, Qt.Key.Key_Return)  # Qt passes it on to the field too
    assert edit.text() == "Center za socialno delo Gorenjska"
    assert tab.dirty and get_setting(ctx.db, "centre_name") == KOROSKA  # not saved yet
    assert tab.payer_note.isHidden()
    qtbot.keyClick(edit, Qt.Key.Key_Return)  # the next Enter saves, as in any field
    assert get_setting(ctx.db, "centre_name") == "Center za socialno delo Gorenjska"


def test_renaming_the_payers_centre_renames_the_payer_on_splosno(qtbot, ctx):
    view = _view(qtbot, ctx)
    said: list[str] = []
    ctx.bus.status_message.connect(said.append)
    general = view.general_tab
    tab = view.centres_tab
    view.tabs.setCurrentWidget(tab)
    row = tab.centres_model.find_row("name", KOROSKA)
    tab.centres_table.setCurrentIndex(
        tab.centres_proxy.mapFromSource(tab.centres_model.index(row, 0))
    )
    tab.centre_name.setText("Center za socialno delo Koroška (Slovenj Gradec)")
    tab._centre_dirty = True
    assert tab.save_centre()
    renamed = "Center za socialno delo Koroška (Slovenj Gradec)"
    assert get_setting(ctx.db, "centre_name") == renamed
    assert said[-1] == f"Center »{renamed}« je shranjen in z njim ime plačnika SEPA (Splošno)."
    assert general.centre_name.text() == renamed
    assert general.payer_note.isHidden()
