"""Rejniki, Otroci and Namestitve (issue 13): a new record saved appears where the
list's own order puts it (not at the end until the list is read again), selected and
scrolled to, without reading the list; while a list still reads its search texts the
count says it is still searching, and is final when the texts are all read."""

from __future__ import annotations

import time

from test_ui_lists_paged import no_reload, shown_view

from rejnistvo.services.people import child_pages
from rejnistvo.services.placements import placement_pages
from rejnistvo.services.row_pages import TextsOf
from rejnistvo.ui.views.children_view import ChildrenView
from rejnistvo.ui.views.placements_view import PlacementsView


def test_a_new_child_stands_in_its_sorted_place_selected(qtbot, ctx, monkeypatch):
    view = shown_view(qtbot, ctx, ChildrenView)
    no_reload(view, monkeypatch)
    for name in ("Ana Aaaberg", "Žan Čebašek", "Zala Žužek"):
        view.new_record()
        view.name_edit.edit.setText(name)  # QTest types ASCII only
        view.mark_dirty()
        assert view.save() is True
        new_id = view.current_id()
        row = view.model.find_row("id", new_id)
        # the place a fresh read of the list gives it
        assert row == child_pages(ctx.db).ids.index(new_id), name
        current = view.table.selectionModel().currentIndex()
        assert view.proxy.row_record(current.row())["id"] == new_id
        assert [view.model.row_record(r)["id"] for r in range(view.model.rowCount())] == (
            child_pages(ctx.db).ids
        )


def test_a_new_placement_stands_in_its_sorted_place(qtbot, ctx, monkeypatch):
    from dataclasses import replace

    from rejnistvo.services.placements import get_placement, save_placement

    view = shown_view(qtbot, ctx, PlacementsView)
    old = view.model.row_record(view.model.rowCount() // 2)
    no_reload(view, monkeypatch)
    copy = replace(get_placement(ctx.db, old["id"]), id=None, version=None, contract_no="N-1")
    new_id = save_placement(ctx.db, copy)
    view.show_stored(new_id)  # what a save in the editor shows
    assert view.model.find_row("id", new_id) == placement_pages(ctx.db).ids.index(new_id)


def test_the_count_says_searching_until_the_texts_are_read(qtbot, ctx, monkeypatch):
    # one text a slice, each taking longer than a slice may: a read of 40 slices that
    # cannot end before the keystroke, however fast the machine (0.5 ms of slice read
    # all 40 texts of the test file on a quick one)
    monkeypatch.setattr(TextsOf, "slice_rows", 1)
    read_one = TextsOf.__getitem__

    def slow_read(self, index):
        time.sleep(0.002)
        return read_one(self, index)

    monkeypatch.setattr(TextsOf, "__getitem__", slow_read)
    view = shown_view(qtbot, ctx, ChildrenView)
    total = view.model.rowCount()
    view.search.setText("a")
    assert "iščem" in view.count_label.text()
    qtbot.waitUntil(lambda: "iščem" not in view.count_label.text(), timeout=10000)
    shown = view.proxy.rowCount()
    assert view.count_label.text() == f"{shown} od {total}"
    assert shown == len([t for t in view.model.search_texts() if "a" in t])
