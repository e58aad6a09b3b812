"""What a payment run pays: the placements of its months with their periods, rates' inputs
and R4 cases, and the one-off payments not yet paid.
"""

from __future__ import annotations

from collections.abc import Generator, Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from sqlite_utils import Database

from rejnistvo.rules.months import PartTimePlacement
from rejnistvo.rules.payment_run import Document, PlacementInputs
from rejnistvo.rules.periods import Period
from rejnistvo.store.ledger.rows import OneOffSource, PlacementSource, optional_date


def _period_reference(kind: str, document_no: str | None, contract_no: str) -> str:
    if kind == "contract":
        return f"pogodba {document_no or contract_no}"
    text = document_no or ""
    return text if "aneks" in text.casefold() else f"aneks {text}".strip()


@dataclass(slots=True)
class SourceRows:
    """What a run reads about placements, read a window of placement ids at a time
    (``read_source_rows``) and made into ``PlacementSource`` objects a slice at a time
    (``make_sources``): a run of 20,000 placements goes on between the window's paints."""

    periods: dict[int, list[tuple[str, str | None, str, str | None]]]
    increases: dict[int, list[Document]]
    uplifts: dict[int, list[Document]]
    #: each window's placements with a period in the months, as (run order key, row),
    #: sorted within the window; ``ordered`` sorts them together once
    windows: list[list[tuple[str, tuple[Any, ...]]]]

    #: the count once the windows were taken (``ordered``)
    taken: int | None = None

    @property
    def count(self) -> int:
        if self.taken is not None:
            return self.taken
        return sum(len(window) for window in self.windows)

    def ordered(self) -> Iterator[tuple[Any, ...]]:
        """The placements in run order. Each row is let go as it is taken (the run's
        peak memory is not all of them). One sort of the windows' sorted runs (Python's
        sort merges them in C), not a merge in Python, which took ten times as long."""
        merged = [entry for window in self.windows for entry in window]
        self.taken = len(merged)
        self.windows.clear()
        merged.sort()  # keys are unique (the id ends them): rows are never compared
        return _taken(merged)


def _taken(entries: list[tuple[str, tuple[Any, ...]]]) -> Iterator[tuple[Any, ...]]:
    """The rows of `entries` in order, each let go as it is taken."""
    entries.reverse()
    while entries:
        yield entries.pop()[1]


_OVERLAP = "from_date <= ? AND (to_date IS NULL OR to_date >= ?)"


_PLACEMENTS = """
    SELECT p.id, p.contract_no, p.carer_id, c.name, ch.name, c.iban, p.part_time,
           p.fee_share, ce.id, ce.name, u.id, u.name, c.name_key
    FROM placements p
    JOIN carers c ON c.id = p.carer_id
    JOIN children ch ON ch.id = p.child_id
    LEFT JOIN centres ce ON ce.id = coalesce(p.child_centre_id, ch.centre_id)
    LEFT JOIN units u ON u.id = ch.unit_id
    WHERE p.id BETWEEN ? AND ?
"""


def _run_order(row: tuple[Any, ...]) -> str:
    """ORDER BY centre name, unit name, carer's name key, id (SQLite: NULL first; text
    by code point, as Python compares str) as one string: parts joined by NUL (in no
    name), a missing name as NUL before any name. Sorts like the tuple, much quicker."""
    centre = "\0" if row[9] is None else f"\1{row[9]}"
    unit = "\0" if row[11] is None else f"\1{row[11]}"
    return f"{centre}\0{unit}\0{row[12]}\0{row[0]:012d}"


def read_source_rows(
    db: Database, first: date, last: date, size: int = 500
) -> Generator[None, None, SourceRows]:
    """Placements with a day placed between `first` and `last`: their periods, board
    increases and decided fee uplifts (R-4 with outcome "increase") that touch those
    months, and who is paid where. Yields after each window of `size` placement ids
    (each window is its own few queries; no cursor stays open in between); returns
    the rows."""
    lo, hi = first.isoformat(), last.isoformat()
    raw = SourceRows({}, {}, {}, [])
    bounds = db.execute("SELECT min(id), max(id) FROM placements").fetchone()
    if bounds is None or bounds[0] is None:
        return raw
    periods, increases, uplifts = raw.periods, raw.increases, raw.uplifts
    names: dict[str | None, str | None] = {}

    def name(text: str | None) -> str | None:
        return names.setdefault(text, text)

    for start in range(int(bounds[0]), int(bounds[1]) + 1, size):
        window = [start, start + size - 1]
        for pid, kind, doc, begin, end in db.execute(
            "SELECT placement_id, kind, document_no, from_date, to_date FROM placement_periods "
            f"WHERE placement_id BETWEEN ? AND ? AND {_OVERLAP} ORDER BY placement_id, from_date",
            [*window, hi, lo],
        ).fetchall():
            periods.setdefault(pid, []).append((kind, doc, begin, end))
        for pid, percent, begin, end, decision_no, decision_date in db.execute(
            "SELECT placement_id, percent, from_date, to_date, decision_no, decision_date "
            f"FROM board_increases WHERE placement_id BETWEEN ? AND ? AND {_OVERLAP} "
            "ORDER BY from_date, id",
            [*window, hi, lo],
        ).fetchall():
            ref = decision_no or (f"z dne {decision_date}" if decision_date else "")
            increases.setdefault(pid, []).append(
                Document(Period(date.fromisoformat(begin), optional_date(end)), ref, int(percent))
            )
        for pid, percent, begin, end, resolution_no, case_no in db.execute(
            "SELECT placement_id, decision_percent, decision_from, decision_to, resolution_no, "
            "case_no FROM r4_cases WHERE placement_id BETWEEN ? AND ? "
            "AND outcome = 'increase' AND decision_percent IS NOT NULL "
            "AND decision_from IS NOT NULL AND decision_from <= ? "
            "AND (decision_to IS NULL OR decision_to >= ?) ORDER BY decision_from, id",
            [*window, hi, lo],
        ).fetchall():
            uplifts.setdefault(pid, []).append(
                Document(
                    Period(date.fromisoformat(begin), optional_date(end)),
                    resolution_no or case_no or "",
                    int(percent),
                )  # fmt: skip
            )
        # Kept until the run takes them: the centre's and unit's names once each, not
        # once a row, and the name key only in the sort key.
        found = [
            (_run_order(r), (*r[:9], name(r[9]), r[10], name(r[11])))
            for r in db.execute(_PLACEMENTS, window).fetchall()
            if r[0] in periods
        ]
        found.sort()  # keys are unique (the id ends them): rows are never compared
        raw.windows.append(found)
        yield
    return raw


def make_sources(raw: SourceRows, rows: Iterable[tuple[Any, ...]]) -> list[PlacementSource]:
    """The placements of ``rows`` (taken from ``raw.ordered()``) as run sources; what
    ``raw`` held for them is let go (each placement is made once)."""
    sources = []
    shared: dict[str, str] = {}
    # Periods are immutable and placements share their days: each (from, to) made once.
    spans: dict[tuple[str, str | None], Period] = {}
    for row in rows:
        pid = row[0]
        docs = []
        for kind, doc, begin, finish in raw.periods.pop(pid):
            period = spans.get((begin, finish))
            if period is None:
                period = spans[begin, finish] = Period(
                    date.fromisoformat(begin), optional_date(finish)
                )
            docs.append(Document(period, _period_reference(kind, doc, row[1])))
        part_time = PartTimePlacement(Decimal(row[7] or "0")) if row[6] else None
        sources.append(
            PlacementSource(
                pid,
                row[1],
                row[2],
                row[3],
                row[4],
                row[5],
                row[8],
                shared.setdefault(row[9] or "", row[9] or ""),
                row[10],
                shared.setdefault(row[11] or "", row[11] or ""),
                PlacementInputs(
                    tuple(docs),
                    tuple(raw.increases.pop(pid, ())),
                    tuple(raw.uplifts.pop(pid, ())),
                    part_time,
                ),
            )  # fmt: skip
        )
    return sources


def placement_sources(db: Database, first: date, last: date) -> list[PlacementSource]:
    """Every placement with a day placed between `first` and `last`, with its periods,
    board increases and decided fee uplifts (R-4 with outcome "increase") that touch
    those months. The centre and unit are the child's (the centre that pays)."""
    steps = read_source_rows(db, first, last)
    while True:
        try:
            next(steps)
        except StopIteration as stop:
            raw: SourceRows = stop.value
            return make_sources(raw, raw.ordered())


def one_off_sources(db: Database, last: date) -> list[OneOffSource]:
    """One-off payments dated on or before `last`, with who is paid and where."""
    cursor = db.execute(
        """
        SELECT o.id, o.placement_id, o.carer_id, c.name, coalesce(ch.name, ''),
               coalesce(p.contract_no, ''), c.iban, ce.id, ce.name, u.id, u.name, o.kind,
               o.amount, o.date, coalesce(o.note, '')
        FROM one_off_payments o
        JOIN carers c ON c.id = o.carer_id
        LEFT JOIN placements p ON p.id = o.placement_id
        LEFT JOIN children ch ON ch.id = p.child_id
        LEFT JOIN centres ce ON ce.id = coalesce(p.child_centre_id, ch.centre_id, c.centre_id)
        LEFT JOIN units u ON u.id = coalesce(ch.unit_id, c.unit_id)
        WHERE o.date <= ?
        ORDER BY o.date, o.id
        """,
        [last.isoformat()],
    )
    return [
        OneOffSource(
            r[0],
            r[1],
            r[2],
            r[3],
            r[4],
            r[5],
            r[6],
            r[7],
            r[8] or "",
            r[9],
            r[10] or "",
            r[11],
            Decimal(r[12]),
            date.fromisoformat(r[13]),
            r[14],
        )  # fmt: skip
        for r in cursor.fetchall()
    ]
