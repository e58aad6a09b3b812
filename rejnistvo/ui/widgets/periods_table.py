"""The periods of a placement: the contract's and each annex's, in a small editable table."""

from __future__ import annotations

from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import QComboBox, QHeaderView, QTableWidgetItem, QWidget

from rejnistvo.rules.errors import InputError
from rejnistvo.rules.periods import Period
from rejnistvo.ui.format import format_date
from rejnistvo.ui.widgets.edit_rows_table import EditRowsTable
from rejnistvo.ui.widgets.fields import FormValidator, parse_date_text
from rejnistvo.ui.widgets.keyboard import guard_wheel

KIND, DOCUMENT, FROM, TO = range(4)


class PeriodsTable(EditRowsTable):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(4, 110, 190, parent)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(DOCUMENT, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(KIND, QHeaderView.ResizeMode.ResizeToContents)
        for col in (FROM, TO):
            header.resizeSection(col, 92)
        self.table.setWordWrap(False)
        self.setFocusProxy(self.table)  # a refusal of the periods puts the keyboard there
        self.table.itemChanged.connect(self._date_typed)
        self.retranslate()

    def retranslate(self) -> None:
        self.table.setHorizontalHeaderLabels(
            [self.tr("Vrsta"), self.tr("Dokument"), self.tr("Od"), self.tr("Do")]
        )
        self.table.setToolTip(self.tr("Datumi kot 2. 3. 2026; prazen »Do« pomeni odprto obdobje."))
        self.add_button.setText(self.tr("Dodaj aneks"))
        self.remove_button.setText(self.tr("Odstrani vrstico"))
        self.retranslate_frame()
        for row in range(self.table.rowCount()):
            combo = self.table.cellWidget(row, KIND)
            if isinstance(combo, QComboBox):
                combo.setItemText(0, self.tr("pogodba"))
                combo.setItemText(1, self.tr("aneks"))

    @Slot(QTableWidgetItem)
    def _date_typed(self, item: QTableWidgetItem) -> None:
        """A date typed as »15.1.2026« is shown as the program writes dates
        (»15. 1. 2026«) once it is one; what is not a date stays as typed, for Shrani to
        name."""
        if item.column() not in (FROM, TO):
            return
        try:
            typed = parse_date_text(item.text())
        except InputError:
            return
        shown = format_date(typed)
        if typed is not None and item.text() != shown:
            self.table.blockSignals(True)  # the edit was already announced
            try:
                item.setText(shown)
            finally:
                self.table.blockSignals(False)

    def _kind_combo(self, kind: str) -> QComboBox:
        combo = QComboBox(self.table)
        combo.addItem(self.tr("pogodba"), "contract")
        combo.addItem(self.tr("aneks"), "annex")
        combo.setCurrentIndex(0 if kind == "contract" else 1)
        combo.currentIndexChanged.connect(lambda _i: self.edited.emit())
        guard_wheel(combo)  # a row made after the screen was guarded
        return combo

    def _append(self, kind: str, document: str, start: str, end: str) -> None:
        self.table.blockSignals(True)
        row = self.table.rowCount()
        self.table.insertRow(row)
        self.table.setCellWidget(row, KIND, self._kind_combo(kind))
        self.table.setItem(row, DOCUMENT, QTableWidgetItem(document))
        self.table.setItem(row, FROM, QTableWidgetItem(start))
        self.table.setItem(row, TO, QTableWidgetItem(end))
        self.table.blockSignals(False)
        self._order_kind_combos()

    def show_error(self, message: str) -> None:
        """A refusal of the periods as a whole (the service's), under the table (the
        label starts it with a capital)."""
        self.error_label.show_error(message)

    def clear_error(self) -> None:
        self.error_label.clear_error()

    def recheck(self) -> None:
        """The rows' dates, and then whether the periods share a day: the service refuses
        both at Shrani, and its reason stays until the periods no longer do."""
        from rejnistvo.rules.periods import check_no_overlap

        validator = FormValidator()
        rows = self.rows(validator)
        if not validator.ok:
            return
        try:
            check_no_overlap(self.as_periods(rows), "periods", "obdobja pogodbe in aneksov")
        except InputError as refused:
            self.show_error(refused.message)

    def _order_kind_combos(self) -> None:
        """The rows' kind lists stand just before the table in the Tab order. Made with
        a record's rows, long after the screen, they stood at the end of the window's
        Tab order: Tab from the editor's last button went into the first of them, the
        table took the keyboard through its cells and on to its buttons, round and round,
        so the search, the list and the placement's first fields were never reached.
        Before the table, Tab from the field above enters the first row's list and the
        table's own walk leaves after its last cell (EditTable) to the next field."""
        combos = [self.table.cellWidget(row, KIND) for row in range(self.table.rowCount())]
        combos = [c for c in combos if c is not None]
        previous = self.table.previousInFocusChain()
        # Qt's setTabOrder ignores a widget that takes no focus (this frame, a label).
        while previous is not None and (
            self.table.isAncestorOf(previous) or previous.focusPolicy() == Qt.FocusPolicy.NoFocus
        ):
            previous = previous.previousInFocusChain()
        if previous is None or previous is self.table:
            return
        for combo in combos:
            QWidget.setTabOrder(previous, combo)
            previous = combo

    def set_rows(self, periods: list[dict]) -> None:
        self.table.setRowCount(0)
        for p in periods:
            self._append(
                p.get("kind", "contract"),
                p.get("document_no") or "",
                format_date(p.get("from_date")),
                format_date(p.get("to_date")),
            )
        if not periods:
            self._append("contract", "", "", "")
        self.error_label.clear_error()
        self.forget_removed()

    def add_annex(self) -> None:
        """A new annex row; the keyboard goes to its first cell to type in (the document
        number), never stays on a button a typed space would press."""
        self._append("annex", "", "", "")
        row = self.table.rowCount() - 1
        self.focus_cell(row, DOCUMENT)
        self.table.editItem(self.table.item(row, DOCUMENT))
        self._cell_into_sight(row, DOCUMENT)
        self.edited.emit()

    def _cell_into_sight(self, row: int, col: int) -> None:
        """Scroll the editor so the cell is seen: at 1024 × 700 the button sits below
        the table, and the row it added stayed above the editor's visible part (QA14)."""
        from PySide6.QtWidgets import QScrollArea

        self.table.scrollToItem(self.table.item(row, col))
        rect = self.table.visualRect(self.table.model().index(row, col))
        viewport = self.table.viewport()
        ancestor = self.parentWidget()
        while ancestor is not None:
            inner = ancestor.widget() if isinstance(ancestor, QScrollArea) else None
            if inner is not None and inner.isAncestorOf(viewport):
                centre = viewport.mapTo(inner, rect.center())
                ancestor.ensureVisible(centre.x(), centre.y(), 50, rect.height())
            ancestor = ancestor.parentWidget()

    def _row_values(self, row: int) -> list[str]:
        combo = self.table.cellWidget(row, KIND)
        kind = combo.currentData() if isinstance(combo, QComboBox) else "annex"
        return [kind, self._text(row, DOCUMENT), self._text(row, FROM), self._text(row, TO)]

    def _insert_values(self, row: int, values: list[str]) -> None:
        self._append(*values)
        last = self.table.rowCount() - 1
        if row != last:  # move the appended row back to where it was
            self.table.blockSignals(True)
            kind, document, start, end = values
            self.table.removeRow(last)
            self.table.insertRow(row)
            self.table.setCellWidget(row, KIND, self._kind_combo(kind))
            for col, text in ((DOCUMENT, document), (FROM, start), (TO, end)):
                self.table.setItem(row, col, QTableWidgetItem(text))
            self.table.blockSignals(False)
            self._order_kind_combos()

    @Slot()
    def _add(self) -> None:
        self.add_annex()

    def rows(self, validator: FormValidator) -> list[dict]:
        """The periods as the store takes them; problems shown under the table."""
        out, problems = [], []
        for row in range(self.table.rowCount()):
            combo = self.table.cellWidget(row, KIND)
            kind = combo.currentData() if isinstance(combo, QComboBox) else "annex"
            document = self._text(row, DOCUMENT).strip()
            start_text, end_text = self._text(row, FROM), self._text(row, TO)
            if not (document or start_text.strip() or end_text.strip()):
                continue
            try:
                start = parse_date_text(start_text, "from_date")
                end = parse_date_text(end_text, "to_date")
                if start is None:
                    raise InputError("from_date", self.tr("manjka začetek (od)."))
                if end is not None and end < start:
                    raise InputError(
                        "to_date",
                        self.tr(
                            "konec ({0}) je pred začetkom ({1}); konec mora biti na dan začetka ali pozneje."
                        ).format(format_date(end), format_date(start)),
                    )
            except InputError as exc:
                problems.append(
                    self.tr("Vrstica {0}, {1}: {2}").format(
                        row + 1, self._column_name(exc.field), exc.message
                    )
                )
                continue
            out.append(
                {"kind": kind, "document_no": document or None, "from_date": start, "to_date": end}
            )
        if not out and not problems:
            problems.append(self.tr("Namestitev potrebuje vsaj obdobje iz pogodbe (od … do)."))
        self._show_problems(problems, validator)
        return out

    def _column_name(self, field: str) -> str:
        """The header of the column a refusal is about (»Od«, »Do«), as the table shows it."""
        column = TO if field == "to_date" else FROM
        header = self.table.horizontalHeaderItem(column)
        return header.text() if header is not None else ""

    @staticmethod
    def as_periods(rows: list[dict]) -> list[Period]:
        return [Period(r["from_date"], r["to_date"]) for r in rows]
