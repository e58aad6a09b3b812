from datetime import date
from decimal import Decimal

from PySide6.QtCore import Qt

from rejnistvo.ui.format import fold, format_amount, format_date
from rejnistvo.ui.models import SORT_ROLE, Column, FilterProxy, RecordTableModel

ROWS = [
    {"id": 1, "name": "Čebašek Žiga", "born": date(2010, 5, 1), "amount": Decimal("1234.5")},
    {"id": 2, "name": "Novak Ana", "born": date(2008, 1, 2), "amount": Decimal("99.99")},
    {"id": 3, "name": "Šinkovec Maša", "born": None, "amount": Decimal("1000.00")},
]


def make_model(qapp):
    model = RecordTableModel(
        [("name", "Ime"), ("born", "Rojen", format_date), Column("amount", "Znesek", format_amount)]
    )
    model.set_rows(ROWS)
    return model


def test_formats_are_slovenian():
    assert format_date(date(2026, 3, 2)) == "2. 3. 2026"
    assert format_amount(Decimal("1234.5")) == "1.234,50"
    assert fold("Čebašek ŽIGA Đurić") == "cebasek ziga duric"


def test_table_model_passes_qtmodeltester(qtmodeltester, qapp):
    qtmodeltester.check(make_model(qapp))


def test_proxy_passes_qtmodeltester_while_filtering(qtmodeltester, qapp):
    proxy = FilterProxy()
    proxy.setSourceModel(make_model(qapp))
    proxy.set_text("a")
    qtmodeltester.check(proxy)


def test_sort_role_gives_native_values(qapp):
    model = make_model(qapp)
    assert model.index(0, 2).data(SORT_ROLE) == Decimal("1234.5")
    assert model.index(0, 1).data(SORT_ROLE) == date(2010, 5, 1)
    assert model.index(0, 2).data(Qt.ItemDataRole.DisplayRole) == "1.234,50"


def test_filter_ignores_case_and_diacritics(qapp):
    proxy = FilterProxy()
    proxy.setSourceModel(make_model(qapp))
    proxy.set_text("cebas")
    assert proxy.rowCount() == 1 and proxy.row_record(0)["id"] == 1
    proxy.set_text("MASA")
    assert proxy.rowCount() == 1 and proxy.row_record(0)["id"] == 3
    proxy.set_text("")
    assert proxy.rowCount() == 3


def test_sorting_by_amount_is_numeric_and_empty_dates_last(qapp):
    model = make_model(qapp)
    proxy = FilterProxy()
    proxy.setSourceModel(model)
    proxy.sort(2, Qt.SortOrder.AscendingOrder)
    assert [proxy.row_record(r)["id"] for r in range(3)] == [2, 3, 1]  # 99.99 < 1000 < 1234.5
    proxy.sort(1, Qt.SortOrder.AscendingOrder)
    assert [proxy.row_record(r)["id"] for r in range(3)] == [2, 1, 3]
    proxy.set_text("a")  # filter after sorting keeps the order
    assert [proxy.row_record(r)["id"] for r in range(proxy.rowCount())] == [2, 1, 3]


def test_upsert_replaces_one_row_in_place_and_appends_new(qtmodeltester, qapp):
    model = make_model(qapp)
    proxy = FilterProxy()
    proxy.setSourceModel(model)
    proxy.set_text("novak")
    changed = []
    model.dataChanged.connect(lambda top, bottom: changed.append((top.row(), bottom.row())))
    assert model.upsert_row({"id": 2, "name": "Novak Ana Marija", "amount": Decimal("5")}) == 1
    assert changed == [(1, 1)]
    assert model.index(1, 0).data() == "Novak Ana Marija"
    assert proxy.rowCount() == 1
    assert model.upsert_row({"id": 4, "name": "Novak Bor", "amount": Decimal("7")}) == 3
    assert model.rowCount() == 4 and proxy.rowCount() == 2
    qtmodeltester.check(model)


def test_remove_row_takes_the_deleted_record_away(qtmodeltester, qapp):
    model = make_model(qapp)
    proxy = FilterProxy()
    proxy.setSourceModel(model)
    assert model.remove_row(1) is True
    assert model.remove_row(99) is False
    assert [model.row_record(i)["id"] for i in range(model.rowCount())] == [2, 3]
    assert proxy.rowCount() == 2
    qtmodeltester.check(proxy)


def test_amounts_round_half_up_and_match_babel_symbols():
    from babel.numbers import format_decimal

    assert format_amount(Decimal("0.005")) == "0,01"  # half-up, not half-even
    assert format_amount(Decimal("-1234567.125")) == "-1.234.567,13"
    for text in ("1234.5", "0", "999999.99", "-12.3"):
        value = Decimal(text)
        assert format_amount(value) == format_decimal(value, "#,##0.00", locale="sl_SI")


def test_the_window_folds_with_the_rules_one_key():
    from rejnistvo.rules.text import fold as rules_fold

    assert fold is rules_fold


def test_proxy_indexes_name_their_cell_through_filters_and_a_new_source(qapp):
    # the proxy keeps the indexes it made (one per row and column): each must still
    # name its own cell after the rows change and after a source with other columns
    proxy = FilterProxy()
    proxy.setSourceModel(make_model(qapp))
    first = [[proxy.index(r, c) for c in range(3)] for r in range(3)]
    assert [[(i.row(), i.column()) for i in row] for row in first] == [
        [(r, c) for c in range(3)] for r in range(3)
    ]
    proxy.set_text("novak")
    assert proxy.index(0, 0).data() == "Novak Ana"
    assert not proxy.index(1, 0).isValid()  # one row shown
    assert not proxy.index(0, 0, proxy.index(0, 0)).isValid()  # no children
    proxy.set_text("")
    wider = RecordTableModel([("id", "Št."), ("name", "Ime"), ("born", "Rojen"), ("amount", "€")])
    wider.set_rows(ROWS)
    proxy.setSourceModel(wider)
    assert [(proxy.index(1, c).row(), proxy.index(1, c).column()) for c in range(4)] == [
        (1, 0),
        (1, 1),
        (1, 2),
        (1, 3),
    ]
    assert proxy.index(2, 1).data() == "Šinkovec Maša"
