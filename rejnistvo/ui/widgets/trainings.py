"""The carer's trainings (date, description): a small editable table."""

from __future__ import annotations

from PySide6.QtCore import Slot
from PySide6.QtWidgets import QTableWidgetItem, QWidget

from rejnistvo.rules.errors import InputError
from rejnistvo.ui.format import format_date
from rejnistvo.ui.widgets.edit_rows_table import EditRowsTable
from rejnistvo.ui.widgets.fields import FormValidator, parse_date_text


class TrainingsEdit(EditRowsTable):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(2, 90, 150, parent)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.retranslate()

    def retranslate(self) -> None:
        self.table.setHorizontalHeaderLabels([self.tr("Datum"), self.tr("Usposabljanje")])
        self.add_button.setText(self.tr("Dodaj"))
        self.remove_button.setText(self.tr("Odstrani"))
        self.retranslate_frame()

    def set_rows(self, rows: list[dict]) -> None:
        self.table.blockSignals(True)
        self.table.setRowCount(0)
        for r in rows:
            self._append(format_date(r.get("date")), r.get("description") or "")
        self.table.blockSignals(False)
        self.error_label.clear_error()
        self.forget_removed()

    def _append(self, day: str, text: str) -> None:
        row = self.table.rowCount()
        self.table.insertRow(row)
        self.table.setItem(row, 0, QTableWidgetItem(day))
        self.table.setItem(row, 1, QTableWidgetItem(text))

    @Slot()
    def _add(self) -> None:
        self._append("", "")
        row = self.table.rowCount() - 1
        self.focus_cell(row, 0)
        self.table.editItem(self.table.item(row, 0))
        self.edited.emit()

    def rows(self, validator: FormValidator) -> list[dict]:
        out, problems = [], []
        for row in range(self.table.rowCount()):
            day_text = self._text(row, 0)
            text = self._text(row, 1).strip()
            if not day_text.strip() and not text:
                continue
            try:
                day = parse_date_text(day_text, "date")
                if day is None:
                    raise InputError("date", self.tr("manjka datum usposabljanja."))
            except InputError as exc:
                header = self.table.horizontalHeaderItem(0)  # the only column refused
                problems.append(
                    self.tr("Vrstica {0}, {1}: {2}").format(
                        row + 1, header.text() if header is not None else "", exc.message
                    )
                )
                continue
            out.append({"date": day, "description": text or None})
        self._show_problems(problems, validator)
        return out
