"""Roki: what needs doing soon or is late (SPEC 3.5). Shown when the program starts.

The list is ``rejnistvo.services.deadlines.list_deadlines`` on the context clock's day
(the same rules as the R-5 list, the `cases` command and *Koordinator*); this screen
names the kinds and shows the rows. A double click opens the case in its own screen
(``bus.open_case``).

Roki is the first screen, and its list grows with the file (58,000 reminders at 80,000
placements, ~0.5 s). The first paint shows the list's first rows (``first_deadlines``:
exactly the reminders the whole list starts with), and the rest is made after it while
the program is idle (``deadline_steps``, a few milliseconds a turn) and added below them.
Until then the summary says the reminders are being counted; a search keystroke, a sort
by a column, a key in the list, an export or a print completes the list at once first.
"""

from __future__ import annotations

import logging
import time
from bisect import bisect_left
from collections.abc import Callable, Generator
from functools import partial
from operator import attrgetter
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QCoreApplication,
    QEvent,
    QModelIndex,
    QObject,
    Qt,
    QTimer,
)
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from rejnistvo.services.row_pages import RowPages
from rejnistvo.ui.first_paint import after_first_paint
from rejnistvo.ui.format import format_count
from rejnistvo.ui.models import Column, FilterProxy, RecordTableModel
from rejnistvo.ui.palette import ERROR, cell_colour
from rejnistvo.ui.views.base import View
from rejnistvo.ui.views.deadlines_rows import _records, _SearchTexts
from rejnistvo.ui.widgets.list_export import ListExporter, ListTable
from rejnistvo.ui.widgets.money_text import on_screen
from rejnistvo.ui.widgets.tables import configure_table, fit_columns

if TYPE_CHECKING:
    from rejnistvo.services.deadlines import Deadline
    from rejnistvo.services.first_steps import FirstSteps

log = logging.getLogger("rejnistvo.ui")
_DAYS = attrgetter("days")

#: the services' kind codes as the screen names them
KIND_NAMES = {
    "r5_overdue": QT_TRANSLATE_NOOP("DeadlinesView", "R-5 poročilo zamuja"),
    "r5_due_soon": QT_TRANSLATE_NOOP("DeadlinesView", "R-5 poročilo kmalu"),
    "refund_call": QT_TRANSLATE_NOOP("DeadlinesView", "Poziv k vračilu ni poslan"),
    "increase_ending": QT_TRANSLATE_NOOP("DeadlinesView", "Zvišanje oskrbnine se izteka"),
    "r4_waiting": QT_TRANSLATE_NOOP("DeadlinesView", "R-4 čaka pri koordinatorju"),
    "uplift_ending": QT_TRANSLATE_NOOP("DeadlinesView", "Zvišanje plačila dela se izteka"),
    "training": QT_TRANSLATE_NOOP("DeadlinesView", "Usposabljanje rejnika"),
    "coordinator_term": QT_TRANSLATE_NOOP("DeadlinesView", "Mandat koordinatorja se izteka"),
    "refund_instalment": QT_TRANSLATE_NOOP("DeadlinesView", "Obrok vračila ni plačan"),
    "refund_excess": QT_TRANSLATE_NOOP("DeadlinesView", "Rejniku vrniti presežek"),
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


class _CompletingModel(RecordTableModel):
    """Roki's rows: a sort by a column completes the list first (rows are still being
    added after the first paint). Only ``sort`` differs: the filter answers the cells of
    a plain ``RecordTableModel`` directly."""

    complete: Callable[[], None] | None = None

    #: the rows are in the service's order (a row's id is its row number), not sorted
    in_order = True

    def set_pages(self, pages: RowPages) -> None:
        self.in_order = True
        super().set_pages(pages)

    def sort(self, column: int, *args: Any) -> None:
        if self.complete is not None:
            self.complete()
        super().sort(column, *args)
        if 0 <= column < self.columnCount():
            self.in_order = False

    def count_before(self, proxy: FilterProxy, limit: int) -> int:
        """How many rows the proxy shows of the first ``limit`` reminders (a row's id is
        the reminder's place in the service's list). In the service's order they are the
        proxy's first rows, found by bisection: a count over 15,000 shown rows took
        5 ms of a keystroke."""
        shown = range(proxy.rowCount())
        if self.in_order:
            return bisect_left(shown, limit, key=proxy.source_row)
        ids = self._ids or []
        return sum(1 for i in shown if ids[proxy.source_row(i)] < limit)


class _CompletingExporter(ListExporter):
    """Export and print (Ctrl+P) take the whole list: completed first."""

    complete: Callable[[], None] | None = None

    def snapshot(self) -> ListTable:
        if self.complete is not None:
            self.complete()
        return super().snapshot()


class DeadlinesView(View):
    #: reminders before the first paint (None: the service's ``HEAD_ROWS``)
    head_rows: int | None = None
    #: how long one idle turn completes the list, and rows added to it at a time (each
    #: addition is one insertion the filter and the table take in)
    STEP_SECONDS = 0.004
    APPEND_ROWS = 5000

    def __init__(self, ctx, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self._deadlines: list[Deadline] = []
        self._texts: _SearchTexts | None = None
        #: the steps completing the list, then the rows made and not yet added
        self._rest: Generator[None, None, list[Deadline]] | None = None
        self._tail: list[Deadline] | None = None
        self._made = 0  # lists shown so far: a completion started for an older one stops
        self._whole = True  # the list shows every reminder
        self._today = self.ctx.clock.today()
        self._more = QTimer(self)
        self._more.setSingleShot(True)
        self._more.setInterval(0)
        self._more.timeout.connect(self._complete_step)
        self.heading = QLabel(self)
        font = self.heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        self.heading.setFont(font)
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        # a new file: where to start (the centre's data, the first carer), until done;
        # made the first time it is shown (a file in use never needs it: not at the start)
        self.first_steps: QLabel | None = None
        self.btn_first_settings: QPushButton | None = None
        self._missing: FirstSteps | None = None
        self.search = QLineEdit(self)
        self.search.setClearButtonEnabled(True)
        self.model = _CompletingModel(self._columns(), self)
        self.model.complete = self.complete
        self.model.set_search_columns(["kind_name", "what", "carer", "child"])
        # the red of the theme of now (made again when the desktop's theme changes)
        self.model.set_row_foreground(lambda r: cell_colour(ERROR) if r["days"] < 0 else None)
        self.proxy = FilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self.search.textChanged.connect(self._search_changed)
        from rejnistvo.ui.widgets.search_state import show_searching  # »iščem …« (KEYS)

        self.searching_label = show_searching(self.search, self.proxy)
        # a search's matches still coming (the texts are read after the first paint)
        self.proxy.search_progress.connect(self._show_summary)
        self.table = QTableView(self)
        self.table.setModel(self.proxy)
        configure_table(self.table)
        # activated: Enter on the chosen row as well as a double click (or the platform's
        # single click where that opens items)
        self.table.activated.connect(self._open)
        # the chosen reminder's details in full: the column is cut at 1024 × 700
        # (»Zvišanje oskrbnine 50 % d…«) and its tooltip needs a mouse
        self.details = QLabel(self)
        self.details.setWordWrap(True)
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.table.selectionModel().currentRowChanged.connect(self._show_details)
        self.proxy.modelReset.connect(self._show_details)
        self.proxy.layoutChanged.connect(self._show_details)
        self.hint = QLabel(self)
        self.exporter = _CompletingExporter(ctx, self.table, self.title, "list_deadlines", self)
        self.exporter.complete = self.complete
        self.btn_export, self.btn_print_list = self.exporter.buttons(self)
        top = QHBoxLayout()
        top.addWidget(self.heading)
        top.addStretch(1)
        top.addWidget(self.search)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        self._steps_row = QHBoxLayout()
        layout.addLayout(self._steps_row)
        self._show_first_steps()
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.details)
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
            # amounts with € as on every screen (the services' sentences write EUR)
            Column("what", self.tr("Podrobnosti"), on_screen),
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
        if self.btn_first_settings is not None:
            self.btn_first_settings.setText(self.tr("Odpri Nastavitve → Splošno"))
        self._show_first_steps()

    def _show_first_steps(self) -> None:
        """The first-steps line while the centre's name, IBAN or the first carer are
        missing; hidden once they are entered."""
        missing = self._missing
        if not missing:
            if self.first_steps is not None and self.btn_first_settings is not None:
                self.first_steps.hide()
                self.btn_first_settings.hide()
            return
        label, button = self._first_steps_widgets()
        label.show()
        button.setVisible(missing.settings)
        from PySide6.QtGui import QKeySequence

        steps = []
        if missing.settings:
            fields = [
                name
                for wanted, name in (
                    (missing.centre_name, self.tr("ime centra")),
                    (missing.centre_iban, self.tr("IBAN centra")),
                )
                if wanted
            ]
            steps.append(
                self.tr("v Nastavitvah → Splošno vpišite {0} (plačnik na nakazilih SEPA)").format(
                    self.tr(" in ").join(fields)
                )
            )
        if missing.first_carer:
            new_key = QKeySequence(QKeySequence.StandardKey.New).toString(
                QKeySequence.SequenceFormat.NativeText
            )
            steps.append(
                self.tr("pod Rejniki vpišite prvega rejnika (Nov zapis, {0})").format(new_key)
            )
        numbered = "; ".join(f"{n}. {step}" for n, step in enumerate(steps, start=1))
        label.setText(self.tr("Prvi koraki: {0}.").format(numbered))

    def _first_steps_widgets(self) -> tuple[QLabel, QPushButton]:
        if self.first_steps is None or self.btn_first_settings is None:
            self.first_steps = QLabel(self)
            self.first_steps.setWordWrap(True)
            self.btn_first_settings = QPushButton(self.tr("Odpri Nastavitve → Splošno"), self)
            self.btn_first_settings.clicked.connect(self._open_general_settings)
            self._steps_row.addWidget(self.first_steps, 1)
            self._steps_row.addWidget(self.btn_first_settings)
        return self.first_steps, self.btn_first_settings

    def _open_general_settings(self) -> None:
        from rejnistvo.ui.views.settings_view import GENERAL_SETTINGS

        self.ctx.bus.open_case.emit("settings", GENERAL_SETTINGS)

    def refresh(self) -> None:
        super().refresh()
        from rejnistvo.services.deadlines import first_deadlines
        from rejnistvo.services.first_steps import first_steps
        from rejnistvo.store import StoreError

        self._stop_completing()
        today = self.ctx.clock.today()
        try:
            if self.head_rows is None:
                head = first_deadlines(self.ctx.db, today)
            else:
                head = first_deadlines(self.ctx.db, today, self.head_rows)
        except StoreError as exc:
            log.exception("collecting deadlines")
            self.ctx.interaction.error(self.tr("Rokov ni mogoče prebrati"), exc.message)
            return
        self._today = today
        self._missing = first_steps(self.ctx.db)
        self._show_first_steps()
        self._show(list(head.deadlines), complete=head.complete)
        fit_columns(self.table)  # the first 60 rows: the same whether complete or not
        if not head.complete:
            made = self._made
            # after the first paint: a zero-time timer started now would run first
            after_first_paint(self.table, lambda: self._start_completing(made))

    def _show(self, deadlines: list[Deadline], *, complete: bool) -> None:
        # Roki is the first screen: 15,000 reminders at 20k placements, 59,000 at 80k. The
        # list is paged over the service's tuples: a reminder becomes a record (its row
        # number as the id) when its row is painted, and its search text when the list
        # folds the texts, a slice at a time after the first paint. Rows added later
        # (``_append``) go to the end of the same list, which the texts and the records
        # read from.
        self._made += 1
        self._whole = complete
        names = {kind: self.tr(text) for kind, text in KIND_NAMES.items()}
        self._deadlines = deadlines
        self._texts = _SearchTexts(deadlines, names)
        self.model.set_pages(
            RowPages(list(range(len(deadlines))), self._texts, partial(_records, deadlines, names))
        )
        self._show_summary()

    def _show_summary(self) -> None:
        deadlines = self._deadlines
        if not self._whole:
            self.summary.setText(self.tr("Opomniki: štejem …"))
            return
        if not deadlines:
            if self._missing:  # not »Vse je urejeno« above the first steps of a new file
                self.summary.setText(self.tr("Ni rokov, ki bi se iztekali."))
            else:
                self.summary.setText(self.tr("Ni rokov, ki bi se iztekali. Vse je urejeno."))
            return
        # earliest first: the late ones (negative days) are the first rows
        late = bisect_left(deadlines, 0, key=_DAYS)
        if not self.proxy.text():
            self.summary.setText(
                self.tr("Opomniki: {0}, od tega zamujeni: {1}.").format(
                    format_count(len(deadlines)), format_count(late)
                )
            )
            return
        # A search: the count is of the rows shown (»3 od 15.000«), not of the whole list
        # above a list of three.
        self.summary.setText(
            self.tr("Opomniki, ki ustrezajo iskanju: {0} od {1}, od tega zamujeni: {2}.").format(
                format_count(self.proxy.rowCount()),
                format_count(len(deadlines)),
                format_count(self.model.count_before(self.proxy, late)),
            )
        )

    # -- completing the list after the first paint ------------------------------------
    def is_complete(self) -> bool:
        """Whether the list shows every reminder (else the first rows, more to come)."""
        return self._whole

    def _start_completing(self, made: int) -> None:
        if made != self._made or self._whole or self._rest is not None or self._tail is not None:
            return  # refreshed meanwhile, or completed already
        self._begin()
        # a key in the list (End, Page Down …) completes it first, to see every row
        self.table.installEventFilter(self)
        self._more.start()

    def _begin(self) -> None:
        from rejnistvo.services.deadlines import deadline_steps

        self._rest = deadline_steps(self.ctx.db, self._today)

    def _stop_completing(self) -> None:
        self._more.stop()
        if self._rest is not None:
            self._rest.close()
        self._rest = self._tail = None
        self.table.removeEventFilter(self)

    def _finish(self) -> None:
        self._stop_completing()
        self._whole = True
        self._show_summary()

    def _complete_step(self) -> None:
        """One idle turn: steps of the service, or rows added, for a few milliseconds."""
        stop = time.perf_counter() + self.STEP_SECONDS
        while not self._whole:
            if not self._advance(self.APPEND_ROWS):
                return
            if time.perf_counter() >= stop:
                self._more.start()
                return

    def complete(self) -> None:
        """The whole list now (a search, a sort, a key, an export or a print)."""
        if self._whole:
            return
        self._more.stop()
        if self._rest is None and self._tail is None:
            self._begin()
        while not self._whole:
            if not self._advance(None):
                return

    def _advance(self, rows: int | None) -> bool:
        """One step of the service, or `rows` rows added (None: all); False on an error
        (said to the user; the first rows stay, and nothing is tried again until the
        next refresh)."""
        from rejnistvo.store import StoreError

        if self._tail is None:
            assert self._rest is not None
            try:
                next(self._rest)
            except StopIteration as done:
                self._rest = None
                self._take(done.value)
            except StoreError as exc:
                log.exception("collecting deadlines")
                self._stop_completing()
                self._whole = True  # as far as it goes: no second try at every key
                self.ctx.interaction.error(self.tr("Rokov ni mogoče prebrati"), exc.message)
                return False
            return True
        part = self._tail if rows is None else self._tail[:rows]
        self._tail = self._tail[len(part) :]
        self._append(part)
        if not self._tail:
            self._finish()
        return True

    def _take(self, whole: list[Deadline]) -> None:
        shown = self._deadlines
        if whole[: len(shown)] == shown:
            self._tail = whole[len(shown) :]
            if not self._tail:
                self._finish()
            return
        # the file changed between the first rows and the rest (a save on another screen
        # refreshes Roki when it is shown): the whole list anew
        self._stop_completing()
        self._show(whole, complete=True)

    def _append(self, rows: list[Deadline]) -> None:
        first = len(self._deadlines)
        self._deadlines += rows  # the list the texts and records read
        assert self._texts is not None
        self.model.extend_pages(list(range(first, first + len(rows))), self._texts)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt name)
        # installed only while the list is completed
        if event.type() == QEvent.Type.KeyPress and watched is self.table:
            self.complete()
        return False

    def _search_changed(self, text: str) -> None:
        self.complete()
        self.proxy.set_text(text)
        self._show_summary()

    def _show_details(self, *_args: Any) -> None:
        """»Podrobnosti« of the current reminder, whole, under the list (empty: none)."""
        index = self.table.currentIndex()
        if not index.isValid() or index.row() >= self.proxy.rowCount():
            self.details.clear()
            return
        record = self.proxy.row_record(index.row())
        names = ", ".join(n for n in (record.get("carer"), record.get("child")) if n)
        self.details.setText(
            f"{record.get('kind_name') or ''}"
            + (f" ({names})" if names else "")
            + f": {on_screen(record.get('what') or '')}"
        )

    def _open(self, index: QModelIndex) -> None:
        if not index.isValid():
            return
        record = self.proxy.row_record(index.row())
        self.ctx.bus.open_case.emit(record["open_kind"], int(record["open_id"]))

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()


VIEW_CLASS = DeadlinesView
