"""A filter typed while a list still reads its search texts (issue 13: every key, the
first included, within a frame): the key reads no text from the file, shows the
matches among the rows read, and the others' matches come as the idle slices read them;
once complete the result is exactly the full filter's (č/š/ž, case, several words), the
selected row stays selected, a save or a sort meanwhile stays right, and a new record
goes where the list's order puts it."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTableView

from rejnistvo.rules.text import fold
from rejnistvo.services.row_pages import RowPages, TextsOf
from rejnistvo.ui.models import Column, FilterProxy, RecordTableModel
from rejnistvo.ui.widgets.tables import configure_table, make_current_row, record_index

NAMES = ["Ana Čuk", "Bor Novak", "Cene Šinkovec", "Darja Žagar", "Ema Kos", "Đuro Kovač"]
COUNT = 3000


def _name(i: int) -> str:
    return f"{NAMES[i % len(NAMES)]} {i}"


def _order(record: dict) -> tuple:
    return (fold(str(record.get("name") or "")), int(record.get("id") or 0))


class Store:
    """A list's service: ids in name order, texts read a run at a time (counted)."""

    def __init__(self, count: int = COUNT) -> None:
        self.records = {i: {"id": i, "name": _name(i)} for i in range(1, count + 1)}
        self.reads: list[int] = []

    def texts(self, ids):
        self.reads.append(len(ids))
        return {i: self.records[i]["name"] for i in ids if i in self.records}

    def fetch(self, ids):
        return [dict(self.records[i]) for i in ids if i in self.records]

    def pages(self) -> RowPages:
        ids = sorted(self.records, key=lambda i: _order(self.records[i]))
        return RowPages(ids, TextsOf(ids, self.texts), self.fetch)


def _list(qtbot, store: Store | None = None):
    store = store or Store()
    model = RecordTableModel([Column("name", "Ime"), Column("id", "Št.", str)])
    model.set_search_columns(["name"])
    model.set_order_key(_order)
    proxy = FilterProxy()
    proxy.setSourceModel(model)
    table = QTableView()
    qtbot.addWidget(table)
    table.setModel(proxy)
    configure_table(table)
    model.set_pages(store.pages())
    return store, model, proxy, table


def _shown(proxy: FilterProxy) -> list[int]:
    return [proxy.row_record(r)["id"] for r in range(proxy.rowCount())]


def _expected(store: Store, text: str) -> list[int]:
    words = fold(text).split()
    ids = sorted(store.records, key=lambda i: _order(store.records[i]))
    return [i for i in ids if all(w in fold(store.records[i]["name"]) for w in words)]


def _complete(qtbot, proxy: FilterProxy) -> None:
    qtbot.waitUntil(lambda: not proxy.sourceModel().searching(), timeout=10000)


WORDS = ["cuk", "ČUK", "novak 1", "šin", "ŽAGAR 12", "duro kovac", "a", "zz", "ana čuk 29", "2"]


@pytest.mark.parametrize("text", WORDS)
def test_a_key_before_the_texts_are_read_reads_none_and_ends_with_every_match(qtbot, text):
    store, model, proxy, _table = _list(qtbot)
    proxy.set_text(text)
    assert store.reads == []  # the key read nothing from the file
    assert proxy.searching()
    seen = _shown(proxy)
    expected = _expected(store, text)
    _complete(qtbot, proxy)
    assert not proxy.searching()
    assert _shown(proxy) == expected
    assert set(seen) <= set(expected)


def test_typing_on_while_reading_narrows_and_still_finds_every_match(qtbot):
    store, model, proxy, _table = _list(qtbot)
    steps = []
    for typed in ("a", "an", "ana", "ana ", "ana č", "ana ču", "ana čuk 1"):
        proxy.set_text(typed)
        steps.append(_shown(proxy))
        assert _shown(proxy) == sorted(_shown(proxy), key=lambda i: _order(store.records[i]))
        qtbot.wait(20)  # some slices read between keys
    _complete(qtbot, proxy)
    assert _shown(proxy) == _expected(store, "ana čuk 1") != []
    proxy.set_text("")
    assert proxy.rowCount() == COUNT and not proxy.searching()


def test_the_matches_grow_as_the_slices_read_and_the_progress_is_told(qtbot):
    store, model, proxy, _table = _list(qtbot)
    told = []
    proxy.search_progress.connect(lambda: told.append(proxy.rowCount()))
    proxy.set_text("kos")
    first = proxy.rowCount()
    _complete(qtbot, proxy)
    assert told and told[-1] == proxy.rowCount() == len(_expected(store, "kos"))
    assert first < proxy.rowCount()


def test_the_selected_row_stays_selected_while_its_text_is_still_to_come(qtbot):
    store, model, proxy, table = _list(qtbot)
    last = model.rowCount() - 10
    record_id = model.row_record(last)["id"]
    make_current_row(table, record_index(model, proxy, record_id))
    word = fold(store.records[record_id]["name"]).split()[0]
    proxy.set_text(word)
    assert proxy.searching()
    assert proxy.row_record(table.currentIndex().row())["id"] == record_id
    selected = [proxy.row_record(i.row())["id"] for i in table.selectionModel().selectedRows()]
    assert selected == [record_id]
    _complete(qtbot, proxy)
    assert _shown(proxy) == _expected(store, word)  # shown once, in its place
    assert proxy.row_record(table.currentIndex().row())["id"] == record_id


def test_a_save_during_reading_is_found_and_the_result_is_right(qtbot):
    store, model, proxy, _table = _list(qtbot)
    proxy.set_text("žiga")
    # a record renamed in place, late in the list, and a new one
    late = model.row_record(model.rowCount() - 5)["id"]
    store.records[late]["name"] = "Žiga Preimenovan"
    model.upsert_row(dict(store.records[late]))
    store.records[COUNT + 1] = {"id": COUNT + 1, "name": "Žiga Novi"}
    row = model.upsert_row(dict(store.records[COUNT + 1]))
    assert store.reads == []  # neither save read the texts not yet read
    assert model.row_record(row)["id"] == COUNT + 1
    assert COUNT + 1 in _shown(proxy)  # a saved row that matches is shown at once
    proxy.set_text("preimenovan")  # and so for a text typed after the save
    assert _shown(proxy) == [late]
    proxy.set_text("žiga")
    _complete(qtbot, proxy)
    assert _shown(proxy) == _expected(store, "žiga") == [COUNT + 1, late]


def test_a_sort_during_reading_filters_every_row(qtbot):
    store, model, proxy, _table = _list(qtbot)
    proxy.set_text("sinkovec 1")
    proxy.sort(0, Qt.SortOrder.DescendingOrder)
    _complete(qtbot, proxy)
    expected = _expected(store, "sinkovec 1")
    assert sorted(_shown(proxy)) == sorted(expected)
    names = [fold(proxy.row_record(r)["name"]) for r in range(proxy.rowCount())]
    assert names == sorted(names, reverse=True)


def test_a_new_record_goes_into_the_lists_order_without_reading_it(qtbot):
    store, model, proxy, _table = _list(qtbot)
    fetched = []
    fetch = store.fetch
    store.fetch = lambda ids: fetched.extend(ids) or fetch(ids)  # type: ignore[method-assign]
    model.set_pages(store.pages())
    for new_id, name in ((COUNT + 1, "Cene Čebašek"), (COUNT + 2, "Aaa Prvi"), (COUNT + 3, "Žžž")):
        store.records[new_id] = {"id": new_id, "name": name}
        row = model.upsert_row(dict(store.records[new_id]))
        around = range(max(row - 1, 0), min(row + 2, model.rowCount()))
        ids = [model.row_record(r)["id"] for r in around]
        order = sorted(store.records, key=lambda i: _order(store.records[i]))
        at = order.index(new_id)
        assert ids == order[max(at - 1, 0) : at + 2], name
    assert len(fetched) < 3 * 20  # a binary search's rows and their neighbours, not the list
    assert store.reads == []
    _complete(qtbot, proxy)
    proxy.set_text("zzz")
    assert _shown(proxy) == [COUNT + 3]


def test_a_new_record_goes_where_the_sorted_column_puts_it(qtbot):
    store, model, proxy, _table = _list(qtbot)
    model.sort(1, Qt.SortOrder.DescendingOrder)  # by the number, as shown (its text)
    store.records[COUNT + 1] = {"id": COUNT + 1, "name": "Nova"}
    row = model.upsert_row(dict(store.records[COUNT + 1]))
    values = [model.row_record(r)["id"] for r in range(model.rowCount())]
    assert values[row] == COUNT + 1
    assert values == sorted(values, reverse=True)


def test_an_export_while_reading_holds_every_match(qtbot):
    from rejnistvo.ui.widgets.list_export import table_snapshot

    store, model, proxy, table = _list(qtbot)
    proxy.set_text("kovač")
    assert proxy.searching()
    snapshot = table_snapshot(table, "Seznam")
    expected = _expected(store, "kovač")
    assert [int(row[1]) for row in snapshot.rows] == expected
    assert not proxy.searching()


def test_the_search_box_says_iscem_while_the_matches_still_come(qtbot):
    from PySide6.QtWidgets import QLineEdit

    from rejnistvo.ui.widgets.search_state import show_searching

    store, model, proxy, _table = _list(qtbot)
    box = QLineEdit()
    qtbot.addWidget(box)
    box.setClearButtonEnabled(True)
    box.textChanged.connect(proxy.set_text)
    label = show_searching(box, proxy)
    box.resize(300, 30)
    box.show()
    box.setText("kos")
    assert label.isVisible() and label.text() == "iščem …"
    assert box.rect().contains(label.geometry())  # inside the box: nothing laid out again
    qtbot.waitUntil(lambda: not label.isVisible(), timeout=10000)
    assert _shown(proxy) == _expected(store, "kos")
    box.setText("")
    assert not label.isVisible()
