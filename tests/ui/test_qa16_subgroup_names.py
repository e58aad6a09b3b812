"""Koordinator's Podskupina box names each subgroup once: the shipped names are
»1. podskupina« … »6. podskupina«, and the box read »1 – 1. podskupina«. A name that does
not start with its number keeps the number in front (»3 – Gorenjska in Goriška«)."""

from __future__ import annotations

from rejnistvo.store import save_record
from rejnistvo.ui.views.coordinator_view import CoordinatorView


def test_a_subgroup_is_named_once(qtbot, ctx):
    save_record(ctx.db, "subgroups", {"id": 3, "name": "Gorenjska in Goriška"})
    view = CoordinatorView(ctx)
    qtbot.addWidget(view)
    view.refresh()
    texts = {
        view.subgroup_combo.itemData(i): view.subgroup_combo.itemText(i)
        for i in range(view.subgroup_combo.count())
    }
    assert texts[1] == "1. podskupina"
    assert texts[3] == "3 – Gorenjska in Goriška"
