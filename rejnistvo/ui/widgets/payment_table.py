"""The payment sheet as a table: one row a month, the figures of ``rules.months`` and
the legal source of the rate they were computed from."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from decimal import Decimal
from fractions import Fraction
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHeaderView, QStyle, QTableView, QWidget

from rejnistvo.rules.months import MonthPayment
from rejnistvo.rules.periods import month_name
from rejnistvo.ui.format import format_amount, format_date
from rejnistvo.ui.models import Column, RecordTableModel

#: shown for a rate's source in the table; the whole text is its tooltip
SOURCE_LENGTH = 48
_GAZETTE = re.compile(r"Uradni list RS, št\. ([\d/, ]*\d)")


def format_factor(value: Fraction | None) -> str:
    """The coverage factor as the rule writes it: 1 for a whole month, else P/30
    ("22/30", never the reduced "11/15")."""
    if value is None:
        return ""
    if value == 1 or value == 0:
        return str(value.numerator)
    days = value * 30
    if days.denominator == 1:
        return f"{days.numerator}/30"
    return f"{value.numerator}/{value.denominator}"


def explain_month(payment: MonthPayment, tr: Callable[[str], str]) -> str:
    """One month's figures in words: the full monthly rate and its source, the factor,
    the rounding, and that "Oskrbnina" already holds the increase (SPEC 3.2)."""
    if payment.days_placed == 0:
        # SPEC 3.2, P = 0: nothing is due — not »manj kot 30 dni, zato faktor P/30 = 0«
        # and a formula of zeros (QA57: a month before a start moved later)
        return tr(
            "{0}: v tem mesecu ni dni namestitve (0 od {1} dni), zato ni nič za izplačilo."
        ).format(month_name(payment.month), payment.days_in_month)
    lines = []
    rates = list(dict.fromkeys(payment.rates))
    for rate in rates:
        line = tr("Polna mesečna oskrbnina {0} € in plačilo dela {1} € (vir: {2}).").format(
            # a source is a sentence of its own; its full stop would end up as ".)."
            format_amount(rate.board),
            format_amount(rate.fee),
            (rate.source or "—").rstrip("."),
        )
        if len(rates) > 1:  # amounts that change within the month (a row from a 16th)
            since = max(rate.valid_from, payment.month)
            line = tr("Od {0}: {1}").format(format_date(since), line[:1].lower() + line[1:])
        lines.append(line)
    if len(rates) > 1:
        lines.append(
            tr(
                "V mesecu velja več zneskov: vsak dan šteje z zneskom, ki velja tisti dan; "
                "mesečni znesek je njihovo povprečje po dnevih namestitve."
            )
        )
    name = month_name(payment.month)
    if payment.factor == 1:
        lines.append(
            tr("{0}: nameščen {1} od {2} dni – cel mesec, faktor 1.").format(
                name, payment.days_placed, payment.days_in_month
            )
        )
    else:
        lines.append(
            tr(
                "{0}: nameščen {1} od {2} dni – manj kot 30 dni, zato faktor P/30 = {3} "
                "(P = dnevi namestitve)."
            ).format(
                name, payment.days_placed, payment.days_in_month, format_factor(payment.factor)
            )
        )
    # weekends and holidays only: 638,00 × 1 = 478,50 would not hold for a reader
    formula = (
        tr(
            "Oskrbnina = 75 % × mesečni znesek × faktor = {0} €; plačilo dela = delež iz "
            "pogodbe × mesečni znesek × faktor = {1} €."
        )
        if payment.part_time
        else tr("Oskrbnina = mesečni znesek × faktor = {0} €; plačilo dela = {1} €.")
    )
    lines.append(
        formula.format(format_amount(payment.board), format_amount(payment.fee))
        + " "
        + tr("Vsak znesek je zaokrožen na cent (polovica navzgor), skupaj je vsota zaokroženih.")
    )
    if payment.board_increase:
        lines.append(
            tr(
                "Stolpec »Oskrbnina« že vsebuje zvišanje oskrbnine {0} € (brez zvišanja {1} €); "
                "zvišanje ni dodano še enkrat."
            ).format(
                format_amount(payment.board_increase),
                format_amount(payment.board_without_increase),
            )
        )
    if payment.fee_uplift:
        lines.append(
            tr("Stolpec »Plačilo dela« že vsebuje zvišanje plačila dela {0} €.").format(
                format_amount(payment.fee_uplift)
            )
        )
    if payment.part_time:
        lines.append(
            tr(
                "Namestitev le ob vikendih, praznikih in počitnicah: oskrbnina je 75 % "
                "polne, plačilo dela delež iz pogodbe."
            )
        )
    return "\n".join(lines)


def short_source(text: str) -> str:
    """The act and its gazette number, e.g. "ZIRD, novela 2025 (Ur. l. RS, št. 41/2025)"."""
    text = " ".join(text.split())
    if len(text) <= SOURCE_LENGTH:
        return text
    head = ", ".join(text.split(" (")[0].split(", ")[:2])
    gazette = _GAZETTE.search(text)
    short = f"{head} (Ur. l. RS, št. {gazette.group(1)})" if gazette else head
    if len(short) > SOURCE_LENGTH + 20:
        short = short[: SOURCE_LENGTH - 1].rstrip() + "…"
    return short


def month_sources(payment: MonthPayment) -> str:
    """The sources of the rates a month was paid by (two when the rate changed in it),
    one a line: a source may hold »;« itself (the indexation's »…; izračunano iz …«)."""
    return "\n".join(dict.fromkeys(r.source for r in payment.rates if r.source))


def short_sources(text: str) -> str:
    """Each source of a month shortened (``short_source``): a month of two rows names both,
    not only the first one's head."""
    return "; ".join(short_source(source) for source in text.split("\n"))


def payment_rows(payments: Sequence[MonthPayment]) -> list[dict]:
    return [
        {
            "month": p.month,
            "month_name": month_name(p.month),
            "days_in_month": p.days_in_month,
            "days_placed": p.days_placed,
            "factor": p.factor,
            "board": p.board,
            "board_increase": p.board_increase,
            "fee": p.fee,
            "fee_uplift": p.fee_uplift,
            "total": p.total,
            "source": month_sources(p),
        }
        for p in payments
    ]


class PaymentTableModel(RecordTableModel):
    """The payment columns; a source is shown shortened with its whole text as tooltip."""

    def data(self, index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (
            role == Qt.ItemDataRole.ToolTipRole
            and index.isValid()
            and self.column_key(index.column()) == "source"
        ):
            return self.row_record(index.row()).get("source") or None
        return super().data(index, role)


def make_payment_model(parent: QWidget) -> PaymentTableModel:
    return PaymentTableModel(
        [
            Column("month", "", lambda m: month_name(m)),
            Column("days_in_month", "", str, True),
            Column("days_placed", "", str, True),
            Column("factor", "", format_factor, True),
            Column("board", "", format_amount, True),
            Column("board_increase", "", format_amount, True),
            Column("fee", "", format_amount, True),
            Column("fee_uplift", "", format_amount, True),
            Column("total", "", format_amount, True),
            Column("source", "", short_sources),
        ],
        parent,
    )


def payment_headers(tr: Callable[[str], str]) -> list[str]:
    return [
        tr("Mesec"),
        tr("Dni"),
        tr("Dni nam."),
        tr("Faktor"),
        tr("Oskrbnina (z zvišanjem)"),
        tr("od tega zvišanje"),
        tr("Plačilo dela (z zvišanjem)"),
        tr("od tega zvišanje"),
        tr("Skupaj"),
        tr("Vir zneska"),
    ]


def sums(payments: Sequence[MonthPayment]) -> dict[str, Decimal]:
    zero = Decimal("0.00")
    return {
        "board": sum((p.board for p in payments), zero),
        "board_increase": sum((p.board_increase for p in payments), zero),
        "fee": sum((p.fee for p in payments), zero),
        "fee_uplift": sum((p.fee_uplift for p in payments), zero),
        "total": sum((p.total for p in payments), zero),
    }


def make_table(model: RecordTableModel, parent: QWidget) -> QTableView:
    """Figures as wide as they need; the source (last) takes the room that is left."""
    table = QTableView(parent)
    table.setModel(model)
    table.setAlternatingRowColors(True)
    table.setWordWrap(False)
    table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
    # A read-only sheet is one Tab stop (the arrows move in it), as the lists are: Qt's
    # default walked Tab through every cell and the fields after it were out of reach.
    table.setTabKeyNavigation(False)
    table.verticalHeader().hide()
    header = table.horizontalHeader()
    # Fitted once per new sheet (fit_columns), not on every layout pass: ResizeToContents
    # asks every cell again each time the screen is laid out.
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    header.setStretchLastSection(True)
    return table


def fit_columns(table: QTableView) -> None:
    """The figures as wide as they need, after new rows; the source (last) takes the
    rest. Measured from the shown texts with the font: the delegate's size hints would
    ask every cell for a dozen roles (1,800 calls for a year's sheet)."""
    model = table.model()
    header = table.horizontalHeader()
    metrics = table.fontMetrics()
    padding = 2 * table.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, table)
    padding += 8  # the text margins of a cell
    rows = model.rowCount()
    for column in range(model.columnCount() - 1):
        width = header.sectionSizeHint(column)
        for row in range(rows):
            text = model.index(row, column).data(Qt.ItemDataRole.DisplayRole)
            if text:
                width = max(width, metrics.horizontalAdvance(str(text)) + padding)
        header.resizeSection(column, width)
