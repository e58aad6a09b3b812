"""The reports of a board increase received before the centre asked for a new one
(čl. 28/3), each with the finding as it stood then, and the button that prints the chosen
one on R-5 again. Hidden while there are none. Widgets only."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from rejnistvo.services.r5_requests import EarlierReport
from rejnistvo.ui.format import format_amount, format_date


class EarlierReportsPanel(QGroupBox):
    """``print_requested(earlier report id)`` when the user prints the chosen report."""

    print_requested = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ids: list[int] = []
        self.earlier_table = QTableWidget(0, 6, self)
        self.earlier_table.setObjectName("earlierReportsTable")
        table = self.earlier_table
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setTabKeyNavigation(False)  # one stop for Tab; the arrows choose the row
        table.verticalHeader().hide()
        table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        table.horizontalHeader().setStretchLastSection(True)
        self.print_earlier_button = QPushButton(self)
        self.print_earlier_button.setObjectName("printEarlierButton")
        row = QHBoxLayout()
        row.addWidget(self.print_earlier_button)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(table)
        layout.addLayout(row)
        self.print_earlier_button.clicked.connect(self._print_chosen)
        table.itemSelectionChanged.connect(self._chosen_changed)
        self.retranslate()
        self.hide()

    def retranslate(self) -> None:
        self.setTitle(self.tr("Prejšnja poročila (center je zahteval novo poročilo)"))
        self.earlier_table.setHorizontalHeaderLabels(
            [
                self.tr("Prejeto"),
                self.tr("SKUPAJ (EUR)"),
                self.tr("Ugotovitev"),
                self.tr("Namensko (EUR)"),
                self.tr("Nenamensko (EUR)"),
                self.tr("Novo zahtevano"),
            ]
        )
        self.print_earlier_button.setText(self.tr("Natisni izbrano poročilo R-5…"))

    def set_reports(self, reports: Sequence[EarlierReport]) -> None:
        """The case's earlier reports, oldest first; the latest chosen."""
        self._ids = [r.id for r in reports]
        table = self.earlier_table
        table.setRowCount(len(reports))
        for row, earlier in enumerate(reports):
            report = earlier.report
            cells = (
                format_date(report.report_date),
                format_amount(report.total),
                format_date(report.finding_date) if report.finding_date else "—",
                format_amount(report.justified) if report.justified is not None else "—",
                format_amount(report.unjustified) if report.unjustified is not None else "—",
                format_date(earlier.asked_again_on),
            )
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if column in (1, 3, 4):
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                table.setItem(row, column, item)
        table.setFixedHeight(
            table.horizontalHeader().height()
            + 6
            + sum(table.rowHeight(r) for r in range(len(reports)))
        )
        if reports:
            table.selectRow(len(reports) - 1)
        self.setVisible(bool(reports))
        self._chosen_changed()

    def chosen_id(self) -> int | None:
        rows = self.earlier_table.selectionModel().selectedRows()
        return self._ids[rows[0].row()] if rows else None

    @Slot()
    def _chosen_changed(self) -> None:
        self.print_earlier_button.setEnabled(self.chosen_id() is not None)

    @Slot()
    def _print_chosen(self) -> None:
        chosen = self.chosen_id()
        if chosen is not None:
            self.print_requested.emit(chosen)
