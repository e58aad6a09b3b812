"""A new R-5 report asked for after one was received (čl. 28/3) and the reports received
before it, for ``R5View``: the button beside the report's date opens
``r5_new_report.NewReportDialog``, the list of earlier reports prints the chosen one. The
move of the report and its checks are ``services.r5_requests``'."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import Slot

from rejnistvo.rules.errors import RuleError
from rejnistvo.services import board_increases as service
from rejnistvo.services.board_increases import R5Case
from rejnistvo.store import StaleRecordError
from rejnistvo.ui.format import format_date
from rejnistvo.ui.views.preview import preview_document
from rejnistvo.ui.widgets.fields import reveal


class R5HistoryMixin:
    """Uses ``R5View``'s ``case``, ``ctx``, panels, ``load`` and ``ensure_saved``."""

    case: R5Case | None
    ctx: Any
    report_date: Any
    tr: Any

    def _show_history(self, case: R5Case | None) -> None:
        """The earlier reports of the case shown and the button to ask again set."""
        from rejnistvo.services.r5_requests import (
            asked_again,
            earlier_reports,
            finding_of_earlier_report,
        )

        increase_id = case.increase.id if case else None
        report = case.report if case else None
        earlier: tuple = ()
        asked_on = None
        standing = False
        if increase_id is not None:
            try:
                earlier = earlier_reports(self.ctx.db, increase_id)
                asked_on = asked_again(self.ctx.db, increase_id)
                standing = report is not None and finding_of_earlier_report(
                    self.ctx.db, increase_id, report, earlier
                )
            except RuleError:
                earlier, asked_on = (), None
        received = report is not None and report.report_date is not None
        self.earlier_panel.set_reports(earlier)
        self.report_panel.set_asked_again(asked_on, received)
        self.increase_panel.asked_again_on = asked_on
        self.finding_panel.show_standing(earlier[-1].report.report_date if standing else None)

    @Slot()
    def ask_for_new_report(self) -> None:
        """»Zahtevaj novo poročilo …«: the stored case (edits saved first), a dialog for
        the day the new report is due."""
        if not self.ensure_saved():
            return
        case = self.case
        if case is None or case.report is None or case.report.report_date is None:
            return
        from rejnistvo.ui.views.r5_new_report import NewReportDialog

        self.new_report_dialog = NewReportDialog(
            case.report.report_date, self._offered_new_due(case), self._ask_new_report, self
        )
        self.new_report_dialog.open()

    def _offered_new_due(self, case: R5Case) -> date | None:
        """The regular day (30 days before the end) when it is still to come after the
        received report (an interim report asked for early, the regular one still due);
        else nothing: the centre sets the day."""
        assert case.report is not None and case.report.report_date is not None
        try:
            regular = service.report_due(case.increase.period).day
        except RuleError:
            return None
        if regular > case.report.report_date and regular >= self.ctx.clock.today():
            return regular
        return None

    def _ask_new_report(self, due: date) -> str | None:
        """The service's answer for the dialog: its refusal, or None once done."""
        from rejnistvo.services.r5_requests import ask_for_new_report

        case = self.case
        if case is None or case.increase.id is None:
            return self.tr("Zvišanje ni več izbrano.")
        increase_id = case.increase.id
        try:
            stored = ask_for_new_report(
                self.ctx.db, increase_id, due, self.ctx.clock.today(), case.increase.version
            )
        except StaleRecordError as error:
            # the editor had nothing unsaved (saved before the dialog opened): show what
            # is stored now, keep the typed day for a second try
            self.load(increase_id)
            return (
                error.message
                + " "
                + self.tr("Prikazano je shranjeno stanje; preverite ga in zahtevo ponovite.")
            )
        except RuleError as error:
            return error.message
        self.load(increase_id)
        if self.case is not None:
            self._update_row(self.case)
        # the cursor where the new report will be typed: the button pressed is disabled
        # by its own step and Qt left the keyboard in the emptied expense table, out of
        # sight below (found by QA54); the window gives it back when the dialog closes
        reveal(self.report_date)
        self._announcing = True
        try:
            self.ctx.bus.status_message.emit(
                self.tr(
                    "Novo poročilo R-5 je zahtevano do {0}; prejeto je med prejšnjimi poročili."
                ).format(format_date(stored))
                + self.moved_request_note(due, stored)
            )
            self.ctx.bus.records_changed.emit(self.kind)
        finally:
            self._announcing = False
        return None

    def moved_request_note(self, typed: date | None, stored: date | None) -> str:
        """What the status line adds when the day the report was asked for by was moved
        off a day that is not a working day (``board_increases.request_on_working_day``)."""
        if typed is None or stored is None or typed == stored:
            return ""
        return " " + self.tr(
            "Dan {0} ni delovni dan (sobota, nedelja ali praznik), zato je poročilo "
            "zahtevano do {1} (ZUP 101)."
        ).format(format_date(typed), format_date(stored))

    @Slot(int)
    def print_earlier_report(self, earlier_id: int) -> None:
        """The chosen earlier report on R-5, with the finding as it stood then."""
        db = self.ctx.db

        def make() -> bytes:
            from rejnistvo.forms import render_form
            from rejnistvo.services.case_forms import earlier_form

            return render_form("r5", earlier_form(db, earlier_id))

        preview_document(
            self,
            make,
            self.tr("Prejšnje poročilo R-5"),
            f"R-5-{self.increase_id}-prejsnje-{earlier_id}.pdf",
            self.tr("Obrazca R-5 ni mogoče natisniti"),
        )
