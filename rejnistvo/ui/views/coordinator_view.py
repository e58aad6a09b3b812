"""Koordinator (issue 6): the subgroup coordinator's incoming R-4 proposals and steps,
the register of handled cases (čl. 29) with its exports, and the encrypted packages that
carry a case between a centre and its coordinator.

All work is done by ``rejnistvo.services.coordinator`` (the workflow's steps, each
given the version of the case shown, so a step on a case changed meanwhile is refused),
``rejnistvo.register`` and ``rejnistvo.exchange``; this screen only asks, shows and
calls them. "Today" is the context clock's. Waiting days count from the day of receipt
(received_on, else sent_on), exactly as on *Roki*.
"""

from __future__ import annotations

import logging
from dataclasses import asdict
from datetime import date

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from rejnistvo.rules.errors import InputError
from rejnistvo.ui.format import format_date
from rejnistvo.ui.models import Column, FilterProxy, RecordTableModel
from rejnistvo.ui.views.base import View
from rejnistvo.ui.widgets import DateEdit, FieldError, FormValidator, PeriodEdit
from rejnistvo.ui.widgets.tables import configure_table, fit_columns

log = logging.getLogger("rejnistvo.ui")


def _row_dict(row) -> dict:
    """A RegisterRow as a table record (id = the case)."""
    d = asdict(row)
    d.update(
        id=row.case_id,
        status=row.status,
        decision=row.decision_text,
        members=", ".join(row.members),
    )
    return d


# Workflow refusals about a step's date: shown beside the date field, not in a dialog.
_STEP_DATE_FIELDS = frozenset(
    {"received_on", "accepted_on", "commission_named_on", "decided_on", "returned_on"}
)


def _percent(value) -> str:
    return f"{value} %" if value else ""


class CoordinatorView(View):
    record_kinds = ("coordinator",)

    def __init__(self, ctx, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.subgroup_combo = QComboBox(self)
        self.subgroup_combo.currentIndexChanged.connect(lambda _i: self.refresh())
        self.subgroup_label = QLabel(self)
        self.tabs = QTabWidget(self)
        self.tabs.addTab(self._cases_tab(), "")
        self.tabs.addTab(self._register_tab(), "")
        self.tabs.addTab(self._packages_tab(), "")
        top = QHBoxLayout()
        top.addWidget(self.subgroup_label)
        top.addWidget(self.subgroup_combo)
        top.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.tabs, 1)
        self._case: dict | None = None
        self.retranslate()

    # == incoming cases ===============================================================
    def _case_columns(self) -> list[Column]:
        return [
            Column("case_no", self.tr("Številka zadeve")),
            Column("waiting", self.tr("Čaka (dni)"), align_right=True),
            Column("status", self.tr("Stanje")),
            Column("sent_on", self.tr("Poslano")),
            Column("received_on", self.tr("Prejeto")),
            Column("child", self.tr("Otrok")),
            Column("centre", self.tr("Center")),
        ]

    def _cases_tab(self) -> QWidget:
        page = QWidget(self)
        self.cases_model = RecordTableModel(self._case_columns(), self)
        self.cases_model.set_row_foreground(
            lambda r: QColor("#b00020") if r.get("overdue") else None
        )
        self.cases_proxy = FilterProxy(self)
        self.cases_proxy.setSourceModel(self.cases_model)
        self.cases_table = QTableView(page)
        self.cases_table.setModel(self.cases_proxy)
        configure_table(self.cases_table)
        self.cases_table.selectionModel().currentRowChanged.connect(self._case_selected)
        self.cases_search = QLineEdit(page)
        self.cases_search.setClearButtonEnabled(True)
        self.cases_search.textChanged.connect(self.cases_proxy.set_text)
        left = QWidget(page)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.cases_search)
        left_layout.addWidget(self.cases_table, 1)

        panel = QWidget(page)
        self.case_heading = QLabel(panel)
        font = self.case_heading.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.case_heading.setFont(font)
        self.case_info = QLabel(panel)
        self.case_info.setWordWrap(True)
        self.case_info.setTextFormat(Qt.TextFormat.PlainText)
        self.step_date = DateEdit("on", panel, required=True)
        self.step_date.set_value(self.ctx.clock.today())
        self.step_date_label = QLabel(panel)
        step_row = QHBoxLayout()
        step_row.addWidget(self.step_date_label)
        step_row.addWidget(self.step_date, 1)

        self.received_button = QPushButton(panel)
        self.received_button.clicked.connect(self.record_received)
        self.accept_button = QPushButton(panel)
        self.accept_button.clicked.connect(self.accept_case)
        step_buttons = QHBoxLayout()
        step_buttons.addWidget(self.received_button)
        step_buttons.addWidget(self.accept_button)
        step_buttons.addStretch(1)

        self.commission_box = QGroupBox(panel)
        self.member_combos = [QComboBox(panel) for _ in range(3)]
        self.commission_error = FieldError(panel)
        self.commission_button = QPushButton(panel)
        self.commission_button.clicked.connect(self.name_commission)
        box = QVBoxLayout(self.commission_box)
        for combo in self.member_combos:
            box.addWidget(combo)
        box.addWidget(self.commission_error)
        box.addWidget(self.commission_button)

        self.decision_box = QGroupBox(panel)
        self.suggestion_label = QLabel(panel)
        self.suggestion_label.setWordWrap(True)
        self.increase_radio = QRadioButton(panel)
        self.no_increase_radio = QRadioButton(panel)
        self.outcome_group = QButtonGroup(panel)
        self.outcome_group.addButton(self.increase_radio)
        self.outcome_group.addButton(self.no_increase_radio)
        self.increase_radio.setChecked(True)
        self.percent_combo = QComboBox(panel)
        self.percent_combo.addItem("25 %", 25)
        self.percent_combo.addItem("50 %", 50)
        self.decision_period = PeriodEdit("period", panel, open_allowed=False)
        self.rationale_edit = QPlainTextEdit(panel)
        self.rationale_edit.setMaximumHeight(80)
        self.rationale_error = FieldError(panel)
        self.number_label = QLabel(panel)
        self.decide_button = QPushButton(panel)
        self.decide_button.clicked.connect(self.record_decision)
        outcome_row = QHBoxLayout()
        outcome_row.addWidget(self.increase_radio)
        outcome_row.addWidget(self.percent_combo)
        outcome_row.addWidget(self.no_increase_radio)
        outcome_row.addStretch(1)
        self.rationale_label = QLabel(panel)
        form = QVBoxLayout(self.decision_box)
        form.addWidget(self.suggestion_label)
        form.addLayout(outcome_row)
        form.addWidget(self.decision_period)
        form.addWidget(self.rationale_label)
        form.addWidget(self.rationale_edit)
        form.addWidget(self.rationale_error)
        form.addWidget(self.number_label)
        form.addWidget(self.decide_button)

        self.return_button = QPushButton(panel)
        self.return_button.clicked.connect(self.mark_returned)

        panel_layout = QVBoxLayout(panel)
        panel_layout.addWidget(self.case_heading)
        panel_layout.addWidget(self.case_info)
        panel_layout.addLayout(step_row)
        panel_layout.addLayout(step_buttons)
        panel_layout.addWidget(self.commission_box)
        panel_layout.addWidget(self.decision_box)
        panel_layout.addWidget(self.return_button)
        panel_layout.addStretch(1)
        scroll = QScrollArea(page)
        scroll.setWidgetResizable(True)
        scroll.setWidget(panel)

        self.cases_splitter = QSplitter(Qt.Orientation.Horizontal, page)
        self.cases_splitter.setObjectName("CoordinatorCasesSplitter")
        self.cases_splitter.addWidget(left)
        self.cases_splitter.addWidget(scroll)
        self.cases_splitter.setSizes([620, 480])
        self.remember_splitter(self.cases_splitter)
        layout = QVBoxLayout(page)
        layout.addWidget(self.cases_splitter)
        return page

    def today(self) -> date:
        return self.ctx.clock.today()

    def _load_cases(self, subgroup: int) -> None:
        from rejnistvo.services.coordinator import incoming_cases

        records = [case.as_row() for case in incoming_cases(self.ctx.db, subgroup, self.today())]
        self.cases_model.set_rows(records)
        fit_columns(self.cases_table, 200)
        current = self._case["id"] if self._case else None
        self._case = None
        row = self.cases_model.find_row("id", current) if current is not None else -1
        if row >= 0:
            self.cases_table.selectRow(
                self.cases_proxy.mapFromSource(self.cases_model.index(row, 0)).row()
            )
        else:
            self._show_case(None)

    def _case_selected(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if not current.isValid():
            self._show_case(None)
            return
        self._show_case(self.cases_proxy.row_record(current.row()))

    def _show_case(self, row: dict | None) -> None:
        from rejnistvo.services.coordinator import candidates, case_detail

        self._case = row
        enabled = row is not None
        for w in (
            self.received_button,
            self.accept_button,
            self.commission_box,
            self.decision_box,
            self.return_button,
        ):
            w.setEnabled(enabled)
        self.step_date.clear_error()
        self.commission_error.clear_error()
        self.rationale_error.clear_error()
        if row is None:
            self.case_heading.setText(self.tr("Izberite predlog na seznamu."))
            self.case_info.setText("")
            return
        detail = case_detail(self.ctx.db, row["id"])
        self.case_heading.setText(self.tr("Predlog {0}").format(row["case_no"] or row["id"]))
        suggestion = detail.suggestion
        lines = [
            self.tr("Otrok: {0}; rejnik: {1}").format(row["child"], row["carer"]),
            self.tr("Center: {0}").format(
                ", ".join(x for x in (row["centre"], row.get("unit")) if x)
            ),
            self.tr("Predlagano: {0} od {1} do {2}").format(
                _percent(detail.proposed_percent),
                format_date(detail.period_from),
                format_date(detail.period_to),
            ),
            self.tr("Poslano {0}, prejeto {1}, sprejeto {2}, komisija {3}, odločeno {4}").format(
                format_date(row.get("sent_on")) or "—",
                format_date(row.get("received_on")) or self.tr("ni vpisano"),
                format_date(row["accepted"]) or "—",
                format_date(row["commission_named"]) or "—",
                format_date(row["decided"]) or "—",
            ),
        ]
        if row.get("members"):
            lines.append(self.tr("Komisija: {0}").format(row["members"]))
        if row.get("decision"):
            lines.append(
                self.tr("Odločitev: {0}, sklep št. {1}").format(
                    row["decision"], row.get("resolution_no") or ""
                )
            )
        self.case_info.setText("\n".join(lines))
        # The date of receipt may be recorded or corrected until the decision (the
        # workflow keeps it between sending and acceptance).
        self.received_button.setEnabled(not row["decided"])
        self.accept_button.setEnabled(not row["accepted"])
        self.commission_box.setEnabled(bool(row["accepted"]) and not row["commission_named"])
        self.decision_box.setEnabled(bool(row["commission_named"]) and not row["decided"])
        self.return_button.setEnabled(bool(row["decided"]) and not row.get("returned"))
        subgroup = self._subgroup()
        found = candidates(self.ctx.db, subgroup, self.today()) if subgroup is not None else []
        self._candidates = {c.id: c for c in found}
        for i, combo in enumerate(self.member_combos):
            combo.clear()
            combo.addItem(self.tr("— član {0} —").format(i + 1), None)
            for c in found:
                combo.addItem(f"{c.name} ({c.centre})" if c.centre else c.name, c.id)
        self.suggestion_label.setText(
            self.tr("Pravilo (čl. 30): {0}").format(suggestion.explanation)
        )
        if suggestion.eligible and suggestion.percent:
            self.increase_radio.setChecked(True)
            self.percent_combo.setCurrentIndex(self.percent_combo.findData(suggestion.percent))
        elif not suggestion.eligible:
            self.no_increase_radio.setChecked(True)
        from rejnistvo.rules.periods import Period

        if detail.period_from and detail.period_to:
            self.decision_period.set_value(Period(detail.period_from, detail.period_to))
        else:
            self.decision_period.set_value(None)
        self.rationale_edit.setPlainText("")
        self._update_number()

    def _update_number(self) -> None:
        from rejnistvo.services.coordinator import next_resolution_no

        subgroup = self._subgroup()
        if subgroup is None:
            self.number_label.setText("")
            return
        try:
            number = next_resolution_no(self.ctx.db, subgroup, self.today().year)
        except InputError as exc:
            number = exc.message
        self.number_label.setText(self.tr("Številka sklepa bo: {0}").format(number))

    def _step_date(self) -> date | None:
        ok, value = self.step_date.check()
        return value if ok else None

    def _run_step(self, action, done_message: str) -> bool:
        """Call a workflow step; show its refusal, or announce the change."""
        from rejnistvo.store import StoreError

        try:
            action()
        except InputError as exc:
            if exc.field in _STEP_DATE_FIELDS:
                # A date out of order: said beside the date field, which keeps what was typed.
                self.step_date.show_error(exc.message)
                self.step_date.setFocus()
            else:
                self.ctx.interaction.error(self.tr("Korak ni zapisan"), exc.message)
            return False
        except StoreError as exc:
            self.ctx.interaction.error(self.tr("Korak ni zapisan"), exc.message)
            return False
        self.ctx.bus.status_message.emit(done_message)
        self.ctx.bus.records_changed.emit("r4")
        self.refresh()
        return True

    def record_received(self) -> bool:
        from rejnistvo.services.coordinator import record_received

        on = self._step_date()
        if self._case is None or on is None:
            return False
        case_id, version = self._case["id"], self._case["version"]
        return self._run_step(
            lambda: record_received(self.ctx.db, case_id, version, on),
            self.tr("Datum prejema je zapisan."),
        )

    def accept_case(self) -> bool:
        from rejnistvo.services.coordinator import accept

        on = self._step_date()
        if self._case is None or on is None:
            return False
        case_id, version = self._case["id"], self._case["version"]
        return self._run_step(
            lambda: accept(self.ctx.db, case_id, version, on), self.tr("Predlog je sprejet.")
        )

    def name_commission(self) -> bool:
        from rejnistvo.services.coordinator import commission_warnings, name_commission

        on = self._step_date()
        if self._case is None or on is None:
            return False
        ids = [c.currentData() for c in self.member_combos]
        if None in ids or len(set(ids)) != 3:
            self.commission_error.show_error(
                self.tr("Izberite tri različne člane s seznama kandidatov podskupine.")
            )
            return False
        self.commission_error.clear_error()
        case_id, version = self._case["id"], self._case["version"]
        warnings = commission_warnings(self.ctx.db, case_id, [self._candidates[i] for i in ids])
        if warnings and not self.ctx.interaction.confirm(
            self.tr("Opozorilo o komisiji"),
            "\n".join(warnings) + "\n\n" + self.tr("Komisijo vseeno imenujem?"),
        ):
            return False
        return self._run_step(
            lambda: name_commission(self.ctx.db, case_id, version, ids, on),
            self.tr("Komisija je imenovana."),
        )

    def record_decision(self) -> bool:
        from rejnistvo.services.coordinator import Decision, decide

        on = self._step_date()
        if self._case is None or on is None:
            return False
        increase = self.increase_radio.isChecked()
        v = FormValidator()
        period = v.check(self.decision_period) if increase else None
        if not v.ok:
            return False
        rationale = self.rationale_edit.toPlainText()
        case_id, version = self._case["id"], self._case["version"]
        decision = Decision(
            outcome="increase" if increase else "no_increase",
            percent=self.percent_combo.currentData() if increase else None,
            period_from=period.start if period else None,
            period_to=period.end if period else None,
            rationale=rationale,
        )
        numbers: list[str] = []

        from rejnistvo.store import StoreError

        try:
            numbers.append(decide(self.ctx.db, case_id, version, decision, on))
        except InputError as exc:
            target = self.rationale_error if exc.field == "rationale" else None
            if exc.field == "period":
                self.decision_period.show_error(exc.message)
            elif target is not None:
                target.show_error(exc.message)
                self.rationale_edit.setFocus()
            else:
                self.ctx.interaction.error(self.tr("Odločitev ni zapisana"), exc.message)
            return False
        except StoreError as exc:
            self.ctx.interaction.error(self.tr("Odločitev ni zapisana"), exc.message)
            return False
        self.ctx.bus.status_message.emit(
            self.tr("Odločitev je zapisana, sklep št. {0}.").format(numbers[0])
        )
        self.ctx.bus.records_changed.emit("r4")
        self.refresh()
        return True

    def mark_returned(self) -> bool:
        from rejnistvo.services.coordinator import mark_returned

        on = self._step_date()
        if self._case is None or on is None:
            return False
        case_id, version = self._case["id"], self._case["version"]
        return self._run_step(
            lambda: mark_returned(self.ctx.db, case_id, version, on),
            self.tr("Vrnitev dokumentov je zabeležena."),
        )

    # == register =====================================================================
    def _register_columns(self) -> list[Column]:
        return [
            Column("seq", self.tr("Zap. št."), align_right=True),
            Column("case_no", self.tr("Številka zadeve")),
            Column("centre", self.tr("Center")),
            Column("unit", self.tr("Enota")),
            Column("child", self.tr("Otrok")),
            Column("carer", self.tr("Rejnik")),
            Column("proposed_percent", self.tr("Predlog"), _percent),
            Column("received", self.tr("Prejeto")),
            Column("accepted", self.tr("Sprejeto")),
            Column("commission_named", self.tr("Komisija")),
            Column("members", self.tr("Člani komisije")),
            Column("decided", self.tr("Odločeno")),
            Column("decision", self.tr("Odločitev")),
            Column("resolution_no", self.tr("Sklep št.")),
            Column("returned", self.tr("Vrnjeno")),
        ]

    def _register_tab(self) -> QWidget:
        page = QWidget(self)
        self.year_combo = QComboBox(page)
        self.year_combo.currentIndexChanged.connect(lambda _i: self._load_register())
        self.status_combo = QComboBox(page)
        self.register_search = QLineEdit(page)
        self.register_search.setClearButtonEnabled(True)
        self.register_model = RecordTableModel(self._register_columns(), self)
        self.register_proxy = FilterProxy(self)
        self.register_proxy.setSourceModel(self.register_model)
        self.register_search.textChanged.connect(lambda _t: self._apply_register_filter())
        self.status_combo.currentIndexChanged.connect(lambda _i: self._status_changed())
        self.register_table = QTableView(page)
        self.register_table.setModel(self.register_proxy)
        configure_table(self.register_table)
        self.export_buttons = {
            fmt: QPushButton(fmt.upper(), page) for fmt in ("csv", "xlsx", "pdf")
        }
        for fmt, button in self.export_buttons.items():
            button.clicked.connect(lambda _c=False, f=fmt: self.export_register(f))
        self.year_label, self.status_label, self.export_label = (
            QLabel(page),
            QLabel(page),
            QLabel(page),
        )
        self.register_count = QLabel(page)
        top = QHBoxLayout()
        top.addWidget(self.year_label)
        top.addWidget(self.year_combo)
        top.addWidget(self.status_label)
        top.addWidget(self.status_combo)
        top.addWidget(self.register_search, 1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.register_count)
        bottom.addStretch(1)
        bottom.addWidget(self.export_label)
        for button in self.export_buttons.values():
            bottom.addWidget(button)
        layout = QVBoxLayout(page)
        layout.addLayout(top)
        layout.addWidget(self.register_table, 1)
        layout.addLayout(bottom)
        return page

    def _load_register(self) -> None:
        from rejnistvo.register.queries import register_rows

        year = self.year_combo.currentData()
        subgroup = self._subgroup()
        if year is None or subgroup is None:
            self._register_rows = []
            self.register_model.set_rows([])
            return
        self._register_rows = register_rows(self.ctx.db, subgroup, year)
        self.register_model.set_rows([_row_dict(r) for r in self._register_rows])
        fit_columns(self.register_table, 220)
        self._apply_register_filter()

    def _filtered_register(self) -> list:
        """The register rows shown (status and search applied), numbered 1, 2, … for export."""
        from rejnistvo.register.rows import renumber

        shown = {
            self.register_proxy.row_record(r)["case_id"]
            for r in range(self.register_proxy.rowCount())
        }
        return renumber([r for r in getattr(self, "_register_rows", []) if r.case_id in shown])

    def _apply_register_filter(self) -> None:
        status = self.status_combo.currentData()
        rows = [r for r in getattr(self, "_register_rows", []) if not status or r.status == status]
        if len(rows) != self.register_model.rowCount():
            self.register_model.set_rows([_row_dict(r) for r in rows])
        self.register_proxy.set_text(self.register_search.text())
        self.register_count.setText(self.tr("{0} primerov").format(self.register_proxy.rowCount()))

    def _status_changed(self) -> None:
        # a different status may keep the same number of rows: reload before filtering
        self.register_model.set_rows([])
        self._apply_register_filter()

    def export_register(self, fmt: str) -> bool:
        from rejnistvo.register.export import write_register

        subgroup, year = self._subgroup(), self.year_combo.currentData()
        if subgroup is None or year is None:
            return False
        filters = {
            "csv": self.tr("CSV (*.csv)"),
            "xlsx": self.tr("Excel (*.xlsx)"),
            "pdf": self.tr("PDF (*.pdf)"),
        }
        path = self.ctx.interaction.choose_save_path(
            self.tr("Izvoz evidence"), filters[fmt], f"evidenca-podskupina-{subgroup}-{year}.{fmt}"
        )
        if not path:
            return False
        rows = self._filtered_register()
        from rejnistvo.register.export import ExportCancelled
        from rejnistvo.ui.progress import run_reporting

        # Cancelled only when the writer stopped (ExportCancelled): a click on "Prekliči"
        # after the last step comes too late, the file is already there.
        cancelled = False
        try:
            run_reporting(
                self,
                self.tr("Izvažam evidenco ({0} primerov) …").format(len(rows)),
                lambda progress: write_register(
                    rows,
                    fmt,
                    path,
                    subgroup=subgroup,
                    year=year,
                    progress=progress,
                    printed_on=self.today(),
                ),
            )
        except ExportCancelled:
            cancelled = True
        except (InputError, OSError) as exc:
            self.ctx.interaction.error(
                self.tr("Evidenca ni izvožena"), getattr(exc, "message", str(exc))
            )
            return False
        if cancelled:
            self.ctx.bus.status_message.emit(self.tr("Izvoz evidence je preklican; datoteke ni."))
            return False
        self.ctx.bus.status_message.emit(self.tr("Evidenca je shranjena v {0}.").format(path))
        return True

    # == packages =====================================================================
    def _packages_tab(self) -> QWidget:
        page = QWidget(self)
        self.packages_note = QLabel(page)
        self.packages_note.setWordWrap(True)
        self.all_cases_model = RecordTableModel(
            [
                Column("case_no", ""),
                Column("carer_name", ""),
                Column("child_name", ""),
                Column("state", ""),
            ],
            self,
        )
        self.all_cases_proxy = FilterProxy(self)
        self.all_cases_proxy.setSourceModel(self.all_cases_model)
        self.all_cases_table = QTableView(page)
        self.all_cases_table.setModel(self.all_cases_proxy)
        configure_table(self.all_cases_table)
        self.packages_search = QLineEdit(page)
        self.packages_search.setClearButtonEnabled(True)
        self.packages_search.textChanged.connect(self.all_cases_proxy.set_text)
        self.export_proposal_button = QPushButton(page)
        self.export_resolution_button = QPushButton(page)
        self.import_proposal_button = QPushButton(page)
        self.import_resolution_button = QPushButton(page)
        self.export_proposal_button.clicked.connect(lambda: self.export_package("proposal"))
        self.export_resolution_button.clicked.connect(lambda: self.export_package("resolution"))
        self.import_proposal_button.clicked.connect(lambda: self.import_package("proposal"))
        self.import_resolution_button.clicked.connect(lambda: self.import_package("resolution"))
        self.centre_box, self.coordinator_box = QGroupBox(page), QGroupBox(page)
        centre_layout = QVBoxLayout(self.centre_box)
        centre_layout.addWidget(self.export_proposal_button)
        centre_layout.addWidget(self.import_resolution_button)
        coordinator_layout = QVBoxLayout(self.coordinator_box)
        coordinator_layout.addWidget(self.import_proposal_button)
        coordinator_layout.addWidget(self.export_resolution_button)
        side = QVBoxLayout()
        side.addWidget(self.centre_box)
        side.addWidget(self.coordinator_box)
        side.addStretch(1)
        left = QVBoxLayout()
        left.addWidget(self.packages_search)
        left.addWidget(self.all_cases_table, 1)
        row = QHBoxLayout()
        row.addLayout(left, 3)
        row.addLayout(side, 1)
        layout = QVBoxLayout(page)
        layout.addWidget(self.packages_note)
        layout.addLayout(row, 1)
        return page

    def _load_all_cases(self) -> None:
        from rejnistvo.services.r4_cases import list_cases

        names = {
            "returned": self.tr("vrnjeno"),
            "decided": self.tr("odločeno"),
            "commission_named": self.tr("komisija imenovana"),
            "accepted": self.tr("sprejeto"),
            "sent": self.tr("poslano"),
            "prepared": self.tr("pripravljeno"),
        }
        rows = [
            {
                "id": case.id,
                "case_no": case.proposal.case_no,
                "carer_name": case.carer_name,
                "child_name": case.child_name,
                "state": names[case.status],
            }
            for case in list_cases(self.ctx.db)
        ]
        self.all_cases_model.set_rows(rows)
        fit_columns(self.all_cases_table)

    def _ask_passphrase(self) -> str | None:
        return self.ctx.interaction.ask_text(
            self.tr("Geslo paketa"),
            self.tr(
                "Geslo (vsaj 10 znakov; prejemniku ga sporočite po drugi poti, npr. po telefonu):"
            ),
            password=True,
        )

    def export_package(self, kind: str) -> bool:
        from rejnistvo.exchange.cases import export_proposal, export_resolution
        from rejnistvo.exchange.package import suggested_file_name
        from rejnistvo.store import StoreError

        index = self.all_cases_table.currentIndex()
        if not index.isValid():
            self.ctx.interaction.info(
                self.tr("Izvoz paketa"), self.tr("Najprej izberite primer na seznamu.")
            )
            return False
        case = self.all_cases_proxy.row_record(index.row())
        path = self.ctx.interaction.choose_save_path(
            self.tr("Shrani paket"),
            self.tr("Paket Rejništvo (*.rejpaket)"),
            suggested_file_name(kind, case.get("case_no") or str(case["id"])),
        )
        if not path:
            return False
        passphrase = self._ask_passphrase()
        if not passphrase:
            return False
        today = self.today()
        from rejnistvo.exchange.cases import default_render_pdf
        from rejnistvo.register.export import ExportCancelled
        from rejnistvo.ui.progress import run_reporting

        def work(progress) -> None:
            # Three steps: print the R-4, then encrypt and write (one transaction). A
            # cancel before the last step leaves the database and the folder untouched.
            if not progress(0, 3):
                raise ExportCancelled()

            def render(form: dict) -> bytes:
                pdf = default_render_pdf(form)
                if not progress(1, 3):
                    raise ExportCancelled()
                return pdf

            if kind == "proposal":
                export_proposal(
                    self.ctx.db, case["id"], passphrase, path, today=today, render_pdf=render
                )
            else:
                export_resolution(self.ctx.db, case["id"], passphrase, path, render_pdf=render)
            progress(3, 3)

        cancelled = False
        try:
            run_reporting(self, self.tr("Pripravljam paket …"), work)
        except ExportCancelled:
            cancelled = True
        except (InputError, StoreError, OSError) as exc:
            self.ctx.interaction.error(
                self.tr("Paket ni izvožen"), getattr(exc, "message", str(exc))
            )
            return False
        if cancelled:
            self.ctx.bus.status_message.emit(self.tr("Izvoz paketa je preklican."))
            self.refresh()
            return False
        self.ctx.bus.records_changed.emit("r4")
        self.ctx.bus.status_message.emit(self.tr("Paket je shranjen v {0}.").format(path))
        self.refresh()
        return True

    def import_package(self, kind: str) -> bool:
        from rejnistvo.exchange.cases import apply_import, preview_import
        from rejnistvo.store import StoreError

        path = self.ctx.interaction.choose_open_path(
            self.tr("Odpri paket"), self.tr("Paket Rejništvo (*.rejpaket)")
        )
        if not path:
            return False
        passphrase = self._ask_passphrase()
        if not passphrase:
            return False
        subgroups = {self._subgroup()} if kind == "proposal" and self._subgroup() else None
        try:
            preview = preview_import(self.ctx.db, path, passphrase, kind=kind, subgroups=subgroups)
        except (InputError, StoreError, OSError) as exc:
            self.ctx.interaction.error(
                self.tr("Paket ni uvožen"), getattr(exc, "message", str(exc))
            )
            return False
        text = "\n".join(f"{label}: {value}" for label, value in preview.contents.summary())
        text += "\n\n" + "\n".join(preview.notes)
        if not preview.changes_anything:
            self.ctx.interaction.info(self.tr("Predogled paketa"), text)
            return False
        if not self.ctx.interaction.confirm(
            self.tr("Predogled paketa"), text + "\n\n" + self.tr("Uvozim?")
        ):
            return False
        try:
            result = apply_import(self.ctx.db, preview, today=self.today())
        except (InputError, StoreError) as exc:
            self.ctx.interaction.error(
                self.tr("Paket ni uvožen"), getattr(exc, "message", str(exc))
            )
            return False
        self.ctx.bus.records_changed.emit("r4")
        self.ctx.interaction.info(self.tr("Paket je uvožen"), result.message)
        self.refresh()
        return True

    # == contract =====================================================================
    def _subgroup(self) -> int | None:
        return self.subgroup_combo.currentData()

    def title(self) -> str:
        return self.tr("Koordinator")

    def retranslate(self) -> None:
        self.subgroup_label.setText(self.tr("Podskupina:"))
        self.tabs.setTabText(0, self.tr("Prejeti predlogi"))
        self.tabs.setTabText(1, self.tr("Evidenca (čl. 29)"))
        self.tabs.setTabText(2, self.tr("Paketi"))
        self.cases_model.set_columns_headers([c.header for c in self._case_columns()])
        self.cases_search.setPlaceholderText(self.tr("Išči (Ctrl+F) …"))
        self.step_date_label.setText(self.tr("Datum koraka:"))
        self.received_button.setText(self.tr("Zapiši datum prejema"))
        self.received_button.setToolTip(
            self.tr(
                "Dan, ko je predlog prispel h koordinatorju (ne pred pošiljanjem in ne po "
                "sprejemu); od njega se šteje čakalna doba."
            )
        )
        self.accept_button.setText(self.tr("Sprejmi predlog"))
        self.commission_box.setTitle(self.tr("Komisija (trije člani s seznama kandidatov)"))
        self.commission_button.setText(self.tr("Imenuj komisijo"))
        self.decision_box.setTitle(self.tr("Odločitev komisije"))
        self.increase_radio.setText(self.tr("ZVIŠA za"))
        self.no_increase_radio.setText(self.tr("NE ZVIŠA"))
        self.rationale_label.setText(
            self.tr("Obrazložitev (obvezna, če se odločitev razlikuje od pravila):")
        )
        self.decide_button.setText(self.tr("Zapiši odločitev"))
        self.return_button.setText(self.tr("Označi vrnitev dokumentov centru"))
        self.register_model.set_columns_headers([c.header for c in self._register_columns()])
        self.year_label.setText(self.tr("Leto:"))
        self.status_label.setText(self.tr("Stanje:"))
        self.register_search.setPlaceholderText(
            self.tr("Išči po zadevi, centru, otroku, rejniku, sklepu …")
        )
        self.export_label.setText(self.tr("Izvozi:"))
        current = self.status_combo.currentData()
        self.status_combo.blockSignals(True)
        self.status_combo.clear()
        self.status_combo.addItem(self.tr("vsa"), None)
        from rejnistvo.register.rows import STATUSES

        for status in STATUSES:
            self.status_combo.addItem(status, status)
        self.status_combo.setCurrentIndex(max(self.status_combo.findData(current), 0))
        self.status_combo.blockSignals(False)
        self.packages_note.setText(
            self.tr(
                "Paket je šifrirana datoteka s primerom (podatki obrazca R-4 in PDF). Pošljite ga po "
                "e-pošti, geslo pa sporočite po drugi poti. Spremenjen paket ali napačno geslo program zavrne."
            )
        )
        self.all_cases_model.set_columns_headers(
            [self.tr("Številka zadeve"), self.tr("Rejnik"), self.tr("Otrok"), self.tr("Stanje")]
        )
        self.packages_search.setPlaceholderText(self.tr("Išči primer …"))
        self.centre_box.setTitle(self.tr("Center rejnika"))
        self.coordinator_box.setTitle(self.tr("Koordinator podskupine"))
        self.export_proposal_button.setText(self.tr("Izvozi predlog izbranega primera …"))
        self.import_resolution_button.setText(self.tr("Uvozi sklep …"))
        self.import_proposal_button.setText(self.tr("Uvozi predlog …"))
        self.export_resolution_button.setText(self.tr("Izvozi sklep izbranega primera …"))

    def refresh(self) -> None:
        super().refresh()
        from rejnistvo.register.queries import register_years
        from rejnistvo.store import list_records

        if self.subgroup_combo.count() == 0:
            self.subgroup_combo.blockSignals(True)
            for s in list_records(self.ctx.db, "subgroups"):
                self.subgroup_combo.addItem(f"{s['id']} – {s['name']}", s["id"])
            self.subgroup_combo.blockSignals(False)
        subgroup = self._subgroup()
        if subgroup is None:
            return
        self._load_cases(subgroup)
        years = register_years(self.ctx.db, subgroup) or [self.today().year]
        current = self.year_combo.currentData()
        self.year_combo.blockSignals(True)
        self.year_combo.clear()
        for y in years:
            self.year_combo.addItem(str(y), y)
        self.year_combo.setCurrentIndex(max(self.year_combo.findData(current), 0))
        self.year_combo.blockSignals(False)
        self._load_register()
        self._load_all_cases()

    def focus_search(self) -> None:
        target = (self.cases_search, self.register_search, self.packages_search)[
            self.tabs.currentIndex()
        ]
        target.setFocus()
        target.selectAll()

    def print_document(self) -> None:
        self.tabs.setCurrentIndex(1)
        self.export_register("pdf")

    def open_record(self, kind: str, record_id: int) -> bool:
        if kind != "coordinator":
            return False
        if self.is_stale():
            self.refresh()
        row = self.cases_model.find_row("id", record_id)
        if row >= 0:
            self.tabs.setCurrentIndex(0)
            self.cases_table.selectRow(
                self.cases_proxy.mapFromSource(self.cases_model.index(row, 0)).row()
            )
        return True


VIEW_CLASS = CoordinatorView
