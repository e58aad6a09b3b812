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
