"""A paged list's search texts are folded after the list is shown (idle slices) or when
the user types first; whatever happens first, the search finds the same rows (č = c)."""

from __future__ import annotations

from PySide6.QtCore import Qt

from rejnistvo.rules.text import fold
from rejnistvo.services.row_pages import RowPages
from rejnistvo.ui.models import Column, FilterProxy, RecordTableModel

NAMES = ["Ana Čuk", "Bor Novak", "Cene Šinkovec", "Darja Žagar", "Ema Kos"]


def _pages(count: int) -> RowPages:
    records = {i: {"id": i, "name": f"{NAMES[i % 5]} {i}"} for i in range(1, count + 1)}
    return RowPages(
        list(records),
        [r["name"] for r in records.values()],
        lambda ids: [dict(records[i]) for i in ids if i in records],
    )


def _proxy(count: int = 5000) -> tuple[RecordTableModel, FilterProxy]:
    model = RecordTableModel([Column("name", "Ime")])
    model.set_search_columns(["name"])
    model.RAW_STEP = 700  # several slices for a few thousand rows
    model.set_pages(_pages(count))
    proxy = FilterProxy()
    proxy.setSourceModel(model)
    return model, proxy


def _expected(text: str, count: int = 5000) -> list[int]:
    words = fold(text).split()
    return [i for i in range(1, count + 1) if all(w in fold(f"{NAMES[i % 5]} {i}") for w in words)]


def _shown_ids(proxy: FilterProxy) -> list[int]:
    return [proxy.row_record(r)["id"] for r in range(proxy.rowCount())]


def test_typing_before_the_idle_slices_finds_the_folded_names(qtbot):
    model, proxy = _proxy()
    assert model._raw_search  # nothing folded yet
    proxy.set_text("CUK")
    # the key folds what it can in ~2 ms; the idle slices the rest, adding their matches
    qtbot.waitUntil(lambda: not proxy.searching(), timeout=5000)
    assert proxy.rowCount() == 1000
    assert all(proxy.row_record(r)["name"].startswith("Ana Čuk") for r in range(10))


def test_the_idle_slices_fold_every_text(qtbot):
    model, proxy = _proxy()
    qtbot.waitUntil(lambda: not model._raw_search, timeout=5000)
    texts = model.search_texts()
    assert texts == [fold(f"{NAMES[i % 5]} {i}") for i in range(1, 5001)]
    proxy.set_text("Žagar 13")
    assert _shown_ids(proxy) == _expected("zagar 13") != []


def test_a_save_or_a_sort_before_the_slices_keeps_the_search_right(qtbot):
    model, proxy = _proxy()
    model.upsert_row({"id": 7, "name": "Žiga Čebašek"})
    model.upsert_row({"id": 9999, "name": "Šime Đurić"})
    assert model._raw_search  # the texts not yet read stay so (they move with their rows)
    proxy.set_text("ziga cebasek")
    assert _shown_ids(proxy) == [7]
    proxy.set_text("sime duric")
    assert _shown_ids(proxy) == [9999]
    proxy.set_text("")

    model, proxy = _proxy()
    proxy.sort(0, Qt.SortOrder.DescendingOrder)
    proxy.set_text("cene sinkovec 12")
    assert sorted(_shown_ids(proxy)) == _expected("cene sinkovec 12") != []
