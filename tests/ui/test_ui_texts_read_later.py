"""A list whose search texts are read from the file when folded (``row_pages.TextsOf``):
the idle slices read one chunk per step (not the list's 2,000), and a search typed
before they are done finds every matching row (č = c)."""

from __future__ import annotations

from rejnistvo.rules.text import fold
from rejnistvo.services.row_pages import CHUNK, RowPages, TextsOf
from rejnistvo.ui.models import Column, FilterProxy, RecordTableModel

NAMES = ["Ana Čuk", "Bor Novak", "Cene Šinkovec", "Darja Žagar", "Ema Kos"]


def _model(count: int, reads: list[int]) -> tuple[RecordTableModel, FilterProxy]:
    records = {i: {"id": i, "name": f"{NAMES[i % 5]} {i}"} for i in range(1, count + 1)}

    def read(ids):
        reads.append(len(ids))
        return {i: records[i]["name"] for i in ids if i in records}  # as a service

    ids = list(records)
    model = RecordTableModel([Column("name", "Ime")])
    model.set_search_columns(["name"])
    model.set_pages(RowPages(ids, TextsOf(ids, read), lambda w: [dict(records[i]) for i in w]))
    proxy = FilterProxy()
    proxy.setSourceModel(model)
    return model, proxy


def test_idle_slices_read_one_chunk_a_step(qtbot):
    reads: list[int] = []
    model, _proxy = _model(5 * CHUNK, reads)
    assert reads == []  # nothing read before the list is shown and idle
    steps: list[int] = []
    fill = model._fill_search

    def spied(end: int) -> None:
        steps.append(end - model._search_done)
        fill(end)

    model._fill_search = spied  # type: ignore[method-assign]
    qtbot.waitUntil(lambda: sum(reads) == 5 * CHUNK, timeout=5000)
    assert max(reads) <= CHUNK
    assert steps and max(steps) == TextsOf.slice_rows  # one read, not the list's 2,000
    assert model.search_texts()[0] == fold(f"{NAMES[1]} 1")


def test_a_search_before_the_texts_are_read_finds_every_row(qtbot):
    reads: list[int] = []
    count = 3 * CHUNK
    _model_, proxy = _model(count, reads)
    proxy.set_text("cuk")  # at once: nothing folded yet
    assert reads == []  # the key reads no text from the file: the matches come with them
    assert proxy.searching()
    qtbot.waitUntil(lambda: not proxy.searching(), timeout=5000)
    shown = [proxy.row_record(r)["id"] for r in range(proxy.rowCount())]
    assert shown == [i for i in range(1, count + 1) if i % 5 == 0]
    assert sum(reads) == count


def test_a_save_before_the_texts_are_read_reads_none_and_is_found(qtbot):
    reads: list[int] = []
    count = 3 * CHUNK
    model, proxy = _model(count, reads)
    model.upsert_row({"id": 7, "name": "Žiga Preimenovan 7"})  # a save in place
    assert reads == []  # the save read no search text
    model.upsert_row({"id": count + 1, "name": "Nova Oseba"})  # a new row: none read either,
    assert reads == []  # the texts not yet read move with their rows
    proxy.set_text("ziga preimenovan")
    qtbot.waitUntil(lambda: not proxy.searching(), timeout=5000)
    assert [proxy.row_record(r)["id"] for r in range(proxy.rowCount())] == [7]
