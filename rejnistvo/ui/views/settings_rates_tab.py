"""Nastavitve → Zneski rejnine: the rate table of this database (SPEC 3.1).

* a row picked in the table can be corrected or removed (audited; a row someone else
  changed meanwhile is refused and reloaded);
* a new row with typed amounts and its source;
* the indexation (*uskladitev*): date and published percentage → the proposed board, fee
  and birth grant beside the old ones; the user may overwrite them with the published
  amounts and adds them on confirmation, each with its source.

Everything is decided by `rejnistvo.services.rates`; this tab only shows and asks.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from rejnistvo.rules.errors import RuleError
from rejnistvo.ui.format import format_amount, format_date
from rejnistvo.ui.models import Column, RecordTableModel
from rejnistvo.ui.palette import ERROR, set_text_style
from rejnistvo.ui.views.settings_common import (
    SettingsTab,
    mid_month_question,
    record_table,
    show_refusal,
)
from rejnistvo.ui.views.settings_grants import GrantsBox
from rejnistvo.ui.views.settings_indexation import IndexationBox
from rejnistvo.ui.widgets import AmountEdit, DateEdit, FormValidator, TextEdit


class RatesTab(SettingsTab):
    def __init__(self, ctx, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.selected = None  # services.rates.RateRow loaded into the editor
        self._rows: dict = {}  # id → RateRow, as last read
        self.rate_note = QLabel(self)
        self.rate_note.setWordWrap(True)
        # No row at all: nothing can be computed; said here, where the rows are added.
        self.rates_empty = QLabel(self)
        self.rates_empty.setWordWrap(True)
        set_text_style(self.rates_empty, ERROR)
        self.rates_empty.hide()
        self.rates_model = RecordTableModel(self._rate_columns(), self)
        self.rates_table, self.rates_proxy = record_table(self, self.rates_model)
        self.rates_table.selectionModel().currentRowChanged.connect(self._rate_selected)
        # A row a year: four rows in view are plenty. At its preferred height the tab was
        # taller than a 1280 × 800 screen and the indexation's last button out of sight.
        self.rates_table.setMaximumHeight(130)
        self.grants = GrantsBox(ctx, self)

        self.rate_box = QGroupBox(self)
        self.rate_from = DateEdit("valid_from", self, required=True)
        self.rate_board = AmountEdit("board", self, required=True)
        self.rate_fee = AmountEdit("fee", self, required=True)
        self.rate_source = TextEdit("source", self, required=True)
        self.rate_labels = [QLabel(self) for _ in range(4)]
        form = QFormLayout(self.rate_box)
        # at a larger font a row too wide beside its label goes under it (QA63)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        fields = (self.rate_from, self.rate_board, self.rate_fee, self.rate_source)
        for label, w in zip(self.rate_labels, fields, strict=True):
            form.addRow(label, w)
        self.rate_add = QPushButton(self)
        self.rate_add.clicked.connect(self.add_rate)
        self.rate_correct = QPushButton(self)
        self.rate_correct.clicked.connect(self.correct_rate)
        self.rate_remove = QPushButton(self)
        self.rate_remove.clicked.connect(self.remove_rate)
        buttons = QHBoxLayout()
        for button in (self.rate_add, self.rate_correct, self.rate_remove):
            buttons.addWidget(button)
        buttons.addStretch(1)
        form.addRow("", buttons)
        # Made after the row's box, below which it stands: Tab goes down the tab, not
        # from the indexation's last button back up to the row's date.
        self.indexation = IndexationBox(ctx, self)
        self.indexation.added.connect(self._show_saved)

        layout = QVBoxLayout(self)
        layout.addWidget(self.rate_note)
        layout.addWidget(self.rates_empty)
        layout.addWidget(self.rates_table, 1)
        layout.addWidget(self.grants)
        # One above the other: side by side they need 1,244 px, more than a laptop has.
        layout.addWidget(self.rate_box)
        layout.addWidget(self.indexation)
        self._update_buttons()

    def _rate_columns(self) -> list[Column]:
        return [
            Column("valid_from", self.tr("Velja od"), format_date),
            Column("board", self.tr("Oskrbnina"), format_amount, True),
            Column("fee", self.tr("Plačilo dela"), format_amount, True),
            Column("source", self.tr("Vir")),
        ]

    # -- one row: add, correct, remove ---------------------------------------------------
    def _rate_selected(self, current, _previous) -> None:
        record = self.rates_proxy.row_record(current.row()) if current.isValid() else None
        self.selected = self._rows.get(record["id"]) if record else None
        if self.selected is not None:
            self.rate_from.set_value(self.selected.valid_from)
            self.rate_board.set_value(self.selected.board)
            self.rate_fee.set_value(self.selected.fee)
            self.rate_source.set_value(self.selected.source)
        self._update_buttons()

    def _update_buttons(self) -> None:
        self.rate_correct.setEnabled(self.selected is not None)
        self.rate_remove.setEnabled(self.selected is not None)

    def _row_fields(self) -> tuple | None:
        v = FormValidator()
        values = tuple(
            v.check(w) for w in (self.rate_from, self.rate_board, self.rate_fee, self.rate_source)
        )
        if not v.ok:
            self.reveal()
            v.focus_first()
            return None
        return values

    def _refused(self, error: RuleError, title: str) -> bool:
        """Show a refusal at its field (or in a message), reload a stale row."""
        fields = {
            "valid_from": self.rate_from,
            "board": self.rate_board,
            "fee": self.rate_fee,
            "source": self.rate_source,
        }
        return show_refusal(self, error, title, fields)

    def _saved(self, message: str, valid_from=None) -> bool:
        for w in (self.rate_from, self.rate_board, self.rate_fee, self.rate_source):
            w.set_value(None)
        self.selected = None
        self.ctx.bus.records_changed.emit("rate")
        self.ctx.bus.status_message.emit(message)
        self._show_saved(valid_from)
        return True

    def _show_saved(self, valid_from=None) -> None:
        """Reload, and put the keyboard on the row just saved: the button pressed was
        disabled by the save and Qt had moved the keyboard to the tab's far end."""
        self.refresh()
        row = self.rates_model.find_row("valid_from", valid_from) if valid_from else -1
        if row >= 0:
            proxy_row = self.rates_proxy.mapFromSource(self.rates_model.index(row, 0)).row()
            self.rates_table.selectRow(proxy_row)
        self.rates_table.setFocus()

    def add_rate(self) -> bool:
        from rejnistvo.services.rates import add_rate, check_addable

        values = self._row_fields()
        if values is None:
            return False
        valid_from, board, fee, source = values
        try:  # a read-only view: refused before the question
            check_addable(self.ctx.db)
        except RuleError as error:
            return self._refused(error, self.tr("Vrstica ni shranjena"))
        if not self.ctx.interaction.confirm(
            self.tr("Nova vrstica zneskov"),
            mid_month_question(
                self.tr("Od {0} velja oskrbnina {1} € in plačilo dela {2} €. Shranim?").format(
                    format_date(valid_from), format_amount(board), format_amount(fee)
                ),
                valid_from,
                self.ctx.db,
            ),
        ):
            return False
        try:
            add_rate(self.ctx.db, valid_from, board, fee, source)
        except RuleError as error:
            return self._refused(error, self.tr("Vrstica ni shranjena"))
        return self._saved(
            self.tr("Vrstica od {0} je dodana.").format(format_date(valid_from)), valid_from
        )

    def correct_rate(self) -> bool:
        from rejnistvo.services.rates import check_correctable, correct_rate

        row = self.selected
        values = self._row_fields()
        if row is None or values is None:
            return False
        valid_from, board, fee, source = values
        try:  # a start the save would refuse is said before the question, at its field
            check_correctable(self.ctx.db, row.id, valid_from)
        except RuleError as error:
            return self._refused(error, self.tr("Popravek ni shranjen"))
        if not self.ctx.interaction.confirm(
            self.tr("Popravek vrstice zneskov"),
            mid_month_question(
                self.tr(
                    "Vrstica od {0} (oskrbnina {1} €, plačilo dela {2} €) bo popravljena na: od "
                    "{3}, oskrbnina {4} €, plačilo dela {5} €. Zaključeni meseci ostanejo, kot so "
                    "bili izplačani; razlika se pokaže kot poračun. Shranim?"
                ).format(
                    format_date(row.valid_from),
                    format_amount(row.board),
                    format_amount(row.fee),
                    format_date(valid_from),
                    format_amount(board),
                    format_amount(fee),
                ),
                valid_from,
            ),
        ):
            return False
        try:
            correct_rate(self.ctx.db, row.id, row.version, valid_from, board, fee, source)
        except RuleError as error:
            return self._refused(error, self.tr("Popravek ni shranjen"))
        return self._saved(
            self.tr("Vrstica od {0} je popravljena.").format(format_date(valid_from)), valid_from
        )

    def remove_rate(self) -> bool:
        from rejnistvo.services.rates import check_removable, remove_rate

        row = self.selected
        if row is None:
            return False
        try:  # a row closed months need is refused before the question
            check_removable(self.ctx.db, row.id)
        except RuleError as error:
            return self._refused(error, self.tr("Vrstica ni odstranjena"))
        if not self.ctx.interaction.confirm(
            self.tr("Odstrani vrstico zneskov"),
            self.tr(
                "Vrstica od {0} (oskrbnina {1} €, plačilo dela {2} €) bo odstranjena; sprememba "
                "se zabeleži. Zaključeni meseci ostanejo, kot so bili izplačani; razlika se "
                "pokaže kot poračun ali preplačilo v naslednjem izplačilu. Nadaljujem?"
            ).format(format_date(row.valid_from), format_amount(row.board), format_amount(row.fee)),
        ):
            return False
        try:
            remove_rate(self.ctx.db, row.id, row.version)
        except RuleError as error:
            return self._refused(error, self.tr("Vrstica ni odstranjena"))
        return self._saved(
            self.tr("Vrstica od {0} je odstranjena.").format(format_date(row.valid_from))
        )

    # -- contract ------------------------------------------------------------------------
    def refresh(self) -> None:
        from rejnistvo.services.rates import list_rates

        rows = list_rates(self.ctx.db)
        self._rows = {r.id: r for r in rows}
        self.rates_empty.setVisible(not rows)
        self.rates_model.set_rows(
            [
                {
                    "id": r.id,
                    "valid_from": r.valid_from,
                    "board": r.board,
                    "fee": r.fee,
                    "source": r.source,
                }
                for r in rows
            ]  # fmt: skip
        )
        self.grants.refresh()
        self.indexation.offer_day()
        self.selected = None
        self._update_buttons()

    def retranslate(self) -> None:
        self.indexation.retranslate()
        self.rates_model.set_columns_headers([c.header for c in self._rate_columns()])
        self.grants.retranslate()
        self.rate_note.setText(
            self.tr(
                "Zneski, s katerimi program računa rejnine, kot jih hrani ta zbirka. Uskladijo "
                "se vsako leto 1. marca: vpišite objavljeni odstotek (program predlaga nove "
                "zneske) ali objavljene zneske, vedno z virom. Napačno vrstico izberite, "
                "popravite ali odstranite. Vsaka sprememba se zabeleži."
            )
        )
        self.rates_empty.setText(
            self.tr(
                "V tej zbirki ni nobenega zneska oskrbnine in plačila dela, zato noben izračun "
                "ni mogoč. Spodaj vpišite vrstico z zneski, ki veljajo, in njihovim virom."
            )
        )
        self.rate_box.setTitle(self.tr("Vrstica zneskov (nova ali izbrana)"))
        for label, text in zip(
            self.rate_labels,
            (
                self.tr("Velja od"),
                self.tr("Osnovna oskrbnina"),
                self.tr("Osnovno plačilo dela"),
                self.tr("Vir"),
            ),
            strict=True,
        ):
            label.setText(text)
        self.rate_source.edit.setPlaceholderText(self.tr("npr. Uradni list RS, št. 20/2026"))
        self.rate_add.setText(self.tr("Dodaj novo vrstico"))
        self.rate_correct.setText(self.tr("Shrani popravek izbrane"))
        self.rate_remove.setText(self.tr("Odstrani izbrano"))
