"""The refund part of the R-5 editor (čl. 28/4; ZUP 100, 101): call date, the latest
allowed deadline, the deadline (and whether it moved to a working day), the method and
the plan of instalments. Widgets only: the plan comes from the service."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import (
    QButtonGroup,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from rejnistvo.rules.errors import InputError
from rejnistvo.rules.money import ZERO
from rejnistvo.rules.refund import RefundMethod, RefundPlan
from rejnistvo.services.board_increases import Refund, RefundInstalment
from rejnistvo.ui.format import format_amount, format_date
from rejnistvo.ui.widgets import DateEdit, FieldError, FormValidator
from rejnistvo.ui.widgets.instalment_table import InstalmentModel
from rejnistvo.ui.widgets.keyboard import EditTableView


class RefundPanel(QGroupBox):
    """``inputs_changed`` when call date, deadline or method change (the plan is then
    made again); ``edited`` when an instalment's date or paid mark changes;
    ``payments_changed`` when a paid mark or a paid amount changes (the rest is shared
    again)."""

    inputs_changed = Signal()
    edited = Signal()
    payments_changed = Signal()

    def __init__(self, today: Callable[[], date], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        #: the plan's words on typed due days it could not keep (``show_plan``)
        self.due_notes: list[str] = []
        layout = QVBoxLayout(self)
        form = QFormLayout()
        # A field wider than the room beside its label goes under it: at a larger font (12
        # pt) »v enkratnem znesku · v posameznih zneskih, kot jih je prejel« beside »Način
        # vračila« made the editor wider than a 1024 × 700 window (QA63)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.call_date = DateEdit("call_date", self)
        self.call_date_label = QLabel(self)
        form.addRow(self.call_date_label, self.call_date)
        self.latest_label = QLabel(self)
        self.latest_label.setObjectName("latestLabel")
        self.latest_label.setWordWrap(True)
        self.latest_title = QLabel(self)
        form.addRow(self.latest_title, self.latest_label)
        self.deadline_edit = DateEdit("deadline", self)
        self.deadline_label = QLabel(self)
        form.addRow(self.deadline_label, self.deadline_edit)
        self.moved_label = QLabel(self)
        self.moved_label.setObjectName("movedLabel")
        self.moved_label.setWordWrap(True)
        form.addRow("", self.moved_label)
        method_row = QHBoxLayout()
        self.method_group = QButtonGroup(self)
        self.lump_sum_radio = QRadioButton(self)
        self.lump_sum_radio.setObjectName("lumpSum")
        self.as_received_radio = QRadioButton(self)
        self.as_received_radio.setObjectName("asReceived")
        for button in (self.lump_sum_radio, self.as_received_radio):
            self.method_group.addButton(button)
            method_row.addWidget(button)
        method_row.addStretch(1)
        self.method_label = QLabel(self)
        form.addRow(self.method_label, method_row)
        layout.addLayout(form)
        plan_row = QHBoxLayout()
        self.plan_button = QPushButton(self)
        self.plan_button.setObjectName("planButton")
        plan_row.addWidget(self.plan_button)
        plan_row.addStretch(1)
        self.plan_total_label = QLabel(self)
        # wraps: »Za vračilo: … (prejeto pred pozivom 1.714,54 €, rok …)« made the editor
        # 633 px wide and R-5 stood its list above it for that case only (QA65)
        self.plan_total_label.setWordWrap(True)
        plan_row.addWidget(self.plan_total_label)
        layout.addLayout(plan_row)
        self.instalment_model = InstalmentModel(today, self)
        self.instalment_table = EditTableView(self)  # Tab leaves after the last cell
        self.instalment_table.setObjectName("instalmentTable")
        self.instalment_table.setModel(self.instalment_model)
        self.instalment_table.horizontalHeader().setStretchLastSection(True)
        self.instalment_table.setMinimumHeight(200)
        layout.addWidget(self.instalment_table)
        # A typed due day moved off a weekend or holiday, said where the keyboard user
        # looks (the cell's tooltip alone shows only to the mouse).
        self.instalment_note = QLabel(self)
        self.instalment_note.setObjectName("instalmentNote")
        self.instalment_note.setWordWrap(True)
        self.instalment_note.hide()
        layout.addWidget(self.instalment_note)
        # Paid beyond the refund (a larger payment, a finding corrected down): the centre
        # owes the carer the excess, and says on which day it gave it back (m020).
        self.excess_row = QWidget(self)
        excess_layout = QHBoxLayout(self.excess_row)
        excess_layout.setContentsMargins(0, 0, 0, 0)
        self.excess_label = QLabel(self.excess_row)
        self.excess_label.setObjectName("excessLabel")
        self.excess_label.setWordWrap(True)
        excess_layout.addWidget(self.excess_label, 1)
        self.excess_returned_label = QLabel(self.excess_row)
        excess_layout.addWidget(self.excess_returned_label)
        self.excess_returned = DateEdit("excess_returned_on", self.excess_row)
        self.excess_returned_label.setBuddy(self.excess_returned.edit)
        excess_layout.addWidget(self.excess_returned)
        self.excess_row.hide()
        layout.addWidget(self.excess_row)
        self.refund_error = FieldError(self)
        self.refund_error.setObjectName("refundError")
        layout.addWidget(self.refund_error)

        for w in (self.call_date, self.deadline_edit):
            w.edited.connect(self.inputs_changed)
            w.edit.editingFinished.connect(self.inputs_changed)
        self.method_group.buttonToggled.connect(self.inputs_changed)
        self.instalment_model.changed.connect(self.edited)
        # a payment ticked or corrected: the plan shares the rest again
        self.instalment_model.payments_changed.connect(self.payments_changed)
        self.instalment_model.changed.connect(self.show_instalment_notes)
        self.instalment_model.modelReset.connect(self.show_instalment_notes)
        self.excess_returned.edited.connect(self.edited)

    def retranslate(self) -> None:
        self.setTitle(self.tr("Vračilo (28. člen, četrti odstavek)"))
        self.call_date_label.setText(self.tr("Datum poziva:"))
        self.latest_title.setText(self.tr("Najpoznejši dopustni rok:"))
        self.deadline_label.setText(self.tr("Rok vračila:"))
        self.deadline_edit.edit.setPlaceholderText(self.tr("najpoznejši"))
        self.method_label.setText(self.tr("Način:"))
        self.excess_returned_label.setText(self.tr("Presežek vrnjen rejniku:"))
        self.lump_sum_radio.setText(self.tr("v enkratnem znesku"))
        self.as_received_radio.setText(self.tr("v posameznih zneskih, kot jih je prejel"))
        self.plan_button.setText(self.tr("Pripravi načrt vračila"))
        self.instalment_model.set_headers(
            [self.tr("Zapade"), self.tr("Znesek (EUR)"), self.tr("Plačano")]
        )

    # -- values ------------------------------------------------------------------------
    @Slot()
    def show_instalment_notes(self) -> None:
        notes = self.instalment_model.moved_notes() + self.due_notes
        self.instalment_note.setText("\n".join(notes))
        self.instalment_note.setVisible(bool(notes))

    def method(self) -> RefundMethod:
        if self.as_received_radio.isChecked():
            return RefundMethod.AS_RECEIVED
        return RefundMethod.LUMP_SUM

    def set_refund(self, refund: Refund | None) -> None:
        self.call_date.set_value(refund.call_date if refund else None)
        self.deadline_edit.set_value(refund.deadline if refund else None)
        as_received = refund is not None and refund.method is RefundMethod.AS_RECEIVED
        (self.as_received_radio if as_received else self.lump_sum_radio).setChecked(True)
        self.excess_returned.set_value(refund.excess_returned_on if refund else None)
        self.instalment_model.set_instalments(
            [
                {"due": i.due, "amount": i.amount, "paid_on": i.paid_on}
                for i in (refund.instalments if refund else ())
            ]
        )

    def typed(self, identity: Refund | None) -> Refund | None:
        """The refund as typed, leniently (no reasons shown); None without a call date.
        The instalments go with it (a plan made again keeps what was paid), unless a due
        day is wrong (its own reason shows)."""
        try:
            call = self.call_date.value()
            deadline = self.deadline_edit.value()
            returned = self.excess_returned.value()
        except InputError:
            return None
        if call is None:
            return None
        model = self.instalment_model
        rows: tuple[RefundInstalment, ...] = ()
        if not any(self._row_error(row) for row in range(model.rowCount())):
            rows = tuple(
                RefundInstalment(r["due"], r["amount"], r["paid_on"]) for r in model.records()
            )
        return self._refund(call, deadline, identity, rows, returned)

    def read(self, v: FormValidator, identity: Refund | None) -> Refund | None:
        """The refund for the service (None when no call date), reasons shown."""
        call = v.check(self.call_date)
        deadline = v.check(self.deadline_edit)
        returned = v.check(self.excess_returned)
        rows = []
        for row in range(self.instalment_model.rowCount()):
            error = self._row_error(row)
            if error:
                self.refund_error.show_error(self.tr("Obrok {0}: {1}").format(row + 1, error))
                v.errors.append((self.instalment_table, error))
                return None
        if call is None:
            return None
        rows = [
            RefundInstalment(r["due"], r["amount"], r["paid_on"])
            for r in self.instalment_model.records()
        ]
        return self._refund(call, deadline, identity, tuple(rows), returned)

    def _row_error(self, row: int) -> str | None:
        model = self.instalment_model
        return model.due_error(row) or model.amount_error(row) or model.paid_error(row)

    def _refund(
        self,
        call: date,
        deadline: date | None,
        identity: Refund | None,
        instalments: tuple[RefundInstalment, ...],
        excess_returned_on: date | None,
    ) -> Refund:
        return Refund(
            call_date=call,
            method=self.method(),
            deadline=deadline,
            instalments=instalments,
            id=identity.id if identity else None,
            version=identity.version if identity else None,
            excess_returned_on=excess_returned_on,
        )

    # -- figures -----------------------------------------------------------------------
    def show_plan(
        self, plan: RefundPlan | None, reset_rows: bool, keep_dates: bool = False
    ) -> None:
        """The latest deadline, a moved deadline and why, and (``reset_rows``) the plan's
        instalments; paid marks stay with their instalment by order, and with
        ``keep_dates`` (same count, same default dates) the due dates as shown, too.
        The plan's notes on typed due days it could not keep show under the table."""
        self.due_notes = list(plan.due_notes) if plan is not None else []
        if plan is None:
            # with the call typed, the plan failed for a reason shown at its field
            asked = not self.call_date.edit.text().strip()
            self.latest_label.setText(
                self.tr("— (vpišite obdobje zvišanja in datum poziva)") if asked else "—"
            )
            self.moved_label.setText("")
        else:
            unmoved = plan.latest_deadline_moved_from
            self.latest_label.setText(
                self.tr("{0} (dan poziva + {1}; 28. člen, ZUP 100)").format(
                    format_date(plan.latest_deadline), plan_days_text(plan)
                )
                if unmoved is None
                else self.tr(
                    "{0} (dan poziva + {1} je {2}, dela prost dan, premaknjeno na delovni dan; "
                    "28. člen, ZUP 100 in 101)"
                ).format(
                    format_date(plan.latest_deadline), plan_days_text(plan), format_date(unmoved)
                )
            )
            moved = plan.deadline_moved_from
            self.moved_label.setText(
                self.tr(
                    "Rok {0} ni delovni dan (sobota, nedelja ali praznik), zato je rok vračila "
                    "{1} (ZUP 101)."
                ).format(format_date(moved), format_date(plan.deadline))
                if moved is not None
                else ""
            )
            if reset_rows and keep_dates:
                self.instalment_model.set_amounts([i.amount for i in plan.instalments])
            elif reset_rows and self._payments_heard(plan):
                # the plan knows the paid ones (service.refund_preview keeps them); one
                # made before any was paid takes the marks by order
                knows_paid = any(i.paid_on is not None for i in plan.instalments)
                paid = [r["paid_on"] for r in self.instalment_model.records_raw()]
                self.instalment_model.set_instalments(
                    [
                        {
                            "due": i.due,
                            "amount": i.amount,
                            "paid_on": i.paid_on
                            if knows_paid
                            else (paid[k] if k < len(paid) else None),
                        }
                        for k, i in enumerate(plan.instalments)
                    ]
                )
        self.update_total(plan)
        self.show_instalment_notes()

    def _payments_heard(self, plan: RefundPlan) -> bool:
        """Whether `plan` was made with the instalments marked paid: one made without
        them (a row is wrong, its reason shows) must not write over what was paid."""
        rows = self.instalment_model.records_raw()
        return not any(r["paid_on"] for r in rows) or any(i.paid_on for i in plan.instalments)

    def update_total(self, plan: RefundPlan | None) -> None:
        rows = self.instalment_model.rowCount()
        if plan is None and not rows:
            self.plan_total_label.setText("")
            return
        # Before *Pripravi načrt vračila* there are no instalments to add up: the sum of
        # none said »Za vračilo: 0,00 €« beside a typed unjustified amount.
        amount = self.instalment_model.total() if rows or plan is None else plan.refund
        excess = plan.excess if plan is not None else ZERO
        if excess > 0:  # what was paid beyond the refund is no part of it
            amount = plan.refund if plan is not None else amount
        text = self.tr("Za vračilo: {0} €").format(format_amount(amount))
        if plan is not None:
            text += self.tr(" (prejeto pred pozivom {0} €, rok {1})").format(
                format_amount(plan.received), format_date(plan.deadline)
            )
        self.plan_total_label.setText(text)
        self.excess_label.setText(
            self.tr("Rejnik je vrnil {0} € preveč; center mu jih vrne.").format(
                format_amount(excess)
            )
            if excess > 0
            else self.tr("Rejnik ni vrnil več od zneska za vračilo.")
        )
        # shown with an excess, or while a day is typed (the service says why it goes)
        self.excess_row.setVisible(excess > 0 or bool(self.excess_returned.edit.text().strip()))

    def show_error(self, field: str, message: str) -> bool:
        if field == "call_date":
            self.call_date.show_error(message)
        elif field == "deadline":
            self.deadline_edit.show_error(message)
        elif field == "excess_returned_on":
            self.excess_row.show()
            self.excess_returned.show_error(message)
        elif field.startswith("instalments["):
            number = field.split("[")[1].split("]")[0]
            shown = int(number) + 1 if number.isdigit() else number
            self.refund_error.show_error(self.tr("Obrok {0}: {1}").format(shown, message))
        elif field in ("method", "instalments", "increase"):
            self.refund_error.show_error(message)
        else:
            return False
        return True

    def clear_errors(self) -> None:
        self.refund_error.clear_error()
        self.call_date.clear_error()
        self.deadline_edit.clear_error()
        self.excess_returned.clear_error()


def plan_days_text(plan: RefundPlan) -> str:
    from rejnistvo.rules.plural import count_phrase

    return count_phrase(plan.paid_days, "dan")
