"""Roki: what needs doing soon or is late (SPEC 3.5). Shown when the program starts.

The list is ``rejnistvo.services.deadlines.list_deadlines`` on the context clock's day
(the same rules as the R-5 list, the `cases` command and *Koordinator*); this screen
names the kinds and shows the rows. A double click opens the case in its own screen
(``bus.open_case``).
"""

from __future__ import annotations

import logging
from bisect import bisect_left
from collections.abc import Sequence
from functools import partial
from operator import attrgetter
from typing import TYPE_CHECKING, overload

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QModelIndex
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from rejnistvo.collector import collector_paused
from rejnistvo.services.row_pages import RowPages
from rejnistvo.ui.models import Column, FilterProxy, RecordTableModel
from rejnistvo.ui.views.base import View
from rejnistvo.ui.widgets.list_export import ListExporter
from rejnistvo.ui.widgets.tables import configure_table, fit_columns

if TYPE_CHECKING:
    from rejnistvo.services.deadlines import Deadline

log = logging.getLogger("rejnistvo.ui")
_DAYS = attrgetter("days")

#: the services' kind codes as the screen names them
KIND_NAMES = {
    "r5_overdue": QT_TRANSLATE_NOOP("DeadlinesView", "R-5 poročilo zamuja"),
    "r5_due_soon": QT_TRANSLATE_NOOP("DeadlinesView", "R-5 poročilo kmalu"),
    "increase_ending": QT_TRANSLATE_NOOP("DeadlinesView", "Zvišanje oskrbnine se izteka"),
    "r4_waiting": QT_TRANSLATE_NOOP("DeadlinesView", "R-4 čaka pri koordinatorju"),
    "uplift_ending": QT_TRANSLATE_NOOP("DeadlinesView", "Zvišanje plačila dela se izteka"),
    "training": QT_TRANSLATE_NOOP("DeadlinesView", "Usposabljanje rejnika"),
    "coordinator_term": QT_TRANSLATE_NOOP("DeadlinesView", "Mandat koordinatorja se izteka"),
    "refund_instalment": QT_TRANSLATE_NOOP("DeadlinesView", "Obrok vračila ni plačan"),
    "overpayment": QT_TRANSLATE_NOOP("DeadlinesView", "Preplačilo ni poravnano"),
    "indexation": QT_TRANSLATE_NOOP("DeadlinesView", "Uskladitev zneskov ni vnesena"),
}


def _tr(text: str) -> str:
    return QCoreApplication.translate("DeadlinesView", text)


#: "3 dni" for 3: a list repaints the same few day counts on every filter keystroke, and
#: each phrase went through an import statement (PySide's import hook) and babel's
#: plural rule
_PHRASES: dict[int, str] = {}


def _day_phrase(count: int) -> str:
    phrase = _PHRASES.get(count)
    if phrase is None:
        from rejnistvo.rules.plural import accusative_phrase  # babel: not at start

        phrase = _PHRASES[count] = accusative_phrase(count, "dan")
    return phrase


def days_text(days: int | None) -> str:
    if days is None:
        return ""
    if days < 0:
        return _tr("zamuja {0}").format(_day_phrase(-days))
    if days == 0:
        return _tr("danes")
    return _tr("čez {0}").format(_day_phrase(days))


class DeadlinesView(View):
    def __init__(self, ctx, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.heading = QLabel(self)
        font = self.heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        self.heading.setFont(font)
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.search = QLineEdit(self)
        self.search.setClearButtonEnabled(True)
        self.model = RecordTableModel(self._columns(), self)
        self.model.set_search_columns(["kind_name", "what", "carer", "child"])
        self.model.set_row_foreground(lambda r: QColor("#b00020") if r["days"] < 0 else None)
        self.proxy = FilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self.search.textChanged.connect(self.proxy.set_text)
        self.table = QTableView(self)
        self.table.setModel(self.proxy)
        configure_table(self.table)
        # activated: Enter on the chosen row as well as a double click (or the platform's
        # single click where that opens items)
        self.table.activated.connect(self._open)
        self.hint = QLabel(self)
        self.exporter = ListExporter(ctx, self.table, self.title, "list_deadlines", self)
        self.btn_export, self.btn_print_list = self.exporter.buttons(self)
        top = QHBoxLayout()
        top.addWidget(self.heading)
        top.addStretch(1)
        top.addWidget(self.search)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.hint, 1)
        bottom.addWidget(self.btn_export)
        bottom.addWidget(self.btn_print_list)
        layout.addLayout(bottom)
        self.retranslate()

    def _columns(self) -> list[Column]:
        return [
            Column("due", self.tr("Rok")),
            Column("days", self.tr("Stanje"), days_text, align_right=True),
            Column("kind_name", self.tr("Kaj")),
            Column("carer", self.tr("Rejnik")),
            Column("child", self.tr("Otrok")),
            Column("what", self.tr("Podrobnosti")),
        ]

    def title(self) -> str:
        return self.tr("Roki")

    def print_document(self) -> None:
        """Ctrl+P: the deadlines as they are listed, to the preview."""
        self.exporter.print_list()

    def retranslate(self) -> None:
        self.heading.setText(self.tr("Roki"))
        self.search.setPlaceholderText(self.tr("Išči (Ctrl+F) …"))
        self.hint.setText(self.tr("Dvoklik ali Enter odpre primer. Rdeče: rok je že pretekel."))
        self.model.set_columns_headers([c.header for c in self._columns()])

    def refresh(self) -> None:
        super().refresh()
        from rejnistvo.services.deadlines import list_deadlines
        from rejnistvo.store import StoreError

        try:
            deadlines = list_deadlines(self.ctx.db, self.ctx.clock.today())
        except StoreError as exc:
            log.exception("collecting deadlines")
            self.ctx.interaction.error(self.tr("Rokov ni mogoče prebrati"), exc.message)
            return
        # Roki is the first screen: 15,000 reminders at 20k placements, 59,000 at 80k. The
        # list is paged over the service's tuples: a reminder becomes a record (its row
        # number as the id) when its row is painted, and its search text when the list
        # folds the texts, a slice at a time after the first paint.
        names = {kind: self.tr(text) for kind, text in KIND_NAMES.items()}
        self.model.set_pages(
            RowPages(
                list(range(len(deadlines))),
                _SearchTexts(deadlines, names),
                partial(_records, deadlines, names),
            )
        )
        fit_columns(self.table)
        # earliest first: the late ones (negative days) are the first rows
        late = bisect_left(deadlines, 0, key=_DAYS)
        self.summary.setText(
            self.tr("Opomniki: {0}, od tega zamujeni: {1}.").format(len(deadlines), late)
            if deadlines
            else self.tr("Ni rokov, ki bi se iztekali. Vse je urejeno.")
        )

    def _open(self, index: QModelIndex) -> None:
        if not index.isValid():
            return
        record = self.proxy.row_record(index.row())
        self.ctx.bus.open_case.emit(record["open_kind"], int(record["open_id"]))

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()


class _SearchTexts(Sequence[str]):
    """Roki's search texts: the shown cells joined as the list joins them
    (``services.row_pages.search_text``; a reminder's texts are never None), made when
    the list reads them, a slice at a time after the first paint (59,000 at 80k took
    ~45 ms of the start when made before it)."""

    #: what the list makes and folds in one idle turn (~0.3 ms), not its default 4 ms of
    #: 2,000-row steps: the first turn comes before the window's first paint (its timer
    #: starts with the list), and it took 3-5 ms of Roki's first paint at 20k
    slice_rows = 500
    slice_seconds = 0.0005

    def __init__(self, deadlines: list[Deadline], names: dict[str, str]) -> None:
        self._deadlines = deadlines
        self._names = names

    def __len__(self) -> int:
        return len(self._deadlines)

    @overload
    def __getitem__(self, index: int) -> str: ...

    @overload
    def __getitem__(self, index: slice) -> list[str]: ...

    def __getitem__(self, index: int | slice) -> str | list[str]:
        names = self._names
        if isinstance(index, slice):
            with collector_paused():  # no cycles among these texts (rejnistvo.collector)
                return [
                    f"{names.get(kind, kind)} {carer} {child} {what}"
                    for _due, _days, kind, what, carer, child, _opens, _id in self._deadlines[index]
                ]
        return self[index : index + 1 or None][0]  # one text, made as a slice's are


def _records(deadlines: list[Deadline], names: dict[str, str], ids: Sequence[int]) -> list[dict]:
    """The records of the rows ``ids`` (row numbers) of Roki's list, as the columns read
    them; ``id`` is the row number."""
    records = []
    for i in ids:
        due, days, kind, what, carer, child, open_kind, open_id = deadlines[i]
        records.append(
            {
                "id": i,
                "due": due,
                "days": days,
                "kind": kind,
                "kind_name": names.get(kind, kind),
                "what": what,
                "carer": carer,
                "child": child,
                "open_kind": open_kind,
                "open_id": open_id,
            }
        )
    return records


VIEW_CLASS = DeadlinesView
