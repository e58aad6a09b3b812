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
    row = view.centres_model.find_row("id", centre_id)
    view.centres_table.selectRow(
        view.centres_proxy.mapFromSource(view.centres_model.index(row, 0)).row()
    )


def select_unit(view, name):
    for row in range(view.units_proxy.rowCount()):
        if view.units_proxy.row_record(row)["name"] == name:
            view.units_table.selectRow(row)
            return view.units_proxy.row_record(row)
    raise AssertionError(name)


def test_models_pass_qtmodeltester(qtbot, qtmodeltester, ctx):
    view = make_view(qtbot, ctx)
    select_centre(view, 1)
    for model in (view.centres_model, view.units_model, view.candidates_model):
        qtmodeltester.check(model)


def test_new_centre_with_subgroup_and_units(qtbot, ctx, interaction):
    view = make_view(qtbot, ctx)
    view.new_centre()
    # empty: each reason beside its field, nothing stored
    assert not view.save_centre()
    assert view.centre_code.error_text() and view.centre_name.error_text()
    assert "podskupino" in view.centre_subgroup_error.text()
    view.centre_code.setText("NOV")
    view.centre_name.setText("Center za socialno delo Novi kraj")
    view.centre_seat.setText("Novi kraj")
    view.centre_subgroup.setCurrentIndex(view.centre_subgroup.findData(5))
    view._mark_centre()
    assert view.has_unsaved_changes()
    assert view.save()  # Ctrl+S saves the centre
    assert not view.has_unsaved_changes()
    centre_id = view._centre_id
    assert get_record(ctx.db, "centres", centre_id)["code"] == "NOV"
    row = view.centres_model.row_record(view.centres_model.find_row("id", centre_id))
    assert row["subgroup_id"] == 5

    view.unit_name.setText("Enota Novi kraj")
    assert view.add_unit()
    view.unit_name.setText("enota novi kraj")
    assert not view.add_unit()  # same name in the same centre: said beside the field
    assert "že obstaja" in view.unit_name.error_text()
    assert view.unit_name.text() == "enota novi kraj"
    assert [u["name"] for u in view.units_model.rows()] == ["Enota Novi kraj"]


def test_duplicate_code_refused_beside_field(qtbot, ctx):
    view = make_view(qtbot, ctx)
    taken = view.centres_model.row_record(0)["code"]
    view.new_centre()
    view.centre_code.setText(taken)
    view.centre_name.setText("Drugi center")
    view.centre_subgroup.setCurrentIndex(1)
    assert not view.save_centre()
    assert "že uporabljena" in view.centre_code.error_text()
    assert view.centre_name.text() == "Drugi center"


def test_rename_centre_and_unit_keeps_ids(qtbot, ctx, interaction):
    view = make_view(qtbot, ctx)
    select_centre(view, 1)
    unit = view.units_model.row_record(0)
    carer = save_record(
        ctx.db, "carers", {"name": "Ana Kos", "centre_id": 1, "unit_id": unit["id"]}
    )
    view.centre_name.setText("Preimenovani center")
    view._mark_centre()
    view.centre_subgroup.setCurrentIndex(view.centre_subgroup.findData(6))
    assert view.save_centre()
    assert get_record(ctx.db, "centres", 1)["name"] == "Preimenovani center"
    assert (
        ctx.db.execute("SELECT subgroup_id FROM subgroup_centres WHERE centre_id = 1").fetchone()[0]
        == 6
    )

    select_unit(view, unit["name"])
    view.unit_name.setText("Enota Preimenovana")
    assert view.rename_unit()
    assert get_record(ctx.db, "carers", carer)["unit_id"] == unit["id"]
    assert any(u["name"] == "Enota Preimenovana" for u in view.units_model.rows())
    assert audit_rows(ctx.db, "units", unit["id"])[-1]["action"] == "update"

    # referenced: refused with a Slovenian message, the unit stays
    select_unit(view, "Enota Preimenovana")
    interaction.answers.append(True)
    assert not view.delete_unit()
    assert "ni mogoče izbrisati" in interaction.errors[-1]
    assert "rejniki: " in interaction.errors[-1]
    assert ctx.db.execute("SELECT 1 FROM units WHERE id = ?", [unit["id"]]).fetchone()


def test_unused_unit_deleted(qtbot, ctx, interaction):
    view = make_view(qtbot, ctx)
    select_centre(view, 2)
    view.unit_name.setText("Začasna enota")
    assert view.add_unit()
    select_unit(view, "Začasna enota")
    interaction.answers.append(True)
    assert view.delete_unit()
    assert all(u["name"] != "Začasna enota" for u in view.units_model.rows())


def test_unsaved_centre_kept_when_user_says_no(qtbot, ctx, interaction):
    view = make_view(qtbot, ctx)
    select_centre(view, 1)
    view.centre_name.setText("Tipkano ime")
    view._mark_centre()
    interaction.answers.append(False)  # do not discard
    select_centre(view, 2)
    assert view._centre_id == 1 and view.centre_name.text() == "Tipkano ime"
    assert view.has_unsaved_changes()


def test_candidate_with_unit(qtbot, ctx):
    view = make_view(qtbot, ctx)
    view.tabs.setCurrentIndex(2)
    subgroup = view.subgroup_combo.currentData()
    centre = view.centres_model.row_record(0)
    unit = centre["units"][0]
    view.cand_name.setText("Nina Novak")
    view.cand_centre.set_value(centre["id"], unit["id"])
    assert view.add_candidate()
    row = next(r for r in view.candidates_model.rows() if r["name"] == "Nina Novak")
    assert row["unit_id"] == unit["id"] and row["unit"] == unit["name"]
    assert get_record(ctx.db, "candidates", row["id"])["subgroup_id"] == subgroup

    # select it, move it to another unit
    for r in range(view.candidates_proxy.rowCount()):
        if view.candidates_proxy.row_record(r)["id"] == row["id"]:
            view.candidates_table.selectRow(r)
    assert view.cand_name.text() == "Nina Novak"
    assert view.cand_centre.value() == (centre["id"], unit["id"])
    other = centre["units"][1]
    view.cand_centre.set_value(centre["id"], other["id"])
    assert view.update_candidate()
    assert get_record(ctx.db, "candidates", row["id"])["unit_id"] == other["id"]

    # a missing name: reason beside the field, nothing added
    count = len(view.candidates_model.rows())
    view.cand_name.setText("")
    assert not view.add_candidate()
    assert view.cand_name.error_text()
    assert len(view.candidates_model.rows()) == count
