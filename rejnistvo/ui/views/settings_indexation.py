"""Nastavitve → Zneski rejnine → Uskladitev (SPEC 3.1): the date and the published
percentage → the proposed board, fee and birth grant beside the old ones (old × (1 + p/100),
half-up, by `rejnistvo.services.rates`). The user may overwrite them with the published
amounts; they are added on confirmation, each with its source — a computed amount's
source also says how it was computed, a typed one is cited as typed."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QWidget,
)

from rejnistvo.rules.errors import RuleError
from rejnistvo.ui.format import format_amount, format_date
from rejnistvo.ui.views.settings_common import enter_presses, mid_month_question
from rejnistvo.ui.widgets import AmountEdit, DateEdit, FormValidator, TextEdit


class IndexationBox(QGroupBox):
    added = Signal(object)  # rows from this date were added: the table above reloads

    def __init__(self, ctx, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.proposal = None  # services.rates.IndexationProposal shown in the box
        self.index_from = DateEdit("valid_from", self, required=True)
        self.index_percent = TextEdit("percent", self, required=True)
        self.index_source = TextEdit("source", self, required=True)
        self.index_propose = QPushButton(self)
        self.index_propose.clicked.connect(self.propose_indexation)
        self.index_labels = [QLabel(self) for _ in range(3)]
        index_form = QFormLayout()
        # at a larger font (12-13 pt) the box beside the old and new amounts was wider than
        # the page at 1024 × 700: a field without room beside its label goes under it (QA63)
        index_form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        for label, w in zip(
            self.index_labels, (self.index_from, self.index_percent, self.index_source), strict=True
        ):
            index_form.addRow(label, w)
        index_form.addRow("", self.index_propose)
        # Old and new side by side; the new amounts stay editable (published figures).
        grid = QGridLayout()
        self.grid_headers = [QLabel(self) for _ in range(3)]
        for column, header in enumerate(self.grid_headers):
            grid.addWidget(header, 0, column)
        self.new_board = AmountEdit("board", self, required=True)
        self.new_fee = AmountEdit("fee", self, required=True)
        self.new_grant = AmountEdit("birth_grant", self)
        self.new_fields = (self.new_board, self.new_fee, self.new_grant)
        self.grid_names = [QLabel(self) for _ in range(3)]
        self.old_amounts = [QLabel(self) for _ in range(3)]
        for row, (name, old, new) in enumerate(
            zip(self.grid_names, self.old_amounts, self.new_fields, strict=True), start=1
        ):
            grid.addWidget(name, row, 0)
            grid.addWidget(old, row, 1)
            grid.addWidget(new, row, 2)
        self.index_add = QPushButton(self)
        self.index_add.clicked.connect(self.add_indexation)
        grid.addWidget(self.index_add, 4, 2)
        index_layout = QHBoxLayout(self)
        index_layout.addLayout(index_form, 1)
        index_layout.addLayout(grid, 1)

        self._show_proposal(None)
        # The amounts shown were computed from the date and percentage typed then: a
        # changed date or percentage would otherwise add the old proposal's amounts (and
        # cite its percentage) under fields that say something else.
        self.index_from.edited.connect(self._inputs_changed)
        self.index_percent.edited.connect(self._inputs_changed)
        enter_presses(self.index_propose, self.index_from, self.index_percent, self.index_source)
        enter_presses(self.index_add, *self.new_fields)

    def offer_day(self) -> None:
        """An empty »Velja od« offers the 1 March the rate table waits for (the missing one
        on 5 March, next year's once entered); a day the clerk typed stays."""
        from rejnistvo.services.rates import next_indexation

        if not self.index_from.text().strip():
            self.index_from.set_value(next_indexation(self.ctx.db))

    def _inputs_changed(self) -> None:
        if self.proposal is not None:
            self._show_proposal(None)

    def propose_indexation(self) -> bool:
        from rejnistvo.services.rates import propose_indexation

        v = FormValidator()
        valid_from = v.check(self.index_from)
        percent = v.check(self.index_percent)
        if not v.ok:
            v.focus_first()
            return False
        try:
            proposal = propose_indexation(self.ctx.db, valid_from, percent)
        except RuleError as error:
            target = self.index_percent if error.field == "percent" else self.index_from
            target.show_error(error.message)
            target.setFocus()
            self._show_proposal(None)
            return False
        self._show_proposal(proposal)
        self.new_board.setFocus()  # the amounts to compare with the published ones
        return True

    def _show_proposal(self, proposal) -> None:
        self.proposal = proposal
        grant_old = proposal.old_grant if proposal else None
        olds = (
            proposal.old_rate.board if proposal else None,
            proposal.old_rate.fee if proposal else None,
            grant_old.amount if grant_old else None,
        )
        news = (
            proposal.board if proposal else None,
            proposal.fee if proposal else None,
            proposal.birth_grant if proposal else None,
        )
        for label, old, field, new in zip(
            self.old_amounts, olds, self.new_fields, news, strict=True
        ):
            label.setText(f"{format_amount(old)} €" if old is not None else "—")
            field.set_value(new)
            field.setEnabled(proposal is not None)
        self.index_add.setEnabled(proposal is not None)

    def add_indexation(self) -> bool:
        from rejnistvo.services.rates import add_indexation

        proposal = self.proposal
        v = FormValidator()
        board, fee, grant = (v.check(w) for w in self.new_fields)
        published = v.check(self.index_source)
        if proposal is None or not v.ok:
            v.focus_first()
            return False
        as_proposed = (board, fee) == (proposal.board, proposal.fee)
        grant_as_proposed = grant == proposal.birth_grant
        summary = self.tr("oskrbnina {0} €, plačilo dela {1} €").format(
            format_amount(board), format_amount(fee)
        )
        if grant is not None:
            summary += self.tr(", pomoč ob rojstvu otroka {0} €").format(format_amount(grant))
        if not self.ctx.interaction.confirm(
            self.tr("Uskladitev zneskov"),
            mid_month_question(
                self.tr("Od {0} bodo veljali zneski: {1}. Dodam jih?").format(
                    format_date(proposal.valid_from), summary
                ),
                proposal.valid_from,
                self.ctx.db,
            ),
        ):
            return False
        try:
            add_indexation(
                self.ctx.db,
                proposal.valid_from,
                board,
                fee,
                grant,
                # A typed (published) amount is cited as typed; a computed one says so.
                proposal.source(published) if as_proposed else published,
                proposal.grant_source(published) if grant_as_proposed else published,
            )
        except RuleError as error:
            self.ctx.interaction.error(self.tr("Uskladitev ni shranjena"), error.message)
            return False
        self._show_proposal(None)
        for w in (self.index_from, self.index_percent, self.index_source):
            w.set_value(None)
        self.added.emit(proposal.valid_from)
        self.ctx.bus.records_changed.emit("rate")
        self.ctx.bus.status_message.emit(
            self.tr("Usklajeni zneski od {0} so dodani.").format(format_date(proposal.valid_from))
        )
        return True

    def retranslate(self) -> None:
        self.setTitle(self.tr("Uskladitev (1. marec)"))
        for label, text in zip(
            self.index_labels,
            (self.tr("Velja od"), self.tr("Objavljeni odstotek"), self.tr("Vir objave")),
            strict=True,
        ):
            label.setText(text)
        self.index_percent.edit.setPlaceholderText(self.tr("npr. 2,7"))
        self.index_source.edit.setPlaceholderText(self.tr("npr. objava ministrstva, marec 2026"))
        self.index_propose.setText(self.tr("Predlagaj nove zneske"))
        for label, text in zip(
            self.grid_headers, ("", self.tr("Doslej"), self.tr("Novo")), strict=True
        ):
            label.setText(text)
        for label, text in zip(
            self.grid_names,
            (
                self.tr("Osnovna oskrbnina"),
                self.tr("Osnovno plačilo dela"),
                self.tr("Pomoč ob rojstvu otroka"),
            ),
            strict=True,
        ):
            label.setText(text)
        self.index_add.setText(self.tr("Dodaj usklajene zneske"))
