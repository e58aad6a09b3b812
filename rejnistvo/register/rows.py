"""One row of the register of handled R-4 cases (čl. 29), its columns and the filter.

The row is plain data (no database, no Qt): `queries.register_rows` fills it from the
store, the exports (CSV, XLSX, PDF) and the coordinator's view only read it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date

from rejnistvo.printing.formats import fmt_date
from rejnistvo.register.states import STATE_WORDS


def register_status(
    accepted: object,
    commission_named: object,
    decided: object,
    returned: object,
    receipt_recorded: bool = True,
) -> str:
    """Where a case stands at the coordinator (Slovenian, for the view and the filter): the
    last step done. Steps are dates (or stored ISO texts; empty means not done). A case
    sent whose day of receipt is not recorded yet is »poslano«: »prejeto« told the
    coordinator it had arrived when nobody had taken it in."""
    if returned:
        return STATE_WORDS["returned"]
    if decided:
        return STATE_WORDS["decided"]
    if commission_named:
        return STATE_WORDS["commission_named"]
    if accepted:
        return STATE_WORDS["accepted"]
    return STATE_WORDS["received"] if receipt_recorded else STATE_WORDS["sent"]


def decision_text(
    outcome: str | None, percent: int | None, period_from: date | None, period_to: date | None
) -> str:
    """The decision as the register writes it: "ZVIŠA za 25 % (1. 1. 2026 – …)", "NE ZVIŠA"."""
    if outcome == "increase":
        text = f"ZVIŠA za {percent} %"
        if period_from:
            text += f" ({fmt_date(period_from)} – {fmt_date(period_to)})"
        return text
    if outcome == "no_increase":
        return "NE ZVIŠA"
    return ""


@dataclass(frozen=True)
class RegisterRow:
    """A handled case as the register lists it; dates are None until the step is done."""

    seq: int
    case_id: int
    case_no: str
    centre: str
    unit: str
    child: str
    carer: str
    proposed_percent: int | None
    received: date | None
    accepted: date | None
    commission_named: date | None
    members: tuple[str, ...] = field(default_factory=tuple)
    decided: date | None = None
    outcome: str | None = None  # "increase" | "no_increase"
    decided_percent: int | None = None
    period_from: date | None = None
    period_to: date | None = None
    resolution_no: str | None = None
    returned: date | None = None
    #: the day the centre prepared the proposal (its first step; the form's date when
    #: the step was not recorded)
    prepared: date | None = None
    #: False while ``received`` is only the day the centre sent the case
    receipt_recorded: bool = True

    @property
    def status(self) -> str:
        """Where the case stands at the coordinator (Slovenian, for the view and filter)."""
        return register_status(
            self.accepted,
            self.commission_named,
            self.decided,
            self.returned,
            self.receipt_recorded,
        )

    def waiting_days(self, today: date) -> int | None:
        """Days at the coordinator: from receipt to the decision, or to today if undecided."""
        if self.received is None:
            return None
        return ((self.decided or today) - self.received).days

    @property
    def decision_text(self) -> str:
        return decision_text(self.outcome, self.decided_percent, self.period_from, self.period_to)


@dataclass(frozen=True)
class Column:
    """A register column: Slovenian heading, value getter, kind (text/int/date), width."""

    key: str
    heading: str
    value: Callable[[RegisterRow], object]
    kind: str = "text"
    width: int = 14  # XLSX, in characters
    pdf_width: int = 18  # PDF, in millimetres (a date "22. 11. 2026" must fit on one line)


COLUMNS: tuple[Column, ...] = (
    Column("seq", "Zap. št.", lambda r: r.seq, "int", 7, 8),
    Column("case_no", "Številka zadeve", lambda r: r.case_no, "text", 15, 22),
    Column("centre", "Center", lambda r: r.centre, "text", 26, 22),
    Column("unit", "Enota", lambda r: r.unit, "text", 16, 16),
    Column("child", "Otrok", lambda r: r.child, "text", 20, 20),
    Column("carer", "Rejnik", lambda r: r.carer, "text", 20, 20),
    Column("proposed", "Predlog (%)", lambda r: r.proposed_percent, "int", 10, 12),
    Column("prepared", "Datum predloga", lambda r: r.prepared, "date", 11, 17),
    Column("received", "Prejeto", lambda r: r.received, "date", 11, 17),
    Column("accepted", "Sprejeto", lambda r: r.accepted, "date", 11, 17),
    Column("commission_named", "Komisija imenovana", lambda r: r.commission_named, "date", 11, 17),
    Column("members", "Člani komisije", lambda r: ", ".join(r.members), "text", 34, 20),
    Column("decided", "Odločeno", lambda r: r.decided, "date", 11, 17),
    Column("decision", "Odločitev", lambda r: r.decision_text, "text", 30, 22),
    Column("resolution_no", "Sklep št.", lambda r: r.resolution_no or "", "text", 12, 16),
    Column("returned", "Vrnjeno", lambda r: r.returned, "date", 11, 17),
)

STATUSES = tuple(
    STATE_WORDS[key]
    for key in ("sent", "received", "accepted", "commission_named", "decided", "returned")
)


def filter_rows(
    rows: Iterable[RegisterRow],
    *,
    text: str | None = None,
    status: str | None = None,
    centre: str | None = None,
    outcome: str | None = None,
) -> list[RegisterRow]:
    """Rows matching every given criterion; `text` is a case-insensitive fragment of the
    case number, centre, unit, child, carer or resolution number."""
    needle = (text or "").strip().casefold()
    chosen = []
    for row in rows:
        if status and row.status != status:
            continue
        if centre and row.centre != centre:
            continue
        if outcome and row.outcome != outcome:
            continue
        if needle:
            haystack = " ".join(
                (row.case_no, row.centre, row.unit, row.child, row.carer, row.resolution_no or "")
            ).casefold()
            if needle not in haystack:
                continue
        chosen.append(row)
    return chosen


def renumber(rows: Sequence[RegisterRow]) -> list[RegisterRow]:
    """Give the rows their running number 1, 2, … in the given order."""
    return [replace(row, seq=index) for index, row in enumerate(rows, start=1)]
