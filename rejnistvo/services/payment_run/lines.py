"""A run and its lines: ``PaymentRun``, ``RunLine``, the lazily made ``RunLines``
(what a computed line is made from, ``Entry``), and the types every part of the run
shares."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any, cast, overload

from rejnistvo.rules.money import ZERO
from rejnistvo.rules.payment_run import (
    MONTH,
    OVERPAYMENT,
    PAID_KINDS,
    UNDONE,
    Amounts,
    BasisMaker,
    basis,
    basis_text,
    basis_without_days,
    calc_inputs,
    components,
    month_reason,
    reasons,
    reasons_by_month,
    reasons_of_texts,
    unit_label,
)
from rejnistvo.rules.periods import format_date, month_name
from rejnistvo.store import ledger
from rejnistvo.store.ledger import PlacementSource

#: ``progress(done, total) -> bool``: called as the work goes on; False cancels it.
Progress = Callable[[int, int], bool]

OPEN = "open"
CLOSED = "closed"


class RunCancelled(Exception):
    """The progress callback asked to stop; nothing was written."""


@dataclass(slots=True)
class RunLine:
    """One line of a run (SPEC 3.6, 6). Treated as immutable once the run is made; not a
    frozen dataclass because a frozen one's ``__init__`` sets each of its twenty fields
    through ``object.__setattr__``, ten times the cost of a plain one, and a run after a
    backdated correction makes 270,000 of them (its basis dict made it unhashable anyway)."""

    kind: str
    for_month: date
    placement_id: int | None
    carer_id: int | None
    carer: str
    child: str
    contract: str
    iban: str | None
    centre_id: int | None
    centre: str
    unit_id: int | None
    unit: str
    days: int
    factor: str
    amounts: Amounts
    reason: str
    basis: dict[str, Any] | str | None  # str: as the ledger keeps it (JSON), parsed on use
    one_off_id: int | None = None
    line_id: int | None = None  # the ledger line of a closed month
    settlement: str = ""  # how an overpayment was settled, in words
    #: an undone overpayment's line (``UNDONE``) of a computed run: (the overpayment's
    #: ledger line id, or its line in the same run — a deleted one-off payment's, given
    #: back by the payment entered again —, whether this line gives back all that was
    #: left of it)
    undoes: tuple[int | RunLine, bool] | None = None
    #: an overpayment of a closed month: settled, or given back whole by a later change
    cleared: bool = False
    #: an overpayment of a closed month part of which a later change gave back: what is
    #: left to recover (positive); None: all of it, as found
    left: Decimal | None = None

    @property
    def total(self) -> Decimal:
        return self.amounts.total

    @property
    def inputs(self) -> dict[str, Any] | None:
        data = json.loads(self.basis) if isinstance(self.basis, str) else self.basis
        return calc_inputs(data, self.for_month)


#: A line of a computed run before it is made (``RunLines``): kind, amounts, placement,
#: month, today's payment, factor text, the ids of its rate rows, the placement's
#: ``BasisMaker`` (None: not rechecked) and the basis id of what the ledger paid for the
#: month (None: nothing, or a line without a basis). A plain tuple: 270,000 after a
#: backdated rate.
Entry = tuple[str, Amounts, PlacementSource, date, Any, str, tuple[int, ...], Any, int | None]


class RunLines(Sequence[RunLine]):
    """A run's lines in run order, each made when it is first asked for (then kept).

    A computed run keeps each line as an ``Entry``, what it is made from: after a
    backdated rate a run has 270,000 lines, and the screen shows a few dozen at a time,
    the close writes them straight from the entries (``ledger_rows``), and the sums
    (``summary``) need no line at all. The reason of a difference is worded when its
    line is made, from the basis the ledger paid (its text, read with the run) and
    today's; both are shared, so each pair is worded once. Lines made here are the
    lines a run made all at once would hold (tests compare them)."""

    __slots__ = (
        "_entries", "_made", "_with_basis", "_old_texts", "_old", "_worded", "_monthly", "_first",
        "_sums", "_written",
    )  # fmt: skip

    def __init__(
        self,
        entries: Sequence[RunLine | Entry],
        with_basis: bool = True,
        old_texts: dict[int, str] | None = None,
    ) -> None:
        self._entries = entries
        self._made: list[RunLine | None] = [None] * len(entries)
        self._with_basis = with_basis
        self._old_texts = old_texts or {}
        self._old: dict[int, dict[str, Any]] = {}
        #: (id of the paid basis, id of today's, the components of the line) -> (today's
        #: basis, the words): the basis is kept so that its id is not reused while the
        #: memo lives
        self._worded: dict[tuple[int, int, int], tuple[Any, str | None]] = {}
        #: (ids of the two bases, month, components) -> the words, where they depend on
        #: the month
        self._monthly: dict[tuple[int, int, date, int], str] = {}
        self._first: int | None = None
        self._sums: tuple[Decimal, Decimal] | None = None
        #: by line, what ``ledger_entries`` worked out for the ledger where it made no
        #: line: (the reason, …, the basis as the ledger keeps it), or None
        self._written: list[tuple[Any, ...] | None] | None = None

    def __len__(self) -> int:
        return len(self._entries)

    @overload
    def __getitem__(self, index: int) -> RunLine: ...

    @overload
    def __getitem__(self, index: slice) -> list[RunLine]: ...

    def __getitem__(self, index: int | slice) -> RunLine | list[RunLine]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self._entries)))]
        line = self._made[index]
        if line is None:
            if index < 0:
                index += len(self._entries)
            line = self._made[index] = self._make(self._entries[index], index)
        return line

    def __iter__(self) -> Iterator[RunLine]:
        for index in range(len(self._entries)):
            yield self[index]

    def __eq__(self, other: object) -> bool:
        if isinstance(other, RunLines | tuple | list):
            return len(self) == len(other) and all(a == b for a, b in zip(self, other, strict=True))
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]

    def summary(self, index: int) -> tuple[str, Amounts, str, str]:
        """(kind, amounts, centre, unit) of a line, without making it."""
        entry = self._entries[index]
        if isinstance(entry, RunLine):
            return entry.kind, entry.amounts, entry.centre, entry.unit
        src = entry[2]
        return entry[0], entry[1], src.centre_name, src.unit_name

    def left_to_recover(self, index: int) -> Decimal:
        """What an overpayment line still asks back (positive), without making it: all of
        it in a computed run (found now, nothing recorded for it yet); in a closed month
        nothing once settled or given back whole, else what a later change left of it."""
        entry = self._entries[index]
        if not isinstance(entry, RunLine):
            return -entry[1].total
        if entry.cleared:
            return ZERO
        return -entry.amounts.total if entry.left is None else max(entry.left, ZERO)

    def kinds(self) -> Iterator[tuple[str, Amounts]]:
        """(kind, amounts) of each line in order, without making them."""
        for entry in self._entries:
            if isinstance(entry, RunLine):
                yield entry.kind, entry.amounts
            else:
                yield entry[0], entry[1]

    def sums(self) -> tuple[Decimal, Decimal]:
        """(what the run pays, the sum of its overpayments, negative), added up once."""
        if self._sums is None:
            paid = over = ZERO
            paid_kinds = PAID_KINDS
            # the entries themselves, not ``kinds``: 270,000 after a backdated rate
            for entry in self._entries:
                if type(entry) is tuple:
                    kind, amounts = entry[0], entry[1]
                else:
                    line = cast(RunLine, entry)
                    kind, amounts = line.kind, line.amounts
                if kind == OVERPAYMENT:
                    over += amounts.total
                elif kind in paid_kinds:
                    paid += amounts.total
            self._sums = (paid, over)
        return self._sums

    def set_first_line_id(self, first: int) -> None:
        """The lines were written to the ledger with consecutive ids from `first`."""
        self._first = first
        for index, line in enumerate(self._made):
            if line is not None:
                line.line_id = first + index

    def undoings(self, first_id: int) -> list[tuple[int, int, bool]]:
        """(index, overpayment line id, whether it closes it) of each line that undoes an
        overpayment (``RunLine.undoes``), the lines written with consecutive ids from
        `first_id` (an overpayment of this run is its line's): the close links them
        (m014)."""
        found = [
            (index, entry.undoes)
            for index, entry in enumerate(self._entries)
            if type(entry) is RunLine and entry.undoes is not None
        ]
        if not found:
            return []
        at: dict[int, int] = {}
        if any(type(over) is RunLine for _, (over, _closes) in found):
            at = {id(e): i for i, e in enumerate(self._entries) if type(e) is RunLine}
        return [
            (index, over if type(over) is int else first_id + at[id(over)], closes)
            for index, (over, closes) in found
        ]

    @property
    def has_bases(self) -> bool:
        """Whether lines are made with what they were computed from (``with_basis``)."""
        return self._with_basis

    def take_bases(self, one_offs: list[RunLine]) -> bool:
        """Make these lines, in place, the lines a run with bases makes (for the ledger,
        which keeps every line's basis): the entries stay (each basis is made from what
        its entry holds), the one-off lines are replaced by `one_offs`, as ``one_off_lines``
        made them again with their bases (matched by one-off id, kind and month, in order
        — a payment may have two lines of a kind, each undoing another overpayment), and
        a line made without its basis is made again when next asked for. False, and
        nothing changed, when a one-off line is not among them.

        In place, not a copy: the close takes the screen's run over, so the lines the
        screen shows (its records hold this object) are the closed month's, with their
        ledger ids, without a record made again for each (270,000 after a backdated
        rate). Kinds and amounts stay line by line, so do the sums."""
        again_by: dict[tuple[int, str, date], list[RunLine]] = {}
        for line in reversed(one_offs):
            again_by.setdefault((line.one_off_id or 0, line.kind, line.for_month), []).append(line)
        swapped: dict[int, RunLine] = {}
        for index, entry in enumerate(self._entries):
            if isinstance(entry, RunLine) and entry.one_off_id is not None:
                same = again_by.get((entry.one_off_id, entry.kind, entry.for_month))
                again = same.pop() if same else None
                if again is None or again.amounts != entry.amounts:
                    return False
                if type(entry.undoes) is tuple and type(entry.undoes[0]) is int:
                    if again.undoes != entry.undoes:
                        return False
                swapped[index] = again
        if swapped:
            entries = list(self._entries)
            for index, again in swapped.items():
                entries[index] = again
            self._entries = entries
        self._made = [None] * len(self._entries)
        self._with_basis = True
        return True

    def ledger_entries(self, writer: ledger.LineWriter) -> Iterator[ledger.Entry]:
        """Each line as the ledger writes it (`writer`'s ``Entry``), made straight from
        its entry, each distinct part resolved once: a placement's payee when its lines
        begin; the reason and basis id once for each (today's basis, paid basis), and the
        figures once for each (payment, amounts, reason). After a backdated rate 270,000
        lines have ~27,000 bases and ~1,500 figures, so a line is a few look-ups by
        identity and a tuple (``_parts`` for the rare others: a month paid nothing so
        far, a month with no day placed today, lines made without bases). A basis is
        made as the text the ledger keeps (``BasisMaker.text``), not as a dict."""
        run_id = writer.run_id
        months = writer.months
        #: (id of today's basis as text, the paid basis id or None for the month's
        #: line, the components the line's difference moves or 0) -> (reason, None where
        #: it is worded for each month; basis id; the text, kept alive so that its id is
        #: not reused)
        worded: dict[tuple[int, int | None, int], tuple[str | None, int | None, Any]] = {}
        #: (ids of today's payment and the line's amounts, reason) -> figures id; the
        #: entries keep the objects alive
        figures: dict[tuple[int, int, str], int] = {}
        whole = self._with_basis
        last: PlacementSource | None = None
        placement_id: int | None = None
        payee_id = 0
        made = self._made
        # The reason and basis text of each line written without making it: the closed
        # run's lines, when made (``run --close`` prints all 270,000 after a backdated
        # rate), take them instead of making a basis and wording the reason again.
        written = self._written = [None] * len(self._entries)
        for index, entry in enumerate(self._entries):
            if type(entry) is not tuple:  # a RunLine: a one-off or a vanished month
                yield writer.entry(_ledger_row(cast(RunLine, entry)))
                continue
            kind, amounts, src, m, p, factor, rates, maker, old = entry
            if src is not last:
                last, placement_id = src, src.placement_id
                payee_id = writer.payee(_payee(src))
            month = months.get(m) or writer.month(m)
            if (
                whole
                and maker is not None
                and (kind == MONTH or (old is not None and p.days_placed))
            ):
                # The basis as the ledger keeps it (its text; the dict is made only if
                # the reason needs it): ``maker.text`` inline where its key is the rate
                # rows alone (half the lines after a backdated rate: the placement's
                # documents cover every month), a call of its own for the others.
                text = None if maker.spans else maker.texts.get(rates)
                if text is None:
                    text = maker.text(m, p, rates)
                parts = 0 if old is None else components(amounts)
                words = worded.get((id(text), old, parts))
                if words is None:
                    # a month's line (``old`` None: nothing paid to differ from) names a
                    # weekend-only placement; the same text, the same placement's terms
                    reason: str | None = month_reason(src.inputs)
                    if old is not None:
                        reason, fixed = self._reason_of_text(old, text, entry)
                        reason = reason if fixed else None
                    words = worded[id(text), old, parts] = (reason, writer.basis(text), text)
                reason = words[0]
                if reason is None:  # worded for each month (``_reason`` keeps them)
                    reason = self._reason_of_text(cast(int, old), text, entry)[0]
                    written[index] = (reason, text)
                else:
                    written[index] = words
                figures_id = figures.get((id(p), id(amounts), reason))
                if figures_id is None:
                    figures_id = figures[id(p), id(amounts), reason] = writer.figures(
                        p.days_placed, factor, amounts, reason
                    )
                yield (run_id, kind, month, placement_id, None, payee_id, figures_id, words[1])
                continue
            # The line itself is made and kept (its basis is made once, not again when
            # the closed run is printed or shown: the usual close, where no placement
            # changed, writes every month's line this way). A month's line of a placement
            # not rechecked keeps its basis as the text the ledger keeps (``basis_text``,
            # from the JSON of its parts, half the time of a dict encoded; ``inputs``
            # parses it when asked for, as for a closed month read from the ledger).
            line = made[index]
            if line is None:
                if whole and maker is None and kind == MONTH:
                    line = made[index] = RunLine(
                        kind, m, placement_id, src.carer_id, src.carer_name, src.child_name,
                        src.contract_no, src.iban, src.centre_id, src.centre_name, src.unit_id,
                        src.unit_name, p.days_placed, factor, amounts, month_reason(src.inputs),
                        basis_text(m, src.inputs, p),
                    )  # fmt: skip
                    if self._first is not None:
                        line.line_id = self._first + index
                else:
                    line = made[index] = self._make(entry, index)
            yield (
                run_id, kind, month, placement_id, None, payee_id,
                writer.figures(line.days, factor, amounts, line.reason),
                writer.basis(line.basis),
            )  # fmt: skip

    def _parts(self, entry: Entry) -> tuple[int, str, dict[str, Any] | None]:
        """(days, reason, basis) of a line: what an entry does not hold ready."""
        kind, _amounts, src, m, p, _factor, rates, maker, old_id = entry
        days: int = p.days_placed
        if kind == MONTH:
            reason = month_reason(src.inputs)
            if not self._with_basis:
                return days, reason, None
            if maker is None:
                return days, reason, basis(m, src.inputs, p)
            return days, reason, maker.make(m, p, rates)
        if not days:
            paid = self._paid_basis(old_id)
            made = _no_days_basis(src, paid) if self._with_basis else None
            return days, _no_days_reason(src, m), made
        new = (maker or BasisMaker(src.inputs)).make(m, p, rates)
        reason = self._reason(old_id, new, m, components(entry[1]))
        return days, reason, new if self._with_basis else None

    def _reason_of_text(self, old_id: int, text: str, entry: Entry) -> tuple[str, bool]:
        """(``_reason`` for the line of `entry`, whose basis as the ledger keeps it is
        `text`; whether those words serve every month of the pair): from the two texts
        where they differ in their rate rows alone (``reasons_of_texts``: neither basis
        is parsed or made; the same words for any month), else as ``_reason`` (which
        names only the changes that reach into the month)."""
        _kind, amounts, _src, month, p, _factor, rates, maker, _old = entry
        parts = components(amounts)
        old = self._old_texts.get(old_id)
        words = None if old is None else reasons_of_texts(old, text, month, parts)
        if words is None:
            return self._reason(old_id, maker.make(month, p, rates), month, parts), False
        return words, True

    def _paid_basis(self, old_id: int | None) -> dict[str, Any] | None:
        """The basis the ledger paid the month from (parsed once), or None."""
        if old_id is None:
            return None
        old = self._old.get(old_id)
        if old is None:
            text = self._old_texts.get(old_id)
            if text is None:
                return None
            old = self._old[old_id] = json.loads(text)
        return old

    def _reason(self, old_id: int | None, new: dict[str, Any], month: date, parts: int) -> str:
        """The words of a difference of the components `parts` (``components``)."""
        old = self._paid_basis(old_id)
        if old is None:
            return reasons(None, new, month)
        pair = (id(old), id(new), parts)
        known = self._worded.get(pair)
        if known is None:
            # Where the documents differ the words depend on the month (only changes
            # that reach into it are named): worded for each month apart.
            words = None if reasons_by_month(old, new) else reasons(old, new, month, parts)
            known = self._worded[pair] = (new, words)
        if known[1] is not None:
            return known[1]
        key = (id(old), id(new), month, parts)
        found = self._monthly.get(key)
        if found is None:
            found = self._monthly[key] = reasons(old, new, month, parts)
        return found

    def _make(self, entry: RunLine | Entry, index: int) -> RunLine:
        if isinstance(entry, RunLine):
            if self._first is not None:
                entry.line_id = self._first + index
            return entry
        kind, amounts, src, m, p, factor, _rates, _maker, _old = entry
        known = self._written[index] if self._written is not None else None
        if known is not None:  # written to the ledger: its reason and basis text
            days, reason, line_basis = p.days_placed, known[0], known[-1]
        else:
            days, reason, line_basis = self._parts(entry)
        line = RunLine(
            kind, m, src.placement_id, src.carer_id, src.carer_name, src.child_name,
            src.contract_no, src.iban, src.centre_id, src.centre_name, src.unit_id,
            src.unit_name, days, factor, amounts, reason, line_basis,
        )  # fmt: skip
        if self._first is not None:
            line.line_id = self._first + index
        return line


@dataclass(frozen=True)
class PaymentRun:
    month: date
    status: str
    lines: RunLines
    warnings: tuple[str, ...]
    closed_on: date | None = None
    closed_by: str = ""

    @property
    def total(self) -> Decimal:
        """What the run pays: months, arrears and one-off payments (never overpayments)."""
        return self.lines.sums()[0]

    @property
    def overpayments(self) -> Decimal:
        """The overpayments listed apart (a positive figure: what is to be recovered)."""
        return -self.lines.sums()[1]

    def paid_lines(self) -> list[RunLine]:
        lines = self.lines
        return [lines[i] for i, (kind, _) in enumerate(lines.kinds()) if kind in PAID_KINDS]

    def overpayment_lines(self) -> list[RunLine]:
        lines = self.lines
        return [lines[i] for i, (kind, _) in enumerate(lines.kinds()) if kind == OVERPAYMENT]

    def undone_lines(self) -> list[RunLine]:
        """Overpayments of earlier runs given back by a later change (not paid)."""
        lines = self.lines
        return [lines[i] for i, (kind, _) in enumerate(lines.kinds()) if kind == UNDONE]

    @property
    def undone(self) -> Decimal:
        """What the run gave back of open overpayments (positive; neither paid nor
        recovered)."""
        return sum((a.total for kind, a in self.lines.kinds() if kind == UNDONE), ZERO)

    def totals_by(self, level: str) -> list[tuple[str, Decimal]]:
        """Paid totals per "centre" or per "unit" ("centre – unit"), in line order."""
        sums: dict[str, Decimal] = {}
        for index in range(len(self.lines)):
            kind, amounts, centre, unit = self.lines.summary(index)
            if kind not in PAID_KINDS:
                continue
            key = centre if level == "centre" else unit_label(centre, unit)
            sums[key] = sums.get(key, ZERO) + amounts.total
        return list(sums.items())


def _no_days_basis(src: PlacementSource, paid: dict[str, Any] | None) -> dict[str, Any] | None:
    """The inputs of a month with no day placed today (SPEC 6: `calc` recomputes the
    line; QA10 found them null): the placement's periods of today, none of which reaches
    into the month, so `calc` gives 0 days and 0,00, and the rate rows the month was paid
    with (`calc` asks for at least one; with no day placed none is used). None where the
    ledger kept no basis for the month or the placement has no period left."""
    if paid is None or not paid.get("rates") or not src.inputs.periods:
        return None
    return basis_without_days(src.inputs, paid["rates"])


def _no_days_reason(src: PlacementSource, month: date) -> str:
    """A closed month with no placed day today: the placement ended earlier, or its
    periods were moved."""
    ends = [d.period.end for d in src.inputs.periods]
    if ends and all(end is not None and end < month for end in ends):
        last = max(end for end in ends if end is not None)
        return (
            f"namestitev se je končala {format_date(last)}; "
            f"v mesecu {month_name(month)} ni dni namestitve"
        )
    return f"po današnjih podatkih v mesecu {month_name(month)} ni dni namestitve"


def _ledger_row(line: RunLine) -> ledger.LineRow:
    payee = (
        line.carer_id, line.carer, line.child, line.contract, line.iban, line.centre_id,
        line.centre, line.unit_id, line.unit,
    )  # fmt: skip
    return (
        line.kind, line.for_month, line.placement_id, line.one_off_id, payee, line.days,
        line.factor, line.amounts, line.reason, line.basis,
    )  # fmt: skip


def _payee(src: PlacementSource) -> ledger.Payee:
    return (
        src.carer_id, src.carer_name, src.child_name, src.contract_no, src.iban, src.centre_id,
        src.centre_name, src.unit_id, src.unit_name,
    )  # fmt: skip
