"""R-4 predlogi: the proposal to raise the carer's work payment and the commission's
resolution (Pravilnik čl. 7, 29, 30; SPEC 3.3).

Left: the cases with a search box. Right: the editor (``r4_editor``) — the ZIRD 53
reasons as a checklist, the workload, the rule's suggestion shown live, the proposal,
the case's steps and the commission's decision.

This screen writes the proposal only (``services.r4_cases.save_proposal``, with the
version it loaded: a save over someone else's change is refused and the user is offered
a reload) and takes one workflow step, sending (``mark_sent``). The later steps and the
decision are the coordinator's (*Koordinator*, or the import of a resolution): shown
here, never typed. A decided case is read-only; its decision is put right only through
*Popravi sklep …* with a reason (``correct_decision``, audited). When another screen
changes the open case, an editor without edits reloads it at once.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt, Slot
from PySide6.QtWidgets import QAbstractButton, QListWidgetItem, QWidget

from rejnistvo.register.states import STATE_WORDS
from rejnistvo.rules.catalogues import uplift_reasons
from rejnistvo.rules.errors import RuleError
from rejnistvo.rules.periods import Period
from rejnistvo.rules.uplift import suggest_uplift
from rejnistvo.services.r4_cases import Proposal, R4Case, reasons_from
from rejnistvo.services.row_pages import RowPages
from rejnistvo.store import StaleRecordError
from rejnistvo.ui.format import format_date
from rejnistvo.ui.models import Column
from rejnistvo.ui.views.placement_data import placement_periods
from rejnistvo.ui.views.r4_correction import R4CorrectionMixin
from rejnistvo.ui.views.r4_editor import DIFFERENCE_STYLE, STEPS, R4EditorWidgets
from rejnistvo.ui.views.r4_rule import R4RuleMixin, differs_from_suggestion
from rejnistvo.ui.widgets import FormValidator
from rejnistvo.ui.widgets.fields import reveal

log = logging.getLogger(__name__)

__all__ = ["DIFFERENCE_STYLE", "STEPS", "R4View", "differs_from_suggestion"]

#: the list's state words: the same as Koordinator's and Paketi's (``register.states``)
STATUS_NAMES = STATE_WORDS
#: where a service's refusal is shown: field of the InputError → editor widget name
_ERROR_FIELDS = {
    "period": "period_edit",
    "case_no": "case_no_edit",
    "proposal_date": "proposal_date",
    "sent_on": "step_sent_on",
    "decided_on": "step_decided_on",
    "resolution_no": "resolution_no_edit",
}


class R4View(R4RuleMixin, R4CorrectionMixin, R4EditorWidgets):
    kind = "r4"
    id_attr = "case_id"
    leave_text = QT_TRANSLATE_NOOP("R4View", "Predlog R-4 ima neshranjene spremembe. Jih shranim?")

    def __init__(self, ctx, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.case_id: int | None = None
        self.case: R4Case | None = None
        self.correcting = False
        self._own_change = False
        #: while »Označi kot poslano« saves the proposal first (its date is not Shrani's)
        self._sending = False
        self._placement: dict | None = None
        self.suggestion = suggest_uplift(0, None)
        self._proposed_chosen = False
        try:
            self.reasons = uplift_reasons()
        except (OSError, ValueError, KeyError):
            log.exception("uplift reasons catalogue unreadable")
            self.reasons = {}

        self.build_panes(
            [
                Column("case_no", ""),
                Column("child_name", ""),
                Column("carer_name", ""),
                Column("status_name", ""),
                Column("decision", ""),
            ],
            "caseTable",
            [380, 820],
        )
        # a three-digit case number of this year whole, though the list's first rows
        # (its sample) have two digits: »1220-138/20…« hid the year (found by QA54)
        self.list_pane.widest[0] = "1220-888/2026"
        # what the search box promises (and what the service's search texts hold)
        self.model.set_search_columns(["case_no", "child_name", "carer_name"])
        self.retranslate()
        self._clear_editor()

    def title(self) -> str:
        return self.tr("R-4 predlogi")

    def retranslate(self) -> None:
        self._retranslate_editor()
        self._update_suggestion()

    # -- list -----------------------------------------------------------------------
    def _row(self, row: dict[str, Any]) -> dict[str, Any]:
        """A line of the list as shown: the service's line with the status's name (one
        builder for the rows painted and the row a save updates)."""
        row["status_name"] = self.tr(STATUS_NAMES[row["status"]])
        return row

    def _fetch(self, ids: Sequence[int]) -> list[dict[str, Any]]:
        from rejnistvo.services.r4_cases import case_rows

        return [self._row(row) for row in case_rows(self.ctx.db, ids)]

    def refresh(self) -> None:
        super().refresh()
        from rejnistvo.services.r4_cases import case_pages
        from rejnistvo.store import StoreError

        try:
            pages = case_pages(self.ctx.db)
            self.set_placement_choices()
        except StoreError as error:
            self.ctx.interaction.error(self.tr("Branje ni uspelo"), error.message)
            return
        self.model.set_pages(RowPages(pages.ids, pages.search, self._fetch))
        self._select_row(self.case_id)
        # Another screen may have changed the open case: show it as stored now, unless
        # the user is editing (a save will then be refused and a reload offered).
        if self.case_id is not None and not self.has_unsaved_changes():
            self.load(self.case_id)
        elif self.case is not None:
            self._tell_if_changed_elsewhere(self.case)

    def _tell_if_changed_elsewhere(self, case: R4Case) -> None:
        """The open case's stored line only (not every case): a newer version is shown
        as a notice above the unsaved edits."""
        from rejnistvo.services.r4_cases import case_row
        from rejnistvo.store import StoreError

        try:
            stored = case_row(self.ctx.db, case.id)
        except StoreError:
            return
        if stored["version"] != case.version:
            self.stale_label.setText(
                self.tr(
                    "Ta primer je medtem spremenil drug zaslon ali uporabnik (zdaj: {0}). "
                    "Vaših sprememb ni mogoče shraniti čez novejše podatke: ob shranjevanju "
                    "vam program ponudi, da primer znova naložite."
                ).format(self.tr(STATUS_NAMES[stored["status"]]))
            )
            self.stale_label.show()

    @Slot(str)
    def _on_records_changed(self, kind: str) -> None:
        if self._own_change:
            return  # this screen's own save: its row is already updated
        super()._on_records_changed(kind)

    def _announce(self, case: R4Case, message: str) -> None:
        """After a write: the changed row only, the editor clean, the others told."""
        from rejnistvo.store import StoreError

        try:
            rows = self._fetch([case.id])
        except StoreError:
            rows = []  # stored all the same; the list shows it when next read
        if rows:
            self.model.upsert_row(rows[0])
        self._dirty = False
        self._show_case(case)
        self._select_row(case.id)
        self.ctx.bus.status_message.emit(message)
        self._own_change = True
        try:
            self.ctx.bus.records_changed.emit(self.kind)
        finally:
            self._own_change = False

    # -- editor ---------------------------------------------------------------------
    def _clear_editor(self) -> None:
        self._loading = True
        self.case_id = None
        self.case = None
        self.correcting = False
        today = self.ctx.clock.today()
        self.placement_combo.setCurrentIndex(0)
        self.case_no_edit.set_value(None)
        self.proposal_date.set_value(today)
        for i in range(self.reason_list.count()):
            self.reason_list.item(i).setCheckState(Qt.CheckState.Unchecked)
        self.free_reason.clear()
        self._set_workload(None)
        self.proposed_percent.setCurrentIndex(0)
        self._proposed_chosen = False
        self.period_edit.set_value(None)
        self.rationale_edit.clear()
        for column, edit in self.step_edits.items():
            edit.set_value(today if column == "prepared_on" else None)
        self.subgroup_combo.setCurrentIndex(0)
        self.resolution_no_edit.set_value(None)
        for combo in self.member_combos:
            combo.clear()
            combo.setEditText("")
        self.outcome_none.setChecked(True)
        self.decision_percent.setCurrentIndex(0)
        self.decision_period.set_value(None)
        self.decision_rationale.clear()
        self.correction_reason.clear()
        self.stale_label.hide()
        self._clear_errors()
        self._loading = False
        self._placement_changed()
        self._dirty = False
        self._set_editable()
        self._update_suggestion()
        self.withdraw_refusal()

    def load(self, case_id: int) -> None:
        from rejnistvo.services.r4_cases import load_case
        from rejnistvo.store import StoreError

        try:
            case = load_case(self.ctx.db, case_id)
        except StoreError as error:
            self.ctx.interaction.error(self.tr("Branje ni uspelo"), error.message)
            return
        self._show_case(case)

    def _show_case(self, case: R4Case) -> None:
        self._loading = True
        try:
            self.correcting = False
            self._fill(case)
            self._placement_changed()
        finally:
            self._loading = False
        self._dirty = False
        self._set_editable()
        self._update_suggestion()
        self.withdraw_refusal()  # the refused edits are no longer in the editor

    @Slot(int)
    def _proposed_changed(self, _index: int) -> None:
        # Programmatic changes block signals or happen while loading: this is the user.
        if not self._loading:
            self._proposed_chosen = True
        self._edited()

    @Slot()
    def _placement_changed(self) -> None:
        """Load the placement's periods (the proposal's period must lie inside them)."""
        self.read_placement()
        periods = placement_periods(self._placement) if self._placement else None
        # A recorded period stays valid if the child later left early (SPEC 6: only placed
        # days count); a new or changed one must lie inside the placement.
        case = self.case
        proposed = decided = None
        if (
            case is not None
            and self._placement
            and case.proposal.placement_id == self._placement["id"]
        ):
            p = case.proposal
            if p.period_from and p.period_to and case.sent_on is not None:
                proposed = Period(p.period_from, p.period_to)  # sent: no longer edited here
            if case.decision_from and case.decision_to:
                decided = Period(case.decision_from, case.decision_to)
        self.period_edit.set_outer(periods, proposed)
        self.decision_period.set_outer(periods, decided)
        if self._placement and self.subgroup_combo.currentData() is None and not self._loading:
            self._guess_subgroup()
        self._edited()

    def _guess_subgroup(self) -> None:
        """The subgroup of the carer's centre (a setting in Nastavitve)."""
        from rejnistvo.services.r4_cases import subgroup_of_centre

        subgroup = subgroup_of_centre(self.ctx.db, (self._placement or {}).get("carer_centre_id"))
        if subgroup is not None:
            self.subgroup_combo.setCurrentIndex(max(self.subgroup_combo.findData(subgroup), 0))

    @Slot()
    def _subgroup_changed(self) -> None:
        self._fill_candidates()
        self._edited()

    def _fill_candidates(self) -> None:
        """The subgroup's current candidates for the commission (čl. 7)."""
        subgroup = self.subgroup_combo.currentData()
        names: list[tuple[str, int]] = []
        if subgroup is not None:
            from rejnistvo.store import StoreError, list_records

            try:
                rows = list_records(self.ctx.db, "candidates", subgroup_id=subgroup)
            except StoreError:
                rows = []
            names = [(r["name"], r["id"]) for r in rows if not r.get("removed_on")]
        for combo in self.member_combos:
            text = combo.currentText()
            combo.blockSignals(True)
            combo.clear()
            for name, candidate_id in names:
                combo.addItem(name, candidate_id)
            combo.setEditText(text)
            combo.blockSignals(False)

    @Slot()
    @Slot(str)
    @Slot(int)
    @Slot(QListWidgetItem)
    @Slot(QAbstractButton, bool)
    def _edited(self, *_args: Any) -> None:
        if self._loading:
            return
        self._dirty = True
        self._update_suggestion()

    # -- saving ---------------------------------------------------------------------
    def collect(self) -> Proposal | None:
        """The proposal from the editor, or None with each reason shown beside its field."""
        self._clear_errors()
        v = FormValidator()
        placement_id = self.check_placement(v)
        case_no = v.check(self.case_no_edit)
        proposal_date = v.check(self.proposal_date)
        # in the order the fields stand, so the cursor goes to the first reason shown:
        # it went to »Obdobje« below an unchosen »Predlagano zvišanje« (found by QA54)
        proposed = self.proposed_percent.currentData()
        if proposed is None:
            self.proposed_error.show_error(self.tr("Izberite predlagano zvišanje: 25 % ali 50 %."))
            v.errors.append((self.proposed_percent, "percent"))
        period = v.check(self.period_edit)
        prepared_on = v.check(self.step_edits["prepared_on"])
        if not v.ok or placement_id is None:
            v.focus_first()
            return None
        keys = [
            self.reason_list.item(i).data(Qt.ItemDataRole.UserRole)
            for i in range(self.reason_list.count())
            if self.reason_list.item(i).checkState() == Qt.CheckState.Checked
        ]
        workload = self.workload()
        centre_id, unit_id = self._carer_centre(placement_id)
        return Proposal(
            placement_id=placement_id,
            case_no=case_no,
            centre_id=centre_id,
            unit_id=unit_id,
            proposal_date=proposal_date,
            workload=workload.value if workload else None,
            proposed_percent=proposed,
            period_from=period.start,
            period_to=period.end,
            rationale=self.rationale_edit.toPlainText().strip() or None,
            prepared_on=prepared_on,
            subgroup_id=self.subgroup_combo.currentData(),
            reasons=reasons_from(keys, self.free_reasons()),
        )

    def _carer_centre(self, placement_id: int) -> tuple[int | None, int | None]:
        from rejnistvo.services.r4_cases import carer_centre
        from rejnistvo.store import StoreError

        try:
            return carer_centre(self.ctx.db, placement_id)
        except StoreError:
            return None, None

    def _refused(self, error: RuleError, title: str) -> None:
        """A service's refusal: beside its field when there is one, else a message; a
        stale save offers to load the case as it is stored now."""
        if isinstance(error, StaleRecordError):
            # the same question as on every other screen: what Da and Ne do to the
            # typed text (»Naložim primer …?« did not say that Da throws it away)
            from rejnistvo.ui.interaction import offers_reload

            if offers_reload(self.ctx.interaction, title, error.message) and (
                self.case_id is not None
            ):
                self.load(self.case_id)
            return
        target = getattr(self, _ERROR_FIELDS.get(error.field, ""), None)
        if target is None and error.field.startswith("step_"):
            target = self.step_edits.get(error.field.removeprefix("step_"))
        if error.field in ("sent_on", "decided_on"):
            target = self.step_edits[error.field]
        if error.field == "period" and self.correcting:
            target = self.decision_period  # a correction's period is the resolution's
        if target is not None and hasattr(target, "show_error"):
            target.show_error(error.message)
            reveal(target)  # the cursor in the field, the field in sight
            return
        if error.field == "rationale":
            self.decision_rationale_error.show_error(error.message)
            reveal(self.decision_rationale)
            return
        if error.field == "reason":
            self.correction_reason_error.show_error(error.message)
            reveal(self.correction_reason)
            return
        self.ctx.interaction.error(title, error.message)
        # a field without its own error line: said in the message, the cursor goes there
        missing = {
            "proposed_percent": self.proposed_percent,
            "proposal_rationale": self.rationale_edit,
        }
        if error.field in missing:
            reveal(missing[error.field])

    @Slot()
    def save(self) -> bool:
        if self.correcting:
            return self.save_correction()
        if self.case is not None and self.case.decided:
            return True  # read-only: nothing this screen may store
        if not self._sending and self._sent_date_typed():
            return False
        proposal = self.collect()
        if proposal is None:
            return False
        if self.nothing_to_save(proposal):
            return True
        if not self._case_no_confirmed(proposal):
            return False
        from rejnistvo.services.r4_cases import save_proposal

        title = self.tr("Shranjevanje ni uspelo")
        try:
            case = save_proposal(
                self.ctx.db,
                proposal,
                case_id=self.case_id,
                version=self.case.version if self.case else None,
                today=self.ctx.clock.today(),
            )
        except RuleError as error:
            self._refused(error, title)
            return False
        message = self.tr("Predlog R-4 je shranjen.")
        if case.sent_on is not None and not case.decided:
            message += " " + self.tr(
                "Koordinator ima različico, poslano {0}: popravek mu pošljite znova "
                "(Koordinator → Paketi)."
            ).format(format_date(case.sent_on))
        self._announce(case, message)
        return True

    def _case_no_confirmed(self, proposal: Proposal) -> bool:
        """A case number another proposal has (copied from the previous proposal) is
        asked about when it is typed, new or changed; refused, the reason stays at
        Št. zadeve. Before, two children's proposals were saved under one number and
        went so into the coordinator's register."""
        from rejnistvo.services.r4_cases import case_no_taken
        from rejnistvo.ui.views.taken_number import taken_number_confirmed

        if self.case is not None and self.case.proposal.case_no == proposal.case_no:
            return True
        return taken_number_confirmed(
            self,
            self.case_no_edit,
            self.tr("Ista številka zadeve"),
            case_no_taken(self.ctx.db, proposal, self.case_id),
            self.tr(
                "Vsak predlog je svoja zadeva; ista številka bi bila v evidenci "
                "koordinatorja pri dveh otrocih. Shranim predlog kljub temu?"
            ),
            self.tr("Vpišite številko zadeve tega predloga."),
        )

    def _sent_date_typed(self) -> bool:
        """A date typed under »Poslan koordinatorju« of a case not sent: Shrani does not
        record it (the editor reloaded and dropped it, and the clerk believed the sending
        was recorded); said beside the date, which stays, until its button is pressed."""
        sent = self.step_edits["sent_on"]
        if (self.case is not None and self.case.sent_on is not None) or not sent.text().strip():
            return False
        sent.show_error(
            self.tr(
                "Shrani ne zapiše pošiljanja: ko je predlog poslan, pritisnite »Označi kot "
                "poslano« (zapiše ta datum), sicer datum izbrišite."
            )
        )
        reveal(sent)
        self.say_refused(
            self.tr("Predlog ni shranjen: datum pošiljanja zapiše gumb »Označi kot poslano«.")
        )
        return True

    def same_as_shown(self, collected: Proposal) -> bool:
        from rejnistvo.services.r4_cases import same_proposal

        return self.case is not None and same_proposal(collected, self.case.proposal)

    @Slot()
    def send_to_coordinator(self) -> bool:
        """Sending: store the edits, then record the day (typed, else today)."""
        ok, on = self.step_edits["sent_on"].check()  # read before a save reloads the editor
        if not ok:
            return False
        self._sending = True  # the date typed is this button's: the save leaves it be
        try:
            saved = self.ensure_saved()
        finally:
            self._sending = False
        if not saved or self.case is None:
            return False
        from rejnistvo.services.r4_cases import mark_sent

        self.step_edits["sent_on"].set_value(on)  # what was typed stays through the save
        try:
            today = self.ctx.clock.today()
            case = mark_sent(self.ctx.db, self.case.id, self.case.version, on or today, today=today)
        except RuleError as error:
            self._refused(error, self.tr("Pošiljanje ni zapisano"))
            return False
        self._announce(case, self.tr("Predlog je označen kot poslan koordinatorju."))
        return True

    # -- printing -------------------------------------------------------------------
    @Slot()
    def print_document(self) -> None:
        """Store the edits, then show R-4 filled from the stored case."""
        self.print_form("r4", self.tr("Obrazec R-4"), self.tr("Obrazca R-4 ni mogoče natisniti"))


VIEW_CLASS = R4View
