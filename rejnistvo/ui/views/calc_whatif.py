"""Izračun → Kaj če: a what-if payment sheet from typed-in periods, board increases and
fee uplifts, recomputed as the user types; it never writes anything. Mixed into
``CalcView`` (calc_view.py), whose helpers (_show_totals, _explain_label) it uses."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QScrollArea,
    QSplitter,
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
from rejnistvo.ui.views.placement_data import rate_table
from rejnistvo.ui.widgets import FieldError, PeriodEdit
from rejnistvo.ui.widgets.payment_table import (
    fit_columns,
    make_payment_model,
    make_table,
    payment_headers,
    payment_rows,
)
from rejnistvo.ui.widgets.period_rows import PeriodRowsEditor, RowError
from rejnistvo.ui.widgets.pickers import parse_share

# Longest range one sheet shows: 10 years is far beyond any real question and keeps the
# table quick while typing.
MAX_MONTHS = 120


#: the widgets of the Kaj če tab: asking for one builds the tab (``CalcView.__getattr__``)
WHATIF_PARTS = frozenset(
    {
        "whatif_splitter",
        "whatif_intro",
        "whatif_placement",
        "whatif_increases",
        "whatif_uplifts",
        "part_time_box",
        "fee_share_edit",
        "fee_share_label",
        "fee_share_error",
        "whatif_range_label",
        "whatif_range",
        "whatif_error",
        "whatif_model",
        "whatif_table",
        "whatif_totals",
        "whatif_explain",
    }
)


def sheet_headers(tr: Callable[[str], str]) -> list[str]:
    """The sheet's column headers, the long ones on two lines: on one line they made the
    sheet ~200 px wider than a 1024 px laptop gives it, and Skupaj was scrolled out of
    sight."""
    return [
        text.replace(" (", "\n(").replace("od tega ", "od tega\n") for text in payment_headers(tr)
    ]


class WhatIfMixin:
    """The Kaj če tab of CalcView, built when it is first shown or used: the screen's
    first opening pays for the payment sheet only (issue 13)."""

    _whatif_built = False

    def __getattr__(self, name: str):
        # Only reached for a name not set yet: a Kaj če widget before the tab is built.
        if name in WHATIF_PARTS and not self.__dict__.get("_whatif_built", True):
            self._build_whatif_tab()
            return getattr(self, name)
        raise AttributeError(name)

    def _whatif_tab_shown(self, index: int) -> None:
        if index == 1 and not self._whatif_built:
            self._build_whatif_tab()

    def _build_whatif_tab(self) -> None:
        if self._whatif_built:
            return
        self._whatif_built = True
        tab = QWidget(self)
        layout = QVBoxLayout(tab)
        splitter = QSplitter(Qt.Orientation.Horizontal, tab)
        splitter.setChildrenCollapsible(False)
        self.whatif_splitter = splitter
        layout.addWidget(splitter)

        inputs = QWidget()
        inputs_layout = QVBoxLayout(inputs)
        self.whatif_intro = QLabel(inputs)
        self.whatif_intro.setWordWrap(True)
        inputs_layout.addWidget(self.whatif_intro)
        self.whatif_placement = PeriodRowsEditor("placement", False, inputs)
        self.whatif_increases = PeriodRowsEditor("board_increases", True, inputs)
        self.whatif_uplifts = PeriodRowsEditor("fee_uplifts", True, inputs)
        for editor in (self.whatif_placement, self.whatif_increases, self.whatif_uplifts):
            inputs_layout.addWidget(editor)
            editor.changed.connect(self.compute_whatif)
        part = QHBoxLayout()
        self.part_time_box = QCheckBox(inputs)
        self.fee_share_edit = QLineEdit(inputs)
        self.fee_share_edit.setObjectName("feeShareEdit")
        self.fee_share_edit.setMaximumWidth(80)
        self.fee_share_edit.setEnabled(False)
        self.fee_share_label = QLabel(inputs)
        inputs_layout.addWidget(self.part_time_box)
        part.addSpacing(20)
        part.addWidget(self.fee_share_label)
        part.addWidget(self.fee_share_edit)
        part.addStretch(1)
        inputs_layout.addLayout(part)
        self.fee_share_error = FieldError(inputs)
        inputs_layout.addWidget(self.fee_share_error)
        range_row = QHBoxLayout()
        self.whatif_range_label = QLabel(inputs)
        self.whatif_range = PeriodEdit("obdobje", inputs, required=True, open_allowed=False)
        range_row.addWidget(self.whatif_range_label, 0, Qt.AlignmentFlag.AlignTop)
        range_row.addWidget(self.whatif_range, 1)
        inputs_layout.addLayout(range_row)
        inputs_layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(inputs)
        scroll.setMinimumWidth(340)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        splitter.addWidget(scroll)

        results = QWidget()
        results_layout = QVBoxLayout(results)
        self.whatif_error = FieldError(results)
        self.whatif_error.setObjectName("whatifError")
        results_layout.addWidget(self.whatif_error)
        self.whatif_model = make_payment_model(self)
        self.whatif_table = make_table(self.whatif_model, results)
        results_layout.addWidget(self.whatif_table, 1)
        self.whatif_totals = QLabel(results)
        self.whatif_totals.setObjectName("whatifTotals")
        results_layout.addWidget(self.whatif_totals)
        self.whatif_explain = self._explain_label(results, "whatifExplain")
        results_layout.addWidget(self.whatif_explain)
        self.whatif_table.selectionModel().currentRowChanged.connect(
            lambda current, _prev: self._explain(
                self.whatif_explain, self.whatif_payments, current.row()
            )
        )
        splitter.addWidget(results)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([500, 880])
        # In place of the empty page the tab bar held until now.
        current = self.tabs.currentIndex()
        placeholder = self.tabs.widget(1)
        blocked = self.tabs.blockSignals(True)
        try:
            self.tabs.removeTab(1)
            self.tabs.insertTab(1, tab, "")
            self.tabs.setCurrentIndex(current)
        finally:
            self.tabs.blockSignals(blocked)
        if placeholder is not None:
            placeholder.deleteLater()
        self._retranslate_whatif()
        self._fit_whatif(self.width())
        if self.isVisible():
            from rejnistvo.ui.widgets.keyboard import guard_wheel

            guard_wheel(tab)  # as the window does for the screen's other combos

        self.part_time_box.toggled.connect(self.fee_share_edit.setEnabled)
        self.part_time_box.toggled.connect(self.compute_whatif)
        self.fee_share_edit.textEdited.connect(self.compute_whatif)
        self.whatif_range.edited.connect(self.compute_whatif)
        self.whatif_range.start_edit.edit.editingFinished.connect(self.compute_whatif)
        self.whatif_range.end_edit.edit.editingFinished.connect(self.compute_whatif)

        # A sensible start: a whole year of a placement running since January.
        today = self.ctx.clock.today()
        self.whatif_placement.add_row(Period(date(today.year, 1, 1), None))
        self.whatif_range.set_value(Period(date(today.year, 1, 1), date(today.year, 12, 31)))
        # … and its sheet at once: the table stood empty under the filled-in start until
        # something was typed
        self.compute_whatif()

    def _retranslate_whatif(self) -> None:
        self.tabs.setTabText(1, self.tr("Kaj če – izračun brez shranjevanja"))
        if not self._whatif_built:
            return
        self.whatif_intro.setText(
            self.tr(
                "Vpišite obdobja namestitve (pogodba in aneksi), zvišanja oskrbnine in "
                "zvišanja plačila dela. Izračun sledi vnosu po istih pravilih kot plačilni "
                "list; nič se ne shrani."
            )
        )
        self.whatif_placement.setTitle(self.tr("Obdobja namestitve"))
        self.whatif_increases.setTitle(self.tr("Zvišanja oskrbnine"))
        self.whatif_uplifts.setTitle(self.tr("Zvišanja plačila dela"))
        for editor in (self.whatif_placement, self.whatif_increases, self.whatif_uplifts):
            editor.retranslate()
        self.part_time_box.setText(self.tr("Samo ob vikendih, praznikih in počitnicah"))
        self.fee_share_label.setText(self.tr("delež plačila dela iz pogodbe:"))
        self.fee_share_edit.setPlaceholderText("0,40")
        self.whatif_range_label.setText(self.tr("Meseci:"))
        self.whatif_model.set_columns_headers(sheet_headers(self.tr))

    def _fit_whatif(self, width: int) -> None:
        """On a laptop the what-if inputs stand above the table instead of beside it."""
        if not self._whatif_built:
            return
        narrow = width < 900
        wanted = Qt.Orientation.Vertical if narrow else Qt.Orientation.Horizontal
        splitter = self.whatif_splitter
        if splitter.orientation() != wanted:
            splitter.setOrientation(wanted)
            if narrow:
                # The inputs get the height they need, the table the rest: the sizes
                # meant as widths left the table one row high under a half-empty form.
                total = max(sum(splitter.sizes()), self.height(), 2)
                first = splitter.widget(0)
                need = first.sizeHint().height() if first is not None else total // 2
                splitter.setSizes(
                    [min(need, total * 55 // 100), total - min(need, total * 55 // 100)]
                )

    def compute_whatif(self) -> bool:
        """Recompute the what-if table from what is typed; nothing is stored."""
        self.whatif_error.clear_error()
        for editor in (self.whatif_placement, self.whatif_increases, self.whatif_uplifts):
            editor.error.clear_error()
        self.fee_share_error.clear_error()
        try:
            placement = [p for _, p in self.whatif_placement.values()]
            increases = [Adjustment(pc, p) for pc, p in self.whatif_increases.values()]
            uplifts = [Adjustment(pc, p) for pc, p in self.whatif_uplifts.values()]
            part_time = None
            if self.part_time_box.isChecked():
                # typed as on Namestitve ("40 %" or "0,40"), never read as an amount
                share = parse_share(self.fee_share_edit.text(), "fee_share")
                if share is None:
                    raise InputError(
                        "fee_share", self.tr("vpišite delež plačila dela iz pogodbe, npr. 0,40.")
                    )
                part_time = PartTimePlacement(share)
            ok, period = self.whatif_range.check()
            if not ok:
                return self._whatif_failed(None)
            months = month_range(period.start, period.end)
            if len(months) > MAX_MONTHS:
                raise InputError(
                    "months", self.tr("izberite največ {0} mesecev.").format(MAX_MONTHS)
                )
            payments = month_payments(
                months, placement, rate_table(self.ctx.db), increases, uplifts, part_time
            )
        except RuleError as error:
            return self._whatif_failed(error)
        self.whatif_payments = payments
        self.whatif_model.set_rows(payment_rows(payments))
        fit_columns(self.whatif_table)
        self._show_totals(self.whatif_totals, payments)
        return True

    def _whatif_failed(self, error: RuleError | None) -> bool:
        if error is not None:
            target = {
                "placement": self.whatif_placement.error,
                "board_increases": self.whatif_increases.error,
                "fee_uplifts": self.whatif_uplifts.error,
                "fee_share": self.fee_share_error,
            }.get(error.field.split("[")[0].split(".")[0], self.whatif_error)
            # A row's own date error is already shown under the row itself.
            shown_by_row = isinstance(error, RowError) or (
                "[" in error.field and target is not self.whatif_error and "." in error.field
            )
            if not shown_by_row:
                target.show_error(error.message)
        self.whatif_payments = []
        self.whatif_model.set_rows([])
        self._show_totals(self.whatif_totals, [])
        return False

    def _whatif_document(self) -> tuple[bool, dict, list[MonthPayment]]:
        if not self.compute_whatif():
            return False, {}, []
        header = {
            "title": self.tr("Informativni izračun (ni shranjen)"),
            "placement": [p for _, p in self.whatif_placement.values()],
            "board_increases": [Adjustment(pc, p) for pc, p in self.whatif_increases.values()],
            "fee_uplifts": [Adjustment(pc, p) for pc, p in self.whatif_uplifts.values()],
            "date": self.ctx.clock.today(),
        }
        if self.part_time_box.isChecked():  # read by compute_whatif above, so valid
            header["fee_share"] = parse_share(self.fee_share_edit.text(), "fee_share")
        return True, header, list(self.whatif_payments)
