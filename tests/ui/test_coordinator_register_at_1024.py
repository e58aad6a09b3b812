"""Koordinator → Evidenca (čl. 29) at 1024 × 700: its sixteen columns scrolled sideways
and every unit was »Enota …«. Now the register fits (some columns hidden until shown
from the header's menu, the choice kept) and names a unit without the repeated word."""

from __future__ import annotations

from _laptop_window import laptop_window
from PySide6.QtCore import Qt

from rejnistvo.ui.views.coordinator_columns import short_unit
from rejnistvo.ui.views.coordinator_register_columns import SETTING, fitted


def _register(qtbot, ctx):
    window = laptop_window(qtbot, ctx)
    view = window.show_screen("coordinator_view")
    qtbot.waitUntil(lambda: view.subgroup_combo.count() > 0)
    view.tabs.setCurrentIndex(1)
    qtbot.waitUntil(lambda: view.register_model.rowCount() > 0)
    qtbot.wait(50)
    return view


def _column(view, key):
    model = view.register_model
    return next(c for c in range(model.columnCount()) if model.column_key(c) == key)


def test_the_register_fits_1024_without_the_repeated_unit_word(qtbot, ctx):
    view = _register(qtbot, ctx)
    table = view.register_table
    assert table.horizontalHeader().length() <= table.viewport().width()
    assert table.horizontalScrollBar().maximum() == 0
    for key in ("seq", "case_no", "unit", "child", "carer", "received", "decision"):
        assert not table.isColumnHidden(_column(view, key)), key
    for key in ("centre", "members", "returned"):
        assert table.isColumnHidden(_column(view, key)), key
    # the case number and the dates whole: they mean nothing cut
    metrics, header = table.fontMetrics(), table.horizontalHeader()
    for key in ("case_no", "received"):
        column = _column(view, key)
        for row in range(min(view.register_proxy.rowCount(), 30)):
            text = view.register_proxy.index(row, column).data(Qt.ItemDataRole.DisplayRole)
            assert metrics.horizontalAdvance(text or "") < header.sectionSize(column)
    unit = view.register_model.index(0, _column(view, "unit")).data(Qt.ItemDataRole.DisplayRole)
    assert unit and not unit.startswith("Enota")
    assert short_unit("Enota Ljubljana Vič-Rudnik") == "Ljubljana Vič-Rudnik"
    assert short_unit("Zavod Emma") == "Zavod Emma"


def test_a_hidden_column_is_shown_from_the_header_menu_and_kept(qtbot, ctx):
    view = _register(qtbot, ctx)
    table, columns = view.register_table, view.register_columns
    menu = columns.menu()
    members = next(a for a in menu.actions() if a.text() == "Člani komisije")
    assert not members.isChecked()
    members.setChecked(True)
    assert not table.isColumnHidden(_column(view, "members"))
    assert "members" not in str(ctx.settings.value(SETTING)).split(",")
    assert "centre" in str(ctx.settings.value(SETTING)).split(",")


def test_the_decision_gives_way_first_and_takes_the_room_left():
    keys = ["case_no", "child", "decision"]
    assert fitted([100, 100, 300], keys, 400) == [100, 100, 200]
    assert fitted([100, 100, 100], keys, 400) == [100, 100, 200]
