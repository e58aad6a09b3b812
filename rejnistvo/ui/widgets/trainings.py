"""The carer's trainings (date, description): a small editable table."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from rejnistvo.rules.errors import InputError
from rejnistvo.ui.format import format_date
from rejnistvo.ui.widgets.fields import FieldError, FormValidator, parse_date_text


class TrainingsEdit(QWidget):
    edited = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.table = QTableWidget(0, 2, self)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setMinimumHeight(90)
        self.table.setMaximumHeight(150)
        self.table.itemChanged.connect(lambda _i: self.edited.emit())
        self.add_button = QPushButton(self)
        self.remove_button = QPushButton(self)
        self.add_button.clicked.connect(self._add)
        self.remove_button.clicked.connect(self._remove)
        self.error_label = FieldError(self)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table)
        layout.addLayout(buttons)
        layout.addWidget(self.error_label)
        self.retranslate()

    def retranslate(self) -> None:
        self.table.setHorizontalHeaderLabels([self.tr("Datum"), self.tr("Usposabljanje")])
        self.add_button.setText(self.tr("Dodaj"))
        self.remove_button.setText(self.tr("Odstrani"))

    def set_rows(self, rows: list[dict]) -> None:
        self.table.blockSignals(True)
        self.table.setRowCount(0)
        for r in rows:
            self._append(format_date(r.get("date")), r.get("description") or "")
        self.table.blockSignals(False)
        self.error_label.clear_error()

    def _append(self, day: str, text: str) -> None:
        row = self.table.rowCount()
        self.table.insertRow(row)
        self.table.setItem(row, 0, QTableWidgetItem(day))
        self.table.setItem(row, 1, QTableWidgetItem(text))

    def _add(self) -> None:
        self._append("", "")
        self.table.editItem(self.table.item(self.table.rowCount() - 1, 0))
        self.edited.emit()

    def _remove(self) -> None:
        row = self.table.currentRow()
        if row >= 0:
            self.table.removeRow(row)
            self.edited.emit()

    def rows(self, validator: FormValidator) -> list[dict]:
        out, problems = [], []
        for row in range(self.table.rowCount()):
            day_text = (self.table.item(row, 0) or QTableWidgetItem()).text()
            text = (self.table.item(row, 1) or QTableWidgetItem()).text().strip()
            if not day_text.strip() and not text:
                continue
            try:
                day = parse_date_text(day_text, "date")
                if day is None:
                    raise InputError("date", self.tr("manjka datum usposabljanja."))
            except InputError as exc:
                problems.append(self.tr("Vrstica {0}: {1}").format(row + 1, exc.message))
                continue
            out.append({"date": day, "description": text or None})
        if problems:
            self.error_label.show_error("\n".join(problems))
            validator.errors.append((self.table, problems[0]))
        else:
            self.error_label.clear_error()
        return out
