"""The board increase part of the R-5 editor: placement, percent, period, categories of
čl. 27, the decision and the centre's request for a report, and the figures the rules
give for it (R-5 due date and why, days paid, amount received). Widgets only: the
figures come from ``services.board_increases``."""

from __future__ import annotations

import html
from datetime import date

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from rejnistvo.rules.errors import InputError
from rejnistvo.rules.periods import Period
from rejnistvo.services.board_increases import BoardIncrease, IncreaseFacts
from rejnistvo.ui.format import format_amount, format_date
from rejnistvo.ui.palette import (
    ERROR,
    SUGGESTION_BACKGROUND,
    box_text_colour,
    on_theme_change,
    set_box_style,
)
from rejnistvo.ui.views.case_editor import check_period_typed
from rejnistvo.ui.widgets import DateEdit, FieldError, FormValidator, PeriodEdit, TextEdit


class IncreasePanel(QGroupBox):
    """``edited`` on any change; ``figures_changed`` when percent or period change."""

    edited = Signal()
    figures_changed = Signal()

    def __init__(self, view, categories: dict[str, str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        form = QFormLayout(self)
        view.add_placement_row(form, self, view.tr("Namestitev:"))  # the view owns the row
        self.percent_combo = QComboBox(self)
        self.percent_combo.setObjectName("percentCombo")
        self.percent_combo.addItem("25 %", 25)
        self.percent_combo.addItem("50 %", 50)
        self.percent_combo.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.percent_label = QLabel(self)
        form.addRow(self.percent_label, self.percent_combo)
        self.period_edit = PeriodEdit("period", self, required=True, open_allowed=False)
        self.period_label = QLabel(self)
        form.addRow(self.period_label, self.period_edit)
        cats = QVBoxLayout()
        self.category_boxes: dict[str, QCheckBox] = {}
        for key, name in categories.items():
            check = QCheckBox(name, self)
            check.setObjectName(f"category_{key}")
            self.category_boxes[key] = check
            cats.addWidget(check)
        self.categories_error = FieldError(self)
        cats.addWidget(self.categories_error)
        self.categories_label = QLabel(self)
        form.addRow(self.categories_label, cats)
        self.decision_no_edit = TextEdit("decision_no", self)
        self.decision_no_label = QLabel(self)
        form.addRow(self.decision_no_label, self.decision_no_edit)
        self.decision_date = DateEdit("decision_date", self)
        self.decision_date_label = QLabel(self)
        form.addRow(self.decision_date_label, self.decision_date)
        #: the day the centre asked for a new report after one was received (čl. 28/3)
        self.asked_again_on: date | None = None
        self.requested_date = DateEdit("report_requested_on", self)
        self.requested_label = QLabel(self)
        form.addRow(self.requested_label, self.requested_date)
        self.facts_label = QLabel(self)
        self.facts_label.setObjectName("factsLabel")
        self.facts_label.setWordWrap(True)
        set_box_style(
            self.facts_label, SUGGESTION_BACKGROUND, extra="padding: 6px; border-radius: 3px;"
        )
        form.addRow(self.facts_label)
        #: what ``show_facts`` was last given: shown again in a new theme's red
        self._facts_shown: tuple[IncreaseFacts | None, str | None] | None = None
        on_theme_change(self._theme_changed)

        self.percent_combo.currentIndexChanged.connect(self.figures_changed)
        self.period_edit.edited.connect(self.figures_changed)
        for date_edit in (self.period_edit.start_edit, self.period_edit.end_edit):
            date_edit.edit.editingFinished.connect(self.figures_changed)
            date_edit.edit.editingFinished.connect(lambda: check_period_typed(self.period_edit))
        for check in self.category_boxes.values():
            check.toggled.connect(self.edited)
        for w in (self.decision_no_edit, self.decision_date):
            w.edited.connect(self.edited)
        self.requested_date.edited.connect(self.figures_changed)

    def retranslate(self) -> None:
        self.setTitle(self.tr("Zvišanje oskrbnine"))
        self.percent_label.setText(self.tr("Zvišanje:"))
        self.period_label.setText(self.tr("Obdobje:"))
        self.categories_label.setText(self.tr("Izredni izdatki (27. člen):"))
        self.decision_no_label.setText(self.tr("Odločba št.:"))
        self.decision_date_label.setText(self.tr("Datum odločbe:"))
        self.requested_label.setText(self.tr("Poročilo zahtevano do:"))

    # -- values ------------------------------------------------------------------------
    def set_increase(self, increase: BoardIncrease | None) -> None:
        """Show a stored increase (None: an empty one). Signals are the caller's business."""
        self.percent_combo.setCurrentIndex(
            max(self.percent_combo.findData(increase.percent if increase else 25), 0)
        )
        self.period_edit.set_value(increase.period if increase else None)
        chosen = set(increase.categories) if increase else set()
        for key, check in self.category_boxes.items():
            check.setChecked(key in chosen)
        self.decision_no_edit.set_value(increase.decision_no if increase else None)
        self.decision_date.set_value(increase.decision_date if increase else None)
        self.requested_date.set_value(increase.report_requested_on if increase else None)

    def typed(self) -> tuple[int, Period] | None:
        """Percent and a closed period as typed, if complete and valid (no reasons shown)."""
        try:
            period = self.period_edit.value()
        except InputError:
            return None
        if period is None or period.end is None:
            return None
        return int(self.percent_combo.currentData()), period

    def requested_on(self):
        try:
            return self.requested_date.value()
        except InputError:
            return None

    def read(
        self, v: FormValidator, placement_id: int | None, identity: BoardIncrease | None
    ) -> BoardIncrease | None:
        """The increase for the service, or None with the reasons shown."""
        period = v.check(self.period_edit)
        categories = tuple(k for k, c in self.category_boxes.items() if c.isChecked())
        if not categories:
            self.categories_error.show_error(
                self.tr("Izberite vsaj eno vrsto izrednih izdatkov (27. člen).")
            )
            v.errors.append((self.category_boxes[next(iter(self.category_boxes))], "categories"))
        decision_no = v.check(self.decision_no_edit)
        decision_date = v.check(self.decision_date)
        requested = v.check(self.requested_date)
        if placement_id is None or period is None or not categories:
            return None
        return BoardIncrease(
            placement_id=placement_id,
            percent=int(self.percent_combo.currentData()),
            period=period,
            categories=categories,
            decision_no=decision_no,
            decision_date=decision_date,
            report_requested_on=requested,
            id=identity.id if identity else None,
            version=identity.version if identity else None,
        )

    def clear_errors(self) -> None:
        self.categories_error.clear_error()
        for f in (self.period_edit, self.decision_no_edit, self.decision_date, self.requested_date):
            f.clear_error()

    def show_error(self, field: str, message: str) -> bool:
        """Show a service's refusal beside its field; False if the field is not here."""
        target = {
            "period": self.period_edit,
            "decision_date": self.decision_date,
            "report_requested_on": self.requested_date,
        }.get(field.split(".")[0])
        if field == "categories":
            self.categories_error.show_error(message)
            return True
        if target is None:
            return False
        target.show_error(message)
        return True

    # -- figures -----------------------------------------------------------------------
    @Slot()
    def _theme_changed(self) -> None:
        if self._facts_shown is not None:
            self.show_facts(*self._facts_shown)

    def show_facts(self, facts: IncreaseFacts | None, problem: str | None = None) -> None:
        self._facts_shown = (facts, problem)
        if facts is None:
            self.facts_label.setText(
                problem
                or self.tr(
                    "Vpišite obdobje zvišanja: program pokaže rok za poročilo R-5 in prejeti "
                    "znesek."
                )
            )
            return
        requested = self.requested_on()
        if self.asked_again_on is not None:
            # a new report asked for after one was received (čl. 28/3): due on the day set
            text = self.tr(
                "Rok za novo poročilo R-5: <b>{0}</b> (center ga je zahteval {1}; 28. člen, "
                "3. odstavek)"
            ).format(format_date(requested or facts.due.day), format_date(self.asked_again_on))
            requested = None
        else:
            text = self.tr("Rok za poročilo R-5: <b>{0}</b>").format(format_date(facts.due.day))
            if facts.due.reason:
                text += "<br>" + facts.due.reason
            else:
                text += self.tr(" (30 dni pred iztekom, 28. člen)")
        if requested is not None and requested < facts.due.day:
            text += "<br>" + self.tr("Center je poročilo zahteval do {0}.").format(
                format_date(requested)
            )
        elif requested is not None and requested > facts.due.day:
            # a call after the increase ended: the earlier day counts (Roki, the list)
            text += "<br>" + self.tr(
                "Center je poročilo zahteval do {0}; rok po 28. členu ({1}) je zgodnejši in velja."
            ).format(format_date(requested), format_date(facts.due.day))
        if facts.received_by_today is None:
            text += "<br>" + self.tr("Prejeto zvišanje oskrbnine: <b>{0} €</b> ({1})").format(
                format_amount(facts.received), facts.paid_days_text
            )
        else:
            # The period still runs: its later months are not paid yet.
            text += "<br>" + self.tr(
                "Zvišanje oskrbnine za vse obdobje: <b>{0} €</b> ({1}), "
                "od tega do danes prejeto <b>{2} €</b>"
            ).format(
                format_amount(facts.received),
                facts.paid_days_text,
                format_amount(facts.received_by_today),
            )
        red = box_text_colour(SUGGESTION_BACKGROUND, ERROR)  # on a dark box too
        for warning in facts.warnings:  # the amounts above lack a 1 March indexation
            text += f'<br><span style="color:{red}">{html.escape(warning)}</span>'
        if problem:
            text += "<br>" + problem
        self.facts_label.setText(text)
