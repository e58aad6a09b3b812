"""Nastavitve → Zneski rejnine → Pomoč ob rojstvu otroka: the birth-grant rows of this
database (the one-off payment at a carer's first placement). A row picked in the table
can be corrected or removed — audited, refused when someone changed it meanwhile — via
`rejnistvo.services.rates`; new rows come with the indexation or are typed here."""

from __future__ import annotations

from PySide6.QtCore import QSize, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QBoxLayout,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLayout,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from rejnistvo.rules.errors import RuleError
from rejnistvo.ui.format import format_amount, format_date
from rejnistvo.ui.models import Column, RecordTableModel
from rejnistvo.ui.views.settings_common import record_table, show_refusal
from rejnistvo.ui.widgets import AmountEdit, DateEdit, FormValidator, TextEdit


class GrantsBox(QWidget):
    changed = Signal()  # a row was added, corrected or removed

    def __init__(self, ctx, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.selected = None  # services.rates.BirthGrantRow loaded into the editor
        self._rows: dict = {}
        self.title = QLabel(self)
        self.model = RecordTableModel(self._columns(), self)
        self.table, self.proxy = record_table(self, self.model, stretch="source")
        self.table.setMaximumHeight(110)
        self.table.selectionModel().currentRowChanged.connect(self._selected)
        self.grant_from = DateEdit("valid_from", self, required=True)
        self.grant_amount = AmountEdit("amount", self, required=True)
        self.grant_source = TextEdit("source", self, required=True)
        self.labels = [QLabel(self) for _ in range(3)]
        form = QFormLayout()
        for label, w in zip(
            self.labels, (self.grant_from, self.grant_amount, self.grant_source), strict=True
        ):
            form.addRow(label, w)
        self.add_button = QPushButton(self)
        self.add_button.clicked.connect(self.add_grant)
        self.correct_button = QPushButton(self)
        self.correct_button.clicked.connect(self.correct_grant)
        self.remove_button = QPushButton(self)
        self.remove_button.clicked.connect(self.remove_grant)
        buttons = QHBoxLayout()
        for button in (self.add_button, self.correct_button, self.remove_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        form.addRow("", buttons)
        # The table beside the form while both fit, else above it: at a larger font (12
        # pt) the two side by side were wider than the page at 1024 × 700 (QA63)
        self.row = row = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        self._form = form
        row.addWidget(self.table, 1)
        row.addLayout(form, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        # the box's narrowest is the stacked one (minimumSizeHint), not the side by side
        layout.setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)
        layout.addWidget(self.title)
        layout.addLayout(row)
        self._update_buttons()

    def _columns(self) -> list[Column]:
        return [
            Column("valid_from", self.tr("Velja od"), format_date),
            Column("amount", self.tr("Znesek"), format_amount, True),
            Column("source", self.tr("Vir")),
        ]

    def _selected(self, current, _previous) -> None:
        record = self.proxy.row_record(current.row()) if current.isValid() else None
        self.selected = self._rows.get(record["id"]) if record else None
        if self.selected is not None:
            self.grant_from.set_value(self.selected.valid_from)
            self.grant_amount.set_value(self.selected.amount)
            self.grant_source.set_value(self.selected.source)
        self._update_buttons()

    def _update_buttons(self) -> None:
        self.correct_button.setEnabled(self.selected is not None)
        self.remove_button.setEnabled(self.selected is not None)

    def _fields(self) -> tuple | None:
        v = FormValidator()
        values = tuple(v.check(w) for w in (self.grant_from, self.grant_amount, self.grant_source))
        if not v.ok:
            v.focus_first()
            return None
        return values

    def _refused(self, error: RuleError, title: str) -> bool:
        fields = {
            "valid_from": self.grant_from,
            "amount": self.grant_amount,
            "source": self.grant_source,
        }
        return show_refusal(self, error, title, fields)

    def _done(self, message: str, day=None) -> bool:
        for w in (self.grant_from, self.grant_amount, self.grant_source):
            w.set_value(None)
        self.refresh()
        self.changed.emit()
        self.ctx.bus.records_changed.emit("rate")
        self.ctx.bus.status_message.emit(message)
        # The keyboard on the row saved (the pressed button was disabled by the save).
        row = self.model.find_row("valid_from", day) if day else -1
        if row >= 0:
            self.table.selectRow(self.proxy.mapFromSource(self.model.index(row, 0)).row())
        self.table.setFocus()
        return True

    def add_grant(self) -> bool:
        from rejnistvo.services.rates import add_birth_grant

        values = self._fields()
        if values is None:
            return False
        day, amount, source = values
        if not self.ctx.interaction.confirm(
            self.tr("Nov znesek pomoči ob rojstvu otroka"),
            self.tr("Od {0} velja pomoč ob rojstvu otroka {1} €. Shranim?").format(
                format_date(day), format_amount(amount)
            ),
        ):
            return False
        try:
            add_birth_grant(self.ctx.db, day, amount, source)
        except RuleError as error:
            return self._refused(error, self.tr("Znesek ni shranjen"))
        return self._done(self.tr("Znesek od {0} je dodan.").format(format_date(day)), day)

    def correct_grant(self) -> bool:
        from rejnistvo.services.rates import correct_birth_grant

        row = self.selected
        values = self._fields()
        if row is None or values is None:
            return False
        day, amount, source = values
        if not self.ctx.interaction.confirm(
            self.tr("Popravek pomoči ob rojstvu otroka"),
            self.tr("Znesek od {0} ({1} €) bo popravljen na: od {2}, {3} €. Shranim?").format(
                format_date(row.valid_from),
                format_amount(row.amount),
                format_date(day),
                format_amount(amount),
            ),
        ):
            return False
        try:
            correct_birth_grant(self.ctx.db, row.id, row.version, day, amount, source)
        except RuleError as error:
            return self._refused(error, self.tr("Popravek ni shranjen"))
        return self._done(self.tr("Znesek od {0} je popravljen.").format(format_date(day)), day)

    def remove_grant(self) -> bool:
        from rejnistvo.services.rates import remove_birth_grant

        row = self.selected
        if row is None:
            return False
        if not self.ctx.interaction.confirm(
            self.tr("Odstrani znesek"),
            self.tr(
                "Znesek pomoči ob rojstvu otroka od {0} ({1} €) bo odstranjen; sprememba se "
                "zabeleži. Nadaljujem?"
            ).format(format_date(row.valid_from), format_amount(row.amount)),
        ):
            return False
        try:
            remove_birth_grant(self.ctx.db, row.id, row.version)
        except RuleError as error:
            return self._refused(error, self.tr("Znesek ni odstranjen"))
        return self._done(
            self.tr("Znesek od {0} je odstranjen.").format(format_date(row.valid_from))
        )

    def refresh(self) -> None:
        from rejnistvo.services.rates import list_birth_grants

        rows = list_birth_grants(self.ctx.db)
        self._rows = {g.id: g for g in rows}
        self.model.set_rows(
            [
                {"id": g.id, "valid_from": g.valid_from, "amount": g.amount, "source": g.source}
                for g in rows
            ]
        )
        self.selected = None
        self._update_buttons()
        self._keep_dates_and_amounts_whole()

    def _side_by_side_width(self) -> int:
        """The width the table and the form need beside each other."""
        table = max(self.table.minimumSizeHint().width(), self.table.minimumWidth())
        return table + self.row.spacing() + self._form.minimumSize().width()

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt name)
        """As narrow as the table above the form; as tall as they stand now."""
        layout = self.layout()
        height = layout.minimumSize().height() if layout is not None else 0
        width = max(
            self.title.minimumSizeHint().width(),
            self.table.minimumSizeHint().width(),
            self.table.minimumWidth(),
            self._form.minimumSize().width(),
        )
        return QSize(width, height)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt name)
        beside = event.size().width() >= self._side_by_side_width()
        wanted = QBoxLayout.Direction.LeftToRight if beside else QBoxLayout.Direction.TopToBottom
        if self.row.direction() != wanted:
            self.row.setDirection(wanted)
            self.updateGeometry()  # a new height for the page
        super().resizeEvent(event)

    def _keep_dates_and_amounts_whole(self) -> None:
        """The table never narrower than its date and amount columns and a few letters of
        the source: beside the form, at a larger font (12 pt) it was squeezed to »Velja od«
        and »430,0« (QA63). At the usual font it is wider than that anyway."""
        table = self.table
        columns = sum(
            max(table.sizeHintForColumn(column), table.horizontalHeader().sectionSizeHint(column))
            for column in (0, 1)
        )
        source = 6 * table.fontMetrics().averageCharWidth()
        frame = 2 * table.frameWidth() + table.verticalScrollBar().sizeHint().width()
        table.setMinimumWidth(columns + source + frame)
        self.updateGeometry()

    def retranslate(self) -> None:
        self.model.set_columns_headers([c.header for c in self._columns()])
        self.title.setText(
            self.tr("Pomoč ob rojstvu otroka (enkratno izplačilo ob prvi namestitvi)")
        )
        for label, text in zip(
            self.labels, (self.tr("Velja od"), self.tr("Znesek"), self.tr("Vir")), strict=True
        ):
            label.setText(text)
        self.add_button.setText(self.tr("Dodaj"))
        self.correct_button.setText(self.tr("Shrani popravek izbranega"))
        self.remove_button.setText(self.tr("Odstrani izbranega"))
