"""Izplačila (SPEC 3.6): the payment run of a month — every placement's line, one-off
payments, arrears and overpayments with their reasons, totals per unit, centre and
overall; Zaključi mesec; the latest closed month reopened with a reason; a closed month
shown exactly as paid; exports (PDF, XLSX, CSV, SEPA) with progress and Prekliči.

Everything is computed and written by ``rejnistvo.services.payment_run`` and
``payment_exports``; this screen only shows it and asks the user.

Opening never holds the window: the chosen month is computed (or, when closed, read
from the ledger) a slice at a time on the event loop (``payments_loader``), with a bar
and Prekliči under the month; the rows appear when the run is whole. The run shown is
kept with the data stamp it was made from, so coming back to the screen with nothing
written since shows it at once, and any write (here, on another screen, by another
program) makes the next opening compute it again."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from rejnistvo.rules.errors import RuleError
from rejnistvo.rules.money import format_amount
from rejnistvo.rules.periods import month_name
from rejnistvo.ui.models import FilterProxy, RecordTableModel
from rejnistvo.ui.palette import SETTLED, WARNING, cell_colour, set_text_style
from rejnistvo.ui.views.base import View
from rejnistvo.ui.views.payments_actions import (
    EXPORTS,
    close_month,
    export_run,
    reopen_month,
    sentence,
    settle_selected,
)
from rejnistvo.ui.views.payments_columns import LineColumns
from rejnistvo.ui.views.payments_loader import RunLoader
from rejnistvo.ui.views.payments_table import (
    LineTableModel,
    SelectOnFocus,
    ShownRun,
    fit_columns,
    line_columns,
    sample_widths,
    shown_run,
    shown_steps,
    total_columns,
)
from rejnistvo.ui.widgets.empty_note import EmptyNote
from rejnistvo.ui.widgets.fields import FieldError
from rejnistvo.ui.widgets.money_text import on_screen
from rejnistvo.ui.widgets.tables import configure_table

#: a space the wrapped totals line never breaks at
NO_BREAK = "\u00a0"
#: the lines of the chosen line's reason under Poračun and Preplačila (more scroll)
REASON_LINES = 2
#: the most lines of warnings shown at once; more scroll in their place (QA18: eleven
#: took the page at 1024 × 700, the table showed three rows, the exports went below)
WARNING_LINES = 4


class PaymentsView(View):
    def __init__(self, ctx: Any, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.run: Any = None
        self.shown: ShownRun | None = None
        #: the data stamp and month the shown run was made from (None: nothing shown)
        self._shown: tuple[object, date] | None = None
        self._loading: date | None = None
        self._closed: list[Any] = []
        #: a table and the line to select in it when the run being read is shown
        self._after_load: tuple[QTableView, int] | None = None
        self.loader = RunLoader(self._data_stamp, self)
        self.loader.progressed.connect(self._on_progress)
        self.loader.finished.connect(self._on_finished)
        self.loader.failed.connect(self._on_failed)
        self.loader.restarted.connect(self._on_restarted)
        self.progress_bar = QProgressBar(self)
        self.progress_bar.setTextVisible(True)
        self.progress_bar.setMaximumWidth(260)
        self.progress_bar.hide()
        self.cancel_button = QPushButton(self)
        self.cancel_button.clicked.connect(lambda: self.cancel_load())
        self.cancel_button.hide()
        self.month_label = QLabel(self)
        self.month_combo = QComboBox(self)
        self.month_combo.activated.connect(lambda _i: self.load_run())
        self.status = QLabel(self)
        self.compute_button = QPushButton(self)
        self.compute_button.clicked.connect(lambda: self.load_run())
        self.close_button = QPushButton(self)
        self.close_button.clicked.connect(lambda: self.close_month())
        self.reopen_button = QPushButton(self)
        self.reopen_button.clicked.connect(lambda: self.reopen_month())
        self.warnings = QLabel(self)
        self.warnings.setWordWrap(True)
        set_text_style(self.warnings, WARNING)
        self.warnings.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.warnings_area = QScrollArea(self)
        self.warnings_area.setWidget(self.warnings)
        self.warnings_area.setWidgetResizable(True)
        self.warnings_area.setFrameShape(QFrame.Shape.NoFrame)
        self.warnings_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        # not a stop of Tab between the month's buttons and the tabs (the tab order)
        self.warnings_area.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.warnings_area.hide()
        # hidden while empty: an empty line stood between the status and a warning
        self.error = FieldError(self)

        self._select_on_focus = SelectOnFocus(self)
        self.paid_model = LineTableModel(line_columns(False), self)
        self.paid_table = self._table(self.paid_model)
        self.diff_model = LineTableModel(line_columns(True), self)
        self.diff_table = self._table(self.diff_model)
        self.over_model = LineTableModel(line_columns(True), self)
        self.over_table = self._table(self.over_model)
        # Shift/Ctrl and Ctrl+A: after a lowered rate 54,000 overpayments wait, settled
        # the same way (QA10: one at a time took a working day)
        self.over_table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        # a settled one grey: its settlement is at the end of Razlog, elided at 1024 px,
        # and the open ones were not told apart from it
        self.over_model.set_row_foreground(lambda r: cell_colour(SETTLED) if r["settled"] else None)
        # an empty tab says so in words (QA59: Poračun and Preplačila were blank)
        self.empty_notes = {
            "paid": EmptyNote(self.paid_table),
            "arrears": EmptyNote(self.diff_table),
            "overpayments": EmptyNote(self.over_table),
        }
        self.totals_model = RecordTableModel(total_columns(), self)
        self.totals_table = self._table(self.totals_model)
        #: the ledger's columns fitted to the table's width, some hidden until shown
        self.line_columns = {
            name: LineColumns(
                table,
                line_columns(name != "paid"),
                sample_widths(table, line_columns(name != "paid")),
                name,
                ctx.settings,
                self.tr,
            )
            for name, table in (
                ("paid", self.paid_table),
                ("arrears", self.diff_table),
                ("overpayments", self.over_table),
            )
        }
        # the centre's or unit's name takes the width (it showed »Center za so…« on every
        # row at 1024 px while the amount stretched over the rest)
        fit_columns(
            self.totals_table, total_columns(), {"level": "center", "total": "123.456.789,00"}
        )
        totals_header = self.totals_table.horizontalHeader()
        totals_header.setStretchLastSection(False)
        totals_header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.totals_table.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self.settle_button = QPushButton(self)
        self.settle_button.clicked.connect(lambda: self.settle_selected())
        over_page = QWidget(self)
        over_layout = QVBoxLayout(over_page)
        # the table as wide as the other tabs' (they are tab pages themselves): the
        # layout's margins took 22 px, and at 1024 px Razlog stood behind a scroll bar
        over_layout.setContentsMargins(0, 0, 0, 0)
        over_layout.addWidget(self.over_table, 1)
        over_layout.addWidget(self.settle_button)
        # the chosen line's reason whole, under the Poračun and Preplačila lists: Razlog
        # is cut at 1024 × 700 and its tooltip needs the mouse (QA59; as on Roki)
        self.reason_line = QLabel(self)
        self.reason_line.setObjectName("reasonLine")
        self.reason_line.setWordWrap(True)
        self.reason_line.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.reason_line.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.reason_area = QScrollArea(self)
        self.reason_area.setWidget(self.reason_line)
        self.reason_area.setWidgetResizable(True)
        self.reason_area.setFrameShape(QFrame.Shape.NoFrame)
        self.reason_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.reason_area.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        # two lines, always: the list does not grow and shrink as the cursor moves
        self.reason_area.setFixedHeight(
            self.reason_line.fontMetrics().lineSpacing() * REASON_LINES + 2
        )
        self.reason_area.hide()
        self.tabs = QTabWidget(self)
        self.tabs.addTab(self.paid_table, "")
        self.tabs.addTab(self.diff_table, "")
        self.tabs.addTab(over_page, "")
        self.tabs.addTab(self.totals_table, "")
        self.total_label = QLabel(self)
        # wrapped beside the exports: at 20,000 placements »Skupaj za izplačilo:
        # 20.195.467,90 € · preplačila …« on one line made the page wider than a 1024 px
        # window (QA10: a sideways scroll bar, SEPA and Ponovno odpri cut off)
        self.total_label.setWordWrap(True)
        self.export_buttons = {fmt: QPushButton(label, self) for fmt, (label, _) in EXPORTS.items()}
        for fmt, button in self.export_buttons.items():
            button.clicked.connect(lambda _c=False, f=fmt: self.export(f))

        # The status has a line of its own, wrapped: »Zaključen 2. 12. 2026 (…) – prikazano,
        # kar je bilo izplačano.« beside the buttons made the page wider than the window
        # at 1024 px (Ponovno odpri and SEPA out of view, the month cut to »decembe«).
        self.status.setWordWrap(True)
        self.month_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        top = QHBoxLayout()
        for widget in (
            self.month_label,
            self.month_combo,
            self.compute_button,
            self.progress_bar,
            self.cancel_button,
        ):
            top.addWidget(widget)
        top.addStretch(1)
        top.addWidget(self.close_button)
        top.addWidget(self.reopen_button)
        bottom = QHBoxLayout()
        bottom.addWidget(self.total_label, 1)
        for button in self.export_buttons.values():
            bottom.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.status)
        layout.addWidget(self.error)
        layout.addWidget(self.warnings_area)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.reason_area)
        layout.addLayout(bottom)
        for table in (self.diff_table, self.over_table):
            table.selectionModel().currentRowChanged.connect(self._show_reason)
            table.model().modelReset.connect(self._show_reason)
            table.model().layoutChanged.connect(self._show_reason)
        self.tabs.currentChanged.connect(self._show_reason)
        # Enter on a focused button presses it, as Space does (outside a dialog Qt's
        # buttons ignore Enter)
        for button in self.findChildren(QPushButton):
            button.setAutoDefault(True)
        # Tab top to bottom: the tabs' bar (made after the tables it shows, so Tab reached
        # it after them) before the table of the tab shown, then the exports
        self.setTabOrder(self.reopen_button, self.tabs)
        self.retranslate()
        self._update_buttons()

    def _table(self, model: RecordTableModel) -> QTableView:
        model.set_search_columns([])  # no search box here: no search texts to keep
        proxy = FilterProxy(self)
        proxy.setSourceModel(model)
        table = QTableView(self)
        table.setModel(proxy)
        configure_table(table)
        table.installEventFilter(self._select_on_focus)
        return table

    # -- texts ----------------------------------------------------------------------
    def title(self) -> str:
        return self.tr("Izplačila")

    def retranslate(self) -> None:
        self.month_label.setText(self.tr("Mesec:"))
        self.compute_button.setText(self.tr("Izračunaj"))
        self.cancel_button.setText(self.tr("Prekliči"))
        self.close_button.setText(self.tr("Zaključi mesec"))
        self.reopen_button.setText(self.tr("Ponovno odpri …"))
        self.settle_button.setText(self.tr("Vpiši poravnavo izbranih preplačil …"))
        for index, text in enumerate(
            (
                self.tr("Izplačilo"),
                self.tr("Poračun"),
                self.tr("Preplačila (niso odšteta)"),
                self.tr("Skupaj po enotah in centrih"),
            )
        ):
            self.tabs.setTabText(index, text)
        self._show_status()

    # -- loading ----------------------------------------------------------------------
    def today(self) -> date:
        return self.ctx.clock.today()

    def _data_stamp(self) -> object:
        from rejnistvo.services.payment_run import data_stamp

        return data_stamp(self.ctx.db)

    def _fit_warnings(self) -> None:
        """The warnings' place as tall as their text, at most ``WARNING_LINES`` lines."""
        if self.warnings_area.isHidden():
            return
        width = self.warnings_area.width() or self.width()
        need = self.warnings.heightForWidth(width)
        most = self.warnings.fontMetrics().lineSpacing() * WARNING_LINES
        self.warnings_area.setFixedHeight(min(need, most) if need > 0 else most)

    def resizeEvent(self, event: Any) -> None:  # noqa: N802 (Qt name)
        super().resizeEvent(event)
        self._fit_warnings()  # a narrower page wraps the warnings onto more lines

    def showEvent(self, event: Any) -> None:  # noqa: N802 (Qt name)
        # Another program may have written meanwhile (no bus message for that): the
        # stamp is a PRAGMA away, so the shown run is checked on every showing.
        if self._shown is not None and self._shown[0] != self._data_stamp():
            self.mark_stale()
        super().showEvent(event)
        self.loader.resume()  # a run left when the user went elsewhere goes on

    def hideEvent(self, event: Any) -> None:  # noqa: N802 (Qt name)
        self.loader.pause()  # typing on another screen never waits behind the run
        super().hideEvent(event)

    def refresh(self) -> None:
        """The months to choose from, and the chosen month's run unless the one shown
        (or the one being made) is still the file's."""
        super().refresh()
        from rejnistvo.services.payment_run import closed_months, months_for_choice

        chosen = self.month_combo.currentData()
        self._closed = closed_months(self.ctx.db)
        months = months_for_choice(self.ctx.db, self.today())
        self.month_combo.blockSignals(True)
        self.month_combo.clear()
        for month in reversed(months):
            # ISO text as item data: findData cannot match a Python date it converted
            self.month_combo.addItem(month_name(month), month.isoformat())
        index = self.month_combo.findData(chosen) if chosen else 0
        self.month_combo.setCurrentIndex(max(index, 0))
        self.month_combo.blockSignals(False)
        month = self.selected_month()
        if self.loader.is_busy() and self._loading == month:
            return  # the loader itself starts again if anything was written
        if self._shown is not None and self._shown == (self._data_stamp(), month):
            self._update_buttons()
            return
        self.load_run()

    def selected_month(self) -> date | None:
        month = self.month_combo.currentData()
        return date.fromisoformat(month) if isinstance(month, str) else None

    def is_busy(self) -> bool:
        """True while a run is being computed or read."""
        return self.loader.is_busy()

    def load_run(self, month: date | None = None) -> bool:
        """Start computing (or, for a closed month, reading) the run of the chosen
        month; the rows appear when it is whole. False when there is no month."""
        from rejnistvo.services.payment_run import run_steps

        if month is not None:
            index = self.month_combo.findData(month.isoformat())
            if index >= 0:
                self.month_combo.setCurrentIndex(index)
        month = self.selected_month()
        self.error.clear_error()
        if month is None:
            return False
        self.show_run(None)
        self._loading = month
        closed = any(run.month == month for run in self._closed)
        self.status.setText(
            (
                self.tr("Berem izplačilo za {0} iz knjige izplačil …")
                if closed
                else self.tr("Računam izplačilo za {0} po današnjih podatkih …")
            ).format(month_name(month))
        )
        self.progress_bar.setRange(0, 0)
        self.progress_bar.show()
        self.cancel_button.show()
        db = self.ctx.db
        self.loader.start(lambda: shown_steps(run_steps(db, month, with_basis=False)))
        return True

    def cancel_load(self) -> None:
        """Prekliči: stop computing; nothing is shown (Izračunaj starts again)."""
        if not self.loader.is_busy():
            return
        self.loader.cancel()
        self._loading = None
        self._end_progress()
        self.status.setText("")
        self.error.show_error(self.tr("Izračun je preklican. Za nov izračun kliknite Izračunaj."))
        self._update_buttons()

    def _end_progress(self) -> None:
        self.progress_bar.hide()
        self.cancel_button.hide()

    def _on_progress(self, done: int, total: int) -> None:
        if total and self.progress_bar.maximum() != total:
            self.progress_bar.setRange(0, total)
        if total:
            self.progress_bar.setValue(min(done, total))

    def _on_restarted(self) -> None:
        self.status.setText(self.tr("Podatki so se med računanjem spremenili – računam znova …"))
        self.progress_bar.setRange(0, 0)

    def _on_finished(self, shown: ShownRun, stamp: object) -> None:
        self._loading = None
        self._end_progress()
        self.show_run(shown)
        self._shown = (stamp, shown.run.month)

    def _on_failed(self, error: RuleError) -> None:
        self._loading = None
        self._end_progress()
        self.show_run(None)
        self.error.show_error(error.message)

    def show_run(self, shown: ShownRun | Any | None) -> None:
        """Show a run (a ``ShownRun``, or a ``PaymentRun`` made into one now)."""
        if shown is not None and not isinstance(shown, ShownRun):
            shown = shown_run(shown)
        # the same records (a run on screen closed, ``ShownRun.closed_as``): the tables
        # keep their rows, their place and the texts they have painted
        same = shown is not None and self.shown is not None and shown.paid is self.shown.paid
        self.shown = shown
        self.run = shown.run if shown else None
        self._shown = None
        if not same:
            self.paid_model.set_rows(shown.paid if shown else [])
            self.diff_model.set_rows(shown.arrears if shown else [])
            self.over_model.set_rows(shown.overpayments if shown else [])
            self.totals_model.set_rows(shown.totals if shown else [])
        self._show_empty_notes()
        if shown is not None and self._after_load is not None:
            self._select_line(*self._after_load)
        warnings = self.run.warnings if self.run else ()
        # € as on the other screens (the run's sentences are the CLI's and the PDF's)
        self.warnings.setText(on_screen("\n".join(warnings)))
        self.warnings.setVisible(bool(warnings))
        self.warnings_area.setVisible(bool(warnings))
        self._fit_warnings()
        self._show_status()
        self._update_buttons()

    def _show_empty_notes(self) -> None:
        """What each tab of lines says when it has none (nothing while no run is shown)."""
        run = self.run
        if run is None:
            for note in self.empty_notes.values():
                note.set_note("")
            return
        month = month_name(run.month)
        if run.status == "closed":
            texts = {
                "paid": self.tr("V izplačilu za {0} ni bilo izplačil meseca."),
                "arrears": self.tr("V izplačilu za {0} ni bilo poračunov."),
                "overpayments": self.tr("V izplačilu za {0} ni bilo preplačil."),
            }
        else:
            texts = {
                "paid": self.tr(
                    "Za {0} ni izplačil meseca: nobena namestitev nima dni v tem mesecu in ni "
                    "enkratnih izplačil."
                )
            }
            if any(closed.month < run.month for closed in self._closed):
                texts["arrears"] = self.tr(
                    "Za {0} ni poračunov: zaključeni meseci po današnjih podatkih ne dajo več, "
                    "kot je bilo izplačano."
                )
                texts["overpayments"] = self.tr(
                    "Za {0} ni preplačil: zaključeni meseci po današnjih podatkih ne dajo manj, "
                    "kot je bilo izplačano."
                )
            else:
                texts["arrears"] = self.tr(
                    "Za {0} ni poračunov: pred tem mesecem ni zaključenega meseca, ki bi ga "
                    "bilo treba poračunati."
                )
                texts["overpayments"] = self.tr(
                    "Za {0} ni preplačil: pred tem mesecem ni zaključenega meseca, ki bi ga "
                    "bilo treba poračunati."
                )
        for name, note in self.empty_notes.items():
            note.set_note(texts[name].format(month))

    def _show_reason(self, *_args: Any) -> None:
        """The reason of the chosen line of Poračun or Preplačila, whole, under the list
        (»Ana Kos – Darja Golob, oktober 2026: dodan znesek …«); hidden on the other tabs."""
        page = self.tabs.currentIndex()
        table = {1: self.diff_table, 2: self.over_table}.get(page)
        # not under an empty list (its note says why it is empty)
        self.reason_area.setVisible(table is not None and table.model().rowCount() > 0)
        if table is None:
            return
        index = table.currentIndex()
        proxy = table.model()
        if not index.isValid() or index.row() >= proxy.rowCount():
            # in grey: where the reason will be (an empty band under the list said nothing)
            self.reason_line.setEnabled(False)
            self.reason_line.setText(self.tr("Izberite vrstico: tu bo njen razlog v celoti."))
            return
        self.reason_line.setEnabled(True)
        record = proxy.row_record(index.row())  # type: ignore[attr-defined]
        who = " – ".join(n for n in (record["carer"], record["child"]) if n)
        self.reason_line.setText(
            self.tr("{0}, {1}: {2}").format(
                who, month_name(record["for_month"]), on_screen(record["reason"])
            )
        )

    def select_after_load(self, table: QTableView, line_id: int) -> None:
        """When the run being read is shown, select ``line_id`` in ``table`` and give it
        the focus (a settlement reads the month again; the focus stays with the line)."""
        self._after_load = (table, line_id)
        table.setFocus()  # not the screen list, while the month is read

    def _select_line(self, table: QTableView, line_id: int) -> None:
        self._after_load = None
        proxy = table.model()
        row = proxy.sourceModel().find_row("line_id", line_id)  # type: ignore[attr-defined]
        if row >= 0:
            index = proxy.mapFromSource(proxy.sourceModel().index(row, 0))  # type: ignore[attr-defined]
            table.setCurrentIndex(index)
            table.scrollTo(index)
        table.setFocus()

    def _show_status(self) -> None:
        shown = self.shown
        if shown is None:
            if not self.loader.is_busy():
                self.status.setText("")
            self.total_label.setText("")
            return
        run = shown.run
        if run.status == "closed" and run.closed_on is not None:
            on = run.closed_on
            self.status.setText(
                self.tr("Zaključen {0}. {1}. {2} ({3}) – prikazano, kar je bilo izplačano.").format(
                    on.day, on.month, on.year, run.closed_by
                )
            )
        else:
            self.status.setText(self.tr("Odprt mesec – izračun po današnjih podatkih."))
        text = self.tr("Skupaj za izplačilo: {0} € · preplačila (niso odšteta): {1} €").format(
            format_amount(shown.total), format_amount(shown.overpaid)
        )
        if run.status == "closed" and shown.left_to_recover != shown.overpaid:
            # QA14: a month whose overpayments were all settled still showed their full
            # sum as if it were owed (a part of its own: the line wraps between parts)
            text += (
                self.tr(" · vsa poravnana")
                if not shown.left_to_recover
                else self.tr(" · še neporavnano: {0} €").format(
                    format_amount(shown.left_to_recover)
                )
            )
        if shown.undone:
            text += self.tr(" · razveljavljena preplačila (se ne izplačajo): {0} €").format(
                format_amount(shown.undone)
            )
        # it wraps only between its parts: »848.099,91« ended one line and »€« stood alone
        self.total_label.setText(
            " · ".join(part.replace(" ", NO_BREAK) for part in text.split(" · "))
        )

    def _update_buttons(self) -> None:
        run = self.run
        closed = run is not None and run.status == "closed"
        last = self._closed[-1:] if run is not None else []
        self.close_button.setEnabled(run is not None and not closed)
        latest = closed and bool(last) and last[0].month == run.month
        # a latest month that cannot be reopened (its overpayments settled) is greyed
        # with the reason, as the other buttons: QA14 found it enabled, refusing the click
        refused = self._reopen_refused(run.month) if latest else None
        self.reopen_button.setEnabled(latest and refused is None)
        # nothing left to settle once every overpayment is settled or given back (QA59:
        # the button stayed enabled and answered »… so že poravnana«)
        self.settle_button.setEnabled(
            closed and bool(self.shown and self.shown.overpayments and self.shown.left_to_recover)
        )
        # a disabled button says why (Qt shows its tooltip): QA10 found »Vpiši poravnavo«
        # greyed out with no word while the month was open
        self.settle_button.setToolTip(self._settle_tip(run, closed))
        self.reopen_button.setToolTip(refused or self._reopen_tip(run, closed, last))
        # nothing to write while no run is shown (computing, cancelled, refused): these
        # lines stood after a return, and a click did nothing
        for button in self.export_buttons.values():
            button.setEnabled(run is not None)

    def _settle_tip(self, run: Any, closed: bool) -> str:
        if run is None:
            return ""
        if not closed:
            return self.tr(
                "Poravnavo vpišete, ko je mesec zaključen: do zaključka se preplačila odprtega "
                "meseca še lahko spremenijo."
            )
        if not self.settle_button.isEnabled():
            if self.shown is not None and self.shown.overpayment_count:
                return self.tr(
                    "Vsa preplačila tega meseca so poravnana ali razveljavljena; vpisane "
                    "poravnave ni mogoče spremeniti."
                )
            return self.tr("V tem mesecu ni preplačil, katerih poravnavo bi bilo treba vpisati.")
        return self.tr(
            "Vpišite, kako so bila izbrana preplačila poravnana: poračun v imenovanem mesecu "
            "ali poziv k vračilu. Več jih izberete s Shift ali Ctrl, vsa s Ctrl+A. "
            "Poravnana preplačila so siva, poravnava je na koncu razloga."
        )

    def _reopen_refused(self, month: date) -> str | None:
        """Why the latest closed month cannot be reopened, or None (a few counts of
        settlements, cheap at 20,000 placements)."""
        from rejnistvo.services.payment_run import check_reopenable

        try:
            check_reopenable(self.ctx.db, month)
        except RuleError as exc:
            return sentence(exc.message)
        return None

    def _reopen_tip(self, run: Any, closed: bool, last: list[Any]) -> str:
        if run is None:
            return ""
        if not closed:
            return self.tr("Mesec ni zaključen; ponovno odpreti je mogoče le zaključen mesec.")
        if not self.reopen_button.isEnabled() and last:
            return self.tr("Ponovno odpreti je mogoče le zadnji zaključeni mesec ({0}).").format(
                month_name(last[0].month)
            )
        return self.tr("Ponovno odpre zaključeni mesec; vpisati morate razlog (dnevnik sprememb).")

    # -- actions ----------------------------------------------------------------------
    def close_month(self) -> bool:
        """Zaključi mesec: write the run to the ledger (asks first)."""
        return close_month(self)

    def reopen_month(self) -> bool:
        """Ponovno odpri: only the latest closed month, with a reason (audited)."""
        return reopen_month(self)

    def settle_selected(self) -> bool:
        """Record how the selected overpayments were settled: a month of offset or a refund."""
        return settle_selected(self)

    def export(self, fmt: str) -> bool:
        """Write the shown run as PDF, XLSX, CSV or SEPA, with progress and Prekliči."""
        return export_run(self, fmt)

    def print_document(self) -> None:
        self.export("pdf")


VIEW_CLASS = PaymentsView
