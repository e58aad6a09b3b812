"""Nastavitve → Splošno and Podskupine: general settings (with the centre's name and IBAN
for SEPA), candidate changes export and a new coordinator."""

from __future__ import annotations

from datetime import date

from rejnistvo.services.settings import load_general
from rejnistvo.store import get_setting, list_records
from rejnistvo.ui.views.settings_view import SettingsView


def make_view(qtbot, ctx):
    view = SettingsView(ctx)
    qtbot.addWidget(view)
    view.refresh()
    return view


def test_general_settings_saved_and_checked(qtbot, ctx):
    view = make_view(qtbot, ctx)
    tab = view.general_tab
    tab.user_edit.setText("Mojca Novak")
    tab.mark()
    # The number format is shown and typed in words, never as Python format fields.
    assert tab.number_format.text() == "[podskupina]-[št]/[leto]"
    tab.number_format.setText("[podskupina]/[leto]")
    assert view.save() is False
    assert "[št]" in tab.number_format.error_text() and "{" not in tab.number_format.error_text()
    tab.number_format.setText("SKL [podskupina]-[št]/[leto]")
    tab.waiting_days.setText("45")
    assert view.save() is True
    assert get_setting(ctx.db, "resolution_number_format") == "SKL {subgroup}-{number:03d}/{year}"
    # the name is kept on this computer, not in a file clerks may share (QA28)
    assert get_setting(ctx.db, "user_name") != "Mojca Novak"
    assert get_setting(ctx.db, "waiting_days_threshold") == "45"
    assert ctx.user_name == "Mojca Novak"


def test_centre_name_and_iban_for_sepa(qtbot, ctx):
    view = make_view(qtbot, ctx)
    tab = view.general_tab
    tab.centre_name.edit.clear()
    tab.centre_iban.edit.clear()
    qtbot.keyClicks(tab.centre_name.edit, "CSD Gorenjska")
    qtbot.keyClicks(tab.centre_iban.edit, "SI56 1910 0000 0123 439")  # one digit wrong
    assert view.save() is False
    assert "IBAN" in tab.centre_iban.error_text()
    assert view.tabs.currentWidget() is tab
    assert tab.centre_iban.text() == "SI56 1910 0000 0123 439"
    tab.centre_iban.edit.clear()
    qtbot.keyClicks(tab.centre_iban.edit, "si56 1910 0000 0123 438")
    assert view.save() is True
    assert get_setting(ctx.db, "centre_iban") == "SI56191000000123438"
    assert get_setting(ctx.db, "centre_name") == "CSD Gorenjska"
    assert tab.centre_iban.text() == "SI56 1910 0000 0123 438"
    assert load_general(ctx.db).centre_name == "CSD Gorenjska"


def test_candidate_changes_export_and_new_coordinator(qtbot, ctx, interaction, tmp_path):
    view = make_view(qtbot, ctx)
    tab = view.subgroups_tab
    out = tmp_path / "spremembe.csv"
    tab.changes_since.set_value(date(2000, 1, 1))
    interaction.answers.append(str(out))
    assert tab.export_candidate_changes()
    assert out.read_text(encoding="utf-8-sig").splitlines()[0].startswith("Datum")
    subgroup = tab.subgroup_combo.currentData()
    tab.coord_name.setText("Nova Koordinatorka")
    tab.coord_from.set_value(date(2027, 1, 10))
    assert tab.elect_coordinator()
    coords = list_records(ctx.db, "coordinators", subgroup_id=subgroup)
    new = next(c for c in coords if c["name"] == "Nova Koordinatorka")
    assert new["term_to"] == date(2028, 1, 9)


def test_candidate_added_today_by_the_clock(qtbot, ctx):
    from rejnistvo.clock import FixedClock

    ctx.clock = FixedClock(date(2031, 5, 6))
    view = make_view(qtbot, ctx)
    assert view.subgroups_tab.cand_added.value() == date(2031, 5, 6)


def test_tabs_built_when_first_shown(qtbot, ctx):
    """The first opening builds the tab in front only (issue 13); the others are built
    and read when shown or asked for, and Ctrl+S with unbuilt tabs stores nothing."""
    view = make_view(qtbot, ctx)
    assert list(view._built) == ["rates_tab"]
    assert not view.has_unsaved_changes() and view.save()
    view.tabs.setCurrentIndex(1)  # Centri in enote: built and filled
    assert view.tabs.currentWidget() is view.centres_tab
    assert view.centres_tab.centres_model.rowCount() > 0
    assert view.tabs.tabText(1) == "Centri in enote"
    view.tabs.setCurrentIndex(4)  # the change log is read when it comes to the front
    assert view.tabs.currentWidget() is view.audit_tab and view.audit_tab.model.rowCount() > 0
    assert "general_tab" not in view._built
    assert view.general_tab.user_edit is not None  # asking for a tab builds it
    assert view.tabs.widget(3) is view.general_tab and view.tabs.currentIndex() == 4
