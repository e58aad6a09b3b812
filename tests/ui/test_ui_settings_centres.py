"""Nastavitve: centres, units and candidates edited in the window."""

from __future__ import annotations

from rejnistvo.store import get_record, save_record
from rejnistvo.store.audit import audit_rows
from rejnistvo.ui.views.settings_view import SettingsView


def make_view(qtbot, ctx):
    view = SettingsView(ctx)
    qtbot.addWidget(view)
    view.refresh()
    view.tabs.setCurrentIndex(1)
    return view


def select_centre(view, centre_id):
    row = view.centres_tab.centres_model.find_row("id", centre_id)
    view.centres_tab.centres_table.selectRow(
        view.centres_tab.centres_proxy.mapFromSource(
            view.centres_tab.centres_model.index(row, 0)
        ).row()
    )


def select_unit(view, name):
    for row in range(view.centres_tab.units_proxy.rowCount()):
        if view.centres_tab.units_proxy.row_record(row)["name"] == name:
            view.centres_tab.units_table.selectRow(row)
            return view.centres_tab.units_proxy.row_record(row)
    raise AssertionError(name)


def test_models_pass_qtmodeltester(qtbot, qtmodeltester, ctx):
    view = make_view(qtbot, ctx)
    select_centre(view, 1)
    for model in (
        view.centres_tab.centres_model,
        view.centres_tab.units_model,
        view.subgroups_tab.candidates_model,
    ):
        qtmodeltester.check(model)


def test_new_centre_with_subgroup_and_units(qtbot, ctx, interaction):
    view = make_view(qtbot, ctx)
    view.centres_tab.new_centre()
    # empty: each reason beside its field, nothing stored
    assert not view.centres_tab.save_centre()
    assert view.centres_tab.centre_code.error_text() and view.centres_tab.centre_name.error_text()
    assert "podskupino" in view.centres_tab.centre_subgroup_error.text()
    view.centres_tab.centre_code.setText("NOV")
    view.centres_tab.centre_name.setText("Center za socialno delo Novi kraj")
    view.centres_tab.centre_seat.setText("Novi kraj")
    view.centres_tab.centre_subgroup.setCurrentIndex(view.centres_tab.centre_subgroup.findData(5))
    view.centres_tab._mark_centre()
    assert view.has_unsaved_changes()
    assert view.save()  # Ctrl+S saves the centre
    assert not view.has_unsaved_changes()
    centre_id = view.centres_tab._centre_id
    assert get_record(ctx.db, "centres", centre_id)["code"] == "NOV"
    row = view.centres_tab.centres_model.row_record(
        view.centres_tab.centres_model.find_row("id", centre_id)
    )
    assert row["subgroup_id"] == 5

    view.centres_tab.unit_name.setText("Enota Novi kraj")
    assert view.centres_tab.add_unit()
    view.centres_tab.unit_name.setText("enota novi kraj")
    assert not view.centres_tab.add_unit()  # same name in the same centre: said beside the field
    assert "že obstaja" in view.centres_tab.unit_name.error_text()
    assert view.centres_tab.unit_name.text() == "enota novi kraj"
    assert [u["name"] for u in view.centres_tab.units_model.rows()] == ["Enota Novi kraj"]


def test_duplicate_code_refused_beside_field(qtbot, ctx):
    view = make_view(qtbot, ctx)
    taken = view.centres_tab.centres_model.row_record(0)["code"]
    view.centres_tab.new_centre()
    view.centres_tab.centre_code.setText(taken)
    view.centres_tab.centre_name.setText("Drugi center")
    view.centres_tab.centre_subgroup.setCurrentIndex(1)
    assert not view.centres_tab.save_centre()
    assert "že uporabljena" in view.centres_tab.centre_code.error_text()
    assert view.centres_tab.centre_name.text() == "Drugi center"


def test_a_name_another_centre_has_is_refused_beside_the_field(qtbot, ctx):
    """Two centres of one name could not be told apart in the pickers and totals: the
    window saved a second »Center za socialno delo Celje« (another code) without a word."""
    view = make_view(qtbot, ctx)
    taken = view.centres_tab.centres_model.row_record(0)
    before = len(ctx.db.execute("SELECT id FROM centres").fetchall())
    view.centres_tab.new_centre()
    view.centres_tab.centre_code.setText("nova_sifra")
    view.centres_tab.centre_name.setText("  " + taken["name"].upper().replace(" ", "  ") + " ")
    view.centres_tab.centre_subgroup.setCurrentIndex(1)
    assert not view.centres_tab.save_centre()
    error = view.centres_tab.centre_name.error_text()
    assert f"»{taken['name']}« že obstaja (šifra »{taken['code']}«)" in error
    assert view.centres_tab.centre_code.text() == "nova_sifra"  # what was typed stays
    assert len(ctx.db.execute("SELECT id FROM centres").fetchall()) == before

    # the centre itself keeps its name when saved again, and a new name is fine
    select_centre(view, taken["id"])
    assert view.centres_tab.save_centre()
    view.centres_tab.new_centre()
    view.centres_tab.centre_code.setText("nova_sifra")
    view.centres_tab.centre_name.setText("Center za socialno delo Nova Šifra")
    view.centres_tab.centre_subgroup.setCurrentIndex(1)
    assert view.centres_tab.save_centre()


def test_rename_centre_and_unit_keeps_ids(qtbot, ctx, interaction):
    view = make_view(qtbot, ctx)
    select_centre(view, 1)
    unit = view.centres_tab.units_model.row_record(0)
    carer = save_record(
        ctx.db, "carers", {"name": "Ana Kos", "centre_id": 1, "unit_id": unit["id"]}
    )
    view.centres_tab.centre_name.setText("Preimenovani center")
    view.centres_tab._mark_centre()
    view.centres_tab.centre_subgroup.setCurrentIndex(view.centres_tab.centre_subgroup.findData(6))
    assert view.centres_tab.save_centre()
    assert get_record(ctx.db, "centres", 1)["name"] == "Preimenovani center"
    assert (
        ctx.db.execute("SELECT subgroup_id FROM subgroup_centres WHERE centre_id = 1").fetchone()[0]
        == 6
    )

    select_unit(view, unit["name"])
    view.centres_tab.unit_name.setText("Enota Preimenovana")
    assert view.centres_tab.rename_unit()
    assert get_record(ctx.db, "carers", carer)["unit_id"] == unit["id"]
    assert any(u["name"] == "Enota Preimenovana" for u in view.centres_tab.units_model.rows())
    assert audit_rows(ctx.db, "units", unit["id"])[-1]["action"] == "update"

    # referenced: refused with a Slovenian message, the unit stays
    select_unit(view, "Enota Preimenovana")
    interaction.answers.append(True)
    assert not view.centres_tab.delete_unit()
    assert "ni mogoče izbrisati" in interaction.errors[-1]
    assert "rejniki: " in interaction.errors[-1]
    assert ctx.db.execute("SELECT 1 FROM units WHERE id = ?", [unit["id"]]).fetchone()


def test_unused_unit_deleted(qtbot, ctx, interaction):
    view = make_view(qtbot, ctx)
    select_centre(view, 2)
    view.centres_tab.unit_name.setText("Začasna enota")
    assert view.centres_tab.add_unit()
    select_unit(view, "Začasna enota")
    interaction.answers.append(True)
    assert view.centres_tab.delete_unit()
    assert all(u["name"] != "Začasna enota" for u in view.centres_tab.units_model.rows())


def test_unsaved_centre_kept_when_user_says_no(qtbot, ctx, interaction):
    view = make_view(qtbot, ctx)
    select_centre(view, 1)
    view.centres_tab.centre_name.setText("Tipkano ime")
    view.centres_tab._mark_centre()
    interaction.answers.append(False)  # do not discard
    select_centre(view, 2)
    assert view.centres_tab._centre_id == 1 and view.centres_tab.centre_name.text() == "Tipkano ime"
    assert view.has_unsaved_changes()


def test_candidate_with_unit(qtbot, ctx):
    view = make_view(qtbot, ctx)
    view.tabs.setCurrentIndex(2)
    subgroup = view.subgroups_tab.subgroup_combo.currentData()
    centre = view.centres_tab.centres_model.row_record(0)
    unit = centre["units"][0]
    view.subgroups_tab.cand_name.setText("Nina Novak")
    view.subgroups_tab.cand_centre.set_value(centre["id"], unit["id"])
    assert view.subgroups_tab.add_candidate()
    row = next(r for r in view.subgroups_tab.candidates_model.rows() if r["name"] == "Nina Novak")
    assert row["unit_id"] == unit["id"] and row["unit"] == unit["name"]
    assert get_record(ctx.db, "candidates", row["id"])["subgroup_id"] == subgroup

    # select it, move it to another unit
    for r in range(view.subgroups_tab.candidates_proxy.rowCount()):
        if view.subgroups_tab.candidates_proxy.row_record(r)["id"] == row["id"]:
            view.subgroups_tab.candidates_table.selectRow(r)
    assert view.subgroups_tab.cand_name.text() == "Nina Novak"
    assert view.subgroups_tab.cand_centre.value() == (centre["id"], unit["id"])
    other = centre["units"][1]
    view.subgroups_tab.cand_centre.set_value(centre["id"], other["id"])
    assert view.subgroups_tab.update_candidate()
    assert get_record(ctx.db, "candidates", row["id"])["unit_id"] == other["id"]

    # a missing name: reason beside the field, nothing added
    count = len(view.subgroups_tab.candidates_model.rows())
    view.subgroups_tab.cand_name.setText("")
    assert not view.subgroups_tab.add_candidate()
    assert view.subgroups_tab.cand_name.error_text()
    assert len(view.subgroups_tab.candidates_model.rows()) == count


def test_candidate_corrected_meanwhile_elsewhere_is_not_overwritten(qtbot, ctx, interaction):
    view = make_view(qtbot, ctx)
    view.tabs.setCurrentIndex(2)
    tab = view.subgroups_tab
    tab.candidates_table.selectRow(0)
    cand = tab.candidates_proxy.row_record(0)
    # another screen (or colleague) corrects the same candidate's name
    save_record(ctx.db, "candidates", {"id": cand["id"], "name": "Popravljeno Ime",
                                       "version": cand["version"]})  # fmt: skip
    tab.cand_name.setText("Moje Ime")
    assert tab.update_candidate() is False
    assert "spremenil" in interaction.errors[-1]
    assert get_record(ctx.db, "candidates", cand["id"])["name"] == "Popravljeno Ime"
    assert tab.cand_name.text() == "Moje Ime"  # what was typed stays


def test_centre_changed_meanwhile_elsewhere_is_not_overwritten(qtbot, ctx, interaction):
    view = make_view(qtbot, ctx)
    tab = view.centres_tab
    select_centre(view, 1)
    shown = get_record(ctx.db, "centres", 1)
    # another screen (or colleague) renames the same centre
    save_record(ctx.db, "centres", {"id": 1, "name": "Drugo ime", "version": shown["version"]})
    tab.centre_seat.setText("Kranj")
    tab._mark_centre()
    interaction.answers.append(False)  # keep what I typed
    assert tab.save_centre() is False
    kind, _title, text = interaction.asked[-1]
    assert kind == "confirm" and "spremenil" in text
    assert get_record(ctx.db, "centres", 1)["name"] == "Drugo ime"  # not overwritten
    assert tab.centre_seat.text() == "Kranj"  # what was typed stays
    interaction.answers.append(True)  # now load the stored centre
    assert tab.save_centre() is False
    assert tab.centre_name.text() == "Drugo ime"
    tab.centre_seat.setText("Kranj")
    tab._mark_centre()
    assert tab.save_centre()  # from the stored version: saved
    stored = get_record(ctx.db, "centres", 1)
    assert (stored["name"], stored["seat"]) == ("Drugo ime", "Kranj")
