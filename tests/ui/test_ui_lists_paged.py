"""Rejniki, Otroci and Namestitve read their lists in pages (issue 13): a save or a
delete changes its one row without reading the list again, the search texts are the
shown ones, an export holds every row, and the placement's pickers search the store as
one types."""

from __future__ import annotations

from PySide6.QtCore import Qt

from rejnistvo.rules.text import fold
from rejnistvo.store import list_records
from rejnistvo.ui.views.carers_view import CarersView
from rejnistvo.ui.views.children_view import ChildrenView
from rejnistvo.ui.views.placements_view import PlacementsView
from rejnistvo.ui.widgets.list_export import table_snapshot


def shown_view(qtbot, ctx, cls):
    view = cls(ctx)
    qtbot.addWidget(view)
    view.resize(1200, 700)
    view.show()
    qtbot.waitExposed(view)
    # a line edit connects its completer on focus-in: the window must be active
    view.activateWindow()
    qtbot.waitUntil(view.isActiveWindow)
    return view


def no_reload(view, monkeypatch) -> None:
    def refused():
        raise AssertionError("the whole list read again")

    monkeypatch.setattr(view, "load_pages", refused)


def test_every_list_is_paged_and_searches_the_shown_texts(qtbot, ctx):
    for cls in (CarersView, ChildrenView, PlacementsView):
        view = shown_view(qtbot, ctx, cls)
        model = view.model
        assert model.is_paged() and model.rowCount() == len(list_records(ctx.db, view.entity))
        columns = [model.column_index(key) for key in view.search_keys()]
        texts = model.search_texts()
        for row in range(model.rowCount()):
            cells = [model.index(row, c).data(Qt.ItemDataRole.DisplayRole) for c in columns]
            assert texts[row] == fold(" ".join(cells)), (cls.__name__, row)


def test_a_saved_carer_changes_its_row_only(qtbot, ctx, monkeypatch):
    view = shown_view(qtbot, ctx, CarersView)
    record = view.model.row_record(3)
    view.open_record("carer", record["id"])
    no_reload(view, monkeypatch)
    view.name_edit.edit.selectAll()
    qtbot.keyClicks(view.name_edit.edit, "Ana Preimenovana")
    rows = view.model.rowCount()
    assert view.save() is True
    row = view.model.find_row("id", record["id"])
    assert view.model.row_record(row)["name"] == "Ana Preimenovana"
    assert view.model.rowCount() == rows
    current = view.table.selectionModel().currentIndex()
    assert view.proxy.row_record(current.row())["id"] == record["id"]
    # the search finds it by its new name at once
    view.search.setText("preimenovana")
    assert view.proxy.rowCount() == 1
    assert view.proxy.row_record(0)["id"] == record["id"]


def test_a_new_child_is_added_and_a_deleted_one_removed_without_reading_the_list(
    qtbot, ctx, monkeypatch
):
    view = shown_view(qtbot, ctx, ChildrenView)
    rows = view.model.rowCount()
    no_reload(view, monkeypatch)
    view.new_record()
    qtbot.keyClicks(view.name_edit.edit, "Nov Otrokic")
    assert view.save() is True
    assert view.model.rowCount() == rows + 1
    new_id = view.current_id()
    assert view.model.row_record(view.model.find_row("id", new_id))["name"] == "Nov Otrokic"
    assert "zapisov" in view.count_label.text() and str(rows + 1) in view.count_label.text()
    ctx.interaction.answers.append(True)  # yes, delete
    view.delete_current()
    assert view.model.rowCount() == rows and view.model.find_row("id", new_id) < 0
    assert str(rows) in view.count_label.text()


def test_a_saved_placement_changes_its_row_only(qtbot, ctx, monkeypatch):
    view = shown_view(qtbot, ctx, PlacementsView)
    record = view.model.row_record(0)
    view.open_record("placement", record["id"])
    no_reload(view, monkeypatch)
    view.contract_edit.edit.selectAll()
    qtbot.keyClicks(view.contract_edit.edit, "NOVA-77/2026")
    assert view.save() is True
    row = view.model.find_row("id", record["id"])
    assert view.model.row_record(row)["contract_no"] == "NOVA-77/2026"
    assert view.model.row_record(row)["carer_name"] == record["carer_name"]
    view.search.setText("nova-77")
    assert view.proxy.rowCount() == 1


def test_export_of_a_paged_list_holds_every_row_in_the_shown_order(qtbot, ctx):
    view = shown_view(qtbot, ctx, PlacementsView)
    model = view.model
    # pages smaller than the list, so reading it through forgets and reads again
    model.PAGE_BEFORE, model.PAGE_AFTER, model.KEEP_RECORDS = 2, 5, 12
    model._forget_pages()
    assert model.rowCount() > 12
    view.table.sortByColumn(model.column_index("contract_no"), Qt.SortOrder.DescendingOrder)
    table = table_snapshot(view.table, "Namestitve")
    contracts = sorted((r["contract_no"] for r in list_records(ctx.db, "placements")), key=fold)
    assert [row[0] for row in table.rows] == contracts[::-1]
    assert all(row[1] and row[2] for row in table.rows)  # carer and child, every row


def test_the_carer_picker_searches_as_one_types_and_takes_a_choice(qtbot, ctx):
    view = shown_view(qtbot, ctx, PlacementsView)
    carer = next(c for c in list_records(ctx.db, "carers") if c.get("emso"))
    surname = carer["name"].split()[-1]
    picker = view.carer_edit
    view.new_record()
    picker.setFocus()
    qtbot.keyClicks(picker.edit, fold(surname)[:4])  # typed without č, š, ž
    offered = picker.completer.completionModel()
    labels = [offered.index(r, 0).data() for r in range(offered.rowCount())]
    wanted = f"{carer['name']} ({carer['emso']})"
    assert wanted in labels and len(labels) <= 50
    assert picker.completer.popup().isVisible()
    row = labels.index(wanted)
    picker.completer.popup().setCurrentIndex(offered.index(row, 0))
    qtbot.keyClick(picker.completer.popup(), Qt.Key.Key_Return)
    assert picker.text() == wanted and picker.value() == carer["id"]
    assert view.carer_centre.value() == carer["centre_id"]


def test_a_picker_shows_the_stored_choice_and_refuses_a_name_not_on_the_list(qtbot, ctx):
    view = shown_view(qtbot, ctx, PlacementsView)
    record = list_records(ctx.db, "placements")[0]
    view.open_record("placement", record["id"])
    assert view.carer_edit.value() == record["carer_id"]  # without typing anything
    assert view.child_edit.value() == record["child_id"]
    view.carer_edit.edit.setText("Nihče Neobstoječi")
    ok, _value = view.carer_edit.check()
    assert not ok and "s seznama" in view.carer_edit.error_text()
