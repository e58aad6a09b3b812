"""The list models' and the list tables' slots are declared with ``@Slot`` (as the
editors' are, ``test_declared_slots``): PySide adds an undeclared method connected to a
signal to its class's meta-object and rebuilds it at the next ``metaObject()`` call; every
list on the start path (*Roki*) and in each screen makes those connections."""

from __future__ import annotations

from _filtered_table import filtered_table
from PySide6.QtCore import QObject

from rejnistvo.ui.models import Column
from rejnistvo.ui.widgets.tables import _RowsLaidOut


def _added_at_connect(obj: QObject) -> list[str]:
    """The slots PySide added to ``obj``'s class when a signal was connected to it (kept
    by the class: a connection made by an earlier test shows here too)."""
    meta, declared = obj.metaObject(), type(obj).staticMetaObject
    return [
        bytes(meta.method(i).methodSignature()).decode()
        for i in range(declared.methodCount(), meta.methodCount())
    ]


def test_a_filtered_list_gets_no_slot_added_by_its_connections(qtbot) -> None:
    rows = [{"id": i, "name": f"Novak {i}", "town": "Celje"} for i in range(300)]
    columns = [Column("name", "Ime"), Column("town", "Kraj")]
    table, proxy, model = filtered_table(qtbot, columns, rows, 400, 300)
    proxy.set_text("novak 1")  # a layout change of the rows: the table's own slots
    model.upsert_row({"id": 1000, "name": "Novak 1000", "town": "Kranj"})  # inserted
    model.remove_row(1000)  # removed
    qtbot.waitUntil(lambda: not model.searching())  # the idle slices have run
    laid_out = table.findChildren(_RowsLaidOut)
    assert laid_out
    for obj in (model, proxy, *laid_out):
        assert _added_at_connect(obj) == [], type(obj).__name__
