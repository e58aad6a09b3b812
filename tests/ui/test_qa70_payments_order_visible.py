"""Izplačila: the lines are ordered by centre and unit, but those two columns were hidden
at the far right, so the order looked random (»Mateja Horvat, Irena Korošec, Brina
Debeljak …«; QA70). The first column now names the unit with its centre (»Šentjur
(Celje)«, the whole names in its tooltip), its header says so, a click on it sorts by
centre and unit, and at 1024 px it fits beside the amounts without scrolling sideways."""

from __future__ import annotations

from _laptop_window import laptop_window
from PySide6.QtCore import Qt

from rejnistvo.rules.text import sort_fold
from rejnistvo.ui.views.payments_table import place


def test_the_place_text():
    assert place("Center za socialno delo Gorenjska", "Enota Kranj").text == "Kranj (Gorenjska)"
    assert place("CSD Koroška", "Enota Ravne na Koroškem").text == "Ravne na Koroškem (Koroška)"
    assert place("Center za socialno delo Gorenjska", None).text == "brez enote (Gorenjska)"
    assert (
        place("Center za socialno delo Gorenjska", "Enota Kranj").full
        == "Center za socialno delo Gorenjska – Enota Kranj"
    )
    # sorted as the run orders: centre first, then unit (Slovenian alphabet)
    names = [("Celje", "Šentjur"), ("Celje", "Laško"), ("Brežice", "Žalec"), ("Celje", "Celje")]
    ordered = sorted(names, key=lambda n: place(*n))
    assert ordered == sorted(names, key=lambda n: (sort_fold(n[0]), sort_fold(n[1])))


def test_the_first_column_names_the_unit_the_rows_are_ordered_by(qtbot, ctx):
    window = laptop_window(qtbot, ctx)
    view = window.show_screen("payments_view")
    qtbot.waitUntil(lambda: not view.is_busy() and view.run is not None, timeout=20000)
    table, model = view.paid_table, view.paid_model
    proxy = table.model()
    assert model.column_key(0) == "place"
    assert not table.horizontalHeader().isSectionHidden(0)
    tip = proxy.headerData(0, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole)
    # the child's centre, which pays (QA76: the tip said »center rejnika«)
    assert tip.startswith("Enota in v oklepaju center otroka (center, ki plačuje); vrstice")
    rows = [model.row_record(r) for r in range(model.rowCount())]
    assert len({r["centre"] for r in rows}) > 1  # the demo has several centres
    for row in range(min(proxy.rowCount(), 30)):
        record = model.row_record(row)
        shown = proxy.index(row, 0).data(Qt.ItemDataRole.DisplayRole)
        assert shown == place(record["centre"], record["unit"]).text
        unit = record["unit"].removeprefix("Enota ")
        assert shown.startswith(unit) and "Center za socialno delo" not in shown
        assert proxy.index(row, 0).data(Qt.ItemDataRole.ToolTipRole) == (
            f"{record['centre']} – {record['unit']}"
        )
    # the rows come in the order of the first column: a click on its header keeps it
    before = [proxy.index(r, 0).data() for r in range(proxy.rowCount())]
    assert before == [r["place"].text for r in sorted(rows, key=lambda r: r["place"])]
    table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
    assert [proxy.index(r, 0).data() for r in range(proxy.rowCount())] == before
