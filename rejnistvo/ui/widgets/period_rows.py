"""Rows of periods typed in by hand (the what-if calculator's placement periods, board
increases and fee uplifts): each row a period, with a percent where it is an increase.

A removed row comes back with Ctrl+Z (or *Razveljavi*), so a slip loses nothing."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
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
from rejnistvo.ui.widgets.keyboard import guard_wheel


class RowError(InputError):
    """A row's own wrong date: the row already shows it beside its fields, so whoever
    catches it must not show it a second time under the list."""


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
            self.percent.setAccessibleName(self.tr("Odstotek"))  # a screen reader: only »25 %«
            guard_wheel(self.percent)  # a row made after the screen was guarded
            layout.addWidget(self.percent, 0, Qt.AlignmentFlag.AlignTop)
        self.period = PeriodEdit(field, self)
        self.period.edited.connect(self.edited)
        # Recompute when a date is finished too, not only on each keystroke.
        self.period.start_edit.edit.editingFinished.connect(self.edited)
        self.period.end_edit.edit.editingFinished.connect(self.edited)
        layout.addWidget(self.period, 1)
        self.remove_button = QToolButton(self)
        self.remove_button.setText("✕")
        # what the cross does, for the mouse (tooltip) and a screen reader (a Tab stop)
        self.remove_button.setToolTip(self.tr("Odstrani to obdobje"))
        self.remove_button.setAccessibleName(self.tr("Odstrani to obdobje"))
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
        self.add_button.clicked.connect(self._add_clicked)
        self.undo_button = QPushButton(self)
        self.undo_button.setEnabled(False)
        self.undo_button.clicked.connect(self.undo_remove)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.undo_button)
        buttons.addStretch(1)
        outer.addLayout(buttons)
        self._removed: list[tuple[int, Period | None, int | None]] = []
        self.undo_shortcut = QShortcut(QKeySequence.StandardKey.Undo, self)
        self.undo_shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.undo_shortcut.activated.connect(self.undo_remove)
        self.retranslate()

    def retranslate(self) -> None:
        self.add_button.setText(self.tr("Dodaj obdobje"))
        self.undo_button.setText(self.tr("Razveljavi odstranitev (Ctrl+Z)"))

    def add_row(
        self, period: Period | None = None, percent: int | None = None, at: int | None = None
    ) -> PeriodRow:
        row = PeriodRow(f"{self.field}[{len(self.rows)}]", self.with_percent, self)
        row.set_value(period, percent)
        row.removed.connect(self._remove)
        row.edited.connect(self.changed)
        index = len(self.rows) if at is None else min(at, len(self.rows))
        self.rows.insert(index, row)
        self.rows_layout.insertWidget(index, row)
        self.changed.emit()
        return row

    def _add_clicked(self) -> None:
        """*Dodaj obdobje*: the keyboard goes into the new row (left on the button, the
        spaces of a date typed next pressed it again and again)."""
        row = self.add_row()
        (row.percent or row.period).setFocus()

    def _remove(self, row: PeriodRow) -> None:
        index = self.rows.index(row)
        try:
            period = row.period.value()
        except InputError:
            period = None  # half-typed: comes back empty
        percent = row.percent.currentData() if row.percent is not None else None
        self._removed.append((index, period, percent))
        self.undo_button.setEnabled(True)
        self.rows.remove(row)
        row.setParent(None)
        row.deleteLater()
        # The keyboard goes to a neighbour, never stays nowhere.
        if self.rows:
            self.rows[min(index, len(self.rows) - 1)].period.setFocus()
        else:
            self.add_button.setFocus()
        self.changed.emit()

    def undo_remove(self) -> bool:
        """Ctrl+Z: the last removed period comes back where it was."""
        if not self._removed:
            return False
        index, period, percent = self._removed.pop()
        row = self.add_row(period, percent, at=index)
        self.undo_button.setEnabled(bool(self._removed))
        row.period.setFocus()
        return True

    def values(self) -> list[tuple[int | None, Period]]:
        """The non-empty rows; RowError (already shown beside the row) for a wrong one."""
        out = []
        for row in self.rows:
            ok, period = row.period.check()
            if not ok:
                raise RowError(row.period.field, row.period.error_text() or "napačno obdobje")
            if period is None:
                continue
            out.append((row.percent.currentData() if row.percent is not None else None, period))
        return out
