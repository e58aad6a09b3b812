"""Nastavitve at 1024 × 700: the centres, candidates and birth-grant tables show all their
columns without scrolling sideways (the long centre names used to push *Sedež*,
*Podskupina*, *Odstranjen* and *Vir* out of view); a long name is shortened in the middle,
so that »Center za socialno delo« names stay told apart, and is whole in the tooltip."""

from __future__ import annotations

from PySide6.QtCore import Qt

from rejnistvo.store import save_record
from rejnistvo.ui.views.settings_view import SettingsView

#: the page beside the screen list in a 1024 px window
PAGE_AT_1024 = (820, 660)


def shown_at_1024(qtbot, ctx, tab: int) -> SettingsView:
    view = SettingsView(ctx)
    qtbot.addWidget(view)
    view.resize(*PAGE_AT_1024)
    view.show()
    qtbot.waitExposed(view)
    view.refresh()
    view.tabs.setCurrentIndex(tab)
    qtbot.wait(20)  # the tab's layout
    return view


def all_columns_in_view(table) -> bool:
    header = table.horizontalHeader()
    return 0 < header.length() <= table.viewport().width()


def test_centres_table_shows_its_last_columns(qtbot, ctx):
    view = shown_at_1024(qtbot, ctx, 1)
    table = view.centres_tab.centres_table
    assert all_columns_in_view(table)
    assert table.textElideMode() == Qt.TextElideMode.ElideMiddle
    model = view.centres_tab.centres_proxy
    names = [model.index(r, 1).data(Qt.ItemDataRole.ToolTipRole) for r in range(model.rowCount())]
    assert "Center za socialno delo Osrednja Slovenija – vzhod" in names


def test_candidates_table_shows_its_last_columns(qtbot, ctx):
    db = ctx.db
    centre = db.execute("SELECT id FROM centres WHERE code = 'osrednja_vzhod'").fetchone()[0]
    unit = db.execute("SELECT id FROM units WHERE centre_id = ?", [centre]).fetchone()[0]
    save_record(
        db,
        "candidates",
        {
            "subgroup_id": 1,
            "name": "Marjetka Kovačič Novak",
            "centre_id": centre,
            "unit_id": unit,
            "added_on": "2024-01-24",
            "removed_on": "2026-09-08",
        },
    )
    view = shown_at_1024(qtbot, ctx, 2)
    view.subgroups_tab.refresh()
    table = view.subgroups_tab.candidates_table
    assert view.subgroups_tab.candidates_proxy.rowCount() >= 1
    assert all_columns_in_view(table)


def test_birth_grants_table_shows_its_source(qtbot, ctx):
    view = shown_at_1024(qtbot, ctx, 0)
    table = view.rates_tab.grants.table
    assert all_columns_in_view(table)
