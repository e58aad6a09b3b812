"""Zvišane oskrbnine in R-5: board increases, the carer's report on their use, the
centre's finding and the refund of unjustified money (Pravilnik čl. 27, 28; SPEC 3.4).

The screen binds widgets to ``services.board_increases``: the figures (R-5 due date,
received, latest deadline, the refund plan), the status of each case, the checks and the
one-transaction save all come from there. The editor sends the version it read; a stale
save is refused with the service's message and an offer to reload. The panels are in
``r5_increase_panel``, ``r5_report_panel`` and ``r5_refund_panel``.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QTimer, Slot
from PySide6.QtWidgets import QHeaderView, QPushButton, QWidget

from rejnistvo.rules.catalogues import EXPENSE_CATEGORY_KEYS, expense_categories
from rejnistvo.rules.errors import RuleError
from rejnistvo.rules.periods import Period
from rejnistvo.rules.refund import RefundPlan
from rejnistvo.services import board_increases as service
from rejnistvo.services.board_increases import R5Case
from rejnistvo.services.row_pages import RowPages
from rejnistvo.store import StaleRecordError
from rejnistvo.ui.models import Column
from rejnistvo.ui.views.case_editor import CaseEditorView
from rejnistvo.ui.views.r5_earlier_panel import EarlierReportsPanel
from rejnistvo.ui.views.r5_figures import R5Figures
from rejnistvo.ui.views.r5_history import R5HistoryMixin
from rejnistvo.ui.views.r5_increase_panel import IncreasePanel
from rejnistvo.ui.views.r5_refund_panel import RefundPanel
from rejnistvo.ui.views.r5_report_panel import FindingPanel, ReportPanel
from rejnistvo.ui.widgets import FormValidator
from rejnistvo.ui.widgets.fields import reveal, reveal_first_error

log = logging.getLogger(__name__)

STATUS_NAMES = {
    "awaiting_report": QT_TRANSLATE_NOOP("R5View", "čaka poročilo"),
    "overdue": QT_TRANSLATE_NOOP("R5View", "poročilo zamuja"),
    "reported": QT_TRANSLATE_NOOP("R5View", "poročilo prejeto"),
    "found": QT_TRANSLATE_NOOP("R5View", "ugotovitev izdana"),
    "refund_ordered": QT_TRANSLATE_NOOP("R5View", "vračilo odrejeno"),
    "refunded": QT_TRANSLATE_NOOP("R5View", "vrnjeno"),
}
#: a report the centre asked for again after one was received (čl. 28/3)
NEW_REPORT_NAMES = {
    "awaiting_report": QT_TRANSLATE_NOOP("R5View", "čaka novo poročilo"),
    "overdue": QT_TRANSLATE_NOOP("R5View", "novo poročilo zamuja"),
}


def _categories() -> dict[str, str]:
    try:
        return expense_categories()
    except (OSError, ValueError, KeyError):
        log.exception("expense categories catalogue unreadable")
        return {key: key for key in EXPENSE_CATEGORY_KEYS}


class R5View(R5HistoryMixin, R5Figures, CaseEditorView):
    kind = "r5"
    id_attr = "increase_id"
    leave_text = QT_TRANSLATE_NOOP(
        "R5View", "Zvišanje oskrbnine ima neshranjene spremembe. Jih shranim?"
    )

    def __init__(self, ctx, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.case: R5Case | None = None  # as loaded: ids and versions for the next save
        self._placement: Any = None
        self.received: Decimal | None = None
        self.plan: RefundPlan | None = None
        self._unjustified_offered = True
        self._announcing = False
        self.categories = _categories()
        self.build_panes(
            [
                Column("child_name", ""),
                Column("carer_name", ""),
                Column("percent", "", lambda p: f"{p} %", True),
                Column("from_date", ""),
                Column("to_date", ""),
                Column("report_due", ""),
                Column("status_name", ""),
            ],
            "increaseTable",
            [400, 800],
        )
        # what the search box promises (and what the service's search texts hold)
        self.model.set_search_columns(["child_name", "carer_name"])
        # Thousands of cases: fixed, user-resizable columns (ResizeToContents would ask
        # data() of every cell).
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for column, width in enumerate((150, 150, 70, 90, 90, 90)):
            header.resizeSection(column, width)
        self.retranslate()
        self._clear_editor()

    def open_record(self, kind: str, record_id: int) -> bool:
        """``r5_refund`` (Roki's »Obrok vračila … ni plačan«) opens the case at its
        instalments: opened at the top, the caseworker had to scroll past the increase
        and the report to tick the instalment paid (QA17)."""
        if kind != "r5_refund":
            return super().open_record(kind, record_id)
        super().open_record(self.kind, record_id)
        if self.increase_id == record_id:
            # once the loaded case is laid out, as a refused save reveals its field
            QTimer.singleShot(0, self, lambda: reveal(self.refund_panel.instalment_table))
        return True

    @property
    def increase_id(self) -> int | None:
        return self.case.increase.id if self.case else None

    @property
    def report_id(self) -> int | None:
        return self.case.report.id if self.case and self.case.report else None

    @property
    def refund_id(self) -> int | None:
        return self.case.refund.id if self.case and self.case.refund else None

    # -- building -------------------------------------------------------------------
    def _ticked_categories(self) -> list[str]:
        """The categories the increase is for, as ticked."""
        boxes = self.increase_panel.category_boxes
        return [key for key, box in boxes.items() if box.isChecked()]

    def _first_ticked_category(self) -> str:
        """The first category the increase is for (the catalogue's first when none is)."""
        ticked = self._ticked_categories()
        return ticked[0] if ticked else next(iter(self.increase_panel.category_boxes), "education")

    def _build_editor(self) -> QWidget:
        scroll, editor, layout = self.editor_area()
        self.increase_panel = IncreasePanel(self, self.categories, editor)
        self.report_panel = ReportPanel(
            self.categories, editor, self._first_ticked_category, self._ticked_categories
        )
        for box in self.increase_panel.category_boxes.values():
            box.toggled.connect(self.report_panel.show_category_note)
        self.earlier_panel = EarlierReportsPanel(editor)
        self.finding_panel = FindingPanel(editor)
        self.refund_panel = RefundPanel(self.ctx.clock.today, editor)
        for panel in (
            self.increase_panel,
            self.report_panel,
            self.earlier_panel,
            self.finding_panel,
        ):
            layout.addWidget(panel)
        layout.addWidget(self.refund_panel)
        # The panels' widgets under the names the tests and the shortcuts use.
        for panel in (
            self.increase_panel,
            self.report_panel,
            self.earlier_panel,
            self.finding_panel,
            self.refund_panel,
        ):
            for name, value in vars(panel).items():
                if not name.startswith("_") and not hasattr(self, name):
                    setattr(self, name, value)
        self.print_call_button = QPushButton(self)
        self.print_call_button.setObjectName("printCallButton")
        pane = self.editor_pane(scroll, self.print_call_button)

        self.placement_combo.currentIndexChanged.connect(self._placement_changed)
        self.increase_panel.figures_changed.connect(self._increase_changed)
        for signal in (
            self.increase_panel.edited,
            self.report_panel.edited,
            self.finding_panel.edited,
            self.refund_panel.edited,
        ):
            signal.connect(self._edited)
        self.refund_panel.edited.connect(self.check_instalments)
        self.finding_panel.centre_chosen.connect(self._fill_units)
        self.justified_edit.edited.connect(self._justified_changed)
        self.justified_edit.edit.editingFinished.connect(self._justified_changed)
        self.unjustified_edit.edited.connect(self._unjustified_typed)
        self.offer_button.clicked.connect(self.offer_unjustified)
        self.refund_panel.inputs_changed.connect(self._refund_inputs_typed)
        self.refund_panel.payments_changed.connect(self._payments_changed)
        self.plan_button.clicked.connect(self.make_plan)
        self.print_call_button.clicked.connect(self.print_refund_call)
        self.ask_again_button.clicked.connect(self.ask_for_new_report)
        self.earlier_panel.print_requested.connect(self.print_earlier_report)
        return pane

    def title(self) -> str:
        return self.tr("Zvišane oskrbnine in R-5")

    def retranslate(self) -> None:
        self.search.setPlaceholderText(self.tr("Išči po otroku ali rejniku (Ctrl+F)"))
        self.model.set_columns_headers(
            [
                self.tr("Otrok"),
                self.tr("Rejnik"),
                self.tr("Zvišanje"),
                self.tr("Od"),
                self.tr("Do"),
                self.tr("Rok R-5"),
                self.tr("Stanje"),
            ]
        )
        self.new_button.setText(self.tr("Novo zvišanje oskrbnine (Ctrl+N)"))
        self.titles.retitle({"placement": self.tr("Namestitev:")})
        for panel in (
            self.increase_panel,
            self.report_panel,
            self.earlier_panel,
            self.finding_panel,
            self.refund_panel,
        ):
            panel.retranslate()
        self.save_button.setText(self.tr("Shrani (Ctrl+S)"))
        self.print_button.setText(self.tr("Natisni R-5… (Ctrl+P)"))
        self.print_call_button.setText(self.tr("Natisni poziv k vračilu…"))
        self._update_facts()

    # -- list -----------------------------------------------------------------------
    def _list_row(self, row: dict[str, Any]) -> dict[str, Any]:
        """A line of the list as shown: the service's line with the status's name (one
        builder for the rows painted and the row a save updates)."""
        names = NEW_REPORT_NAMES if row.get("asked_again") else {}
        name = names.get(row["status"]) or STATUS_NAMES.get(row["status"], row["status"])
        row["status_name"] = self.tr(name)
        return row

    def _fetch(self, ids: Sequence[int]) -> list[dict[str, Any]]:
        rows = service.case_rows(self.ctx.db, ids, self.ctx.clock.today())
        return [self._list_row(row.as_dict()) for row in rows]

    def refresh(self) -> None:
        super().refresh()
        today = self.ctx.clock.today()
        try:
            pages = service.case_pages(self.ctx.db, today)
            centres = service.centre_choices(self.ctx.db)
            self.set_placement_choices()
        except RuleError as error:
            self.ctx.interaction.error(self.tr("Branje ni uspelo"), error.message)
            return
        self.model.set_pages(RowPages(pages.ids, pages.search, self._fetch))
        self.finding_panel.set_centres(centres)
        self._select_row(self.increase_id)
        self._reload_if_changed_elsewhere()
        self._placement_saved_elsewhere()

    @Slot(str)
    def _on_records_changed(self, kind: str) -> None:
        if self._announcing:
            return  # our own save: its row is already updated
        super()._on_records_changed(kind)

    def _reload_if_changed_elsewhere(self) -> None:
        """Another screen saved this case: show it, unless the user is editing (then the
        save is refused as stale and offers to reload)."""
        if self.case is None or self.case.increase.id is None or self._dirty:
            return
        try:
            version = service.stored_version(self.ctx.db, self.case.increase.id)
        except RuleError:
            return
        if version is None:
            self._clear_editor()
        elif version != self.case.increase.version:
            self.load(self.case.increase.id)

    # -- editor state -----------------------------------------------------------------
    def _clear_editor(self) -> None:
        self._loading = True
        self.case = None
        self.placement_combo.setCurrentIndex(0)
        self.increase_panel.set_increase(None)
        self.report_date.set_value(None)
        self.report_panel.set_expenses([])
        self.finding_panel.finding_date.set_value(None)
        self.finding_panel.set_centre(None)
        self._fill_units(None)
        self.justified_edit.set_value(None)
        self.unjustified_edit.set_value(None)
        self.refund_panel.set_refund(None)
        self._show_history(None)
        self.plan = None
        self._unjustified_offered = True
        self._clear_errors()
        self._loading = False
        self._placement_changed()
        self.refund_panel.show_plan(None, False)
        self._inputs_seen()
        self._dirty = False

    def _clear_errors(self) -> None:
        self.placement_error.clear_error()
        self.increase_panel.clear_errors()
        self.report_date.clear_error()
        self.expense_error.clear_error()
        self.finding_panel.clear_errors()
        self.refund_panel.clear_errors()

    def load(self, increase_id: int) -> None:
        try:
            case = service.load_case(self.ctx.db, increase_id)
        except RuleError as error:
            self.ctx.interaction.error(self.tr("Branje ni uspelo"), error.message)
            return
        self._show_case(case)

    def _show_case(self, case: R5Case) -> None:
        self._loading = True
        try:
            self._clear_errors()
            self.case = case
            inc = case.increase
            self.placement_combo.setCurrentIndex(
                max(self.placement_model.index_of(inc.placement_id), 0)
            )
            self.increase_panel.set_increase(inc)
            report = case.report or service.R5Report()
            self.report_date.set_value(report.report_date)
            self.report_panel.set_expenses(report.expenses)
            self.finding_date.set_value(report.finding_date)
            self.finding_panel.set_centre(report.finding_centre_id)
            self._fill_units(report.finding_unit_id)
            self.justified_edit.set_value(report.justified)
            self.unjustified_edit.set_value(report.unjustified)
            self._unjustified_offered = report.unjustified is None
            self.refund_panel.set_refund(case.refund)
            self._show_history(case)
            self._placement_changed()
            # A stored increase without a finding yet (the report comes months later) is
            # offered the child's centre too, not only an increase being made.
            self._offer_finding_centre(inc.placement_id)
        finally:
            self._loading = False
        self._update_facts()
        self.plan = self._compute_plan(show_errors=False) if case.refund else None
        self.refund_panel.show_plan(self.plan, False)
        self._inputs_seen()
        self._dirty = False

    @Slot()
    def _edited(self, *_args: Any) -> None:
        if not self._loading:
            self._dirty = True

    @Slot()
    def _placement_changed(self) -> None:
        self.placement_error.clear_error()
        self.read_placement()
        placement_id = self.placement_combo.currentData()
        periods = None
        if placement_id is not None:
            try:
                periods = service.placement_periods(self.ctx.db, placement_id)
            except RuleError as error:
                self.placement_error.show_error(error.message)
        self.period_edit.set_outer(periods, self._recorded_period(placement_id))
        if placement_id is not None and not self._loading:
            self._offer_finding_centre(placement_id)
        self._increase_changed()

    def _offer_finding_centre(self, placement_id: int) -> None:
        """Issue 12: the finding is the child's centre's; offer it (and the child's unit)
        while none is chosen."""
        if self.centre_combo.currentData() is not None:
            return
        try:
            centre, unit = service.finding_centre_default(self.ctx.db, placement_id)
        except RuleError:
            centre, unit = None, None
        self.finding_panel.set_centre(centre)
        self._fill_units(unit)

    def _recorded_period(self, placement_id: Any) -> Period | None:
        """The stored increase's period, valid even if the child left early (SPEC 6)."""
        case = self.case
        if case is None or case.increase.id is None or case.increase.placement_id != placement_id:
            return None
        return case.increase.period

    def _placement_saved_elsewhere(self) -> None:
        """Namestitve saved: the period's bounds and the days and amount received follow
        the stored placement, edits or not (the increase's own version did not change)."""
        placement_id = self.placement_combo.currentData()
        if self.case is None or placement_id is None:
            return
        try:
            periods = service.placement_periods(self.ctx.db, placement_id)
        except RuleError:
            return
        self.period_edit.set_outer(periods, self._recorded_period(placement_id))
        self._update_facts()

    @Slot(object)
    def _fill_units(self, unit_id: Any = None) -> None:
        centre_id = self.centre_combo.currentData()
        try:
            choices = service.unit_choices(self.ctx.db, centre_id)
        except RuleError:
            choices = []
        # centre_chosen passes the centre id: a fresh centre starts without a unit.
        keep = unit_id if unit_id != centre_id or centre_id is None else None
        self.finding_panel.set_units(choices, keep)

    # -- saving ---------------------------------------------------------------------------
    def collect(self) -> R5Case | None:
        """The case for the service, or None with the reasons shown."""
        self._clear_errors()
        v = FormValidator()
        placement_id = self.check_placement(v)
        known = self.case
        increase = self.increase_panel.read(v, placement_id, known.increase if known else None)
        report_date = v.check(self.report_date)
        expenses = self.report_panel.expenses(v)
        report = self.finding_panel.read(v, report_date, expenses, known.report if known else None)
        refund = self.refund_panel.read(v, known.refund if known else None)
        if not v.ok or increase is None:
            v.focus_first()
            return None
        return R5Case(increase, report, refund)

    @Slot()
    def save(self) -> bool:
        case = self.collect()
        if case is None:
            return False
        if self.nothing_to_save(case):
            return True
        drop = None
        if case.refund is None and self.case is not None and self.case.refund is not None:
            # The call date was cleared: the ordered refund (and its paid marks) would go.
            if not self.ctx.interaction.confirm(
                self.tr("Izbris vračila"),
                self.tr(
                    "Datum poziva je izbrisan. Ali naj izbrišem odrejeno vračilo in njegov "
                    "načrt obrokov (tudi oznake plačil)?"
                ),
            ):
                return False
            drop = self.case.refund
        try:
            stored = service.save_case(self.ctx.db, case, self.ctx.clock.today(), drop)
        except StaleRecordError as error:
            self._offer_reload(error)
            return False
        except RuleError as error:
            if not self._show_refusal(error):
                self.ctx.interaction.error(self.tr("Shranjevanje ni uspelo"), error.message)
            else:  # the reason where it is seen, with the cursor in its field
                reveal_first_error(self.editor_scroll.widget())
            return False
        self._show_case(stored)
        self._update_row(stored)
        self._dirty = False
        self._announcing = True
        try:
            self.ctx.bus.status_message.emit(
                self.tr("Zvišanje oskrbnine je shranjeno.")
                + self.moved_request_note(
                    case.increase.report_requested_on, stored.increase.report_requested_on
                )
            )
            self.ctx.bus.records_changed.emit(self.kind)
        finally:
            self._announcing = False
        return True

    def same_as_shown(self, collected: R5Case) -> bool:
        return self.case is not None and service.same_case(self.ctx.db, collected, self.case)

    def _update_row(self, case: R5Case) -> None:
        """After a save: that row of the list changes, the rest stays as it is."""
        if case.increase.id is None:
            return
        try:
            rows = self._fetch([case.increase.id])
        except RuleError:
            return
        if rows:
            self.model.upsert_row(rows[0])
        self._select_row(case.increase.id)

    def _offer_reload(self, error: StaleRecordError) -> None:
        """Someone else saved the case since it was loaded: nothing of theirs is
        overwritten; what the user typed stays until they choose to reload."""
        from rejnistvo.ui.interaction import offers_reload

        if (
            offers_reload(
                self.ctx.interaction, self.tr("Zvišanje je medtem spremenjeno"), error.message
            )
            and self.case is not None
            and self.case.increase.id is not None
        ):
            self.load(self.case.increase.id)


VIEW_CLASS = R5View
