"""Export and print any list on screen: the one mechanism for Rejniki, Otroci,
Namestitve, Roki, R-4, R-5 and Izplačila (issue 12, item 9).

A screen with a ``QTableView`` makes one :class:`ListExporter` and puts its two buttons
(:meth:`ListExporter.buttons`) beside the list; Ctrl+P on the screen calls
:meth:`ListExporter.print_list`. What is exported is what the list shows: the rows in
the order and filter on screen, dates and amounts kept as dates and numbers in XLSX.
The files are written by ``rejnistvo.services.list_exports``.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Qt, Slot
from PySide6.QtWidgets import QPushButton, QTableView, QWidget

from rejnistvo.services.list_exports import Cell, ListTable, export_bytes, file_name

if TYPE_CHECKING:
    from rejnistvo.ui.context import AppContext


def _raw(model: Any, row: int, column: int) -> Any:
    """The native value behind a cell of a RecordTableModel (through its proxy)."""
    record_of = getattr(model, "row_record", None)
    source = model.sourceModel() if hasattr(model, "sourceModel") else model
    key_of = getattr(source, "column_key", None)
    if record_of is None or key_of is None:
        return None
    try:
        return record_of(row).get(key_of(column))
    except (IndexError, KeyError, AttributeError):
        return None


def table_snapshot(table: QTableView, title: str, subtitle: str = "") -> ListTable:
    """The rows the table shows, in its order, visible columns only."""
    model = table.model()
    # a filter typed while the list still reads its search texts: every match first
    getattr(model, "complete_search", lambda: None)()
    header = table.horizontalHeader()
    columns = [
        header.logicalIndex(v)
        for v in range(header.count())
        if not table.isColumnHidden(header.logicalIndex(v))
    ]
    headers = tuple(
        str(model.headerData(c, Qt.Orientation.Horizontal) or "").replace("\n", " ")
        for c in columns
    )
    rows: list[tuple[Cell, ...]] = []
    amount_columns: set[int] = set()
    for r in range(model.rowCount()):
        cells: list[Cell] = []
        for i, c in enumerate(columns):
            raw = _raw(model, r, c)
            text = model.index(r, c).data(Qt.ItemDataRole.DisplayRole)
            if isinstance(raw, Decimal):
                amount_columns.add(i)
                cells.append(raw)
            elif isinstance(raw, date) and raw != date.max:
                cells.append(raw)
            else:
                cells.append("" if text is None else str(text))
        rows.append(tuple(cells))
    return ListTable(title, headers, tuple(rows), subtitle, tuple(sorted(amount_columns)))


class ListExporter(QObject):
    """Export (XLSX/CSV) and print (PDF preview) of one list on a screen.

    ``title`` is called each time (the screen's translated title); ``kind`` names the
    folder remembered for these files."""

    def __init__(
        self,
        ctx: AppContext,
        table: QTableView,
        title: Callable[[], str],
        kind: str = "export",
        parent: QObject | None = None,
        subtitle: Callable[[], str] | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.table = table
        self.title = title
        self.kind = kind
        self.subtitle = subtitle or (lambda: "")
        self.preview: Any = None
        self.last_path: Path | None = None

    def snapshot(self) -> ListTable:
        day = self.ctx.clock.today()
        subtitle = self.subtitle() or self.tr("Stanje na dan {0}").format(
            f"{day.day}. {day.month}. {day.year}"
        )
        return table_snapshot(self.table, self.title(), subtitle)

    def buttons(self, parent: QWidget, ctrl_p: bool = True) -> tuple[QPushButton, QPushButton]:
        """Izvozi … and Natisni seznam; ``ctrl_p`` False where Ctrl+P prints the screen's
        own document (R-4, R-5), so the list's button does not claim the shortcut."""
        export = QPushButton(self.tr("Izvozi …"), parent)
        export.setObjectName("exportListButton")
        export.setToolTip(self.tr("Shrani seznam, kot je prikazan, v Excel (XLSX) ali CSV."))
        export.clicked.connect(self.export)
        label = self.tr("Natisni seznam (Ctrl+P)") if ctrl_p else self.tr("Natisni seznam")
        printing = QPushButton(label, parent)
        printing.setObjectName("printListButton")
        printing.clicked.connect(self.print_list)
        return export, printing

    @Slot()
    def export(self) -> Path | None:
        """Ask for a file (XLSX or CSV, by its suffix) and write the list into it."""
        from rejnistvo.ui.interaction import ask_save_file, write_file

        day = self.ctx.clock.today()
        name = file_name(self.title().lower(), f"{day:%Y-%m-%d}", ext="xlsx")
        target = ask_save_file(
            self.ctx,
            self.kind,
            name,
            self.tr("Izvoz seznama"),
            self.tr("Preglednica Excel (*.xlsx);;Besedilo CSV za Excel (*.csv)"),
            suffixes=(".xlsx", ".csv"),
        )
        if target is None:
            return None
        data = export_bytes(self.snapshot(), target.suffix.lower().lstrip("."))
        if not write_file(self.ctx, target, data):
            return None
        self.last_path = target
        self.ctx.bus.status_message.emit(self.tr("Seznam je shranjen: {0}").format(target))
        return target

    @Slot()
    def print_list(self) -> bool:
        """Ctrl+P: the list as a PDF in the preview (print or save from there)."""
        from rejnistvo.ui.documents import show_document

        table = self.snapshot()
        try:
            pdf = export_bytes(table, "pdf")
        except Exception:  # noqa: BLE001 - never a traceback to the user
            import logging

            logging.getLogger(__name__).exception("printing a list failed")
            self.ctx.interaction.error(
                self.tr("Seznama ni mogoče natisniti"),
                self.tr("Pri pripravi seznama je prišlo do napake; zapisana je v dnevnik."),
            )
            return False
        day = self.ctx.clock.today()
        parent = self.table.window()
        self.preview = show_document(
            self.ctx,
            pdf,
            table.title,
            file_name(table.title.lower(), f"{day:%Y-%m-%d}", ext="pdf"),
            parent,
            self.kind,
        )
        return True
