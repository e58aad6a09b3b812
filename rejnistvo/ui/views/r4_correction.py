"""Correcting the decision of a decided R-4 case: the decision's fields open only on
*Popravi sklep …*, a reason is required and the service writes it to the audit log
(``services.r4_cases.correct_decision``)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Slot

from rejnistvo.rules.errors import InputError, RuleError
from rejnistvo.ui.widgets import FormValidator


class R4CorrectionMixin:
    """The correction of ``R4View`` (uses its decision widgets, ``case`` and ``ctx``)."""

    # -- correction of a decision ------------------------------------------------------
    @Slot()
    def start_correction(self) -> None:
        """Open the decision for an explicit correction (with a reason)."""
        if self.case is None or not self.case.decided:
            return
        self.correcting = True
        self._set_editable()
        self._update_suggestion()  # a difference from the rule now asks for its rationale
        self.correction_reason.setFocus()

    def save_correction(self) -> bool:
        if self.case is None:
            return False
        from rejnistvo.services.r4_cases import correct_decision

        self._clear_errors()
        v = FormValidator()
        decided_on = v.check(self.step_edits["decided_on"])
        number = v.check(self.resolution_no_edit)
        outcome = self.outcome()
        period = v.check(self.decision_period) if outcome == "increase" else None
        if not v.ok:
            v.focus_first()
            return False
        changes: dict[str, Any] = {
            "decided_on": decided_on,
            "outcome": outcome,
            "decision_percent": self.decision_percent.currentData()
            if outcome == "increase"
            else None,
            "decision_from": period.start if period else None,
            "decision_to": period.end if period else None,
            "decision_rationale": self.decision_rationale.toPlainText().strip() or None,
            "resolution_no": number,
        }
        members = [c.currentText().strip() for c in self.member_combos]
        if members != [m.name for m in self.case.members]:
            changes["members"] = members
        try:
            case = correct_decision(
                self.ctx.db,
                self.case.id,
                self.case.version,
                changes,
                self.correction_reason.text(),
                self.ctx.clock,
            )
        except (InputError, RuleError) as error:
            self._refused(error, self.tr("Popravek ni shranjen"))
            return False
        self._announce(case, self.tr("Sklep je popravljen; razlog je zapisan v dnevnik."))
        return True
