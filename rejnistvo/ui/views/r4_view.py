"""R-4 predlogi: the proposal to raise the carer's work payment and the commission's
resolution (Pravilnik čl. 7, 29, 30; SPEC 3.3).

Left: the cases with a search box. Right: the editor — the ZIRD 53 reasons as a
checklist, the workload, the rule's suggestion shown live, the proposal, the case's
steps with dates and the commission's decision. A decision that differs from the
suggestion is allowed but shows a warning and needs its rationale.
"""

from __future__ import annotations

import logging
from datetime import date
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from rejnistvo.rules.catalogues import uplift_reasons
from rejnistvo.rules.errors import RuleError
from rejnistvo.rules.periods import Period
from rejnistvo.rules.uplift import UpliftSuggestion, Workload, suggest_uplift
from rejnistvo.ui.format import format_date, format_percent
from rejnistvo.ui.models import Column
from rejnistvo.ui.views.case_editor import (
    CaseEditorView,
    add_row_with_error,
    check_period_typed,
)
from rejnistvo.ui.views.placement_data import placement_periods
from rejnistvo.ui.widgets import DateEdit, FieldError, FormValidator, PeriodEdit, TextEdit

log = logging.getLogger(__name__)

# Labels below are marked for lupdate and translated where shown (self.tr).

#: the case's steps in order (column of r4_cases, Slovenian label)
STEPS = (
    ("prepared_on", QT_TRANSLATE_NOOP("R4View", "Pripravljen")),
    ("sent_on", QT_TRANSLATE_NOOP("R4View", "Poslan koordinatorju")),
    ("accepted_on", QT_TRANSLATE_NOOP("R4View", "Sprejet")),
    ("commission_named_on", QT_TRANSLATE_NOOP("R4View", "Imenovana komisija")),
    ("decided_on", QT_TRANSLATE_NOOP("R4View", "Odločeno (datum sklepa)")),
    ("returned_on", QT_TRANSLATE_NOOP("R4View", "Vrnjen centru rejnika")),
)
STATUS_NAMES = {
    "prepared": QT_TRANSLATE_NOOP("R4View", "pripravljen"),
    "sent": QT_TRANSLATE_NOOP("R4View", "pri koordinatorju"),
    "accepted": QT_TRANSLATE_NOOP("R4View", "sprejet"),
    "commission_named": QT_TRANSLATE_NOOP("R4View", "komisija imenovana"),
    "decided": QT_TRANSLATE_NOOP("R4View", "odločeno"),
    "returned": QT_TRANSLATE_NOOP("R4View", "vrnjen"),
}
DIFFERENCE_STYLE = "color: #8a4b00; background: #fff4e0; padding: 4px;"


def case_status(record: dict) -> str:
    status = "prepared"
    for column, _ in STEPS[1:]:
        if record.get(column):
            status = column.removesuffix("_on")
    return status


def decision_text(record: dict) -> str:
    if record.get("outcome") == "increase":
        return f"ZVIŠA {format_percent(record.get('decision_percent'))}"
    if record.get("outcome") == "no_increase":
        return "NE ZVIŠA"
    return ""


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


class R4View(CaseEditorView):
    record_kinds = ("r4",)
    kind = "r4"
    id_attr = "case_id"
    leave_text = QT_TRANSLATE_NOOP("R4View", "Predlog R-4 ima neshranjene spremembe. Jih shranim?")

    def __init__(self, ctx, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.case_id: int | None = None
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
        self.retranslate()
        self._clear_editor()

    # -- building -------------------------------------------------------------------
    def _build_editor(self) -> QWidget:
        scroll, editor, layout = self.editor_area()

        # Proposal -------------------------------------------------------------------
        self.proposal_box = QGroupBox(editor)
        form = QFormLayout(self.proposal_box)
        self.add_placement_row(form, editor)
        self.case_no_edit = TextEdit("case_no", editor)
        self.case_no_label = QLabel(editor)
        form.addRow(self.case_no_label, self.case_no_edit)
        self.proposal_date = DateEdit("date", editor)
        self.proposal_date_label = QLabel(editor)
        form.addRow(self.proposal_date_label, self.proposal_date)

        self.reason_list = QListWidget(editor)
        self.reason_list.setObjectName("reasonList")
        self.reason_list.setWordWrap(True)
        for key, text in self.reasons.items():
            item = QListWidgetItem(text, self.reason_list)
            item.setData(Qt.ItemDataRole.UserRole, key)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
        # As tall as the catalogue (two wrapped lines allowed for), no empty space below.
        lines = self.reason_list.fontMetrics().lineSpacing() * (self.reason_list.count() + 2)
        self.reason_list.setFixedHeight(max(120, lines + 12))
        self.reasons_label = QLabel(editor)
        form.addRow(self.reasons_label, self.reason_list)
        self.free_reason = QLineEdit(editor)
        self.free_reason.setObjectName("freeReasonEdit")
        self.free_reason_label = QLabel(editor)
        form.addRow(self.free_reason_label, self.free_reason)

        workload_row = QHBoxLayout()
        self.workload_group = QButtonGroup(self)
        self.workload_moderate = QRadioButton(editor)
        self.workload_moderate.setObjectName("workloadModerate")
        self.workload_strong = QRadioButton(editor)
        self.workload_strong.setObjectName("workloadStrong")
        self.workload_group.addButton(self.workload_moderate)
        self.workload_group.addButton(self.workload_strong)
        workload_row.addWidget(self.workload_moderate)
        workload_row.addWidget(self.workload_strong)
        workload_row.addStretch(1)
        self.workload_label = QLabel(editor)
        form.addRow(self.workload_label, workload_row)

        self.suggestion_label = QLabel(editor)
        self.suggestion_label.setObjectName("suggestionLabel")
        self.suggestion_label.setWordWrap(True)
        self.suggestion_label.setStyleSheet(
            "background: #eef4ff; padding: 6px; border-radius: 3px;"
        )
        self.suggestion_title = QLabel(editor)
        form.addRow(self.suggestion_title, self.suggestion_label)

        self.proposed_percent = QComboBox(editor)
        self.proposed_percent.setObjectName("proposedPercent")
        self.proposed_percent.addItem("", None)
        self.proposed_percent.addItem("25 %", 25)
        self.proposed_percent.addItem("50 %", 50)
        self.proposed_error = FieldError(editor)
        self.proposed_label = add_row_with_error(
            form, editor, self.proposed_percent, self.proposed_error, Qt.AlignmentFlag.AlignLeft
        )
        self.period_edit = PeriodEdit("period", editor, required=True, open_allowed=False)
        self.period_label = QLabel(editor)
        form.addRow(self.period_label, self.period_edit)
        self.rationale_edit = QPlainTextEdit(editor)
        self.rationale_edit.setObjectName("rationaleEdit")
        self.rationale_edit.setMaximumHeight(90)
        self.rationale_label = QLabel(editor)
        form.addRow(self.rationale_label, self.rationale_edit)
        layout.addWidget(self.proposal_box)

        # Steps ----------------------------------------------------------------------
        self.steps_box = QGroupBox(editor)
        steps_form = QFormLayout(self.steps_box)
        self.step_edits: dict[str, DateEdit] = {}
        self.step_labels: dict[str, QLabel] = {}
        for column, _ in STEPS:
            edit = DateEdit(column, editor)
            edit.setObjectName(f"step_{column}")
            label = QLabel(editor)
            self.step_edits[column] = edit
            self.step_labels[column] = label
            steps_form.addRow(label, edit)
        layout.addWidget(self.steps_box)

        # Decision -------------------------------------------------------------------
        self.decision_box = QGroupBox(editor)
        dform = QFormLayout(self.decision_box)
        self.subgroup_combo = QComboBox(editor)
        self.subgroup_combo.setObjectName("subgroupCombo")
        self.subgroup_combo.addItem("", None)
        for number in range(1, 7):
            self.subgroup_combo.addItem(f"{number}.", number)
        self.subgroup_label = QLabel(editor)
        dform.addRow(self.subgroup_label, self.subgroup_combo)
        self.resolution_no_edit = TextEdit("resolution_no", editor)
        self.resolution_label = QLabel(editor)
        dform.addRow(self.resolution_label, self.resolution_no_edit)
        self.member_combos: list[QComboBox] = []
        members_box = QVBoxLayout()
        for position in range(3):
            combo = QComboBox(editor)
            combo.setObjectName(f"member{position + 1}")
            combo.setEditable(True)
            combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
            combo.lineEdit().setPlaceholderText(f"{position + 1}.")
            self.member_combos.append(combo)
            members_box.addWidget(combo)
        self.members_error = FieldError(editor)
        members_box.addWidget(self.members_error)
        self.members_label = QLabel(editor)
        dform.addRow(self.members_label, members_box)

        outcome_row = QHBoxLayout()
        self.outcome_group = QButtonGroup(self)
        self.outcome_none = QRadioButton(editor)
        self.outcome_increase = QRadioButton(editor)
        self.outcome_increase.setObjectName("outcomeIncrease")
        self.outcome_no = QRadioButton(editor)
        self.outcome_no.setObjectName("outcomeNoIncrease")
        for button in (self.outcome_none, self.outcome_increase, self.outcome_no):
            self.outcome_group.addButton(button)
            outcome_row.addWidget(button)
        self.decision_percent = QComboBox(editor)
        self.decision_percent.setObjectName("decisionPercent")
        self.decision_percent.addItem("25 %", 25)
        self.decision_percent.addItem("50 %", 50)
        outcome_row.insertWidget(2, self.decision_percent)
        outcome_row.addStretch(1)
        self.outcome_label = QLabel(editor)
        dform.addRow(self.outcome_label, outcome_row)
        self.decision_period = PeriodEdit("decision.period", editor, open_allowed=False)
        self.decision_period_label = QLabel(editor)
        dform.addRow(self.decision_period_label, self.decision_period)
        self.difference_label = QLabel(editor)
        self.difference_label.setObjectName("differenceLabel")
        self.difference_label.setWordWrap(True)
        self.difference_label.setStyleSheet(DIFFERENCE_STYLE)
        self.difference_label.hide()
        dform.addRow(self.difference_label)
        self.decision_rationale = QPlainTextEdit(editor)
        self.decision_rationale.setObjectName("decisionRationale")
        self.decision_rationale.setMaximumHeight(90)
        self.decision_rationale_error = FieldError(editor)
        self.decision_rationale_label = add_row_with_error(
            dform, editor, self.decision_rationale, self.decision_rationale_error
        )
        layout.addWidget(self.decision_box)

        pane = self.editor_pane(scroll)

        # Signals: everything typed marks the editor dirty; the rule follows live.
        self.placement_combo.currentIndexChanged.connect(self._placement_changed)
        self.reason_list.itemChanged.connect(self._edited)
        self.free_reason.textEdited.connect(self._edited)
        self.workload_group.buttonToggled.connect(self._edited)
        self.outcome_group.buttonToggled.connect(self._edited)
        self.proposed_percent.currentIndexChanged.connect(self._proposed_changed)
        self.decision_percent.currentIndexChanged.connect(self._edited)
        self.subgroup_combo.currentIndexChanged.connect(self._subgroup_changed)
        for combo in self.member_combos:
            combo.editTextChanged.connect(self._edited)
        for widget in (
            self.case_no_edit,
            self.proposal_date,
            self.period_edit,
            self.resolution_no_edit,
            self.decision_period,
            *self.step_edits.values(),
        ):
            widget.edited.connect(self._edited)
        for period in (self.period_edit, self.decision_period):
            for date_edit in (period.start_edit, period.end_edit):
                date_edit.edit.editingFinished.connect(lambda p=period: check_period_typed(p))
        self.rationale_edit.textChanged.connect(self._edited)
        self.decision_rationale.textChanged.connect(self._edited)
        return pane

    def title(self) -> str:
        return self.tr("R-4 predlogi")

    def retranslate(self) -> None:
        self.search.setPlaceholderText(
            self.tr("Išči po otroku, rejniku ali številki zadeve (Ctrl+F)")
        )
        self.model.set_columns_headers(
            [
                self.tr("Št. zadeve"),
                self.tr("Otrok"),
                self.tr("Rejnik"),
                self.tr("Stanje"),
                self.tr("Sklep"),
            ]
        )
        self.new_button.setText(self.tr("Nov predlog (Ctrl+N)"))
        self.proposal_box.setTitle(self.tr("Predlog za zvišanje plačila dela"))
        self.placement_label.setText(self.tr("Namestitev:"))
        self.case_no_label.setText(self.tr("Št. zadeve:"))
        self.proposal_date_label.setText(self.tr("Datum predloga:"))
        self.reasons_label.setText(self.tr("Razlogi (53. člen ZIRD):"))
        self.free_reason_label.setText(self.tr("Drugi razlogi:"))
        self.free_reason.setPlaceholderText(
            self.tr("razlogi, ki jih ni na seznamu; več razlogov ločite s podpičjem (;)")
        )
        self.workload_label.setText(self.tr("Obseg dela:"))
        self.workload_moderate.setText(self.tr("zmerno povečan"))
        self.workload_strong.setText(self.tr("močno povečan"))
        self.suggestion_title.setText(self.tr("Predlog pravila:"))
        self.proposed_label.setText(self.tr("Predlagano zvišanje:"))
        self.period_label.setText(self.tr("Obdobje:"))
        self.rationale_label.setText(self.tr("Obrazložitev:"))
        self.steps_box.setTitle(self.tr("Potek zadeve"))
        for column, label in STEPS:
            self.step_labels[column].setText(self.tr(label) + ":")
        self.decision_box.setTitle(self.tr("Sklep komisije"))
        self.subgroup_label.setText(self.tr("Podskupina:"))
        self.resolution_label.setText(self.tr("Sklep št.:"))
        self.members_label.setText(self.tr("Člani komisije:"))
        self.outcome_label.setText(self.tr("Odločitev:"))
        self.outcome_none.setText(self.tr("še ni odločeno"))
        self.outcome_increase.setText(self.tr("ZVIŠA za"))
        self.outcome_no.setText(self.tr("NE ZVIŠA"))
        self.decision_period_label.setText(self.tr("V obdobju:"))
        self.decision_rationale_label.setText(self.tr("Obrazložitev sklepa:"))
        self.save_button.setText(self.tr("Shrani (Ctrl+S)"))
        self.print_button.setText(self.tr("Natisni R-4… (Ctrl+P)"))
        self._update_suggestion()

    # -- list -----------------------------------------------------------------------
    def refresh(self) -> None:
        super().refresh()
        from rejnistvo.store import StoreError, list_records

        try:
            cases = list_records(self.ctx.db, "r4_cases")
            placements = list_records(self.ctx.db, "placements")
        except StoreError as error:
            self.ctx.interaction.error(self.tr("Branje ni uspelo"), error.message)
            return
        rows = []
        for case in cases:
            status = case_status(case)
            rows.append(
                {
                    **case,
                    "status": status,
                    "status_name": self.tr(STATUS_NAMES[status]),
                    "decision": decision_text(case),
                }
            )
        self.model.set_rows(rows)
        self.set_placement_choices(placements)
        self._select_row(self.case_id)

    # -- editor ---------------------------------------------------------------------
    def _clear_editor(self) -> None:
        self._loading = True
        self.case_id = None
        self.placement_combo.setCurrentIndex(0)
        self.case_no_edit.set_value(None)
        self.proposal_date.set_value(date.today())
        for i in range(self.reason_list.count()):
            self.reason_list.item(i).setCheckState(Qt.CheckState.Unchecked)
        self.free_reason.clear()
        self._set_workload(None)
        self.proposed_percent.setCurrentIndex(0)
        self._proposed_chosen = False
        self.period_edit.set_value(None)
        self.rationale_edit.clear()
        for column, edit in self.step_edits.items():
            edit.set_value(date.today() if column == "prepared_on" else None)
        self.subgroup_combo.setCurrentIndex(0)
        self.resolution_no_edit.set_value(None)
        for combo in self.member_combos:
            combo.clear()
            combo.setEditText("")
        self.outcome_none.setChecked(True)
        self.decision_percent.setCurrentIndex(0)
        self.decision_period.set_value(None)
        self.decision_rationale.clear()
        self._clear_errors()
        self._loading = False
        self._placement_changed()
        self._dirty = False
        self._update_suggestion()

    def _clear_errors(self) -> None:
        for w in (
            self.placement_error,
            self.proposed_error,
            self.members_error,
            self.decision_rationale_error,
        ):
            w.clear_error()
        for field in (
            self.case_no_edit,
            self.proposal_date,
            self.period_edit,
            self.resolution_no_edit,
            self.decision_period,
            *self.step_edits.values(),
        ):
            field.clear_error()

    def load(self, case_id: int) -> None:
        from rejnistvo.store import StoreError, get_record

        try:
            record = get_record(self.ctx.db, "r4_cases", case_id)
        except StoreError as error:
            self.ctx.interaction.error(self.tr("Branje ni uspelo"), error.message)
            return
        self._loading = True
        try:
            self._fill(record)
            self._placement_changed()
        finally:
            self._loading = False
        self._dirty = False
        self._update_suggestion()

    def _fill(self, r: dict) -> None:
        self.case_id = r["id"]
        self._clear_errors()
        self.placement_combo.setCurrentIndex(
            max(self.placement_model.index_of(r["placement_id"]), 0)
        )
        self.case_no_edit.set_value(r.get("case_no"))
        self.proposal_date.set_value(r.get("proposal_date"))
        keys = {x.get("reason_key") for x in r.get("reasons", []) if x.get("reason_key")}
        texts = [
            x["text"] for x in r.get("reasons", []) if not x.get("reason_key") and x.get("text")
        ]
        for i in range(self.reason_list.count()):
            item = self.reason_list.item(i)
            checked = item.data(Qt.ItemDataRole.UserRole) in keys
            item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
        self.free_reason.setText("; ".join(texts))
        self._set_workload(r.get("workload"))
        self.proposed_percent.setCurrentIndex(
            max(self.proposed_percent.findData(r.get("proposed_percent")), 0)
        )
        self._proposed_chosen = r.get("proposed_percent") is not None
        self.period_edit.set_value(
            Period(r["period_from"], r.get("period_to")) if r.get("period_from") else None
        )
        self.rationale_edit.setPlainText(r.get("rationale") or "")
        for column, edit in self.step_edits.items():
            edit.set_value(r.get(column))
        self.subgroup_combo.setCurrentIndex(
            max(self.subgroup_combo.findData(r.get("subgroup_id")), 0)
        )
        self._fill_candidates()
        self.resolution_no_edit.set_value(r.get("resolution_no"))
        members = {m["position"]: m["name"] for m in r.get("members", [])}
        for position, combo in enumerate(self.member_combos, start=1):
            combo.setEditText(members.get(position, ""))
        outcome = r.get("outcome")
        {"increase": self.outcome_increase, "no_increase": self.outcome_no}.get(
            outcome, self.outcome_none
        ).setChecked(True)
        self.decision_percent.setCurrentIndex(
            max(self.decision_percent.findData(r.get("decision_percent")), 0)
        )
        self.decision_period.set_value(
            Period(r["decision_from"], r.get("decision_to")) if r.get("decision_from") else None
        )
        self.decision_rationale.setPlainText(r.get("decision_rationale") or "")

    def _proposed_changed(self, _index: int) -> None:
        # Programmatic changes block signals or happen while loading: this is the user.
        if not self._loading:
            self._proposed_chosen = True
        self._edited()

    def _set_workload(self, value: str | None) -> None:
        self.workload_group.setExclusive(False)
        self.workload_moderate.setChecked(value == "moderate")
        self.workload_strong.setChecked(value == "strong")
        self.workload_group.setExclusive(True)

    def _placement_changed(self) -> None:
        """Load the placement's periods (the proposal's period must lie inside them)."""
        self.read_placement()
        periods = placement_periods(self._placement) if self._placement else None
        self.period_edit.set_outer(periods)
        self.decision_period.set_outer(periods)
        if self._placement and self.subgroup_combo.currentData() is None and not self._loading:
            self._guess_subgroup()
        self._edited()

    def _guess_subgroup(self) -> None:
        """The subgroup of the carer's centre (a setting in Nastavitve)."""
        centre_id = (self._placement or {}).get("carer_centre_id")
        if centre_id is None:
            return
        try:
            rows = list(
                self.ctx.db.query(
                    "SELECT subgroup_id FROM subgroup_centres WHERE centre_id = ?", [centre_id]
                )
            )
        except Exception:  # noqa: BLE001 - a guess only
            return
        if rows:
            self.subgroup_combo.setCurrentIndex(
                max(self.subgroup_combo.findData(rows[0]["subgroup_id"]), 0)
            )

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

    def _edited(self, *_args: Any) -> None:
        if self._loading:
            return
        self._dirty = True
        self._update_suggestion()

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
        self.decision_percent.setEnabled(outcome == "increase")
        self.decision_period.setEnabled(outcome == "increase")
        differs = differs_from_suggestion(s, outcome, self.decision_percent.currentData())
        if differs:
            shown = (
                self.tr("ZVIŠA za {0} %").format(self.decision_percent.currentData())
                if outcome == "increase"
                else self.tr("NE ZVIŠA")
            )
            self.difference_label.setText(
                self.tr(
                    "Odločitev »{0}« se razlikuje od predloga pravila ({1}). "
                    "Vpišite obrazložitev odstopanja."
                ).format(shown, head)
            )
            self.difference_label.show()
        else:
            self.difference_label.hide()

    # -- saving ---------------------------------------------------------------------
    def collect(self) -> dict | None:
        """The record from the editor, or None with each reason shown beside its field."""
        self._clear_errors()
        v = FormValidator()
        placement_id = self.check_placement(v)
        case_no = v.check(self.case_no_edit)
        proposal_date = v.check(self.proposal_date)
        period = v.check(self.period_edit)
        proposed = self.proposed_percent.currentData()
        if proposed is None:
            self.proposed_error.show_error(self.tr("Izberite predlagano zvišanje: 25 % ali 50 %."))
            v.errors.append((self.proposed_percent, "percent"))
        steps = {column: v.check(edit) for column, edit in self.step_edits.items()}
        self._check_steps(v, steps)

        outcome = self.outcome()
        subgroup = self.subgroup_combo.currentData()
        resolution_no = v.check(self.resolution_no_edit)
        members = [c.currentText().strip() for c in self.member_combos]
        decision_period = v.check(self.decision_period) if outcome == "increase" else None
        decision_rationale = self.decision_rationale.toPlainText().strip()
        if outcome is not None:
            if subgroup is None:
                self.members_error.show_error(self.tr("Izberite podskupino komisije (1–6)."))
                v.errors.append((self.subgroup_combo, "subgroup"))
            elif not all(members) or len(set(members)) != 3:
                self.members_error.show_error(
                    self.tr(
                        "Komisijo sestavljajo trije različni člani podskupine; izberite vse tri."
                    )
                )
                v.errors.append((self.member_combos[0], "members"))
            if (
                outcome == "increase"
                and decision_period is None
                and not self.decision_period.error_text()
            ):
                v.add_error(self.decision_period, self.tr("Vpišite obdobje zvišanja (od … do …)."))
            if not steps.get("decided_on"):
                v.add_error(self.step_edits["decided_on"], self.tr("Vpišite datum sklepa."))
            if (
                differs_from_suggestion(
                    self.suggestion, outcome, self.decision_percent.currentData()
                )
                and not decision_rationale
            ):
                self.decision_rationale_error.show_error(
                    self.tr("Odločitev odstopa od predloga pravila, zato je obrazložitev obvezna.")
                )
                v.errors.append((self.decision_rationale, "rationale"))
        elif steps.get("decided_on"):
            v.add_error(
                self.step_edits["decided_on"],
                self.tr("Datum sklepa je vpisan, odločitev pa ne; izberite ZVIŠA ali NE ZVIŠA."),
            )
        if not v.ok:
            v.focus_first()
            return None

        reasons = [
            {"reason_key": self.reason_list.item(i).data(Qt.ItemDataRole.UserRole)}
            for i in range(self.reason_list.count())
            if self.reason_list.item(i).checkState() == Qt.CheckState.Checked
        ]
        reasons.extend({"text": text} for text in self.free_reasons())
        member_rows = []
        for position, combo in enumerate(self.member_combos, start=1):
            name = combo.currentText().strip()
            if name:
                index = combo.findText(name)
                member_rows.append(
                    {
                        "position": position,
                        "name": name,
                        "candidate_id": combo.itemData(index) if index >= 0 else None,
                    }
                )
        workload = self.workload()
        decided = steps.get("decided_on")
        record = {
            "placement_id": placement_id,
            "case_no": case_no,
            **self._carer_centre(),
            "proposal_date": proposal_date,
            "workload": workload.value if workload else None,
            "proposed_percent": proposed,
            "period_from": period.start,
            "period_to": period.end,
            "rationale": self.rationale_edit.toPlainText().strip() or None,
            **steps,
            "subgroup_id": subgroup,
            "resolution_no": resolution_no,
            "resolution_year": decided.year if decided and resolution_no else None,
            "outcome": outcome,
            "decision_percent": self.decision_percent.currentData()
            if outcome == "increase"
            else None,
            "decision_from": decision_period.start if decision_period else None,
            "decision_to": decision_period.end if decision_period else None,
            "decision_rationale": decision_rationale or None,
            "reasons": reasons,
            "members": member_rows,
        }
        if self.case_id is not None:
            record["id"] = self.case_id
        return record

    def _carer_centre(self) -> dict:
        """The carer's centre and unit: R-4 is the proposal of the carer's centre."""
        placement = self._placement or {}
        centre_id, unit_id = placement.get("carer_centre_id"), None
        if placement.get("carer_id") is not None:
            from rejnistvo.store import StoreError, get_record

            try:
                carer = get_record(self.ctx.db, "carers", placement["carer_id"])
            except StoreError:
                carer = {}
            if carer.get("centre_id") in (None, centre_id) or centre_id is None:
                centre_id = centre_id or carer.get("centre_id")
                unit_id = carer.get("unit_id")
        return {"centre_id": centre_id, "unit_id": unit_id}

    def _check_steps(self, v: FormValidator, steps: dict[str, date | None]) -> None:
        """Steps in order: a later step needs the earlier ones, on the same day or after."""
        previous: tuple[str, date] | None = None
        missing: str | None = None
        for column, label in STEPS:
            day = steps.get(column)
            edit = self.step_edits[column]
            if edit.error_text():
                return
            if day is None:
                missing = missing or label
                continue
            if missing is not None:
                v.add_error(
                    edit, self.tr("Najprej vpišite datum koraka »{0}«.").format(self.tr(missing))
                )
                return
            if previous is not None and day < previous[1]:
                v.add_error(
                    edit,
                    self.tr(
                        "Datum je pred datumom koraka »{0}« ({1}); koraki si sledijo po vrsti."
                    ).format(self.tr(dict(STEPS)[previous[0]]), format_date(previous[1])),
                )
                return
            previous = (column, day)

    def save(self) -> bool:
        record = self.collect()
        if record is None:
            return False
        from rejnistvo.store import StoreError, save_record

        try:
            self.case_id = save_record(self.ctx.db, "r4_cases", record)
        except (StoreError, RuleError) as error:
            self.ctx.interaction.error(self.tr("Shranjevanje ni uspelo"), error.message)
            return False
        self.stored(self.tr("Predlog R-4 je shranjen."))
        return True

    # -- printing -------------------------------------------------------------------
    def print_document(self) -> None:
        """Store the edits, then show R-4 filled from the stored case."""
        self.print_form("r4", self.tr("Obrazec R-4"), self.tr("Obrazca R-4 ni mogoče natisniti"))


VIEW_CLASS = R4View
