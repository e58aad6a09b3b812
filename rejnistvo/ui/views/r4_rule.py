"""The R-4 rule shown live in the editor (čl. 30): the suggestion follows every reason
and the workload; a decision that departs from it is flagged (SPEC 3.3)."""

from __future__ import annotations

from PySide6.QtCore import Qt

from rejnistvo.rules.uplift import UpliftSuggestion, Workload, suggest_uplift


def differs_from_suggestion(
    suggestion: UpliftSuggestion, outcome: str | None, percent: int | None
) -> bool:
    """Whether a decision departs from the rule (SPEC 3.3: allowed, with a rationale)."""
    if outcome is None:
        return False
    if outcome == "no_increase":
        return suggestion.eligible
    if not suggestion.eligible:
        return True
    return suggestion.percent is not None and percent != suggestion.percent


class R4RuleMixin:
    """Live rule of ``R4View`` (uses its reason list, workload and decision widgets)."""

    # -- the rule, live ------------------------------------------------------------------
    def reason_count(self) -> int:
        checked = sum(
            1
            for i in range(self.reason_list.count())
            if self.reason_list.item(i).checkState() == Qt.CheckState.Checked
        )
        return checked + len(self.free_reasons())

    def free_reasons(self) -> list[str]:
        """The typed reasons, one per ';'-separated part: each counts as a reason of its
        own (čl. 30), so two typed reasons must never be saved back as one."""
        return [part.strip() for part in self.free_reason.text().split(";") if part.strip()]

    def workload(self) -> Workload | None:
        if self.workload_moderate.isChecked():
            return Workload.MODERATE
        if self.workload_strong.isChecked():
            return Workload.STRONG
        return None

    def outcome(self) -> str | None:
        if self.outcome_increase.isChecked():
            return "increase"
        if self.outcome_no.isChecked():
            return "no_increase"
        return None

    def _update_suggestion(self) -> None:
        self.suggestion = suggest_uplift(self.reason_count(), self.workload())
        s = self.suggestion
        if not s.eligible:
            head = self.tr("ni upravičeno")
        elif s.percent is None:
            head = self.tr("25 % ali 50 % (navedite obseg dela)")
        else:
            head = self.tr("zvišanje za {0} %").format(s.percent)
        self.suggestion_label.setText(f"<b>{head}</b><br>{s.explanation}")
        if not self._proposed_chosen and not self._loading:
            # Until the user picks the proposal, it follows the rule.
            self.proposed_percent.blockSignals(True)
            self.proposed_percent.setCurrentIndex(max(self.proposed_percent.findData(s.percent), 0))
            self.proposed_percent.blockSignals(False)
        outcome = self.outcome()
        # The decision is the workflow's: editable here only in an explicit correction.
        self.decision_percent.setEnabled(outcome == "increase" and self.correcting)
        self.decision_period.setEnabled(outcome == "increase" and self.correcting)
        differs = differs_from_suggestion(s, outcome, self.decision_percent.currentData())
        if differs:
            shown = (
                self.tr("ZVIŠA za {0} %").format(self.decision_percent.currentData())
                if outcome == "increase"
                else self.tr("NE ZVIŠA")
            )
            text = self.tr("Odločitev »{0}« se razlikuje od predloga pravila ({1}).").format(
                shown, head
            )
            if self.correcting and not self.decision_rationale.toPlainText().strip():
                # Asked only where it can be typed and while it is missing: on a
                # read-only decided case, or with one written, the rationale gives it.
                text += " " + self.tr("Vpišite obrazložitev odstopanja.")
            self.difference_label.setText(text)
            self.difference_label.show()
        else:
            self.difference_label.hide()
