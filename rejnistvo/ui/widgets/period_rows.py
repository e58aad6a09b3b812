"""Rows of periods typed in by hand (the what-if calculator's placement periods, board
increases and fee uplifts): each row a period, with a percent where it is an increase."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from rejnistvo.rules.errors import InputError
from rejnistvo.rules.periods import Period
from rejnistvo.ui.widgets.fields import FieldError, PeriodEdit


class PeriodRow(QWidget):
    """One period (with a percent for increases and uplifts) and a remove button."""

    removed = Signal(object)
    edited = Signal()

    def __init__(self, field: str, with_percent: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.percent = None
        if with_percent:
            self.percent = QComboBox(self)
            self.percent.addItem("25 %", 25)
            self.percent.addItem("50 %", 50)
            self.percent.currentIndexChanged.connect(self.edited)
            layout.addWidget(self.percent, 0, Qt.AlignmentFlag.AlignTop)
        self.period = PeriodEdit(field, self)
        self.period.edited.connect(self.edited)
        # Recompute when a date is finished too, not only on each keystroke.
        self.period.start_edit.edit.editingFinished.connect(self.edited)
        self.period.end_edit.edit.editingFinished.connect(self.edited)
        layout.addWidget(self.period, 1)
        self.remove_button = QToolButton(self)
        self.remove_button.setText("✕")
        self.remove_button.clicked.connect(lambda: self.removed.emit(self))
        layout.addWidget(self.remove_button, 0, Qt.AlignmentFlag.AlignTop)

    def set_value(self, period: Period | None, percent: int | None = None) -> None:
        self.period.set_value(period)
        if self.percent is not None and percent is not None:
            self.percent.setCurrentIndex(self.percent.findData(percent))


class PeriodRowsEditor(QGroupBox):
    """A list of periods (placement) or of adjustments (percent + period)."""

    changed = Signal()

    def __init__(self, field: str, with_percent: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.field = field
        self.with_percent = with_percent
        self.rows: list[PeriodRow] = []
        outer = QVBoxLayout(self)
        self.rows_layout = QVBoxLayout()
        outer.addLayout(self.rows_layout)
        self.error = FieldError(self)
        outer.addWidget(self.error)
        self.add_button = QPushButton(self)
        self.add_button.clicked.connect(lambda: self.add_row())
        outer.addWidget(self.add_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.retranslate()

    def retranslate(self) -> None:
        self.add_button.setText(self.tr("Dodaj obdobje"))

    def add_row(self, period: Period | None = None, percent: int | None = None) -> PeriodRow:
        row = PeriodRow(f"{self.field}[{len(self.rows)}]", self.with_percent, self)
        row.set_value(period, percent)
        row.removed.connect(self._remove)
        row.edited.connect(self.changed)
        self.rows.append(row)
        self.rows_layout.addWidget(row)
        self.changed.emit()
        return row

    def _remove(self, row: PeriodRow) -> None:
        self.rows.remove(row)
        row.setParent(None)
        row.deleteLater()
        self.changed.emit()

    def values(self) -> list[tuple[int | None, Period]]:
        """The non-empty rows; InputError (shown beside the row) for a wrong one."""
        out = []
        for row in self.rows:
            ok, period = row.period.check()
            if not ok:
                raise InputError(row.period.field, row.period.error_text() or "napačno obdobje")
            if period is None:
                continue
            out.append((row.percent.currentData() if row.percent is not None else None, period))
        return out
