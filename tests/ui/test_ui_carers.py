from PySide6.QtCore import Qt

from rejnistvo.store import list_records
from rejnistvo.ui.views.carers_view import CarersView

VALID_EMSO = "0101006500006"  # a valid EMŠO (1. 1. 2006), from stdnum's examples


def make_view(qtbot, ctx):
    view = CarersView(ctx)
    qtbot.addWidget(view)
    view.refresh()
    return view


def test_list_shows_carers_and_filters_without_diacritics(qtbot, ctx):
    view = make_view(qtbot, ctx)
    total = view.proxy.rowCount()
    assert total == len(list_records(ctx.db, "carers")) > 0
    name = view.model.row_record(0)["name"]
    qtbot.keyClicks(view.search, name.split()[0].lower())
    assert 0 < view.proxy.rowCount() <= total
    for row in range(view.proxy.rowCount()):
        assert name.split()[0].lower() in view.proxy.index(row, 0).data().lower()


def test_wrong_emso_is_refused_and_typed_values_stay(qtbot, ctx):
    view = make_view(qtbot, ctx)
    before = len(list_records(ctx.db, "carers"))
    view.new_record()
    qtbot.keyClicks(view.name_edit.edit, "Spela Znidarsic")
    qtbot.keyClicks(view.emso_edit.edit, "0101006500007")  # wrong check digit
    assert view.emso_edit.error_label.isVisibleTo(view)
    assert "kontrolna" in view.emso_edit.error_text().lower()
    qtbot.keyClicks(view.address_edit.edit, "Cesta 1, Kranj")
    assert view.save() is False
    assert len(list_records(ctx.db, "carers")) == before
    assert view.name_edit.text() == "Spela Znidarsic"
    assert view.emso_edit.text() == "0101006500007"
    assert view.address_edit.text() == "Cesta 1, Kranj"
    assert view.has_unsaved_changes()


def test_valid_emso_fills_birth_date_and_saves(qtbot, ctx):
    view = make_view(qtbot, ctx)
    view.new_record()
    qtbot.keyClicks(view.name_edit.edit, "Spela Znidarsic")
    with qtbot.waitSignal(view.emso_edit.birth_date_found):
        qtbot.keyClicks(view.emso_edit.edit, VALID_EMSO)
    assert view.birth_label.text() == "1. 1. 2006"
    assert view.save() is False  # no address, no centre: refused, the fields named
    assert "naslov" in view.address_edit.error_text().lower()
    assert "center" in view.centre_edit.error_text().lower()
    qtbot.keyClicks(view.address_edit.edit, "Cesta 1, Kranj")
    view.centre_edit.centre.setCurrentIndex(1)
    with qtbot.waitSignal(ctx.bus.records_changed):
        assert view.save() is True
    names = [r["name"] for r in list_records(ctx.db, "carers")]
    assert "Spela Znidarsic" in names
    assert not view.has_unsaved_changes()
    assert (
        view.table.selectionModel().currentIndex().data(Qt.ItemDataRole.DisplayRole)
        == "Spela Znidarsic"
    )


def test_carers_and_placements_models_pass_qtmodeltester(qtbot, qtmodeltester, ctx):
    from rejnistvo.ui.views.placements_view import PlacementsView

    view = make_view(qtbot, ctx)
    qtmodeltester.check(view.model)
    view.search.setText("a")
    qtmodeltester.check(view.proxy)
    placements = PlacementsView(ctx)
    qtbot.addWidget(placements)
    placements.refresh()
    qtmodeltester.check(placements.model)


def test_child_birth_date_filled_from_emso_and_mismatch_refused(qtbot, ctx):
    from datetime import date

    from rejnistvo.ui.views.children_view import ChildrenView

    view = ChildrenView(ctx)
    qtbot.addWidget(view)
    view.refresh()
    view.new_record()
    qtbot.keyClicks(view.name_edit.edit, "Nik Novak")
    qtbot.keyClicks(view.emso_edit.edit, VALID_EMSO)
    assert view.birth_edit.value() == date(2006, 1, 1)
    view.birth_edit.setText("2. 1. 2006")
    assert view.save() is False
    assert "EMŠO" in view.birth_edit.error_text()
    view.birth_edit.setText("1. 1. 2006")
    assert view.save() is True
    assert any(r["name"] == "Nik Novak" for r in list_records(ctx.db, "children"))


def test_duplicate_emso_warns_naming_the_other_person(qtbot, ctx):
    other = next(r for r in list_records(ctx.db, "carers") if r.get("emso"))
    view = make_view(qtbot, ctx)
    view.new_record()
    qtbot.keyClicks(view.name_edit.edit, "Druga Oseba")
    qtbot.keyClicks(view.emso_edit.edit, other["emso"])
    qtbot.keyClicks(view.address_edit.edit, "Cesta 2, Kranj")
    view.centre_edit.centre.setCurrentIndex(1)
    ctx.interaction.answers.append(False)  # "save anyway?" → no
    assert view.save() is False
    kind, _title, text = ctx.interaction.asked[-1]
    assert kind == "confirm" and other["name"] in text and other["emso"] in text
    assert view.has_unsaved_changes() and view.name_edit.text() == "Druga Oseba"
    assert not any(r["name"] == "Druga Oseba" for r in list_records(ctx.db, "carers"))


def test_lists_sort_by_surname_and_export_to_documents_asking_before_overwriting(
    qtbot, ctx, tmp_path, monkeypatch
):
    from openpyxl import load_workbook

    from rejnistvo.services.people import surname_key
    from rejnistvo.ui import interaction

    monkeypatch.setattr(interaction, "documents_folder", lambda: tmp_path)
    view = make_view(qtbot, ctx)
    names = [view.model.row_record(r)["name"] for r in range(view.model.rowCount())]
    assert names == sorted(names, key=surname_key)

    target = tmp_path / "rejniki.xlsx"
    ctx.interaction.answers.append(str(target))
    qtbot.mouseClick(view.btn_export, Qt.MouseButton.LeftButton)
    kind, _title, suggested = ctx.interaction.asked[-1]
    assert kind == "save_path" and suggested.startswith(str(tmp_path))  # Documents
    assert suggested.endswith(".xlsx") and "rejniki" in suggested
    sheet = load_workbook(target).active
    assert sheet["A1"].value == "Ime in priimek"
    assert sheet.max_row == view.proxy.rowCount() + 1

    # The same file again: asked first; "no" keeps the old file.
    before = target.read_bytes()
    view.search.setText(names[0].split()[-1])
    ctx.interaction.answers.extend([str(target), False])
    qtbot.mouseClick(view.btn_export, Qt.MouseButton.LeftButton)
    assert (
        ctx.interaction.asked[-1][0] == "confirm" and "že obstaja" in ctx.interaction.asked[-1][2]
    )
    assert target.read_bytes() == before
    # The folder is remembered for this kind of file.
    ctx.interaction.answers.append(None)
    view.exporter.export()
    assert ctx.interaction.asked[-1][2].startswith(str(tmp_path))


def test_ctrl_p_prints_the_list(qtbot, ctx):
    view = make_view(qtbot, ctx)
    view.print_document()
    assert view.exporter.preview is not None
    qtbot.addWidget(view.exporter.preview)
    assert view.exporter.preview.pdf.startswith(b"%PDF")
    assert view.exporter.preview.suggested_name.endswith(".pdf")


def test_os_errors_are_told_in_slovenian(tmp_path):
    import errno

    from rejnistvo.ui.interaction import os_error_text

    assert "ni dovoljeno" in os_error_text(PermissionError(errno.EPERM, "Operation not permitted."))
    assert "prostora" in os_error_text(OSError(errno.ENOSPC, "No space left on device"))
    assert "Operation" not in os_error_text(OSError(9999, "Operation failed"))


def test_a_carer_changed_elsewhere_is_not_overwritten_and_can_be_reloaded(qtbot, ctx):
    from rejnistvo.store import get_record, save_record

    view = make_view(qtbot, ctx)
    record = view.model.row_record(0)
    view.open_record("carer", record["id"])
    # Another screen (or colleague) changes the address meanwhile.
    save_record(ctx.db, "carers", {"id": record["id"], "address": "Nova ulica 5, Celje"})
    view.address_edit.edit.selectAll()
    qtbot.keyClicks(view.address_edit.edit, "Moja ulica 1, Kranj")
    ctx.interaction.answers.append(False)  # don't reload: keep what I typed
    assert view.save() is False
    kind, _title, text = ctx.interaction.asked[-1]
    assert kind == "confirm" and "naslov" in text
    assert view.address_edit.text() == "Moja ulica 1, Kranj"  # nothing typed is lost
    assert get_record(ctx.db, "carers", record["id"])["address"] == "Nova ulica 5, Celje"
    ctx.interaction.answers.append(True)  # now reload
    assert view.save() is False
    assert view.address_edit.text() == "Nova ulica 5, Celje"
    assert not view.has_unsaved_changes()
