"""Izračun: the payment sheet of a stored placement, and a what-if calculator.

Both tabs run the same rules (``rules.months.month_payments``, SPEC 3.2). The what-if
tab takes typed-in placement periods, board increases and fee uplifts and recomputes as
the user types; it never writes anything.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from rejnistvo.rules.errors import InputError, RuleError
from rejnistvo.rules.months import (
    Adjustment,
    MonthPayment,
    PartTimePlacement,
    month_payments,
    month_range,
)
from rejnistvo.rules.periods import Period
from rejnistvo.ui.format import format_amount
from rejnistvo.ui.palette import ERROR, set_text_style
from rejnistvo.ui.views.base import View
from rejnistvo.ui.views.calc_whatif import MAX_MONTHS, WhatIfMixin, sheet_headers
from rejnistvo.ui.views.placement_data import (
    as_date,
    default_range,
    placement_choices,
    placement_label,
    placement_periods,
    rate_table,
    record_name,
)
from rejnistvo.ui.views.preview import preview_document
from rejnistvo.ui.widgets import FieldError, PeriodEdit
from rejnistvo.ui.widgets.payment_table import (
    explain_month,
    fit_columns,
    make_payment_model,
    make_table,
    payment_rows,
    sums,
)
from rejnistvo.ui.widgets.search_combo import SearchCombo


# -- the view --------------------------------------------------------------------------
class CalcView(WhatIfMixin, View):
    """Izračun: payment sheet of a stored placement + what-if calculator."""

    def __init__(self, ctx, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self._whatif_built = False  # from here on, asking for a Kaj če widget builds it
        self.sheet_payments: list[MonthPayment] = []
        self.whatif_payments: list[MonthPayment] = []
        self.preview = None
        self.last_document: bytes | None = None
        #: the months the program last offered (None: none yet), and the placement and
        #: periods the months stand for: a change of the periods elsewhere moves them
        self._offered_range: Period | None = None
        self._range_for: tuple[Any, list[Period]] | None = None

        layout = QVBoxLayout(self)
        self.tabs = QTabWidget(self)
        layout.addWidget(self.tabs)
        self._build_sheet_tab()
        self.tabs.addTab(QWidget(self.tabs), "")  # Kaj če: built when first shown
        self.tabs.currentChanged.connect(self._whatif_tab_shown)
        self.retranslate()

    # -- building ---------------------------------------------------------------------
    def _build_sheet_tab(self) -> None:
        tab = QWidget(self)
        layout = QVBoxLayout(tab)
        form = QFormLayout()
        # Searches the store as the user types: a few choices held, never every
        # placement (20,000 combo items cost the first opening 0.3 s and their memory).
        self.placement_combo = SearchCombo(self._find_placements, tab, read=self._read_placement)
        self.placement_model = self.placement_combo.choices
        self.placement_combo.setObjectName("placementCombo")
        self.placement_label = QLabel(tab)
        # why a typed text is no placement yet (several or none match), under the field:
        # the sheet stays the chosen placement's until one is taken
        self.placement_error = FieldError(tab)
        self.placement_combo.pending.connect(self.placement_error.show_error)
        placement_box = QVBoxLayout()
        placement_box.addWidget(self.placement_combo)
        placement_box.addWidget(self.placement_error)
        form.addRow(self.placement_label, placement_box)
        self.sheet_range = PeriodEdit("obdobje", tab, required=True, open_allowed=False)
        self.sheet_range_label = QLabel(tab)
        form.addRow(self.sheet_range_label, self.sheet_range)
        layout.addLayout(form)
        buttons = QHBoxLayout()
        self.sheet_button = QPushButton(tab)
        self.sheet_button.setObjectName("computeSheetButton")
        self.print_button = QPushButton(tab)
        self.print_button.setObjectName("printSheetButton")
        for button in (self.sheet_button, self.print_button):
            button.setAutoDefault(True)  # Enter on it presses it, as Space does
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self.sheet_error = FieldError(tab)
        layout.addWidget(self.sheet_error)
        self.sheet_model = make_payment_model(self)
        self.sheet_table = make_table(self.sheet_model, tab)
        layout.addWidget(self.sheet_table, 1)
        self.sheet_totals = QLabel(tab)
        self.sheet_totals.setObjectName("sheetTotals")
        layout.addWidget(self.sheet_totals)
        self.sheet_explain = self._explain_label(tab, "sheetExplain")
        layout.addWidget(self.sheet_explain)
        self.sheet_table.selectionModel().currentRowChanged.connect(
            lambda current, _prev: self._explain(
                self.sheet_explain, self.sheet_payments, current.row()
            )
        )
        self.tabs.addTab(tab, "")

        self.placement_combo.currentIndexChanged.connect(self._placement_chosen)
        self.sheet_button.clicked.connect(self.compute_sheet)
        # Enter after typing the months computes them, as Izračunaj does: the table
        # otherwise kept the earlier months under fields that named others.
        for edit in (self.sheet_range.start_edit, self.sheet_range.end_edit):
            edit.edit.returnPressed.connect(self.compute_sheet)
        self.print_button.clicked.connect(self.print_document)

    def title(self) -> str:
        return self.tr("Izračun")

    def retranslate(self) -> None:
        self.tabs.setTabText(0, self.tr("Plačilni list namestitve"))
        self.placement_label.setText(self.tr("Namestitev:"))
        self.sheet_range_label.setText(self.tr("Meseci:"))
        self.sheet_button.setText(self.tr("Izračunaj"))
        self.print_button.setText(self.tr("Natisni plačilni list…"))
        self.sheet_model.set_columns_headers(sheet_headers(self.tr))
        self._retranslate_whatif()

    # -- data -----------------------------------------------------------------------
    def _find_placements(self, text: str, limit: int) -> list[tuple[str, Any]]:
        """The placements whose contract or names contain what is typed (a page)."""
        from rejnistvo.services.placement_search import find_placements
        from rejnistvo.store import StoreError

        try:
            return placement_choices(find_placements(self.ctx.db, text, limit))
        except StoreError as error:
            self.sheet_error.show_error(error.message)
            return []

    def _placement_row(self, placement_id: Any) -> dict | None:
        """Contract and names of one placement (None when it is gone)."""
        from rejnistvo.services.placement_search import placement_choice
        from rejnistvo.store import StoreError

        if placement_id is None:
            return None
        try:
            return placement_choice(self.ctx.db, placement_id)
        except StoreError as error:
            self.sheet_error.show_error(error.message)
            return None

    def _read_placement(self, placement_id: Any) -> str | None:
        """The label of one placement not held by the picker (None when it is gone)."""
        row = self._placement_row(placement_id)
        return None if row is None else placement_label(row)

    def refresh(self) -> None:
        super().refresh()
        current = self.placement_combo.currentData()
        choices = self._find_placements("", self.placement_combo.limit)
        if current is not None and all(value != current for _label, value in choices):
            row = self._placement_row(current)  # still there (perhaps renamed)?
            if row is not None:
                choices.insert(0, (placement_label(row), current))
        shown = current if current is not None else self._first_current(choices)
        self.placement_combo.load(choices, shown)
        if choices and self.placement_combo.currentData() != current:
            self._placement_chosen()  # the first one, or another since this one is gone
        elif current is not None:
            # The same placement after a change elsewhere (a board increase saved on R-5,
            # an R-4 decision, a rate row, an annex): its sheet is computed again, it
            # showed the figures from before the change until Izračunaj was pressed; a
            # changed period moves the months too (they showed months outside it).
            placement = self._load_placement()
            if placement is not None and (self._follow_periods(placement) or self.sheet_payments):
                self._compute_sheet(placement)

    def _follow_periods(self, placement: dict) -> bool:
        """The months after the placement's periods changed elsewhere (placement_data.
        followed_range); True when they were moved."""
        from rejnistvo.ui.views.placement_data import followed_range

        periods = placement_periods(placement)
        seen = self._range_for
        if not periods or seen is None or seen[0] != placement["id"] or seen[1] == periods:
            return False
        self._range_for = (placement["id"], periods)
        try:
            shown = self.sheet_range.value()
        except InputError:
            return False  # a half-typed month stays the clerk's
        if shown is None:
            return False
        today = self.ctx.clock.today()
        moved = followed_range(shown, self._offered_range, periods, today)
        self._offered_range = default_range(periods, today)  # the offer for these periods
        if moved == shown:
            return False
        self.sheet_range.set_value(moved)
        return True

    def _first_current(self, choices: list[tuple[str, Any]]) -> Any:
        """The first placement offered with a child placed this month (None: the first
        offered), so the screen opens on a sheet, not on one ended years ago."""
        from rejnistvo.rules.periods import first_of_month, last_of_month
        from rejnistvo.services.placement_search import first_placed_in
        from rejnistvo.store import StoreError

        today = self.ctx.clock.today()
        try:
            return first_placed_in(
                self.ctx.db,
                [value for _label, value in choices],
                first_of_month(today),
                last_of_month(today),
            )
        except StoreError:
            return None

    def focus_search(self) -> None:
        """Ctrl+F: type a contract number or a name into the placement picker."""
        self.tabs.setCurrentIndex(0)
        self.placement_combo.setFocus()
        line = self.placement_combo.lineEdit()
        if line is not None:
            line.selectAll()

    def show_placement(self, placement_id: int) -> None:
        """Select a stored placement and show its sheet (used from other screens)."""
        if self.is_stale():
            self.refresh()
        index = self.placement_model.index_of(placement_id)  # read when not held
        if index < 0:
            return  # gone
        self.tabs.setCurrentIndex(0)
        self.placement_combo.setCurrentIndex(index)
        self.compute_sheet()

    def _placement_chosen(self) -> None:
        """Offer this year's months of the placement as the default range."""
        placement = self._load_placement()
        if placement is None:
            return
        periods = placement_periods(placement)
        if periods:
            self._offered_range = default_range(periods, self.ctx.clock.today())
            self.sheet_range.set_value(self._offered_range)
        self._range_for = (placement["id"], periods)
        self._compute_sheet(placement)

    def _load_placement(self) -> dict | None:
        from rejnistvo.store import StoreError, get_record

        placement_id = self.placement_combo.currentData()
        if placement_id is None:
            return None
        try:
            return get_record(self.ctx.db, "placements", placement_id)
        except StoreError as error:
            self.sheet_error.show_error(error.message)
            return None

    def _stored_inputs(self, placement: dict) -> dict:
        """Placement periods, board increases and decided fee uplifts of a stored placement."""
        from rejnistvo.store import list_records

        increases = [
            Adjustment(int(r["percent"]), Period(as_date(r["from_date"]), as_date(r["to_date"])))
            for r in list_records(self.ctx.db, "board_increases", placement_id=placement["id"])
        ]
        uplifts = [
            Adjustment(
                int(r["decision_percent"]),
                Period(as_date(r["decision_from"]), as_date(r.get("decision_to"))),
            )
            for r in list_records(self.ctx.db, "r4_cases", placement_id=placement["id"])
            if r.get("outcome") == "increase"
            and r.get("decision_percent")
            and r.get("decision_from")
        ]
        part_time = None
        if placement.get("part_time"):
            part_time = PartTimePlacement(Decimal(str(placement.get("fee_share") or "0")))
        return {
            "placement": placement_periods(placement),
            "board_increases": increases,
            "fee_uplifts": uplifts,
            "part_time": part_time,
        }

    def compute_sheet(self) -> bool:
        """Compute the payment sheet of the chosen placement; False with a reason shown."""
        return self._compute_sheet(self._load_placement())

    def _compute_sheet(self, placement: dict | None) -> bool:
        self.sheet_error.clear_error()
        if placement is None:
            self.sheet_error.show_error(self.tr("Izberite namestitev."))
            return False
        ok, period = self.sheet_range.check()
        if not ok:
            return False
        months = month_range(period.start, period.end)
        if len(months) > MAX_MONTHS:
            self.sheet_range.show_error(self.tr("Izberite največ {0} mesecev.").format(MAX_MONTHS))
            return False
        try:
            inputs = self._stored_inputs(placement)
            payments = month_payments(months, rates=rate_table(self.ctx.db), **inputs)
        except RuleError as error:
            self.sheet_error.show_error(error.message)
            self.sheet_model.set_rows([])
            self.sheet_payments = []
            self._show_totals(self.sheet_totals, [])
            return False
        self.sheet_payments = payments
        self.sheet_model.set_rows(payment_rows(payments))
        fit_columns(self.sheet_table)
        self._show_totals(self.sheet_totals, payments)
        return True

    # -- explaining -----------------------------------------------------------------
    def _explain_label(self, parent: QWidget, name: str) -> QLabel:
        label = QLabel(parent)
        label.setObjectName(name)
        label.setWordWrap(True)  # never widens the window, however long the source
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        return label

    def _explain(self, label: QLabel, payments: Sequence[MonthPayment], row: int) -> None:
        """How the chosen month (the first, until one is chosen) was computed."""
        if not payments:
            label.setText("")
            return
        row = row if 0 <= row < len(payments) else 0
        label.setText(explain_month(payments[row], self.tr))

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt name)
        self._fit_whatif(event.size().width())
        super().resizeEvent(event)

    def _show_totals(self, label: QLabel, payments: Sequence[MonthPayment]) -> None:
        label.setWordWrap(True)  # a long total line must not widen the window
        explain = self.sheet_explain if label is self.sheet_totals else self.whatif_explain
        self._explain(explain, payments, 0)
        self._show_stale_rates(label, payments)
        if not payments:
            label.setText("")
            return
        s = sums(payments)
        label.setText(
            self.tr(
                "Skupaj: oskrbnina {0} € (od tega zvišanje {1} €), plačilo dela {2} € "
                "(od tega zvišanje {3} €), rejnina {4} €"
            ).format(
                format_amount(s["board"]),
                format_amount(s["board_increase"]),
                format_amount(s["fee"]),
                format_amount(s["fee_uplift"]),
                format_amount(s["total"]),
            )
        )

    def _show_stale_rates(self, totals: QLabel, payments: Sequence[MonthPayment]) -> None:
        """One red line under the totals when an indexation is missing (SPEC 3.1); every
        missing one in its tooltip."""
        from rejnistvo.services.rates import rate_warnings

        warning = totals.parentWidget().findChild(QLabel, totals.objectName() + "Stale")
        if warning is None:
            warning = QLabel(totals.parentWidget())
            warning.setObjectName(totals.objectName() + "Stale")
            set_text_style(warning, ERROR)
            warning.setWordWrap(True)
            layout = totals.parentWidget().layout()
            layout.insertWidget(layout.indexOf(totals) + 1, warning)
        from rejnistvo.ui.widgets.money_text import on_screen

        found = rate_warnings(self.ctx.db, [p.month for p in payments]) if payments else []
        lines = [on_screen(line) for line in found]  # € as on the screens, EUR on paper
        warning.setText(lines[0] if lines else "")
        warning.setToolTip("\n".join(lines))
        warning.setVisible(bool(lines))

    # -- printing -------------------------------------------------------------------
    def sheet_header(self) -> dict:
        """The sheet's heading: the people, the contract and the periods used."""
        placement = self._load_placement() or {}
        header: dict[str, Any] = {"date": self.ctx.clock.today()}
        if placement:
            inputs = self._stored_inputs(placement)
            header.update(
                carer=placement.get("carer_name")
                or record_name(self.ctx.db, "carers", placement.get("carer_id")),
                child=placement.get("child_name")
                or record_name(self.ctx.db, "children", placement.get("child_id")),
                contract_no=placement.get("contract_no"),
                placement=inputs["placement"],
                board_increases=inputs["board_increases"],
                fee_uplifts=inputs["fee_uplifts"],
                centre=record_name(self.ctx.db, "centres", placement.get("carer_centre_id")),
            )
            part_time = inputs.get("part_time")
            if part_time is not None:  # the sheet says the share, so the fee can be checked
                header["fee_share"] = part_time.fee_share
        return header

    def print_document(self) -> None:
        """Ctrl+P: the payment sheet of the tab in front (stored placement or what-if)."""
        whatif = self.tabs.currentIndex() == 1

        def make() -> bytes:
            if whatif:
                ok, header, payments = self._whatif_document()
                reason = self.whatif_error.text() or self.tr(
                    "Popravite vnos, ki je označen z rdečo."
                )
            else:
                ok = self.compute_sheet()
                header, payments = (self.sheet_header(), self.sheet_payments) if ok else ({}, [])
                reason = (
                    self.sheet_error.text()
                    or self.sheet_range.error_text()
                    or self.tr("Izberite namestitev in mesece.")
                )
            if not ok:
                raise RuleError("", reason)
            from rejnistvo.forms.payment_sheet import render_payment_sheet_bytes
            from rejnistvo.services.rates import rate_warnings

            warnings = rate_warnings(self.ctx.db, [p.month for p in payments])
            return render_payment_sheet_bytes({**header, "warnings": warnings}, payments)

        preview_document(
            self,
            make,
            self.tr("Plačilni list"),
            self._document_name(whatif),
            self.tr("Plačilnega lista ni mogoče natisniti"),
            "payment_sheet",
        )

    def _document_name(self, whatif: bool) -> str:
        """ "plačilni list 1220-14-2026 Čuk 2026-01 do 2026-03.pdf": what it is, whose."""
        from rejnistvo.services.list_exports import file_name

        if whatif:
            return file_name(
                self.tr("informativni izračun"), f"{self.ctx.clock.today():%Y-%m-%d}", ext="pdf"
            )
        placement = self._placement_row(self.placement_combo.currentData()) or {}
        surname = (placement.get("carer_name") or "").split()[-1:]
        try:
            period = self.sheet_range.value()
        except InputError:
            period = None
        months = f"{period.start:%Y-%m} do {period.end:%Y-%m}" if period and period.end else ""
        return file_name(
            self.tr("plačilni list"), placement.get("contract_no"), *surname, months, ext="pdf"
        )


VIEW_CLASS = CalcView
