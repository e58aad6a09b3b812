"""The carer's R-5 report (date, expenses of čl. 27, SKUPAJ) and the centre's finding
(date, centre and unit, amounts used for the purpose and not). Widgets only: amounts
are parsed by the fields (``rules.money.parse_amount``), checks are the service's."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from decimal import Decimal

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from rejnistvo.rules.consistency import expenses_outside_categories
from rejnistvo.rules.errors import InputError
from rejnistvo.services.board_increases import Expense, R5Report
from rejnistvo.ui.format import format_amount, format_date
from rejnistvo.ui.widgets import AmountEdit, DateEdit, FieldError, FormValidator
from rejnistvo.ui.widgets.expense_table import CategoryDelegate, ExpenseModel
from rejnistvo.ui.widgets.keyboard import EditTableView


class ReportPanel(QGroupBox):
    """Report date and the table of expenses with SKUPAJ. ``edited`` on any change."""

    edited = Signal()

    def __init__(
        self,
        categories: dict[str, str],
        parent: QWidget | None = None,
        category_for_new_expense: Callable[[], str] = lambda: "education",
        granted_categories: Callable[[], Sequence[str]] = lambda: (),
    ) -> None:
        super().__init__(parent)
        self.categories = categories
        self._granted_categories = granted_categories
        # a new expense starts in a category the increase was granted for (one ticked
        # »Zdravje« had every new row start as »Izobraževalni proces«, easy to leave)
        self._category_for_new_expense = category_for_new_expense
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.report_date = DateEdit("report_date", self)
        self.report_date_label = QLabel(self)
        # čl. 28/3: the centre may ask for a report again after one is received
        self.ask_again_button = QPushButton(self)
        self.ask_again_button.setObjectName("askAgainButton")
        self.ask_again_button.setEnabled(False)
        date_row = QHBoxLayout()
        date_row.addWidget(self.report_date)
        date_row.addWidget(self.ask_again_button)
        date_row.addStretch(1)
        form.addRow(self.report_date_label, date_row)
        self._asked_again_on: date | None = None
        layout.addLayout(form)
        self.expense_model = ExpenseModel(categories, self)
        self.expense_table = EditTableView(self)  # Tab leaves after the last cell
        self.expense_table.setObjectName("expenseTable")
        self.expense_table.setModel(self.expense_model)
        self.expense_table.setItemDelegateForColumn(0, CategoryDelegate(categories, self))
        header = self.expense_table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.resizeSection(0, 220)
        header.resizeSection(2, 110)
        header.resizeSection(3, 150)
        self.expense_table.setMinimumHeight(150)
        self.expense_table.setEditTriggers(
            QTableView.EditTrigger.DoubleClicked
            | QTableView.EditTrigger.EditKeyPressed
            | QTableView.EditTrigger.AnyKeyPressed
        )
        layout.addWidget(self.expense_table)
        row = QHBoxLayout()
        self.add_expense_button = QPushButton(self)
        self.add_expense_button.setObjectName("addExpenseButton")
        self.remove_expense_button = QPushButton(self)
        row.addWidget(self.add_expense_button)
        row.addWidget(self.remove_expense_button)
        row.addStretch(1)
        self.total_label = QLabel(self)
        self.total_label.setObjectName("totalLabel")
        row.addWidget(self.total_label)
        layout.addLayout(row)
        self.expense_error = FieldError(self)
        layout.addWidget(self.expense_error)
        # Expenses of a category the increase was not granted for: the centre weighs them
        # in its finding (čl. 28/4); said here, where the report is typed.
        self.category_note = QLabel(self)
        self.category_note.setObjectName("categoryNote")
        self.category_note.setWordWrap(True)
        self.category_note.hide()
        layout.addWidget(self.category_note)

        self.report_date.edited.connect(self.edited)
        self.expense_model.changed.connect(self._expenses_changed)
        self.add_expense_button.clicked.connect(self._add_expense)
        self.remove_expense_button.clicked.connect(self._remove_expense)

    def retranslate(self) -> None:
        if self._asked_again_on is None:
            self.setTitle(self.tr("Poročilo R-5 o namenskosti porabe"))
        else:
            self.setTitle(
                self.tr("Novo poročilo R-5 o namenskosti porabe (zahtevano {0})").format(
                    format_date(self._asked_again_on)
                )
            )
        self.report_date_label.setText(self.tr("Datum poročila:"))
        self.ask_again_button.setText(self.tr("Zahtevaj novo poročilo…"))
        self.ask_again_button.setToolTip(
            self.tr(
                "Center lahko kadarkoli zahteva novo poročilo (28. člen, 3. odstavek); "
                "prejeto se shrani med prejšnja poročila."
            )
        )
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
        self.update_total()

    def set_asked_again(self, day: date | None, can_ask: bool) -> None:
        """`day`: the day the centre asked for the report awaited now after an earlier
        one (None: the first report); `can_ask`: a received report is stored."""
        self._asked_again_on = day
        self.ask_again_button.setEnabled(can_ask)
        self.retranslate()

    def set_expenses(self, expenses: Sequence[Expense]) -> None:
        self.expense_model.set_expenses(
            [
                {
                    "category": e.category,
                    "description": e.description,
                    "amount": e.amount,
                    "document": e.document,
                }
                for e in expenses
            ]
        )
        self.update_total()

    def expenses(self, v: FormValidator) -> tuple[Expense, ...]:
        errors = self.expense_model.errors()
        if errors:
            row, message = errors[0]
            self.expense_error.show_error(self.tr("Vrstica {0}, {1}").format(row + 1, message))
            v.errors.append((self.expense_table, message))
            return ()
        return tuple(
            Expense(e["category"], e["amount"], e["description"], e["document"])
            for e in self.expense_model.expenses()
        )

    @Slot()
    def _expenses_changed(self) -> None:
        self.update_total()
        self.edited.emit()

    def update_total(self) -> None:
        self.total_label.setText(
            self.tr("SKUPAJ: {0} €").format(format_amount(self.expense_model.total()))
        )
        errors = self.expense_model.errors()
        if errors:
            row, message = errors[0]
            self.expense_error.show_error(self.tr("Vrstica {0}, {1}").format(row + 1, message))
        else:
            self.expense_error.clear_error()
        self.show_category_note()

    @Slot()
    def show_category_note(self) -> None:
        """Which expenses are of a category the increase was not granted for."""
        granted = self._granted_categories()
        rows = self.expense_model.row_categories()
        names = ", ".join(self.categories.get(key, key) for key in granted)
        lines = [
            self.tr(
                "Vrstica {0}: »{1}« ni med vrstami izrednih izdatkov, za katere je bila "
                "oskrbnina zvišana ({2})."
            ).format(row + 1, self.categories.get(rows[row], rows[row]), names)
            for row in expenses_outside_categories(rows, granted)
            if rows[row] in self.categories  # an unchosen one is an error above
        ]
        self.category_note.setText("\n".join(lines))
        self.category_note.setVisible(bool(lines))

    @Slot()
    def _add_expense(self) -> None:
        row = self.expense_model.add_row(self._category_for_new_expense())
        index = self.expense_model.index(row, 1)
        self.expense_table.setCurrentIndex(index)
        self.expense_table.edit(index)

    @Slot()
    def _remove_expense(self) -> None:
        index = self.expense_table.currentIndex()
        if index.isValid():
            self.expense_model.remove_row(index.row())


class FindingPanel(QGroupBox):
    """The centre's finding. ``edited`` on any change, ``amounts_changed`` when the
    unjustified amount (what a refund is about) may have changed."""

    edited = Signal()
    amounts_changed = Signal()
    centre_chosen = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        form = QFormLayout(self)
        self.finding_date = DateEdit("finding_date", self)
        self.finding_date_label = QLabel(self)
        form.addRow(self.finding_date_label, self.finding_date)
        self.centre_combo = QComboBox(self)
        self.centre_combo.setObjectName("centreCombo")
        self.unit_combo = QComboBox(self)
        self.unit_combo.setObjectName("unitCombo")
        centre_row = QHBoxLayout()
        centre_row.addWidget(self.centre_combo, 2)
        centre_row.addWidget(self.unit_combo, 1)
        self.centre_label = QLabel(self)
        form.addRow(self.centre_label, centre_row)
        self.justified_edit = AmountEdit("justified", self)
        self.justified_label = QLabel(self)
        form.addRow(self.justified_label, self.justified_edit)
        unjust_row = QHBoxLayout()
        self.unjustified_edit = AmountEdit("unjustified", self)
        self.offer_button = QPushButton(self)
        self.offer_button.setObjectName("offerButton")
        unjust_row.addWidget(self.unjustified_edit, 1)
        unjust_row.addWidget(self.offer_button, 0, Qt.AlignmentFlag.AlignTop)
        self.unjustified_label = QLabel(self)
        form.addRow(self.unjustified_label, unjust_row)
        # a finding made on an earlier report stands until it is corrected (čl. 28/3)
        self.standing_note = QLabel(self)
        self.standing_note.setObjectName("standingNote")
        self.standing_note.setWordWrap(True)
        self.standing_note.hide()
        form.addRow(self.standing_note)

        self.finding_date.edited.connect(self.edited)
        self.centre_combo.currentIndexChanged.connect(self._centre_changed)
        self.unit_combo.currentIndexChanged.connect(self.edited)

    def retranslate(self) -> None:
        self.setTitle(self.tr("Ugotovitev centra otroka"))
        self.finding_date_label.setText(self.tr("Datum ugotovitve:"))
        self.centre_label.setText(self.tr("Center, enota:"))
        # the row's title names the first combo; the second alone was said as its value
        self.unit_combo.setAccessibleName(self.tr("Enota centra"))
        self.justified_label.setText(self.tr("Porabljeno namensko:"))
        self.unjustified_label.setText(self.tr("Nenamensko ali brez razloga:"))
        self.offer_button.setText(self.tr("= prejeto − namensko"))

    def show_standing(self, earlier_report: date | None) -> None:
        """`earlier_report`: the date of the earlier report the shown finding was made on
        (None: the finding, if any, is on the report above)."""
        if earlier_report is None:
            self.standing_note.hide()
            return
        self.standing_note.setText(
            self.tr(
                "Ugotovitev je bila izdana na prejšnje poročilo z dne {0} in velja, dokler je "
                "na novo poročilo ne popravite (datum ugotovitve, zneska)."
            ).format(format_date(earlier_report))
        )
        self.standing_note.show()

    def set_centres(self, choices: Sequence[tuple[str, int]]) -> None:
        current = self.centre_combo.currentData()
        self.centre_combo.blockSignals(True)
        self.centre_combo.clear()
        self.centre_combo.addItem("", None)
        for name, centre_id in choices:
            self.centre_combo.addItem(name, centre_id)
        self.centre_combo.setCurrentIndex(max(self.centre_combo.findData(current), 0))
        self.centre_combo.blockSignals(False)

    def set_units(self, choices: Sequence[tuple[str, int]], unit_id: int | None) -> None:
        self.unit_combo.blockSignals(True)
        self.unit_combo.clear()
        self.unit_combo.addItem("", None)
        for name, uid in choices:
            self.unit_combo.addItem(name, uid)
        self.unit_combo.setCurrentIndex(max(self.unit_combo.findData(unit_id), 0))
        self.unit_combo.blockSignals(False)

    def set_centre(self, centre_id: int | None) -> None:
        """Choose a centre (the view then fills its units through ``centre_chosen``)."""
        self.centre_combo.setCurrentIndex(max(self.centre_combo.findData(centre_id), 0))

    @Slot()
    def _centre_changed(self) -> None:
        self.centre_chosen.emit(self.centre_combo.currentData())
        self.edited.emit()

    def amount(self, edit: AmountEdit) -> Decimal | None:
        """The typed amount, None when blank or wrong (the field shows why)."""
        try:
            return edit.value()
        except InputError:
            return None

    def read(
        self,
        v: FormValidator,
        report_date,
        expenses: tuple[Expense, ...],
        identity: R5Report | None,
    ) -> R5Report | None:
        """The report with its finding; None when nothing of either was entered."""
        finding_date = v.check(self.finding_date)
        justified = v.check(self.justified_edit)
        unjustified = v.check(self.unjustified_edit)
        if (
            report_date is None
            and not expenses
            and finding_date is None
            and justified is None
            and unjustified is None
            and identity is None
        ):
            return None
        return R5Report(
            report_date=report_date,
            expenses=expenses,
            finding_date=finding_date,
            justified=justified,
            unjustified=unjustified,
            finding_centre_id=self.centre_combo.currentData(),
            finding_unit_id=self.unit_combo.currentData(),
            id=identity.id if identity else None,
            version=identity.version if identity else None,
        )

    def show_error(self, field: str, message: str) -> bool:
        target = {
            "finding_date": self.finding_date,
            "justified": self.justified_edit,
            "unjustified": self.unjustified_edit,
        }.get(field)
        if target is None:
            return False
        target.show_error(message)
        return True

    def clear_errors(self) -> None:
        for f in (self.finding_date, self.justified_edit, self.unjustified_edit):
            f.clear_error()
