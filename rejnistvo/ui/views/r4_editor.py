"""The widgets of the R-4 editor (R-4 predlogi): the proposal, the case's steps and the
commission's decision, built and named here; ``r4_view.R4View`` binds them to the
services. Kept apart so that each module stays small."""

from __future__ import annotations

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
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from rejnistvo.rules.periods import Period
from rejnistvo.services.r4_cases import R4Case
from rejnistvo.ui.format import format_date
from rejnistvo.ui.palette import NOTICE, NOTICE_BACKGROUND, SUGGESTION_BACKGROUND, set_box_style
from rejnistvo.ui.views.case_editor import CaseEditorView, check_period_typed, field_with_error
from rejnistvo.ui.widgets import DateEdit, FieldError, PeriodEdit, TextEdit

#: the case's steps in order (column of r4_cases, Slovenian label)
STEPS = (
    ("prepared_on", QT_TRANSLATE_NOOP("R4View", "Pripravljen")),
    ("sent_on", QT_TRANSLATE_NOOP("R4View", "Poslan koordinatorju")),
    ("accepted_on", QT_TRANSLATE_NOOP("R4View", "Sprejet")),
    ("commission_named_on", QT_TRANSLATE_NOOP("R4View", "Imenovana komisija")),
    ("decided_on", QT_TRANSLATE_NOOP("R4View", "Odločeno (datum sklepa)")),
    ("returned_on", QT_TRANSLATE_NOOP("R4View", "Vrnjen centru rejnika")),
)
#: the steps the proposer's screen writes (sending only through its button)
EDITABLE_STEPS = ("prepared_on", "sent_on")
DIFFERENCE_STYLE = "color: #8a4b00; background: #fff4e0; padding: 4px;"


class NoticeLabel(QLabel):
    """A hidden notice (the case changed elsewhere, the decision differs from the
    proposal) that takes its DIFFERENCE_STYLE when first shown: a style sheet costs its
    building and polishing at every first opening, and these are rarely shown."""

    def setVisible(self, visible: bool) -> None:  # noqa: N802 (Qt name)
        if visible and not self.styleSheet():
            set_box_style(self, NOTICE_BACKGROUND, NOTICE, "padding: 4px;")
        super().setVisible(visible)


class R4EditorWidgets(CaseEditorView):
    """The editor's widgets; the subclass provides the slots they connect to."""

    def _build_editor(self) -> QWidget:
        scroll, editor, layout = self.editor_area()
        titles = self._row_titles()
        # Said while the user edits a case another screen has changed meanwhile.
        self.stale_label = NoticeLabel(editor)
        self.stale_label.setObjectName("staleLabel")
        self.stale_label.setWordWrap(True)
        self.stale_label.hide()
        layout.addWidget(self.stale_label)
        # A sent proposal stays editable (a correction is sent again whole), but the
        # coordinator keeps the copy sent until then: said, so nobody thinks a save is enough.
        self.sent_label = NoticeLabel(editor)
        self.sent_label.setObjectName("sentLabel")
        self.sent_label.setWordWrap(True)
        self.sent_label.hide()
        layout.addWidget(self.sent_label)

        # Proposal -------------------------------------------------------------------
        self.proposal_box = QGroupBox(editor)
        form = QFormLayout(self.proposal_box)
        self.add_placement_row(form, editor, titles["placement"])
        self.case_no_edit = TextEdit("case_no", editor)
        self.titles.add_row(form, "case_no", titles["case_no"], self.case_no_edit)
        self.proposal_date = DateEdit("date", editor)
        self.titles.add_row(form, "proposal_date", titles["proposal_date"], self.proposal_date)

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
        self.titles.add_row(form, "reasons", titles["reasons"], self.reason_list)
        self.free_reason = QLineEdit(editor)
        self.free_reason.setObjectName("freeReasonEdit")
        self.titles.add_row(form, "free_reason", titles["free_reason"], self.free_reason)

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
        self.titles.add_row(form, "workload", titles["workload"], workload_row)

        self.suggestion_label = QLabel(editor)
        self.suggestion_label.setObjectName("suggestionLabel")
        self.suggestion_label.setWordWrap(True)
        set_box_style(
            self.suggestion_label,
            SUGGESTION_BACKGROUND,
            extra="padding: 6px; border-radius: 3px;",
        )
        self.titles.add_row(form, "suggestion", titles["suggestion"], self.suggestion_label)

        self.proposed_percent = QComboBox(editor)
        self.proposed_percent.setObjectName("proposedPercent")
        self.proposed_percent.addItem("", None)
        self.proposed_percent.addItem("25 %", 25)
        self.proposed_percent.addItem("50 %", 50)
        self.proposed_error = FieldError(editor)
        self.titles.add_row(
            form,
            "proposed",
            titles["proposed"],
            field_with_error(
                self.proposed_percent, self.proposed_error, Qt.AlignmentFlag.AlignLeft
            ),
        )
        self.period_edit = PeriodEdit("period", editor, required=True, open_allowed=False)
        self.titles.add_row(form, "period", titles["period"], self.period_edit)
        self.rationale_edit = QPlainTextEdit(editor)
        self.rationale_edit.setTabChangesFocus(
            True
        )  # Tab goes to the next field, never into the text
        self.rationale_edit.setObjectName("rationaleEdit")
        self.rationale_edit.setMaximumHeight(90)
        self.titles.add_row(form, "rationale", titles["rationale"], self.rationale_edit)
        layout.addWidget(self.proposal_box)

        # Steps ----------------------------------------------------------------------
        self.steps_box = QGroupBox(editor)
        steps_form = QFormLayout(self.steps_box)
        self.step_edits: dict[str, DateEdit] = {}
        for column, _ in STEPS:
            edit = DateEdit(column, editor)
            edit.setObjectName(f"step_{column}")
            self.step_edits[column] = edit
            if column == "sent_on":
                # Sending is the proposer's workflow step, taken explicitly.
                row = QHBoxLayout()
                row.addWidget(edit, 1)
                self.send_button = QPushButton(editor)
                self.send_button.setObjectName("sendButton")
                self.send_button.setAutoDefault(True)  # Enter presses it, as Space does
                row.addWidget(self.send_button)
                self.titles.add_row(steps_form, column, titles[column], row)
            else:
                self.titles.add_row(steps_form, column, titles[column], edit)
            # Only the workflow writes the later steps: shown, never typed here.
            edit.set_read_only(column not in EDITABLE_STEPS)
        self.steps_note = QLabel(editor)
        self.steps_note.setWordWrap(True)
        steps_form.addRow(self.steps_note)
        layout.addWidget(self.steps_box)

        # Decision -------------------------------------------------------------------
        self.decision_box = QGroupBox(editor)
        dform = QFormLayout(self.decision_box)
        self.subgroup_combo = QComboBox(editor)
        self.subgroup_combo.setObjectName("subgroupCombo")
        self.subgroup_combo.addItem("", None)
        for number in range(1, 7):
            self.subgroup_combo.addItem(f"{number}.", number)
        self.titles.add_row(dform, "subgroup", titles["subgroup"], self.subgroup_combo)
        self.resolution_no_edit = TextEdit("resolution_no", editor)
        self.titles.add_row(dform, "resolution", titles["resolution"], self.resolution_no_edit)
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
        self.titles.add_row(dform, "members", titles["members"], members_box)

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
        self.titles.add_row(dform, "outcome", titles["outcome"], outcome_row)
        self.decision_period = PeriodEdit("decision.period", editor, open_allowed=False)
        self.titles.add_row(
            dform, "decision_period", titles["decision_period"], self.decision_period
        )
        self.difference_label = NoticeLabel(editor)
        self.difference_label.setObjectName("differenceLabel")
        self.difference_label.setWordWrap(True)
        self.difference_label.hide()
        dform.addRow(self.difference_label)
        self.decision_rationale = QPlainTextEdit(editor)
        self.decision_rationale.setTabChangesFocus(
            True
        )  # Tab goes to the next field, never into the text
        self.decision_rationale.setObjectName("decisionRationale")
        self.decision_rationale.setMaximumHeight(90)
        self.decision_rationale_error = FieldError(editor)
        self.titles.add_row(
            dform,
            "decision_rationale",
            titles["decision_rationale"],
            field_with_error(self.decision_rationale, self.decision_rationale_error),
        )
        self.correction_reason = QLineEdit(editor)
        self.correction_reason.setObjectName("correctionReason")
        self.correction_reason_error = FieldError(editor)
        # made from Python: shown and hidden with the correction
        self.correction_reason_label = QLabel(editor)
        dform.addRow(
            self.correction_reason_label,
            field_with_error(self.correction_reason, self.correction_reason_error),
        )
        self.correct_button = QPushButton(editor)
        self.correct_button.setObjectName("correctButton")
        self.correct_button.setAutoDefault(True)  # Enter presses it, as Space does
        dform.addRow(self.correct_button)
        layout.addWidget(self.decision_box)

        pane = self.editor_pane(scroll)
        self.send_button.clicked.connect(self.send_to_coordinator)
        self.correct_button.clicked.connect(self.start_correction)
        self.correction_reason.textEdited.connect(self._edited)

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

    def _row_titles(self) -> dict[str, str]:
        """The titles of the editor's rows by key (``self.titles``)."""
        return {
            "placement": self.tr("Namestitev:"),
            "case_no": self.tr("Št. zadeve:"),
            "proposal_date": self.tr("Datum predloga:"),
            "reasons": self.tr("Razlogi (53. člen ZIRD):"),
            "free_reason": self.tr("Drugi razlogi:"),
            "workload": self.tr("Obseg dela:"),
            "suggestion": self.tr("Predlog pravila:"),
            "proposed": self.tr("Predlagano zvišanje:"),
            "period": self.tr("Obdobje:"),
            "rationale": self.tr("Obrazložitev:"),
            **{column: self.tr(label) + ":" for column, label in STEPS},
            "subgroup": self.tr("Podskupina:"),
            "resolution": self.tr("Sklep št.:"),
            "members": self.tr("Člani komisije:"),
            "outcome": self.tr("Odločitev:"),
            "decision_period": self.tr("V obdobju:"),
            "decision_rationale": self.tr("Obrazložitev sklepa:"),
        }

    def _retranslate_editor(self) -> None:
        self.search.setPlaceholderText(
            self.tr("Išči po otroku, rejniku ali številki zadeve (Ctrl+F)")
        )
        # a screen reader: the row's title named none of the three (»1.« is a placeholder)
        for position, combo in enumerate(self.member_combos, start=1):
            combo.setAccessibleName(self.tr("Član komisije {0}").format(position))
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
        self.titles.retitle(self._row_titles())
        self.free_reason.setPlaceholderText(
            self.tr("razlogi, ki jih ni na seznamu; več razlogov ločite s podpičjem (;)")
        )
        self.workload_moderate.setText(self.tr("zmerno povečan"))
        self.workload_strong.setText(self.tr("močno povečan"))
        self.steps_box.setTitle(self.tr("Potek zadeve"))
        self.decision_box.setTitle(self.tr("Sklep komisije"))
        self.outcome_none.setText(self.tr("še ni odločeno"))
        self.outcome_increase.setText(self.tr("ZVIŠA za"))
        self.outcome_no.setText(self.tr("NE ZVIŠA"))
        self.send_button.setText(self.tr("Označi kot poslano"))
        self.steps_note.setText(
            self.tr(
                "Nadaljnje korake (prejem, sprejem, komisija, sklep, vrnitev) zapiše "
                "koordinator na zaslonu Koordinator ali jih prinese uvoz sklepa."
            )
        )
        self.correction_reason_label.setText(self.tr("Razlog popravka:"))
        self.correction_reason.setPlaceholderText(
            self.tr("obvezno: zakaj se sklep popravlja (zapiše se v dnevnik sprememb)")
        )
        self.correct_button.setText(self.tr("Popravi sklep …"))
        self.save_button.setText(self.tr("Shrani (Ctrl+S)"))
        self.print_button.setText(self.tr("Natisni R-4… (Ctrl+P)"))

    # -- the editor's state ------------------------------------------------------
    def _fill(self, case: R4Case) -> None:
        self.stale_label.hide()
        self.case_id, self.case = case.id, case
        p = case.proposal
        self._clear_errors()
        self.placement_combo.setCurrentIndex(max(self.placement_model.index_of(p.placement_id), 0))
        self.case_no_edit.set_value(p.case_no)
        self.proposal_date.set_value(p.proposal_date)
        keys = {r.reason_key for r in p.reasons if r.reason_key}
        texts = [r.text for r in p.reasons if not r.reason_key and r.text]
        for i in range(self.reason_list.count()):
            item = self.reason_list.item(i)
            checked = item.data(Qt.ItemDataRole.UserRole) in keys
            item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
        self.free_reason.setText("; ".join(texts))
        self._set_workload(p.workload)
        self.proposed_percent.setCurrentIndex(
            max(self.proposed_percent.findData(p.proposed_percent), 0)
        )
        self._proposed_chosen = p.proposed_percent is not None
        self.period_edit.set_value(Period(p.period_from, p.period_to) if p.period_from else None)
        self.rationale_edit.setPlainText(p.rationale or "")
        for column, edit in self.step_edits.items():
            edit.set_value(p.prepared_on if column == "prepared_on" else getattr(case, column))
        self.subgroup_combo.setCurrentIndex(max(self.subgroup_combo.findData(p.subgroup_id), 0))
        self._fill_candidates()
        self.resolution_no_edit.set_value(case.resolution_no)
        names = {m.position: m.name for m in case.members}
        for position, combo in enumerate(self.member_combos, start=1):
            combo.setEditText(names.get(position, ""))
        {"increase": self.outcome_increase, "no_increase": self.outcome_no}.get(
            case.outcome or "", self.outcome_none
        ).setChecked(True)
        self.decision_percent.setCurrentIndex(
            max(self.decision_percent.findData(case.decision_percent), 0)
        )
        self.decision_period.set_value(
            Period(case.decision_from, case.decision_to) if case.decision_from else None
        )
        self.decision_rationale.setPlainText(case.decision_rationale or "")
        self.correction_reason.clear()

    def _set_editable(self) -> None:
        """What this screen may change: the proposal until the decision; sending once;
        the decision only in an explicit correction."""
        case = self.case
        decided = case is not None and case.decided
        sent = case is not None and case.sent_on is not None
        self.proposal_box.setEnabled(not decided)
        self.subgroup_combo.setEnabled(not sent and not decided)
        self.step_edits["prepared_on"].set_read_only(decided)
        self.step_edits["sent_on"].set_read_only(sent)
        # a new proposal too: the button saves it first
        self.send_button.setEnabled(not sent and not decided)
        if case is not None and case.sent_on is not None and not decided:
            self.sent_label.setText(
                self.tr(
                    "Predlog je bil {0} poslan koordinatorju, ki ima poslano različico. "
                    "Kar popravite tu, koordinator dobi le, če mu predlog pošljete znova "
                    "(Koordinator → Paketi → Izvozi predlog izbranega primera …)."
                ).format(format_date(case.sent_on))
            )
        self.sent_label.setVisible(sent and not decided)
        for widget in (
            self.resolution_no_edit,
            *self.member_combos,
            self.outcome_increase,
            self.outcome_no,
            self.outcome_none,
            self.decision_percent,
            self.decision_period,
            self.decision_rationale,
        ):
            widget.setEnabled(self.correcting)
        self.step_edits["decided_on"].set_read_only(not self.correcting)
        self.correct_button.setEnabled(decided and not self.correcting)
        self.correction_reason.setVisible(self.correcting)
        self.correction_reason_label.setVisible(self.correcting)
        self.save_button.setEnabled(not decided or self.correcting)

    def _clear_errors(self) -> None:
        for w in (
            self.placement_error,
            self.proposed_error,
            self.members_error,
            self.decision_rationale_error,
            self.correction_reason_error,
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

    def _set_workload(self, value: str | None) -> None:
        self.workload_group.setExclusive(False)
        self.workload_moderate.setChecked(value == "moderate")
        self.workload_strong.setChecked(value == "strong")
        self.workload_group.setExclusive(True)
