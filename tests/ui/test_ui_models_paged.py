"""A paged list (set_pages): ids and search texts at once, records read a page at a time."""

from PySide6.QtCore import Qt

from rejnistvo.services.row_pages import RowPages
from rejnistvo.ui.models import SORT_ROLE, Column, FilterProxy, RecordTableModel

NAMES = ["Čebašek Žiga", "Novak Ana", "Šinkovec Maša", "Kos Peter", "Đurić Ivan"]


def records(count: int) -> dict[int, dict]:
    return {
        i: {"id": i, "name": f"{NAMES[i % 5]} {i}", "no": f"R-{i:05d}"} for i in range(1, count + 1)
    }


class Reader:
    def __init__(self, store: dict[int, dict]) -> None:
        self.store = store
        self.asked: list[int] = []

    def __call__(self, ids):
        self.asked.extend(ids)
        return [dict(self.store[i]) for i in ids if i in self.store]

    def pages(self) -> RowPages:
        ids = sorted(self.store)
        return RowPages(ids, [f"{self.store[i]['name']} {self.store[i]['no']}" for i in ids], self)


def make(count: int = 5000):
    reader = Reader(records(count))
    model = RecordTableModel([Column("name", "Ime"), Column("no", "Številka")])
    model.set_search_columns(["name", "no"])
    model.set_pages(reader.pages())
    proxy = FilterProxy()
    proxy.setSourceModel(model)
    return model, proxy, reader


def test_nothing_is_read_until_a_row_is_asked_for(qapp):
    model, proxy, reader = make()
    assert model.rowCount() == 5000 and reader.asked == []
    assert proxy.index(2500, 0).data() == f"{NAMES[2501 % 5]} 2501"
    assert 0 < len(reader.asked) <= model.PAGE_BEFORE + model.PAGE_AFTER
    assert 2501 in reader.asked


def test_the_first_keystroke_filters_every_row_without_reading_any(qtbot):
    model, proxy, reader = make()
    proxy.set_text("ZIGA 1")  # folded: č, š, ž and case do not matter
    # the rows whose texts are read at once, the others as they come
    qtbot.waitUntil(lambda: not proxy.searching(), timeout=5000)
    assert proxy.rowCount() == len([i for i in range(1, 5001) if i % 5 == 0 and "1" in f"{i}"])
    assert reader.asked == []
    assert proxy.index(0, 1).data() == "R-00010"


def test_forgets_old_pages_so_memory_stays_bounded(qapp):
    model, proxy, reader = make(20000)
    for row in range(0, 20000, 150):
        proxy.index(row, 0).data()
    assert model._kept <= model.KEEP_RECORDS
    assert proxy.index(0, 0).data() == f"{NAMES[1]} 1"  # read again when needed


def test_sort_by_a_column_reads_all_then_keeps_paging(qapp):
    model, proxy, _reader = make(300)
    proxy.sort(1, Qt.SortOrder.DescendingOrder)
    assert proxy.index(0, 1).data() == "R-00300"
    assert proxy.index(0, 1).data(SORT_ROLE) == "R-00300"
    assert model._kept <= model.KEEP_RECORDS
    proxy.set_text("novak")
    assert proxy.index(0, 1).data() == "R-00296"


def test_a_saved_record_updates_its_row_and_a_new_one_is_added(qapp):
    model, proxy, reader = make(300)
    model.upsert_row({"id": 7, "name": "Zupan Eva", "no": "R-00007"})
    proxy.set_text("zupan")
    assert proxy.rowCount() == 1 and proxy.row_record(0)["id"] == 7
    model.upsert_row({"id": 999, "name": "Zupan Nov", "no": "R-00999"})
    assert proxy.rowCount() == 2
    assert model.find_row("id", 999) == 300
    assert model.remove_row(7)
    assert proxy.rowCount() == 1 and model.rowCount() == 300


def test_a_record_deleted_meanwhile_is_an_empty_row_not_an_error(qapp):
    model, proxy, reader = make(50)
    del reader.store[3]
    assert proxy.index(2, 0).data() == ""
    assert model.rows()[2] == {"id": 3}
    assert len(model.rows()) == 50


def test_paged_model_passes_qtmodeltester(qtmodeltester, qapp):
    model, proxy, _reader = make(400)
    qtmodeltester.check(model)
    proxy.set_text("kos")
    qtmodeltester.check(proxy)


def test_a_filtered_list_reads_the_rows_it_shows_in_one_fetch(qapp):
    model, proxy, reader = make(20000)
    proxy.set_text("novak")  # every fifth row: the shown rows lie far apart
    calls = []
    real = reader.__call__
    model._fetch = lambda ids: calls.append(len(ids)) or real(ids)
    for row in range(40):  # a screenful
        proxy.index(row, 0).data()
    assert len(calls) == 1 and calls[0] <= model.PAGE_BEFORE + model.PAGE_AFTER
    assert proxy.index(39, 0).data() == f"Novak Ana {5 * 39 + 1}"


def test_a_list_without_search_columns_formats_no_row_until_painted(qapp):
    model = RecordTableModel([Column("name", "Ime")])
    model.set_search_columns([])
    model.set_rows([{"id": i, "name": f"Vrstica {i}"} for i in range(5000)])
    proxy = FilterProxy()
    proxy.setSourceModel(model)
    qapp.processEvents()
    assert model._display.count(None) == 5000  # nothing formatted for searching
    assert model.search_texts()[:2] == ["", ""]
    assert proxy.index(3, 0).data() == "Vrstica 3"
    model.upsert_row({"id": 3, "name": "Nova"})
    assert proxy.index(3, 0).data() == "Nova"
