"""Izplačila: the columns of the run's tables and its lines as table records."""

from __future__ import annotations

import re
from collections.abc import Callable, Generator, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal
from functools import lru_cache
from typing import Any, NamedTuple

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt

from rejnistvo.rules.money import ZERO
from rejnistvo.rules.payment_run import (
    KIND_LABELS,
    MONTH,
    ONE_OFF,
    PAID_KINDS,
    UNDONE,
    unit_label,
)
from rejnistvo.rules.periods import month_name
from rejnistvo.rules.text import sort_fold
from rejnistvo.ui.models import Column, RecordTableModel
from rejnistvo.ui.models.cells import TOOLTIP


def _tr(text: str) -> str:
    return QCoreApplication.translate("PaymentsView", text)


def line_columns(with_reason: bool) -> list[Column]:
    """The unit with its centre first (»Kranj (Gorenjska)«, the whole names in its
    tooltip): the lines are ordered by centre and unit, as the PDF's headings group them.
    Then SPEC 3.6's order (carer, child, contract, days, factor, the amounts, total), as
    the PDF has it: at 1024 px the amounts and *Skupaj* are in view without scrolling
    sideways; the centre, unit and IBAN in full (also on *Skupaj po enotah in centrih*
    and in the exports) come last, hidden until shown. Long headers wrap to two lines, as on the PDF. ``with_reason``:
    the tabs of earlier months' differences (Poračun, Preplačila), with the month each
    line is for, its total (the difference paid or asked back) right after it, and its
    reason; on *Izplačilo* every line is for the month chosen."""
    total = Column("total", _tr("Skupaj"), align_right=True)
    columns = [
        # first: the lines are ordered by centre and unit (QA70: with the centre and the
        # unit hidden at the far right, the order looked random)
        Column("place", _tr("Enota\n(center)"), _place_text),
        Column("carer", _tr("Rejnik/ica")),
        Column("child", _tr("Otrok")),
        Column("contract", _tr("Pogodba")),
        # the month as a date: a click on the header sorts by time, not by its name
        *([Column("for_month", _tr("Za mesec"), _month_text), total] if with_reason else []),
        Column("days", _tr("Dni"), align_right=True),
        Column("factor", _tr("Faktor"), align_right=True),
        Column("board", _tr("Oskrbnina"), align_right=True),
        Column("board_increase", _tr("od tega\nzvišanje"), align_right=True),
        Column("fee", _tr("Plačilo\ndela"), align_right=True),
        Column("fee_uplift", _tr("od tega\nzvišanje"), align_right=True),
        *([] if with_reason else [total]),
        Column("kind", _tr("Vrsta")),
    ]
    if with_reason:
        columns.append(Column("reason", _tr("Razlog")))
    columns += [
        Column("centre", _tr("Center")),
        Column("unit", _tr("Enota")),
        Column("iban", _tr("IBAN")),
    ]
    return columns


def header_tips() -> dict[str, str]:
    """What a header means where its text is short, and that a right click on the
    header shows or hides columns (``payments_columns``)."""
    menu = _tr(
        "Desni klik na glavo ali v tabelo (s tipkovnico tipka Menu ali Shift+F10 v tabeli): "
        "kateri stolpci so prikazani."
    )
    full = {
        "place": _tr(
            "Enota in v oklepaju center otroka (center, ki plačuje); vrstice so razvrščene po "
            "centru, enoti in priimku rejnika"
        ),
        "days": _tr("Dnevi namestitve v mesecu"),
        "factor": _tr("Faktor (1 za cel mesec, sicer P/30)"),
        "board": _tr("Oskrbnina z zvišanjem"),
        "board_increase": _tr("Od tega zvišanje oskrbnine"),
        "fee": _tr("Plačilo dela z zvišanjem"),
        "fee_uplift": _tr("Od tega zvišanje plačila dela"),
    }
    return {key: f"{text}. {menu}" for key, text in full.items()} | {"": menu}


class LineTableModel(RecordTableModel):
    """The ledger's lines: each header has its tooltip (``header_tips``)."""

    def __init__(self, columns: list[Column], parent: QObject | None = None) -> None:
        super().__init__(columns, parent)
        tips = header_tips()
        self._tips = [tips.get(column.key, tips[""]) for column in columns]
        keys = [column.key for column in columns]
        self._place_column = keys.index("place") if "place" in keys else -1

    def headerData(  # noqa: N802 (Qt name)
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            role == Qt.ItemDataRole.ToolTipRole
            and orientation == Qt.Orientation.Horizontal
            and 0 <= section < len(self._tips)
        ):
            return self._tips[section]
        return super().headerData(section, orientation, role)

    def cell(self, row: int, col: int, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """The first column's tooltip is the centre's and unit's whole names."""
        if role == TOOLTIP and col == self._place_column and 0 <= row < self.rowCount():
            return self.row_record(row)["place"].full
        return super().cell(row, col, role)


#: sample texts a column is made wide enough for (its header's lines too)
_WIDEST = {
    "place": "Novo mesto (Dolenjska)",
    "carer": "Andrej Rozman",
    "child": "Andrej Rozman",
    "contract": "1220-15962/2026",
    "for_month": "november 2026",
    "days": "31",
    "factor": "22/30",
    "board": "1.234,56",
    "board_increase": "1.234,56",
    "fee": "1.234,56",
    "fee_uplift": "1.234,56",
    "total": "12.345,67",
    "kind": "enkratno izplačilo",
    "reason": "dodan znesek od 1. 10. 2026 (oskrbnina 660,00, plačilo dela 475,00 €)",
    "centre": "Center za socialno delo Gorenjska",
    "unit": "Enota Novo mesto",
    "iban": "SI56 1910 0428 6469 048",
}


class SelectOnFocus(QObject):
    """A table reached by Tab with no row selected selects the row of its cursor (the
    first): Qt put the cursor on the first row without selecting it, so the first ↓
    selected the second row and the first could be reached only by ↑ after it."""

    def eventFilter(self, watched: Any, event: Any) -> bool:  # noqa: N802 (Qt name)
        if event.type() == QEvent.Type.FocusIn and not watched.selectionModel().hasSelection():
            model = watched.model()
            if model is not None and model.rowCount():
                index = watched.currentIndex()
                watched.setCurrentIndex(index if index.isValid() else model.index(0, 0))
        return False


def sample_widths(
    table: Any, columns: Sequence[Column], samples: Mapping[str, str] | None = None
) -> list[int]:
    """Each column's width for its usual text and its header's lines (not measured over
    the rows: a run has 20,000). ``samples``: other usual texts by column key."""
    metrics = table.fontMetrics()
    # the cell's margins (Qt's ~6 px) and a little air: a digit's width of air on each
    # of the eight columns that never give way left no room at 1024 px for the unit
    # and centre first (QA70)
    padding = metrics.horizontalAdvance("0") // 2 + 4
    widest = {**_WIDEST, **(samples or {})}
    return [
        max(metrics.horizontalAdvance(t) for t in (widest.get(c.key, ""), *c.header.split("\n")))
        + padding
        for c in columns
    ]


def fit_columns(
    table: Any, columns: Sequence[Column], samples: Mapping[str, str] | None = None
) -> None:
    """Each column as wide as its usual text (``sample_widths``)."""
    header = table.horizontalHeader()
    for index, width in enumerate(sample_widths(table, columns, samples)):
        header.resizeSection(index, width)


def total_columns() -> list[Column]:
    return [
        Column("level", _tr("Raven")),
        Column("name", _tr("Center / enota")),
        Column("total", _tr("Skupaj za izplačilo"), align_right=True),
    ]


@lru_cache(maxsize=256)
def _month_text(month: date) -> str:
    return month_name(month)


class Place(NamedTuple):
    """A line's unit and centre as *Izplačila*'s first column has them: ``key`` sorts as
    the run orders (centre, then unit, in the Slovenian alphabet), ``text`` is shown
    (»Kranj (Gorenjska)«), ``full`` is its tooltip (»Center za socialno delo Gorenjska –
    Enota Kranj«)."""

    key: str
    text: str
    full: str


#: what a centre's or unit's name begins with and the column leaves out
_NAME_WORDS = re.compile(r"^\s*(center za socialno delo|csd|enota)\s+", re.IGNORECASE)


def _short(name: str) -> str:
    return _NAME_WORDS.sub("", name or "").strip() or (name or "")


@lru_cache(maxsize=1024)
def place(centre: str, unit: str | None) -> Place:
    """The first column's value of a line of `centre` and `unit` (None: no unit)."""
    where = _short(unit) if unit else _tr("brez enote")
    return Place(
        f"{sort_fold(centre or '')}\0{sort_fold(unit or '')}",
        f"{where} ({_short(centre)})" if centre else where,
        unit_label(centre, unit),
    )


def _place_text(value: Place) -> str:
    return value.text


def _kind(line: Any) -> str:
    """»mesec«, »poračun« …; a one-off payment names which of ZIRD's four it is, and a
    month of a weekend-only placement why it pays less (their reasons): *Izplačilo* has
    no Razlog, and »enkratno izplačilo« or »mesec« alone did not say."""
    label = KIND_LABELS[line.kind]
    if line.kind not in _SAID_KINDS or not line.reason:
        return label
    if line.reason.casefold().startswith(label.casefold()):
        return line.reason  # a kind named »enkratno izplačilo ob …« is not said twice
    return f"{label} – {line.reason}"


_SAID_KINDS = frozenset({ONE_OFF, MONTH})


def _reason(line: Any) -> str:
    return line.reason + (f" ({line.settlement})" if line.settlement else "")


#: A record's values, each read from its run line when the table asks for it.
_VALUES: dict[str, Callable[[Any], Any]] = {
    "line_id": lambda x: x.line_id,
    "place": lambda x: place(x.centre, x.unit),
    "centre": lambda x: x.centre,
    "unit": lambda x: x.unit,
    "carer": lambda x: x.carer,
    "iban": lambda x: x.iban or "",
    "child": lambda x: x.child,
    "contract": lambda x: x.contract,
    "kind": _kind,
    "for_month": lambda x: x.for_month,
    "days": lambda x: x.days,
    "factor": lambda x: x.factor,
    "board": lambda x: x.amounts.board,
    "board_increase": lambda x: x.amounts.board_increase,
    "fee": lambda x: x.amounts.fee,
    "fee_uplift": lambda x: x.amounts.fee_uplift,
    "total": lambda x: x.amounts.total,
    "reason": _reason,
    "settled": lambda x: x.cleared,
    # what an overpayment still asks back (a later change may have given part of it back)
    "left": lambda x: -x.amounts.total if x.left is None else x.left,
}


class LineRecord(Mapping[str, Any]):
    """A run's line as a table record (id = its place in the run), read-only like a dict.

    Two references instead of a dict of nineteen values, and the line itself is made
    (``services.payment_run.RunLines``) only when the table first reads the record: a
    run of 270,000 lines is shown without making a line for each (the table keeps the
    texts of the rows it has painted)."""

    __slots__ = ("index", "lines")

    def __init__(self, index: int, lines: Sequence[Any]) -> None:
        self.index = index
        self.lines = lines

    @property
    def line(self) -> Any:
        return self.lines[self.index]

    def __getitem__(self, key: str) -> Any:
        if key == "id":
            return self.index
        return _VALUES[key](self.lines[self.index])

    def __iter__(self) -> Iterator[str]:
        yield "id"
        yield from _VALUES

    def __len__(self) -> int:
        return len(_VALUES) + 1


def line_record(index: int, line: Any) -> dict[str, Any]:
    """A RunLine as a plain dict record (id = its place in the run)."""
    return {"id": index, **{key: value(line) for key, value in _VALUES.items()}}


@dataclass(frozen=True)
class ShownRun:
    """A run with what the screen shows of it, made a slice at a time: its lines as
    records of the three tabs, the totals per unit and centre, the two sums."""

    run: Any
    paid: list[LineRecord]
    arrears: list[LineRecord]
    overpayments: list[LineRecord]
    totals: list[dict[str, Any]]
    total: Decimal
    overpaid: Decimal  # positive: what is to be recovered
    undone: Decimal = ZERO  # overpayments given back by a later change: neither paid nor due
    overpayment_count: int = 0  # overpayment lines (not the undone ones beside them)
    #: what the overpayments still ask back: less than `overpaid` in a closed month once
    #: some are settled or given back
    left_to_recover: Decimal = ZERO

    def closed_as(self, run: Any) -> ShownRun | None:
        """These records and sums for `run`, the closed month that the close made of this
        run's own lines (``close_month`` takes the run on screen over: its lines are the
        ledger's, with their ids). None when the close computed the lines again: then
        they are others."""
        if run.lines is not self.run.lines:
            return None
        return replace(self, run=run)


#: lines made into records between two yields
SHOW_SLICE = 2000


def shown_steps(
    steps: Generator[tuple[int, int], None, Any],
) -> Generator[tuple[int, int], None, ShownRun]:
    """The run's own steps, then its records and sums a slice of lines at a time (one
    pass, instead of a pass per tab and per sum when it is shown)."""
    run = yield from steps
    tabs: dict[str, list[LineRecord]] = {
        "month": [], "one_off": [], "arrears": [], "overpayment": []
    }  # fmt: skip
    units: dict[str, Decimal] = {}
    centres: dict[str, Decimal] = {}
    overall = overpaid = undone = left = ZERO
    over_count = 0
    lines = run.lines
    # What a tab and a sum need, without making the line (``RunLines.summary``).
    summary = lines.summary
    count = len(lines)
    for start in range(0, count, SHOW_SLICE):
        for index in range(start, min(start + SHOW_SLICE, count)):
            kind, amounts, centre, unit_name = summary(index)
            # an overpayment undone by a later change is shown beside the overpayments
            tabs["overpayment" if kind == UNDONE else kind].append(LineRecord(index, lines))
            amount = amounts.total
            if kind == "overpayment":
                overpaid -= amount
                over_count += 1
                left += lines.left_to_recover(index)
            elif kind == UNDONE:
                undone += amount
            elif kind in PAID_KINDS:
                unit = unit_label(centre, unit_name)
                units[unit] = units.get(unit, ZERO) + amount
                centres[centre] = centres.get(centre, ZERO) + amount
                overall += amount
        yield min(start + SHOW_SLICE, count), count
    paid = tabs["month"] + tabs["one_off"]
    paid.sort(key=lambda record: record.index)  # run order, as the lines came
    return ShownRun(
        run,
        paid,
        tabs["arrears"],
        tabs["overpayment"],
        _total_rows(units, centres, overall),
        overall,
        overpaid,
        undone,
        over_count,
        left,
    )


def shown_run(run: Any) -> ShownRun:
    """``shown_steps`` at once (a run already made, e.g. the one just closed)."""
    steps = shown_steps(_done(run))
    while True:
        try:
            next(steps)
        except StopIteration as stop:
            shown: ShownRun = stop.value
            return shown


def _done(run: Any) -> Generator[tuple[int, int], None, Any]:
    return run
    yield 0, 0  # a generator that returns at once


def _total_rows(
    units: dict[str, Decimal], centres: dict[str, Decimal], overall: Decimal
) -> list[dict[str, Any]]:
    """Paid totals per unit, per centre and overall (the same sums as
    ``PaymentRun.totals_by`` and ``.total``)."""
    rows: list[dict[str, Any]] = []
    for label, sums in ((_tr("enota"), units), (_tr("center"), centres)):
        for name, amount in sums.items():
            rows.append({"id": len(rows), "level": label, "name": name, "total": amount})
    rows.append({"id": len(rows), "level": _tr("skupaj"), "name": "", "total": overall})
    return rows
