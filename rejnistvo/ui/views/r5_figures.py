"""The live figures, refusals and documents of the R-5 editor: what the service says while the user types — the
R-5 due date and the amount received, the offered unjustified amount, the refund plan
with its latest and moved deadline, the check of edited instalment dates, refusals
shown at their fields, and the two documents (R-5, the call to refund).

A mixin of ``R5View`` (kept apart so the view stays one screen's wiring); it uses the
view's panels and ``ctx`` and calls ``services.board_increases`` only."""

from __future__ import annotations

import dataclasses
from decimal import Decimal
from typing import Any

from PySide6.QtCore import Slot

from rejnistvo.rules.errors import InputError, RuleError
from rejnistvo.rules.money import ZERO
from rejnistvo.rules.refund import RefundPlan
from rejnistvo.services import board_increases as service
from rejnistvo.services.board_increases import R5Case
from rejnistvo.ui.views.preview import preview_document


def lenient(edit: Any) -> Any:
    """A field's value, None when blank or wrong (its own check shows why)."""
    try:
        return edit.value()
    except InputError:
        return None


class R5Figures:
    """Needs from the view: ``ctx``, the panels and their aliased widgets, ``received``,
    ``plan``, ``_loading``, ``_unjustified_offered``, ``_edited`` and ``_show_refusal``."""

    ctx: Any
    case: R5Case | None
    received: Decimal | None
    plan: RefundPlan | None
    _loading: bool
    _unjustified_offered: bool

    # -- live figures -------------------------------------------------------------------
    def _typed_inputs(self) -> tuple[Any, ...]:
        """What the figures and the plan are made from, as shown. A field left without a
        change (Tab, a click elsewhere) also says "finished"; only a different value is
        an edit: the case is not marked changed, nor the plan made again."""
        ip, rp = self.increase_panel, self.refund_panel
        return (
            self.placement_combo.currentData(),
            ip.percent_combo.currentIndex(),
            ip.period_edit.start_edit.edit.text(),
            ip.period_edit.end_edit.edit.text(),
            ip.requested_date.edit.text(),
            self.justified_edit.edit.text(),
            self.unjustified_edit.edit.text(),
            rp.call_date.edit.text(),
            rp.deadline_edit.edit.text(),
            rp.method(),
        )

    def _inputs_seen(self) -> None:
        """The inputs as loaded or as last handled (see ``_typed_inputs``)."""
        self._seen_inputs = self._typed_inputs()

    def _inputs_unchanged(self) -> bool:
        typed = self._typed_inputs()
        if typed == getattr(self, "_seen_inputs", None):
            return True
        self._seen_inputs = typed
        return False

    @Slot()
    def _increase_changed(self, *_args: Any) -> None:
        if self._loading or self._inputs_unchanged():
            return
        self._edited()
        self._update_facts()
        self._refund_inputs_changed()

    @Slot()
    def _refund_inputs_typed(self, *_args: Any) -> None:
        """Call date, deadline or method (signals of the refund panel)."""
        if self._loading or self._inputs_unchanged():
            return
        self._refund_inputs_changed()

    def _update_facts(self) -> None:
        """R-5 due date (and why), days paid and the amount received, from the service."""
        self.received = None
        typed = self.increase_panel.typed()
        placement_id = self.placement_combo.currentData()
        if typed is None:
            self.increase_panel.show_facts(None)
            return
        if placement_id is None:
            self.increase_panel.show_facts(
                None, self.tr("Izberite namestitev: program pokaže rok za R-5 in prejeti znesek.")
            )
            return
        try:
            facts = service.increase_facts(
                self.ctx.db, placement_id, *typed, today=self.ctx.clock.today()
            )
        except RuleError as error:
            self.increase_panel.show_facts(None, error.message)
            return
        self.received = facts.received
        self.increase_panel.show_facts(facts)

    def offered_unjustified(self) -> Decimal | None:
        """Received − justified, when both are known (never below zero). With a call date
        typed, received is what was paid before the call (SPEC 3.4): a call before the
        increase ends must not offer more than can be refunded."""
        justified = self.finding_panel.amount(self.justified_edit)
        received = self._received_before_call()
        if received is None:
            received = self.received
        if received is None or justified is None:
            return None
        return max(received - justified, ZERO)

    def _received_before_call(self) -> Decimal | None:
        """The board increase paid before the typed call date; None without one."""
        case = self._typed_case()
        if case is None or case.refund is None:
            return None
        everything = R5Case(
            case.increase,
            service.R5Report(),  # the whole amount: no finding limits what was received
            dataclasses.replace(case.refund, deadline=None, instalments=()),
        )
        try:
            return service.refund_preview(self.ctx.db, everything).received
        except RuleError:
            return None

    @Slot()
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

    @Slot()
    def _justified_changed(self, *_args: Any) -> None:
        if self._loading or self._inputs_unchanged():
            return
        self._edited()
        if self._unjustified_offered and not self._loading:
            value = self.offered_unjustified()
            if value is not None:
                self.unjustified_edit.set_value(value)
                self._refund_inputs_changed()

    @Slot()
    def _unjustified_typed(self) -> None:
        self._unjustified_offered = not self.unjustified_edit.text().strip()
        self._edited()
        self._refund_inputs_changed()

    @Slot()
    def _refund_inputs_changed(self, *_args: Any) -> None:
        if self._loading:
            return
        self._edited()
        if self._unjustified_wrong():
            # None would read as "all received": the plan stays until the amount is fixed.
            self._inputs_seen()
            return
        if self._unjustified_offered:
            # The call date decides what was received: an offered amount follows it.
            value = self.offered_unjustified()
            if value is not None and value != self.finding_panel.amount(self.unjustified_edit):
                self.unjustified_edit.set_value(value)
        self._inputs_seen()
        had_plan = self.instalment_model.rowCount() or self.plan is not None
        plan = self._compute_plan(show_errors=False)
        if plan is not None and plan == self.plan and self.instalment_model.rowCount():
            # Nothing the plan depends on changed (a field left as it was, Tab): the
            # instalments stay as the user edited them, not the plan's default dates.
            self.refund_panel.show_plan(plan, reset_rows=False)
            return
        # Another amount on the same default dates (the finding corrected): the dates
        # the user edited still belong to those instalments and stay.
        keep_dates = (
            plan is not None
            and self.plan is not None
            and [i.due for i in plan.instalments] == [i.due for i in self.plan.instalments]
            and len(plan.instalments) == self.instalment_model.rowCount()
        )
        shown = plan
        if plan is not None and had_plan:
            # due days the user typed over the plan shown before stay where still allowed
            if not keep_dates:
                shown = self._keeping_typed_dues(plan)
            self.plan = plan  # the plan's own days: what »typed« is told from next time
        # A plan made earlier no longer matches: make it again (paid marks kept).
        self.refund_panel.show_plan(
            shown, reset_rows=bool(plan is not None and had_plan), keep_dates=keep_dates
        )

    def _keeping_typed_dues(self, plan: RefundPlan) -> RefundPlan:
        """`plan` with the due days typed over the previous plan's (``self.plan``) kept
        where the rules still allow them, and its notes on those that could not be."""
        before = self.plan.instalments if self.plan is not None else []
        try:
            rows = self.instalment_model.records()
        except InputError:  # a day typed wrong (its reason shows): nothing to keep
            return plan
        typed = [
            row["due"]
            if k < len(before) and row["paid_on"] is None and row["due"] != before[k].due
            else None
            for k, row in enumerate(rows)
        ]
        case = self._typed_case()
        if not any(typed) or case is None or case.refund is None:
            return plan
        try:
            return service.refund_preview(self.ctx.db, case, typed)
        except RuleError:
            return plan

    @Slot()
    def _payments_changed(self) -> None:
        """A paid mark or a paid amount: the rest is shared again, or the reason it
        cannot be (more paid than the refund) is said at once, beside the instalments."""
        if self._loading:
            return
        self._refund_inputs_changed()
        if self.instalment_model.rowCount() and self._compute_plan(show_errors=False) is None:
            self._compute_plan(show_errors=True)

    def _typed_case(self) -> R5Case | None:
        """The case as typed, leniently, for the figures (None when incomplete)."""
        typed = self.increase_panel.typed()
        placement_id = self.placement_combo.currentData()
        if typed is None or placement_id is None:
            return None
        increase = service.BoardIncrease(placement_id, typed[0], typed[1], ())
        report = service.R5Report(
            finding_date=lenient(self.finding_date),
            unjustified=self.finding_panel.amount(self.unjustified_edit),
        )
        refund = self.refund_panel.typed(None)
        return R5Case(increase, report, refund)

    def _unjustified_wrong(self) -> bool:
        """Something typed in »Nenamensko« that is no amount (its own check says why)."""
        return bool(self.unjustified_edit.text().strip()) and (
            self.finding_panel.amount(self.unjustified_edit) is None
        )

    def _compute_plan(self, show_errors: bool = True) -> RefundPlan | None:
        """The refund plan of the service for what is typed; None with reasons shown."""
        if show_errors:
            self.refund_panel.clear_errors()
        if self._unjustified_wrong():
            if show_errors:
                try:
                    self.unjustified_edit.value()
                except InputError as error:
                    self.unjustified_edit.show_error(error.message)
            return None
        case = self._typed_case()
        if case is None or case.refund is None:
            if show_errors and case is None:
                self.refund_error.show_error(
                    self.tr("Najprej izberite namestitev in vpišite obdobje zvišanja.")
                )
            elif show_errors:
                self.call_date.show_error(self.tr("Vpišite datum poziva k vračilu."))
            return None
        try:
            return service.refund_preview(self.ctx.db, case)
        except RuleError as error:
            if show_errors:
                self._show_refusal(error)
            return None

    @Slot()
    def make_plan(self) -> bool:
        """Refund plan from the rules: instalments with their default dates."""
        plan = self._compute_plan()
        if plan is None:
            self.refund_panel.update_total(self.plan)
            return False
        self.plan = plan
        self.refund_panel.show_plan(plan, reset_rows=True)
        self._edited()
        return True

    @Slot()
    def check_instalments(self) -> bool:
        """Edited dates: each a date, in order, after the call date, not after the deadline."""
        self.refund_error.clear_error()
        for row in range(self.instalment_model.rowCount()):
            error = self.instalment_model.due_error(row)
            if error:
                self.refund_error.show_error(self.tr("Obrok {0}: {1}").format(row + 1, error))
                return False
        if self.plan is None or not self.instalment_model.rowCount():
            return True
        try:
            service.check_instalments(
                self.instalment_model.instalments(), self.plan, lenient(self.call_date)
            )
        except InputError as error:
            self.refund_panel.show_error(error.field, error.message)
            return False
        finally:
            self.refund_panel.update_total(self.plan)
        return True

    # -- refusals and documents ----------------------------------------------------------
    def _show_refusal(self, error: RuleError) -> bool:
        """Show a service's refusal at its field; False when no field here is named."""
        field = error.field
        if field == "placement":
            self.placement_error.show_error(error.message)
            shown = True
        elif field == "report_date":
            self.report_date.show_error(error.message)
            shown = True
        elif field.startswith("expenses"):
            self.expense_error.show_error(error.message)
            shown = True
        else:
            shown = (
                self.increase_panel.show_error(field, error.message)
                or self.finding_panel.show_error(field, error.message)
                or self.refund_panel.show_error(field, error.message)
            )
        return shown

    # -- printing -------------------------------------------------------------------------
    @Slot()
    def print_document(self) -> None:
        """R-5 filled from the stored increase, report and finding."""
        self.print_form("r5", self.tr("Obrazec R-5"), self.tr("Obrazca R-5 ni mogoče natisniti"))

    @Slot()
    def print_refund_call(self) -> None:
        """The call to refund with the plan as stored (edited dates included)."""
        if not self.ensure_saved():
            return
        if self.plan is None or self.case is None:
            self.ctx.interaction.error(
                self.tr("Poziva ni mogoče natisniti"),
                self.tr("Najprej vpišite datum poziva in pripravite načrt vračila."),
            )
            return
        plan = dataclasses.replace(self.plan, instalments=self.instalment_model.instalments())
        header = service.refund_call_header(self.ctx.db, self.case)

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
