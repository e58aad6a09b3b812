"""Zvišane oskrbnine in R-5: board increases, the carer's report on their use, the
centre's finding and the refund of unjustified money (Pravilnik čl. 27, 28; SPEC 3.4).

The money comes from the rules: what was received is the board increase paid month by
month (``rules.months``); the R-5 due date, the latest refund deadline and the
instalment plan come from ``rules.refund``. Nothing here computes a payment itself.
"""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QRadioButton,
    QSizePolicy,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from rejnistvo.rules.catalogues import EXPENSE_CATEGORY_KEYS, expense_categories
from rejnistvo.rules.errors import InputError, RuleError
from rejnistvo.rules.months import Adjustment, month_payments, month_range
from rejnistvo.rules.periods import Period
from rejnistvo.rules.refund import (
    RefundMethod,
    RefundPlan,
    check_instalment_dates,
    latest_refund_deadline,
    paid_days,
    refund_plan,
    report_due_date,
)
from rejnistvo.ui.format import format_amount, format_date
from rejnistvo.ui.models import Column
from rejnistvo.ui.views.case_editor import CaseEditorView, check_period_typed
from rejnistvo.ui.views.placement_data import (
    placement_periods,
    rate_table,
    record_name,
)
from rejnistvo.ui.views.preview import preview_document
from rejnistvo.ui.widgets import (
    AmountEdit,
    DateEdit,
    FieldError,
    FormValidator,
    PeriodEdit,
    TextEdit,
    parse_amount_text,
)
from rejnistvo.ui.widgets.expense_table import CategoryDelegate, ExpenseModel
from rejnistvo.ui.widgets.instalment_table import InstalmentModel

log = logging.getLogger(__name__)

# Labels below are marked for lupdate and translated where shown (self.tr).

ZERO = Decimal("0.00")
STATUS_NAMES = {
    "awaiting_report": QT_TRANSLATE_NOOP("R5View", "čaka poročilo"),
    "overdue": QT_TRANSLATE_NOOP("R5View", "poročilo zamuja"),
    "reported": QT_TRANSLATE_NOOP("R5View", "poročilo prejeto"),
    "found": QT_TRANSLATE_NOOP("R5View", "ugotovitev izdana"),
    "refund_ordered": QT_TRANSLATE_NOOP("R5View", "vračilo odrejeno"),
    "refunded": QT_TRANSLATE_NOOP("R5View", "vrnjeno"),
}


def _categories() -> dict[str, str]:
    try:
        return expense_categories()
    except (OSError, ValueError, KeyError):
        log.exception("expense categories catalogue unreadable")
        return {key: key for key in EXPENSE_CATEGORY_KEYS}


def received_increase(increase: Adjustment, placement: Sequence[Period], rates) -> Decimal:
    """SPEC 3.4: the board increase paid over the months of the increase period."""
    assert increase.period.end is not None
    payments = month_payments(
        month_range(increase.period.start, increase.period.end),
        placement,
        rates,
        board_increases=[increase],
    )
    return sum((p.board_increase for p in payments), ZERO)


# -- the view --------------------------------------------------------------------------
class R5View(CaseEditorView):
    record_kinds = ("r5",)
    kind = "r5"
    id_attr = "increase_id"
    leave_text = QT_TRANSLATE_NOOP(
        "R5View", "Zvišanje oskrbnine ima neshranjene spremembe. Jih shranim?"
    )

    def __init__(self, ctx, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.increase_id: int | None = None
        self.report_id: int | None = None
        self.refund_id: int | None = None
        self._placement: dict | None = None
        self.received: Decimal | None = None
        self.plan: RefundPlan | None = None
        self._unjustified_offered = True
        self.categories = _categories()

        self.build_panes(
            [
                Column("child_name", ""),
                Column("carer_name", ""),
                Column("percent", "", lambda p: f"{p} %", True),
                Column("from_date", ""),
                Column("to_date", ""),
                Column("report_due", ""),
                Column("status_name", ""),
            ],
            "increaseTable",
            [400, 800],
        )
        self.retranslate()
        self._clear_editor()

    # -- building -------------------------------------------------------------------
    def _build_editor(self) -> QWidget:
        scroll, editor, layout = self.editor_area()

        # Board increase ---------------------------------------------------------------
        self.increase_box = QGroupBox(editor)
        form = QFormLayout(self.increase_box)
        self.add_placement_row(form, editor)
        self.percent_combo = QComboBox(editor)
        self.percent_combo.setObjectName("percentCombo")
        self.percent_combo.addItem("25 %", 25)
        self.percent_combo.addItem("50 %", 50)
        self.percent_combo.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.percent_label = QLabel(editor)
        form.addRow(self.percent_label, self.percent_combo)
        self.period_edit = PeriodEdit("period", editor, required=True, open_allowed=False)
        self.period_label = QLabel(editor)
        form.addRow(self.period_label, self.period_edit)
        cats = QVBoxLayout()
        self.category_boxes: dict[str, QCheckBox] = {}
        for key, name in self.categories.items():
            check = QCheckBox(name, editor)
            check.setObjectName(f"category_{key}")
            self.category_boxes[key] = check
            cats.addWidget(check)
        self.categories_error = FieldError(editor)
        cats.addWidget(self.categories_error)
        self.categories_label = QLabel(editor)
        form.addRow(self.categories_label, cats)
        self.decision_no_edit = TextEdit("decision_no", editor)
        self.decision_no_label = QLabel(editor)
        form.addRow(self.decision_no_label, self.decision_no_edit)
        self.decision_date = DateEdit("decision_date", editor)
        self.decision_date_label = QLabel(editor)
        form.addRow(self.decision_date_label, self.decision_date)
        self.requested_date = DateEdit("report_requested_on", editor)
        self.requested_label = QLabel(editor)
        form.addRow(self.requested_label, self.requested_date)
        self.facts_label = QLabel(editor)
        self.facts_label.setObjectName("factsLabel")
        self.facts_label.setWordWrap(True)
        self.facts_label.setStyleSheet("background: #eef4ff; padding: 6px; border-radius: 3px;")
        form.addRow(self.facts_label)
        layout.addWidget(self.increase_box)

        # R-5 report ---------------------------------------------------------------------
        self.report_box = QGroupBox(editor)
        rlayout = QVBoxLayout(self.report_box)
        rform = QFormLayout()
        self.report_date = DateEdit("report_date", editor)
        self.report_date_label = QLabel(editor)
        rform.addRow(self.report_date_label, self.report_date)
        rlayout.addLayout(rform)
        self.expense_model = ExpenseModel(self.categories, self)
        self.expense_table = QTableView(editor)
        self.expense_table.setObjectName("expenseTable")
        self.expense_table.setModel(self.expense_model)
        self.expense_table.setItemDelegateForColumn(0, CategoryDelegate(self.categories, self))
        self.expense_table.horizontalHeader().setSectionResizeMode(
            1, QHeaderView.ResizeMode.Stretch
        )
        for column in (0, 3):  # category and document as wide as their text
            self.expense_table.horizontalHeader().setSectionResizeMode(
                column, QHeaderView.ResizeMode.ResizeToContents
            )
        self.expense_table.setMinimumHeight(150)
        self.expense_table.setEditTriggers(
            QTableView.EditTrigger.DoubleClicked
            | QTableView.EditTrigger.EditKeyPressed
            | QTableView.EditTrigger.AnyKeyPressed
        )
        rlayout.addWidget(self.expense_table)
        row = QHBoxLayout()
        self.add_expense_button = QPushButton(editor)
        self.add_expense_button.setObjectName("addExpenseButton")
        self.remove_expense_button = QPushButton(editor)
        row.addWidget(self.add_expense_button)
        row.addWidget(self.remove_expense_button)
        row.addStretch(1)
        self.total_label = QLabel(editor)
        self.total_label.setObjectName("totalLabel")
        row.addWidget(self.total_label)
        rlayout.addLayout(row)
        self.expense_error = FieldError(editor)
        rlayout.addWidget(self.expense_error)
        layout.addWidget(self.report_box)

        # Finding ------------------------------------------------------------------------
        self.finding_box = QGroupBox(editor)
        fform = QFormLayout(self.finding_box)
        self.finding_date = DateEdit("finding_date", editor)
        self.finding_date_label = QLabel(editor)
        fform.addRow(self.finding_date_label, self.finding_date)
        self.centre_combo = QComboBox(editor)
        self.centre_combo.setObjectName("centreCombo")
        self.unit_combo = QComboBox(editor)
        centre_row = QHBoxLayout()
        centre_row.addWidget(self.centre_combo, 2)
        centre_row.addWidget(self.unit_combo, 1)
        self.centre_label = QLabel(editor)
        fform.addRow(self.centre_label, centre_row)
        self.justified_edit = AmountEdit("justified", editor)
        self.justified_label = QLabel(editor)
        fform.addRow(self.justified_label, self.justified_edit)
        unjust_row = QHBoxLayout()
        self.unjustified_edit = AmountEdit("unjustified", editor)
        self.offer_button = QPushButton(editor)
        self.offer_button.setObjectName("offerButton")
        unjust_row.addWidget(self.unjustified_edit, 1)
        unjust_row.addWidget(self.offer_button, 0, Qt.AlignmentFlag.AlignTop)
        self.unjustified_label = QLabel(editor)
        fform.addRow(self.unjustified_label, unjust_row)
        layout.addWidget(self.finding_box)

        # Refund -------------------------------------------------------------------------
        self.refund_box = QGroupBox(editor)
        dlayout = QVBoxLayout(self.refund_box)
        dform = QFormLayout()
        self.call_date = DateEdit("call_date", editor)
        self.call_date_label = QLabel(editor)
        dform.addRow(self.call_date_label, self.call_date)
        self.latest_label = QLabel(editor)
        self.latest_label.setObjectName("latestLabel")
        self.latest_title = QLabel(editor)
        dform.addRow(self.latest_title, self.latest_label)
        self.deadline_edit = DateEdit("deadline", editor)
        self.deadline_label = QLabel(editor)
        dform.addRow(self.deadline_label, self.deadline_edit)
        method_row = QHBoxLayout()
        self.method_group = QButtonGroup(self)
        self.lump_sum_radio = QRadioButton(editor)
        self.lump_sum_radio.setObjectName("lumpSum")
        self.as_received_radio = QRadioButton(editor)
        self.as_received_radio.setObjectName("asReceived")
        for button in (self.lump_sum_radio, self.as_received_radio):
            self.method_group.addButton(button)
            method_row.addWidget(button)
        method_row.addStretch(1)
        self.method_label = QLabel(editor)
        dform.addRow(self.method_label, method_row)
        dlayout.addLayout(dform)
        plan_row = QHBoxLayout()
        self.plan_button = QPushButton(editor)
        self.plan_button.setObjectName("planButton")
        plan_row.addWidget(self.plan_button)
        plan_row.addStretch(1)
        self.plan_total_label = QLabel(editor)
        plan_row.addWidget(self.plan_total_label)
        dlayout.addLayout(plan_row)
        self.instalment_model = InstalmentModel(self)
        self.instalment_table = QTableView(editor)
        self.instalment_table.setObjectName("instalmentTable")
        self.instalment_table.setModel(self.instalment_model)
        self.instalment_table.horizontalHeader().setStretchLastSection(True)
        self.instalment_table.setMinimumHeight(200)
        dlayout.addWidget(self.instalment_table)
        self.refund_error = FieldError(editor)
        self.refund_error.setObjectName("refundError")
        dlayout.addWidget(self.refund_error)
        layout.addWidget(self.refund_box)

        self.print_call_button = QPushButton(editor)
        self.print_call_button.setObjectName("printCallButton")
        pane = self.editor_pane(scroll, self.print_call_button)

        # Signals --------------------------------------------------------------------------
        self.placement_combo.currentIndexChanged.connect(self._placement_changed)
        self.percent_combo.currentIndexChanged.connect(self._increase_changed)
        self.period_edit.edited.connect(self._increase_changed)
        self.period_edit.start_edit.edit.editingFinished.connect(self._increase_changed)
        self.period_edit.end_edit.edit.editingFinished.connect(self._increase_changed)
        for date_edit in (self.period_edit.start_edit, self.period_edit.end_edit):
            date_edit.edit.editingFinished.connect(lambda: check_period_typed(self.period_edit))
        for check in self.category_boxes.values():
            check.toggled.connect(self._edited)
        for w in (
            self.decision_no_edit,
            self.decision_date,
            self.requested_date,
            self.report_date,
            self.finding_date,
        ):
            w.edited.connect(self._edited)
        self.expense_model.changed.connect(self._expenses_changed)
        self.add_expense_button.clicked.connect(self._add_expense)
        self.remove_expense_button.clicked.connect(self._remove_expense)
        self.centre_combo.currentIndexChanged.connect(self._centre_changed)
        self.unit_combo.currentIndexChanged.connect(self._edited)
        self.justified_edit.edited.connect(self._justified_changed)
        self.justified_edit.edit.editingFinished.connect(self._justified_changed)
        self.unjustified_edit.edited.connect(self._unjustified_typed)
        self.offer_button.clicked.connect(self.offer_unjustified)
        for w in (self.call_date, self.deadline_edit):
            w.edited.connect(self._refund_inputs_changed)
            w.edit.editingFinished.connect(self._refund_inputs_changed)
        self.method_group.buttonToggled.connect(self._refund_inputs_changed)
        self.plan_button.clicked.connect(self.make_plan)
        self.instalment_model.changed.connect(self._instalments_changed)
        self.print_call_button.clicked.connect(self.print_refund_call)
        return pane

    def title(self) -> str:
        return self.tr("Zvišane oskrbnine in R-5")

    def retranslate(self) -> None:
        self.search.setPlaceholderText(self.tr("Išči po otroku ali rejniku (Ctrl+F)"))
        self.model.set_columns_headers(
            [
                self.tr("Otrok"),
                self.tr("Rejnik"),
                self.tr("Zvišanje"),
                self.tr("Od"),
                self.tr("Do"),
                self.tr("Rok R-5"),
                self.tr("Stanje"),
            ]
        )
        self.new_button.setText(self.tr("Novo zvišanje oskrbnine (Ctrl+N)"))
        self.increase_box.setTitle(self.tr("Zvišanje oskrbnine"))
        self.placement_label.setText(self.tr("Namestitev:"))
        self.percent_label.setText(self.tr("Zvišanje:"))
        self.period_label.setText(self.tr("Obdobje:"))
        self.categories_label.setText(self.tr("Izredni izdatki (27. člen):"))
        self.decision_no_label.setText(self.tr("Odločba št.:"))
        self.decision_date_label.setText(self.tr("Datum odločbe:"))
        self.requested_label.setText(self.tr("Poročilo zahtevano dne:"))
        self.report_box.setTitle(self.tr("Poročilo R-5 o namenskosti porabe"))
        self.report_date_label.setText(self.tr("Datum poročila:"))
        self.expense_model.set_headers(
            [
                self.tr("Vrsta izrednega izdatka"),
                self.tr("Opis"),
                self.tr("Znesek (EUR)"),
                self.tr("Dokument (račun)"),
            ]
        )
        self.add_expense_button.setText(self.tr("Dodaj izdatek"))
        self.remove_expense_button.setText(self.tr("Odstrani izbranega"))
        self.finding_box.setTitle(self.tr("Ugotovitev centra otroka"))
        self.finding_date_label.setText(self.tr("Datum ugotovitve:"))
        self.centre_label.setText(self.tr("Center, enota:"))
        self.justified_label.setText(self.tr("Porabljeno namensko:"))
        self.unjustified_label.setText(self.tr("Nenamensko ali brez razloga:"))
        self.offer_button.setText(self.tr("= prejeto − namensko"))
        self.refund_box.setTitle(self.tr("Vračilo (28. člen, četrti odstavek)"))
        self.call_date_label.setText(self.tr("Datum poziva:"))
        self.latest_title.setText(self.tr("Najpoznejši dopustni rok:"))
        self.deadline_label.setText(self.tr("Rok vračila:"))
        self.deadline_edit.edit.setPlaceholderText(self.tr("najpoznejši"))
        self.method_label.setText(self.tr("Način:"))
        self.lump_sum_radio.setText(self.tr("v enkratnem znesku"))
        self.as_received_radio.setText(self.tr("v posameznih zneskih, kot jih je prejel"))
        self.plan_button.setText(self.tr("Pripravi načrt vračila"))
        self.instalment_model.set_headers(
            [self.tr("Zapade"), self.tr("Znesek (EUR)"), self.tr("Plačano")]
        )
        self.save_button.setText(self.tr("Shrani (Ctrl+S)"))
        self.print_button.setText(self.tr("Natisni R-5… (Ctrl+P)"))
        self.print_call_button.setText(self.tr("Natisni poziv k vračilu…"))
        self._update_facts()
        self._update_total()

    # -- list -----------------------------------------------------------------------
    def refresh(self) -> None:
        super().refresh()
        from rejnistvo.store import StoreError, list_records

        try:
            increases = list_records(self.ctx.db, "board_increases")
            placements = list_records(self.ctx.db, "placements")
            centres = list_records(self.ctx.db, "centres")
            statuses = self._statuses()
        except StoreError as error:
            self.ctx.interaction.error(self.tr("Branje ni uspelo"), error.message)
            return
        rows = []
        for inc in increases:
            status = statuses.get(inc["id"], "")
            due = report_due_date(Period(inc["from_date"], inc["to_date"]))
            rows.append(
                {
                    **inc,
                    "report_due": due,
                    "status": status,
                    "status_name": self.tr(STATUS_NAMES.get(status, status)),
                }
            )
        self.model.set_rows(rows)
        self.set_placement_choices(placements)
        self._loading = True
        current_centre = self.centre_combo.currentData()
        self.centre_combo.clear()
        self.centre_combo.addItem("", None)
        for c in centres:
            self.centre_combo.addItem(c["name"], c["id"])
        self.centre_combo.setCurrentIndex(max(self.centre_combo.findData(current_centre), 0))
        self._loading = False
        self._select_row(self.increase_id)

    def _statuses(self) -> dict[int, str]:
        from rejnistvo.store.case_documents import cases

        return {c["id"]: c["status"] for c in cases(self.ctx.db) if c["kind"] == "r5"}

    # -- editor state -----------------------------------------------------------------
    def _clear_editor(self) -> None:
        self._loading = True
        self.increase_id = self.report_id = self.refund_id = None
        self.placement_combo.setCurrentIndex(0)
        self.percent_combo.setCurrentIndex(0)
        self.period_edit.set_value(None)
        for check in self.category_boxes.values():
            check.setChecked(False)
        for w in self._value_fields():
            w.set_value(None)
        self.expense_model.set_expenses([])
        self.centre_combo.setCurrentIndex(0)
        self.lump_sum_radio.setChecked(True)
        self.instalment_model.set_instalments([])
        self.plan = None
        self._unjustified_offered = True
        self._clear_errors()
        self._loading = False
        self._placement_changed()
        self._update_total()
        self._update_plan_total()
        self._dirty = False

    def _clear_errors(self) -> None:
        for w in (
            self.placement_error,
            self.categories_error,
            self.expense_error,
            self.refund_error,
        ):
            w.clear_error()
        for f in (self.period_edit, *self._value_fields()):
            f.clear_error()

    def _value_fields(self) -> tuple:
        """The typed fields besides the period (each shows its own error)."""
        return (
            self.decision_no_edit,
            self.decision_date,
            self.requested_date,
            self.report_date,
            self.finding_date,
            self.justified_edit,
            self.unjustified_edit,
            self.call_date,
            self.deadline_edit,
        )

    def load(self, increase_id: int) -> None:
        from rejnistvo.store import StoreError, get_record, list_records

        try:
            inc = get_record(self.ctx.db, "board_increases", increase_id)
            reports = list_records(self.ctx.db, "r5_reports", increase_id=increase_id)
            report = get_record(self.ctx.db, "r5_reports", reports[0]["id"]) if reports else None
            refunds = list_records(self.ctx.db, "refunds", increase_id=increase_id)
            refund = get_record(self.ctx.db, "refunds", refunds[0]["id"]) if refunds else None
        except StoreError as error:
            self.ctx.interaction.error(self.tr("Branje ni uspelo"), error.message)
            return
        self._loading = True
        try:
            self._clear_errors()
            self.increase_id = inc["id"]
            self.placement_combo.setCurrentIndex(
                max(self.placement_model.index_of(inc["placement_id"]), 0)
            )
            self.percent_combo.setCurrentIndex(max(self.percent_combo.findData(inc["percent"]), 0))
            self.period_edit.set_value(Period(inc["from_date"], inc["to_date"]))
            chosen = {c["category"] for c in inc.get("categories", [])}
            for key, check in self.category_boxes.items():
                check.setChecked(key in chosen)
            self.decision_no_edit.set_value(inc.get("decision_no"))
            self.decision_date.set_value(inc.get("decision_date"))
            self.requested_date.set_value(inc.get("report_requested_on"))
            self.report_id = report["id"] if report else None
            report = report or {}
            self.report_date.set_value(report.get("report_date"))
            self.expense_model.set_expenses(report.get("expenses", []))
            self.finding_date.set_value(report.get("finding_date"))
            self.centre_combo.setCurrentIndex(
                max(self.centre_combo.findData(report.get("finding_centre_id")), 0)
            )
            self._fill_units(report.get("finding_unit_id"))
            self.justified_edit.set_value(report.get("justified"))
            self.unjustified_edit.set_value(report.get("unjustified"))
            self._unjustified_offered = report.get("unjustified") is None
            self.refund_id = refund["id"] if refund else None
            refund = refund or {}
            self.call_date.set_value(refund.get("call_date"))
            self.deadline_edit.set_value(refund.get("deadline"))
            (
                self.as_received_radio
                if refund.get("method") == "as_received"
                else self.lump_sum_radio
            ).setChecked(True)
            self.instalment_model.set_instalments(refund.get("instalments", []))
            self._placement_changed()
        finally:
            self._loading = False
        self._update_facts()
        self._update_total()
        self.plan = self._compute_plan(show_errors=False) if refund else None
        self._update_plan_total()
        self._dirty = False

    def _edited(self, *_args: Any) -> None:
        if not self._loading:
            self._dirty = True

    def _placement_changed(self) -> None:
        self.placement_error.clear_error()
        self.read_placement()
        self.period_edit.set_outer(placement_periods(self._placement) if self._placement else None)
        if self._placement and self.centre_combo.currentData() is None and not self._loading:
            index = self.centre_combo.findData(self._placement.get("child_centre_id"))
            if index >= 0:
                self.centre_combo.setCurrentIndex(index)
        self._increase_changed()

    def _centre_changed(self) -> None:
        self._fill_units(None)
        self._edited()

    def _fill_units(self, unit_id: int | None) -> None:
        centre_id = self.centre_combo.currentData()
        self.unit_combo.blockSignals(True)
        self.unit_combo.clear()
        self.unit_combo.addItem("", None)
        if centre_id is not None:
            try:
                for u in self.ctx.db.query(
                    "SELECT id, name FROM units WHERE centre_id = ? ORDER BY name", [centre_id]
                ):
                    self.unit_combo.addItem(u["name"], u["id"])
            except Exception:  # noqa: BLE001 - units are a convenience
                log.exception("reading units failed")
        self.unit_combo.setCurrentIndex(max(self.unit_combo.findData(unit_id), 0))
        self.unit_combo.blockSignals(False)

    # -- live figures -------------------------------------------------------------------
    def increase(self) -> Adjustment | None:
        """The increase as typed, if it is complete and valid (no reasons shown)."""
        try:
            period = self.period_edit.value()
        except InputError:
            return None
        if period is None or period.end is None:
            return None
        return Adjustment(self.percent_combo.currentData(), period)

    def _increase_changed(self, *_args: Any) -> None:
        if self._loading:
            return  # loading computes the figures once at its end
        self._edited()
        self._update_facts()
        self._refund_inputs_changed()

    def _update_facts(self) -> None:
        """R-5 due date, days paid and the amount received, from the rules."""
        self.received = None
        increase = self.increase()
        if increase is None:
            self.facts_label.setText(
                self.tr(
                    "Vpišite obdobje zvišanja: program pokaže rok za poročilo R-5 in prejeti znesek."
                )
            )
            self._update_latest()
            return
        due = report_due_date(increase.period)
        text = self.tr("Rok za poročilo R-5 (30 dni pred iztekom): <b>{0}</b>").format(
            format_date(due)
        )
        if self._placement:
            periods = placement_periods(self._placement)
            try:
                self.received = received_increase(increase, periods, rate_table(self.ctx.db))
                days = paid_days(increase.period, periods)
                text += "<br>" + self.tr(
                    "Prejeto zvišanje oskrbnine: <b>{0} €</b> za {1} dni namestitve"
                ).format(format_amount(self.received), days)
            except RuleError as error:
                text += "<br>" + error.message
        self.facts_label.setText(text)
        self._update_latest()

    def _expenses_changed(self) -> None:
        self._edited()
        self._update_total()

    def _update_total(self) -> None:
        self.total_label.setText(
            self.tr("SKUPAJ: {0} €").format(format_amount(self.expense_model.total()))
        )
        errors = self.expense_model.errors()
        if errors:
            row, message = errors[0]
            self.expense_error.show_error(self.tr("Vrstica {0}: {1}").format(row + 1, message))
        else:
            self.expense_error.clear_error()

    def _add_expense(self) -> None:
        row = self.expense_model.add_row()
        index = self.expense_model.index(row, 1)
        self.expense_table.setCurrentIndex(index)
        self.expense_table.edit(index)

    def _remove_expense(self) -> None:
        index = self.expense_table.currentIndex()
        if index.isValid():
            self.expense_model.remove_row(index.row())

    def offered_unjustified(self) -> Decimal | None:
        """Received − justified, when both are known (never below zero)."""
        if self.received is None:
            return None
        try:
            justified = parse_amount_text(self.justified_edit.text(), "justified")
        except InputError:
            return None
        if justified is None:
            return None
        return max(self.received - justified, ZERO)

    def offer_unjustified(self) -> None:
        value = self.offered_unjustified()
        if value is None:
            self.unjustified_edit.show_error(
                self.tr("Najprej vpišite obdobje zvišanja in namensko porabljeni znesek.")
            )
            return
        self.unjustified_edit.set_value(value)
        self._unjustified_offered = True
        self._edited()
        self._refund_inputs_changed()

    def _justified_changed(self, *_args: Any) -> None:
        self._edited()
        # Offer received − justified until the user types their own amount.
        if self._unjustified_offered and not self._loading:
            value = self.offered_unjustified()
            if value is not None:
                self.unjustified_edit.set_value(value)
                self._refund_inputs_changed()

    def _unjustified_typed(self) -> None:
        self._unjustified_offered = not self.unjustified_edit.text().strip()
        self._edited()
        self._refund_inputs_changed()

    def _update_latest(self) -> None:
        increase = self.increase()
        try:
            call = self.call_date.value()
        except InputError:
            call = None
        if increase is None or call is None or not self._placement:
            self.latest_label.setText(self.tr("— (vpišite obdobje zvišanja in datum poziva)"))
            return
        days = paid_days(increase.period, placement_periods(self._placement))
        latest = latest_refund_deadline(call, days)
        self.latest_label.setText(
            self.tr("{0} (dan poziva + {1} dni prejemanja, premaknjeno na delovni dan)").format(
                format_date(latest), days
            )
        )

    def _refund_inputs_changed(self, *_args: Any) -> None:
        if self._loading:
            return
        self._edited()
        self._update_latest()
        # A plan made earlier no longer matches: make it again (dates reset).
        if self.instalment_model.rowCount() or self.plan is not None:
            self.make_plan()

    def _compute_plan(self, show_errors: bool = True) -> RefundPlan | None:
        """The refund plan of the rules for what is typed; None with reasons shown."""
        if show_errors:
            self.refund_error.clear_error()
            self.deadline_edit.clear_error()
        increase = self.increase()
        if increase is None or not self._placement:
            if show_errors:
                self.refund_error.show_error(
                    self.tr("Najprej izberite namestitev in vpišite obdobje zvišanja.")
                )
            return None
        try:
            call = self.call_date.value()
            deadline = self.deadline_edit.value()
            unjustified = self.unjustified_edit.value()
        except InputError:
            return None
        if call is None:
            if show_errors:
                self.call_date.show_error(self.tr("Vpišite datum poziva k vračilu."))
            return None
        method = (
            RefundMethod.AS_RECEIVED
            if self.as_received_radio.isChecked()
            else RefundMethod.LUMP_SUM
        )
        try:
            return refund_plan(
                increase,
                placement_periods(self._placement),
                rate_table(self.ctx.db),
                call,
                unjustified,
                deadline,
                method,
            )
        except RuleError as error:
            if show_errors:
                target = {"deadline": self.deadline_edit, "unjustified": self.unjustified_edit}.get(
                    error.field
                )
                if target is not None:
                    target.show_error(error.message)
                else:
                    self.refund_error.show_error(error.message)
            return None

    def make_plan(self) -> bool:
        """Refund plan from the rules: instalments with their default dates."""
        plan = self._compute_plan()
        if plan is None:
            # Keep the rows shown (with their paid marks) while the input is being fixed.
            self._update_plan_total()
            return False
        self.plan = plan
        # Paid marks stay with their instalment (by order): a payment that was made stays made.
        paid = [r["paid_on"] for r in self.instalment_model.records_raw()]
        self.instalment_model.set_instalments(
            [
                {"due": i.due, "amount": i.amount, "paid_on": paid[k] if k < len(paid) else None}
                for k, i in enumerate(plan.instalments)
            ]
        )
        self._edited()
        self._update_plan_total()
        return True

    def _instalments_changed(self) -> None:
        self._edited()
        self.check_instalments()
        self._update_plan_total()

    def check_instalments(self) -> bool:
        """Edited dates: each a date, in order, between the call date and the deadline."""
        self.refund_error.clear_error()
        for row in range(self.instalment_model.rowCount()):
            error = self.instalment_model.due_error(row)
            if error:
                self.refund_error.show_error(self.tr("Obrok {0}: {1}").format(row + 1, error))
                return False
        if self.plan is None or not self.instalment_model.rowCount():
            return True
        try:
            call = self.call_date.value()
            if call is None:
                return True
            check_instalment_dates(self.instalment_model.instalments(), call, self.plan.deadline)
        except InputError as error:
            row = error.field.split("[")[1].split("]")[0] if "[" in error.field else "?"
            number = int(row) + 1 if row.isdigit() else row
            self.refund_error.show_error(self.tr("Obrok {0}: {1}").format(number, error.message))
            return False
        return True

    def _update_plan_total(self) -> None:
        if self.plan is None and not self.instalment_model.rowCount():
            self.plan_total_label.setText("")
            return
        text = self.tr("Za vračilo: {0} €").format(format_amount(self.instalment_model.total()))
        if self.plan is not None:
            text += self.tr(" (prejeto {0} €, rok {1})").format(
                format_amount(self.plan.received), format_date(self.plan.deadline)
            )
        self.plan_total_label.setText(text)

    # -- saving ---------------------------------------------------------------------------
    def collect(self) -> tuple[dict, dict | None, dict | None] | None:
        """(increase, report, refund) records, or None with the reasons shown."""
        self._clear_errors()
        v = FormValidator()
        placement_id = self.check_placement(v)
        period = v.check(self.period_edit)
        categories = [k for k, c in self.category_boxes.items() if c.isChecked()]
        if not categories:
            self.categories_error.show_error(
                self.tr("Izberite vsaj eno vrsto izrednih izdatkov (27. člen).")
            )
            v.errors.append((self.category_boxes[next(iter(self.category_boxes))], "categories"))
        decision_no = v.check(self.decision_no_edit)
        decision_date = v.check(self.decision_date)
        requested = v.check(self.requested_date)
        report_date = v.check(self.report_date)
        finding_date = v.check(self.finding_date)
        justified = v.check(self.justified_edit)
        unjustified = v.check(self.unjustified_edit)
        call = v.check(self.call_date)
        v.check(self.deadline_edit)
        if self.expense_model.errors():
            row, message = self.expense_model.errors()[0]
            self.expense_error.show_error(self.tr("Vrstica {0}: {1}").format(row + 1, message))
            v.errors.append((self.expense_table, message))
        if unjustified is not None and self.received is not None and unjustified > self.received:
            v.add_error(
                self.unjustified_edit,
                self.tr(
                    "Nenamensko porabljeni znesek presega prejeto zvišanje; dovoljeno je od "
                    "0,00 do {0} €."
                ).format(format_amount(self.received)),
            )
        if justified is not None and self.received is not None and justified > self.received:
            v.add_error(
                self.justified_edit,
                self.tr("Namensko porabljeni znesek presega prejeto zvišanje ({0} €).").format(
                    format_amount(self.received)
                ),
            )
        plan = None
        if call is not None and v.ok:
            plan = self._compute_plan()
            if plan is None:
                v.errors.append((self.call_date, "refund"))
            elif not self.instalment_model.rowCount() and plan.instalments:
                self.plan = plan
                self.instalment_model.set_instalments(
                    [{"due": i.due, "amount": i.amount, "paid_on": None} for i in plan.instalments]
                )
            else:
                self.plan = plan
            if plan is not None and not self.check_instalments():
                v.errors.append((self.instalment_table, "instalments"))
            if plan is not None and self.instalment_model.total() != plan.refund:
                # The amount changed since the plan was made: make it again.
                self.make_plan()
        if not v.ok:
            v.focus_first()
            return None

        increase = {
            "placement_id": placement_id,
            "percent": self.percent_combo.currentData(),
            "from_date": period.start,
            "to_date": period.end,
            "decision_no": decision_no,
            "decision_date": decision_date,
            "report_requested_on": requested,
            "categories": [{"category": k} for k in categories],
        }
        if self.increase_id is not None:
            increase["id"] = self.increase_id
        expenses = self.expense_model.expenses()
        report = None
        if (
            report_date
            or expenses
            or finding_date
            or justified is not None
            or unjustified is not None
        ):
            report = {
                "report_date": report_date,
                "finding_date": finding_date,
                "justified": justified,
                "unjustified": unjustified,
                "finding_centre_id": self.centre_combo.currentData(),
                "finding_unit_id": self.unit_combo.currentData(),
                "expenses": expenses,
            }
            if self.report_id is not None:
                report["id"] = self.report_id
        refund = None
        if plan is not None:
            refund = {
                "call_date": call,
                "deadline": plan.deadline,
                "method": str(plan.method),
                "amount": plan.refund,
                "instalments": self.instalment_model.records(),
            }
            if self.refund_id is not None:
                refund["id"] = self.refund_id
        return increase, report, refund

    def save(self) -> bool:
        collected = self.collect()
        if collected is None:
            return False
        increase, report, refund = collected
        if refund is None and self.refund_id is not None:
            # The call date was cleared: the ordered refund (and its paid marks) would go.
            if not self.ctx.interaction.confirm(
                self.tr("Izbris vračila"),
                self.tr(
                    "Datum poziva je izbrisan. Ali naj izbrišem odrejeno vračilo in njegov "
                    "načrt obrokov (tudi oznake plačil)?"
                ),
            ):
                return False
        from rejnistvo.store import StoreError, delete_record, save_record

        db = self.ctx.db
        try:
            # The increase, its report and its refund change together or not at all.
            with db.atomic():
                increase_id = save_record(db, "board_increases", increase)
                report_id = self.report_id
                if report is not None:
                    report_id = save_record(
                        db, "r5_reports", {**report, "increase_id": increase_id}
                    )
                refund_id = self.refund_id
                if refund is not None:
                    refund_id = save_record(db, "refunds", {**refund, "increase_id": increase_id})
                elif refund_id is not None:
                    delete_record(db, "refunds", refund_id)
                    refund_id = None
        except (StoreError, RuleError) as error:
            self.ctx.interaction.error(self.tr("Shranjevanje ni uspelo"), error.message)
            return False
        self.increase_id, self.report_id, self.refund_id = increase_id, report_id, refund_id
        if refund is None and self.instalment_model.rowCount():
            self.plan = None
            self.instalment_model.set_instalments([])
            self._update_plan_total()
        self.stored(self.tr("Zvišanje oskrbnine je shranjeno."))
        return True

    # -- printing -------------------------------------------------------------------------
    def print_document(self) -> None:
        """R-5 filled from the stored increase, report and finding."""
        self.print_form("r5", self.tr("Obrazec R-5"), self.tr("Obrazca R-5 ni mogoče natisniti"))

    def print_refund_call(self) -> None:
        """The call to refund with the plan as stored (edited dates included)."""
        if not self.ensure_saved():
            return
        if self.plan is None:
            self.ctx.interaction.error(
                self.tr("Poziva ni mogoče natisniti"),
                self.tr("Najprej vpišite datum poziva in pripravite načrt vračila."),
            )
            return
        plan = dataclasses.replace(self.plan, instalments=self.instalment_model.instalments())
        placement = self._placement or {}
        increase = self.increase()
        header = {
            "centre": self.centre_combo.currentText() or None,
            "unit": self.unit_combo.currentText() or None,
            "case_no": self.decision_no_edit.text().strip() or None,
            "call_date": self.call_date.value(),
            "carer": placement.get("carer_name")
            or record_name(self.ctx.db, "carers", placement.get("carer_id")),
            "child": placement.get("child_name")
            or record_name(self.ctx.db, "children", placement.get("child_id")),
            "increase_percent": increase.percent if increase else None,
            "increase_period": increase.period if increase else None,
        }

        def make() -> bytes:
            from rejnistvo.forms.refund_call import render_refund_call_bytes

            return render_refund_call_bytes(header, plan)

        preview_document(
            self,
            make,
            self.tr("Poziv k vračilu"),
            f"poziv-k-vracilu-{self.increase_id}.pdf",
            self.tr("Poziva ni mogoče natisniti"),
        )


VIEW_CLASS = R5View
