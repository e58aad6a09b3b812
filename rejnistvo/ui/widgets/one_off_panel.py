"""Enkratna izplačila of a placement (SPEC 3.1): a list, a form to add one with the amount
suggested by the rules, and delete. Each add or delete is one audited store transaction;
the payments are records only (not part of the monthly payment sheet)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from PySide6.QtCore import QItemSelection, Qt, Signal, Slot
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

from rejnistvo.rules.errors import InputError, RuleError
from rejnistvo.ui.format import format_amount, format_date
from rejnistvo.ui.interaction import error_message
from rejnistvo.ui.models import Column, RecordTableModel
from rejnistvo.ui.palette import ERROR, set_text_style
from rejnistvo.ui.widgets.fields import (
    AmountEdit,
    DateEdit,
    FormValidator,
    TextEdit,
    ValidatedField,
)
from rejnistvo.ui.widgets.form_titles import FormTitles
from rejnistvo.ui.widgets.tables import configure_table


class KindField(ValidatedField):
    """The kind of one-off payment, from the catalogue; its reasons show beside it."""

    def __init__(self, field: str = "kind", parent: QWidget | None = None) -> None:
        super().__init__(field, parent, required=True)
        self.combo = QComboBox(self)
        self.combo.setMinimumContentsLength(28)
        self.row.addWidget(self.combo, 1)
        self.combo.activated.connect(self._changed)
        self.setFocusProxy(self.combo)

    @Slot(int)
    def _changed(self, _index: int) -> None:
        self.clear_error()
        self.edited.emit()

    def set_kinds(self, items: list[tuple[str, str]]) -> None:
        current = self.combo.currentData()
        self.combo.clear()
        self.combo.addItem("—", None)
        for key, name in items:
            self.combo.addItem(name, key)
        self.combo.setCurrentIndex(max(self.combo.findData(current), 0))

    def _parse(self) -> str | None:
        value = self.combo.currentData()
        return str(value) if value else None

    def set_value(self, key: str | None) -> None:
        self.combo.setCurrentIndex(max(self.combo.findData(key), 0))
        self.clear_error()


class OneOffPanel(QGroupBox):
    """The one-off payments of the placement shown in the editor above it."""

    changed = Signal()  # a payment was added or deleted

    def __init__(self, ctx: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.today: date | None = None  # tests pin the default date
        self._placement: dict | None = None
        self._kinds: dict = {}
        self._amount_typed = False
        self._suggested: Decimal | None = None

        self.model = RecordTableModel(self._columns(), self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        configure_table(self.table)
        self.table.setSortingEnabled(False)
        self.table.setMinimumHeight(90)
        self.table.setMaximumHeight(170)
        header = self.table.horizontalHeader()
        for column in range(3):  # kind, date, amount whole; the note takes the rest
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        self.total_label = QLabel(self)
        self.info_label = QLabel(self)
        self.info_label.setWordWrap(True)

        self.kind_field = KindField("kind", self)
        self.date_edit = DateEdit("date", self, required=True)
        self.amount_edit = AmountEdit("amount", self, required=True)
        self.note_edit = TextEdit("note", self)
        self.amount_edit.add_check(
            lambda value: self.tr("Znesek mora biti večji od 0,00 €.") if value == 0 else None
        )
        self.hint = QLabel(self)
        self.hint.setWordWrap(True)
        self.kind_field.edited.connect(self._suggest)
        self.date_edit.edited.connect(self._suggest)
        self.date_edit.edit.editingFinished.connect(self._suggest)
        self.amount_edit.edited.connect(self._amount_edited)
        form = QFormLayout()
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        #: the rows' titles, made by the form (``form_titles``)
        self.titles = FormTitles()
        titles = self._row_titles()
        for key, widget in (
            ("kind", self.kind_field),
            ("date", self.date_edit),
            ("amount", self.amount_edit),
            ("note", self.note_edit),
        ):
            self.titles.add_row(form, key, titles[key], widget)
        form.addRow("", self.hint)
        self.btn_add = QPushButton(self)
        self.btn_delete = QPushButton(self)
        self.btn_add.clicked.connect(self.add_payment)
        self.btn_delete.clicked.connect(self.delete_selected)
        buttons = QHBoxLayout()
        buttons.addWidget(self.btn_delete)
        buttons.addStretch(1)
        buttons.addWidget(self.total_label)
        add_row = QHBoxLayout()
        add_row.addWidget(self.btn_add)
        add_row.addStretch(1)
        form.addRow("", add_row)

        layout = QVBoxLayout(self)
        layout.addWidget(self.info_label)
        layout.addWidget(self.table)
        layout.addLayout(buttons)
        layout.addLayout(form)
        self.retranslate()
        self.set_placement(None)

    # -- texts ------------------------------------------------------------------------
    def _columns(self) -> list[Column]:
        return [
            Column("kind_name", self.tr("Vrsta")),
            Column("date", self.tr("Datum"), format_date),
            Column("amount", self.tr("Znesek"), format_amount, True),
            Column("note", self.tr("Opomba")),
        ]

    def _row_titles(self) -> dict[str, str]:
        return {
            "kind": self.tr("Vrsta"),
            "date": self.tr("Datum"),
            "amount": self.tr("Znesek"),
            "note": self.tr("Opomba"),
        }

    def retranslate(self) -> None:
        self.setTitle(self.tr("Enkratna izplačila"))
        self.model.set_columns_headers([c.header for c in self._columns()])
        self.titles.retitle(self._row_titles())
        self.kind_field.required_message = self.tr("Izberite vrsto enkratnega izplačila.")
        self.date_edit.required_message = self.tr("Vpišite datum izplačila, npr. 2. 3. 2026.")
        self.amount_edit.required_message = self.tr(
            "Vpišite znesek v evrih (nenegativen, največ dve decimalki)."
        )
        self.btn_add.setText(self.tr("Dodaj izplačilo"))
        self.btn_delete.setText(self.tr("Izbriši izbrano"))
        self._update_info()

    def _update_info(self) -> None:
        if self._placement is None:
            self.info_label.setText(
                self.tr("Enkratna izplačila lahko vpišete, ko je namestitev shranjena.")
            )
        else:
            self.info_label.setText(
                self.tr(
                    "Ob prvi namestitvi (v višini pomoči ob rojstvu otroka, rejniku enkrat) in "
                    "trije prejemki v višini osnovnega plačila dela (ZIRD). Znesek se predlaga "
                    "po datumu; lahko ga popravite."
                )
            )

    # -- data ---------------------------------------------------------------------------
    def set_placement(self, placement: dict | None, keep_form: bool = False) -> None:
        """Show the payments of a stored placement (None: a new one, nothing to show).
        ``keep_form``: the same placement saved again; what is typed below stays."""
        new = placement if placement and placement.get("id") else None
        if keep_form and new is not None and self._placement is not None:
            if new["id"] == self._placement["id"]:
                self._placement = new
                self.reload()
                return
        self._placement = new
        enabled = self._placement is not None
        for w in (self.kind_field, self.date_edit, self.amount_edit, self.note_edit):
            w.setEnabled(enabled)
            w.clear_error()
        self.btn_add.setEnabled(enabled)
        self._clear_form()
        self._update_info()
        self.reload()

    def _clear_form(self) -> None:
        self.kind_field.set_value(None)
        self.date_edit.set_value(self.today or self.ctx.clock.today())
        self.amount_edit.set_value(None)
        self.note_edit.set_value(None)
        self._amount_typed = False
        self._suggested = None
        self.hint.clear()

    def _load_kinds(self) -> dict:
        from rejnistvo.rules.one_off import one_off_kinds

        try:
            self._kinds = one_off_kinds()
        except (InputError, OSError, ValueError) as exc:
            self._kinds = {}
            self.hint.setText(
                self.tr("Katalog vrst enkratnih izplačil ni berljiv: {0}").format(
                    error_message(exc)
                )
            )
        self.kind_field.set_kinds([(k, kind.name) for k, kind in self._kinds.items()])
        return self._kinds

    def reload(self) -> None:
        from rejnistvo.services.placements import list_one_off

        kinds = self._kinds or self._load_kinds()
        rows: list[dict] = []
        if self._placement is not None:
            rows = list_one_off(self.ctx.db, self._placement["id"])
            for row in rows:
                kind = kinds.get(row["kind"])
                row["kind_name"] = kind.name if kind else row["kind"]
        self.model.set_rows(rows)
        total = sum((r["amount"] for r in rows), Decimal("0.00"))
        self.total_label.setText(
            self.tr("Skupaj: {0} €").format(format_amount(total)) if rows else ""
        )
        self._update_buttons()

    @Slot(QItemSelection, QItemSelection)
    def _update_buttons(self, *_args: Any) -> None:
        self.btn_delete.setEnabled(self._selected() is not None)

    def _selected(self) -> dict | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.row_record(rows[0].row()) if rows else None

    # -- suggestion ---------------------------------------------------------------------
    @Slot()
    def _amount_edited(self) -> None:
        self._amount_typed = True

    def suggestion(self) -> Decimal | None:
        """The amount the rules give for the chosen kind and date; the reason in the hint
        when there is none (no kind or date yet, or no amount in force on that day)."""
        from rejnistvo.rules.one_off import suggested_amount
        from rejnistvo.services.rates import birth_grant_table, rate_table

        self.hint.setStyleSheet("")
        kind = self.kind_field.combo.currentData()
        try:
            day = self.date_edit.value()
        except InputError:
            day = None
        if not kind or day is None or kind not in self._kinds:
            self.hint.clear()
            return None
        try:
            # The database's tables (Nastavitve), as everywhere else; never the shipped files.
            rates, grants = rate_table(self.ctx.db), birth_grant_table(self.ctx.db)
            amount = suggested_amount(kind, day, rates, grants, self._kinds)
        except (RuleError, OSError, ValueError) as exc:
            set_text_style(self.hint, ERROR)
            self.hint.setText(error_message(exc))
            return None
        self.hint.setText(
            self.tr("Predlagani znesek na dan {0}: {1} €").format(
                format_date(day), format_amount(amount)
            )
        )
        return amount

    @Slot()
    def _suggest(self) -> None:
        self._suggested = self.suggestion()
        # What the user typed into the amount stays; the rules fill it only while empty
        # or still holding an earlier suggestion.
        if self._suggested is not None and (
            not self._amount_typed or not self.amount_edit.text().strip()
        ):
            self.amount_edit.set_value(self._suggested)

    # -- actions ------------------------------------------------------------------------
    @Slot()
    def add_payment(self) -> bool:
        from rejnistvo.services.placements import OneOffPayment, add_one_off
        from rejnistvo.store import StoreError
        from rejnistvo.ui.widgets.one_off_question import confirm_reentered

        if self._placement is None:
            return False
        v = FormValidator()
        kind = v.check(self.kind_field)
        day = v.check(self.date_edit)
        amount = v.check(self.amount_edit)
        note = v.check(self.note_edit)
        if not v.ok:
            v.focus_first()
            return False
        payment = OneOffPayment(
            carer_id=self._placement["carer_id"],
            placement_id=self._placement["id"],
            kind=kind,
            amount=amount,
            date=day,
            note=note,
        )
        if not self._confirm_paid_outside(day) or not confirm_reentered(self.ctx, payment):
            return False
        try:
            add_one_off(self.ctx.db, payment, self._kinds)
        except InputError as exc:
            field = {
                "amount": self.amount_edit,
                "date": self.date_edit,
                "kind": self.kind_field,
            }.get(exc.field)
            if field is self.kind_field:
                field.show_error(exc.message[:1].upper() + exc.message[1:])
                return False
            if field is not None:
                field.show_error(exc.message)
            else:
                self.ctx.interaction.error(self.tr("Izplačilo ni shranjeno"), exc.message)
            return False
        except StoreError as exc:
            self.ctx.interaction.error(self.tr("Izplačilo ni shranjeno"), exc.message)
            return False
        self._clear_form()
        self.reload()
        self.changed.emit()
        self.ctx.bus.status_message.emit(self.tr("Enkratno izplačilo je shranjeno."))
        return True

    def _confirm_paid_outside(self, day: Any) -> bool:
        """A date before the first closed month: the run takes the payment as paid
        outside the program and never pays it. Right for a payment from before the
        program, a slip for one still to be paid: the user says which (No keeps the
        form as typed, the date focused)."""
        from rejnistvo.services.payment_run import paid_outside_notice

        notice = paid_outside_notice(self.ctx.db, day)
        if notice is None:
            return True
        if self.ctx.interaction.confirm(
            self.tr("Izplačilo pred začetkom knjige izplačil"),
            notice + " " + self.tr("Ga vseeno shranim?"),
            risky=True,  # a slip here is never paid: Enter must not save it
        ):
            return True
        self.date_edit.setFocus()
        return False

    @Slot()
    def delete_selected(self) -> bool:
        from rejnistvo.services.placements import delete_one_off
        from rejnistvo.store import StoreError

        record = self._selected()
        if record is None:
            return False
        if not self.ctx.interaction.confirm(
            self.tr("Brisanje izplačila"),
            self.tr("Res želite izbrisati izplačilo »{0}« z dne {1} ({2} €)?").format(
                record.get("kind_name", ""),
                format_date(record["date"]),
                format_amount(record["amount"]),
            ),
        ):
            return False
        try:
            delete_one_off(self.ctx.db, record["id"])
        except StoreError as exc:
            self.ctx.interaction.error(self.tr("Izplačilo ni izbrisano"), exc.message)
            return False
        self.reload()
        self.changed.emit()
        self.ctx.bus.status_message.emit(self.tr("Enkratno izplačilo je izbrisano."))
        return True
