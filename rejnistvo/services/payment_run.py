"""The monthly payment run (SPEC 3.6): run a month, close it, reopen the latest closed
month with a reason, record how an overpayment was settled.

* ``payment_run(db, month, clock)`` — the run of a month: a closed month exactly as it
  was paid (from the ledger); the next month to close computed from today's data, with
  arrears and overpayments for every earlier closed month. A month before the first
  closed one, or two months or more after the last closed one, is refused
  (``InputError`` naming the month to run).
* ``close_month(db, month, clock)`` — writes the run to the ledger in one transaction
  with the date and the user, audited. Months close in order.
* ``reopen_month(db, month, reason, clock)`` — only the latest closed month, with a
  reason, audited; its lines leave the ledger (the reopening log keeps what was closed).
* ``settle_overpayment(db, line_id, method, offset_month, note, clock)`` and
  ``unsettled_overpayments(db)`` (the deadlines screen lists these).
* ``run_document(run)`` — the JSON of SPEC 6 ``run``.
* ``paid_outside_notice(db, day)`` and ``reentered_one_off_notice(db, payment)`` — what
  the window tells before it saves a one-off payment the run would not pay as typed
  (dated before the ledger began; entered again after a paid one was deleted: it first
  undoes that one's open overpayment).
* ``run_steps(db, month, with_basis=…)`` — the same run a slice at a time (a generator
  of (done, total), returning the run), for the window, which computes between paints;
  ``data_stamp(db)`` tells whether anything was written since a run was made (then it
  is made again). ``with_basis=False`` leaves out each line's ``inputs`` (the screen
  does not show them; a run of 20,000 lines takes a third of the memory).

A computed run's ``lines`` (``RunLines``) make each line when it is first asked for:
the run keeps what a line is made from, the sums and the screen's tabs need no line,
and the close writes the ledger's rows straight from it (after a backdated rate a run
has 270,000 lines).
"""

from __future__ import annotations

import json
from bisect import bisect_right
from collections.abc import Callable, Generator, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from functools import cache
from itertools import islice
from json.encoder import encode_basestring  # the encoder's own (ensure_ascii=False)
from typing import Any, TypeVar, cast, overload

from rejnistvo.clock import Clock
from rejnistvo.collector import collector_paused
from rejnistvo.printing.formats import fmt_amount
from rejnistvo.rules.errors import InputError, MissingRateError, RuleError
from rejnistvo.rules.money import ZERO
from rejnistvo.rules.months import (
    Adjustment,
    PartTimePlacement,
    month_range,
    shared_month_payments,
)
from rejnistvo.rules.payment_run import (
    ARREARS,
    MONTH,
    NO_AMOUNTS,
    ONE_OFF,
    OVERPAYMENT,
    PAID_KINDS,
    UNDONE,
    Amounts,
    BasisMaker,
    amounts_of,
    basis,
    basis_text,
    calc_inputs,
    calc_request,
    closed_month_check,
    difference_kind,
    factor_text,
    reasons,
    reasons_by_month,
    reasons_of_texts,
    undo_of,
    undo_reason,
)
from rejnistvo.rules.periods import (
    Period,
    add_months,
    first_of_month,
    last_of_month,
    month_name,
)
from rejnistvo.rules.rates import RateTable, missing_indexations
from rejnistvo.rules.text import surname_sort_keys
from rejnistvo.services.rates import rate_table
from rejnistvo.store import ledger
from rejnistvo.store.audit import os_user, write_audit
from rejnistvo.store.ledger import PlacementSource
from rejnistvo.store.repository import get_setting

#: ``progress(done, total) -> bool``: called as the work goes on; False cancels it.
Progress = Callable[[int, int], bool]

OPEN = "open"
CLOSED = "closed"
_KIND_ORDER = {MONTH: 0, ONE_OFF: 1, ARREARS: 2, OVERPAYMENT: 3, UNDONE: 4}


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
_Entry = tuple[str, Amounts, PlacementSource, date, Any, str, tuple[int, ...], Any, int | None]


class RunLines(Sequence[RunLine]):
    """A run's lines in run order, each made when it is first asked for (then kept).

    A computed run keeps each line as an ``_Entry``, what it is made from: after a
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
        entries: Sequence[RunLine | _Entry],
        with_basis: bool = True,
        old_texts: dict[int, str] | None = None,
    ) -> None:
        self._entries = entries
        self._made: list[RunLine | None] = [None] * len(entries)
        self._with_basis = with_basis
        self._old_texts = old_texts or {}
        self._old: dict[int, dict[str, Any]] = {}
        #: (id of the paid basis, id of today's) -> (today's basis, the words): the basis
        #: is kept so that its id is not reused while the memo lives
        self._worded: dict[tuple[int, int], tuple[Any, str | None]] = {}
        #: (ids of the two bases, month) -> the words, where they depend on the month
        self._monthly: dict[tuple[int, int, date], str] = {}
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
            for kind, amounts in self.kinds():
                if kind == OVERPAYMENT:
                    over += amounts.total
                elif kind in PAID_KINDS:
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
        its entry holds), the one-off lines are replaced by `one_offs`, as ``_one_offs``
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
        #: line) -> (reason, None where it is worded for each month; basis id; the text,
        #: kept alive so that its id is not reused)
        worded: dict[tuple[int, int | None], tuple[str | None, int | None, Any]] = {}
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
                words = worded.get((id(text), old))
                if words is None:
                    reason: str | None = ""
                    if old is not None:
                        reason, fixed = self._reason_of_text(old, text, entry)
                        reason = reason if fixed else None
                    words = worded[id(text), old] = (reason, writer.basis(text), text)
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
                        src.unit_name, p.days_placed, factor, amounts, "",
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

    def _parts(self, entry: _Entry) -> tuple[int, str, dict[str, Any] | None]:
        """(days, reason, basis) of a line: what an entry does not hold ready."""
        kind, _amounts, src, m, p, _factor, rates, maker, old_id = entry
        days: int = p.days_placed
        if kind == MONTH:
            if not self._with_basis:
                return days, "", None
            if maker is None:
                return days, "", basis(m, src.inputs, p)
            return days, "", maker.make(m, p, rates)
        if not days:
            return days, _no_days_reason(src, m), None
        new = (maker or BasisMaker(src.inputs)).make(m, p, rates)
        return days, self._reason(old_id, new, m), new if self._with_basis else None

    def _reason_of_text(self, old_id: int, text: str, entry: _Entry) -> tuple[str, bool]:
        """(``_reason`` for the line of `entry`, whose basis as the ledger keeps it is
        `text`; whether those words serve every month of the pair): from the two texts
        where they differ in their rate rows alone (``reasons_of_texts``: neither basis
        is parsed or made; the same words for any month), else as ``_reason`` (which
        names only the changes that reach into the month)."""
        _kind, _amounts, _src, month, p, _factor, rates, maker, _old = entry
        old = self._old_texts.get(old_id)
        words = None if old is None else reasons_of_texts(old, text, month)
        if words is None:
            return self._reason(old_id, maker.make(month, p, rates), month), False
        return words, True

    def _reason(self, old_id: int | None, new: dict[str, Any], month: date) -> str:
        if old_id is None:
            return reasons(None, new, month)
        old = self._old.get(old_id)
        if old is None:
            text = self._old_texts.get(old_id)
            if text is None:
                return reasons(None, new, month)
            old = self._old[old_id] = json.loads(text)
        pair = (id(old), id(new))
        known = self._worded.get(pair)
        if known is None:
            # Where the documents differ the words depend on the month (only changes
            # that reach into it are named): worded for each month apart.
            words = None if reasons_by_month(old, new) else reasons(old, new, month)
            known = self._worded[pair] = (new, words)
        if known[1] is not None:
            return known[1]
        key = (id(old), id(new), month)
        found = self._monthly.get(key)
        if found is None:
            found = self._monthly[key] = reasons(old, new, month)
        return found

    def _make(self, entry: RunLine | _Entry, index: int) -> RunLine:
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
            key = centre if level == "centre" else f"{centre} – {unit}"
            sums[key] = sums.get(key, ZERO) + amounts.total
        return list(sums.items())


# --------------------------------------------------------------------------- reading


def closed_months(db: Any) -> list[ledger.ClosedRun]:
    return ledger.closed_runs(db)


def next_month_to_close(db: Any, today: date) -> date:
    """The month after the last closed one; with nothing closed, the current month."""
    _, last = ledger.closed_range(db)
    return add_months(last, 1) if last is not None else first_of_month(today)


def check_month(db: Any, month: date) -> None:
    first, last = ledger.closed_range(db)
    refusal = closed_month_check(first_of_month(month), first, last)
    if refusal:
        raise InputError("month", refusal)


#: The run a slice at a time: yields (done, total) between slices; returns the run.
RunSteps = Generator[tuple[int, int], None, "PaymentRun"]

#: Placements computed (or closed lines read) between two yields of ``run_steps``: a
#: slice is a few tens of milliseconds, so a window driving it keeps painting.
SLICE = 200
PAGE = 250


def payment_run(
    db: Any,
    month: date,
    clock: Clock,
    progress: Progress | None = None,
    *,
    with_basis: bool = True,
) -> PaymentRun:
    """The run of `month` (any day of it): as paid if closed, else computed today.
    ``with_basis=False`` leaves out what each line was computed from (``RunLine.basis``,
    the JSON of SPEC 6 ``inputs``): what a screen shows, in a fraction of the memory."""
    return drive(run_steps(db, month, with_basis=with_basis), progress)


def run_steps(db: Any, month: date, *, with_basis: bool = True) -> RunSteps:
    """``payment_run`` a slice at a time, for a caller that does other work in between
    (the window paints and answers the user). Nothing is read before the first step;
    an unrunnable month raises ``InputError`` then. The database is read at the start
    and at the end: a caller that lets anything be written in between must compare
    ``data_stamp`` and start again when it changed (the result would mix both)."""
    return (yield from _paused_steps(_month_steps(db, month, with_basis)))


def _month_steps(db: Any, month: date, with_basis: bool) -> RunSteps:
    month = first_of_month(month)
    check_month(db, month)
    closed = ledger.closed_run(db, month)
    if closed is not None:
        return (yield from _closed_steps(db, closed, with_basis))
    return (yield from _compute_steps(db, month, with_basis))


def _paused_steps(steps: RunSteps) -> RunSteps:
    """``steps`` with the collector paused while each slice is computed and on again
    (if it was) whenever the caller has control between slices."""
    try:
        while True:
            with collector_paused():
                try:
                    step = next(steps)
                except StopIteration as stop:
                    run: PaymentRun = stop.value
                    return run
            yield step
    finally:
        steps.close()


def drive(steps: RunSteps, progress: Progress | None = None) -> PaymentRun:
    """Run ``steps`` to the end, reporting each slice; ``RunCancelled`` when the progress
    callback returns False. The collector stays paused throughout (``rejnistvo.collector``)."""
    with collector_paused():
        while True:
            try:
                done, total = next(steps)
            except StopIteration as stop:
                run: PaymentRun = stop.value
                if progress is not None and progress(len(run.lines), len(run.lines)) is False:
                    raise RunCancelled() from None
                return run
            if progress is not None and progress(done, total) is False:
                steps.close()
                raise RunCancelled()


def data_stamp(db: Any) -> tuple[int, int]:
    """Changes to the file as seen from this connection (``store.ledger.data_stamp``): a
    run shown with the same stamp is still today's; a different one means recompute."""
    return ledger.data_stamp(db)


def _closed_steps(db: Any, run: ledger.ClosedRun, with_basis: bool) -> RunSteps:
    """A closed month exactly as paid, read from the ledger a page at a time."""
    lines: list[RunLine] = []
    for page in ledger.run_line_pages(db, run.id, _closed_line, PAGE, with_basis):
        over = [line for line in page if line.kind == OVERPAYMENT]
        if over:
            ids = [line.line_id for line in over if line.line_id]
            done = ledger.settlements(db, ids)
            undone = ledger.undoings_of(db, ids)
            for line in over:
                given = undone.get(line.line_id or 0, [])
                texts = [undoing_text(*u) for u in given]
                if line.line_id in done:
                    texts.append(settlement_text(done[line.line_id]))
                line.settlement = "; ".join(texts)
                if given:
                    line.left = -line.amounts.total - sum((u[1] for u in given), ZERO)
                line.cleared = line.line_id in done or (line.left is not None and line.left <= 0)
        lines += page
        yield len(lines), run.line_count
    return PaymentRun(
        run.month,
        CLOSED,
        RunLines(lines),
        run.warnings,
        run.closed_on,
        run.closed_by,
    )


def undoing_text(run_month: date, amount: Decimal, closes: bool) -> str:
    """How much of an overpayment a later run gave back (m014), in words."""
    whole = "v celoti" if closes else f"za {fmt_amount(amount)} EUR"
    return f"s poznejšo spremembo razveljavljeno {whole} v izplačilu za {month_name(run_month)}"


def settlement_text(s: ledger.Settlement | None) -> str:
    if s is None:
        return ""
    if s.method == "offset" and s.offset_month is not None:
        text = f"poračunano z izplačilom za {month_name(s.offset_month)}"
    else:
        text = "poravnano z vračilom (poziv k vračilu)"
    return f"{text}, vpisano {s.settled_on.day}. {s.settled_on.month}. {s.settled_on.year}" + (
        f" – {s.note}" if s.note else ""
    )


def _closed_line(
    line_id: int,
    run_id: int,
    kind: str,
    for_month: date,
    placement_id: int | None,
    one_off_id: int | None,
    carer_id: int | None,
    carer: str,
    child: str,
    contract: str,
    iban: str | None,
    centre_id: int | None,
    centre: str,
    unit_id: int | None,
    unit: str,
    days: int,
    factor: str,
    amounts: Amounts,
    reason: str,
    line_basis: str | None,
) -> RunLine:
    """A closed month's line from the ledger's fields (``ledger.LedgerLine``'s order),
    made straight into a run line."""
    return RunLine(
        kind, for_month, placement_id, carer_id, carer, child, contract, iban, centre_id,
        centre, unit_id, unit, days, factor, amounts, reason, line_basis, one_off_id, line_id,
    )  # fmt: skip


#: A payment as a line shows it: (amounts, factor text, the ids of its rate rows).
_Shown = tuple[Amounts, str, tuple[int, ...]]
#: A difference as a line shows it: (amounts, kind, factor text, the ids of the rate
#: rows, the kind's place in the run order as a part of ``_Order``'s key).
_Difference = tuple[Amounts, str, str, tuple[int, ...], int]


class _Figures:
    """What the lines of one run share, made once: a month's payment as a line shows it,
    and the difference between a payment and what the ledger holds. The rules hand the
    same ``MonthPayment`` to thousands of placements and the ledger's amounts are the
    same few tuples (``ledger.paid_month_steps``), so after a backdated rate 270,000
    differences are a few thousand subtractions. Keyed by identity; each entry keeps its
    objects alive, so no identity is reused while the memo lives."""

    __slots__ = ("payments", "differences")

    def __init__(self) -> None:
        self.payments: dict[int, tuple[Any, _Shown]] = {}
        #: (id of the payment, id of the paid figures) -> (payment, figures, difference
        #: or None when equal); the run looks it up inline, ``difference`` fills it
        self.differences: dict[tuple[int, int], tuple[Any, Any, _Difference | None]] = {}

    def payment(self, p: Any) -> _Shown:
        known = self.payments.get(id(p))
        if known is None:
            shown = (
                amounts_of(p), factor_text(p.factor, p.days_placed),
                tuple([id(r) for r in p.rates]),
            )  # fmt: skip
            known = self.payments[id(p)] = (p, shown)
        return known[1]

    def new_month(self, p: Any) -> _Difference:
        """A month paid nothing so far: all of today's payment is the difference."""
        amounts, factor, rates = self.payment(p)
        kind = difference_kind(amounts)
        return amounts, kind, factor, rates, _KIND_ORDER[kind] * _MONTHS_KEY

    def difference(self, p: Any, paid: ledger.PaidFigures) -> tuple[Any, Any, _Difference | None]:
        """The entry of ``differences`` for `p` and `paid` (made if new)."""
        key = (id(p), id(paid))
        known = self.differences.get(key)
        if known is None:
            found: _Difference | None = None
            if not (
                p.total == paid[4]
                and p.board == paid[0]
                and p.fee == paid[2]
                and p.board_increase == paid[1]
                and p.fee_uplift == paid[3]
            ):
                amounts, factor, rates = self.payment(p)
                diff = amounts - ledger.paid_amounts(paid)
                kind = difference_kind(diff)
                found = (diff, kind, factor, rates, _KIND_ORDER[kind] * _MONTHS_KEY)
            known = self.differences[key] = (p, paid, found)
        return known


class _Order:
    """Each line's place in the run (``_order``) as an int: the line's ``_order`` up to
    the kind is the same string for every line of a placement, so it is made once a
    placement and numbered; at the end the distinct strings are sorted once and each
    line's key is (rank of its string, kind, month) in one int. The ints sort as the
    strings would (the string part ends in NUL, which no name holds, so it decides
    whenever it differs), ties keep the order the lines were made in, as before, and
    270,000 ints sort several times quicker than 270,000 strings."""

    __slots__ = ("prefixes", "keys")

    def __init__(self) -> None:
        self.prefixes: dict[str, int] = {}
        self.keys: list[int] = []

    def prefix(self, text: str) -> int:
        """The key of a line whose ``_order`` up to the kind is `text`, before its kind
        and month are added (``key``)."""
        number = self.prefixes.get(text)
        if number is None:
            number = self.prefixes[text] = len(self.prefixes)
        return number << _PREFIX_SHIFT

    @staticmethod
    def key(prefix: int, kind: str, month: date) -> int:
        return prefix + _KIND_ORDER[kind] * _MONTHS_KEY + month.year * 12 + month.month

    def add_line(self, line: RunLine) -> None:
        self.keys.append(self.key(self.prefix(_order_of_line(line)), line.kind, line.for_month))

    def sorted(self, lines: list[_Sorted]) -> list[_Sorted]:
        ranks = [0] * len(self.prefixes)
        for rank, (_, number) in enumerate(sorted(self.prefixes.items())):
            ranks[number] = rank
        # a key is (number << _PREFIX_SHIFT) | (kind and month): the number becomes its rank
        low = (1 << _PREFIX_SHIFT) - 1
        keys = [ranks[k >> _PREFIX_SHIFT] << _PREFIX_SHIFT | k & low for k in self.keys]
        order = sorted(range(len(lines)), key=keys.__getitem__)  # stable, as lines.sort
        return [lines[i] for i in order]


_Sorted = TypeVar("_Sorted")

_MONTHS_KEY = 1 << 17  # above year × 12 + month of any year up to 9999 (120,000)
_PREFIX_SHIFT = 20  # above the kind (0-4) × _MONTHS_KEY


def _to_recheck(
    db: Any, arrears_months: list[date], rates: RateTable
) -> tuple[set[int] | None, _Screen | None]:
    """(placements whose closed months are compared with the ledger, None for all; the
    screen of the others after a rate row changed, or None)."""
    if not arrears_months:
        return set(), None
    since = ledger.changes_since_last_close(db)
    if since is None:
        return None, None
    if not since.rates_changed:
        return since.placements, None
    if since.placements is None or since.rates_then is None:
        return None, None
    try:
        then = RateTable(since.rates_then)
    except RuleError:
        return None, None
    return since.placements, _Screen(then, tuple(arrears_months))


class _Screen:
    """After a rate row was added, corrected or removed since the last close: which
    closed months of a placement can differ from what was paid.

    The last close brought every earlier closed month of every placement up to date
    with the rate table it computed with (``rates_then``, rebuilt from the audit log):
    since then a placement whose own inputs were not written (``changes_since_last_close``
    reasons the same way) was paid, for each closed month, what the rules give with
    that table. So a month of it can differ today only where the rules give other
    amounts with today's table; the others are not compared with the ledger, whose
    lines of those months are not read (a future row: none of its 250,000 lines; a
    correction of this year's row: the months since it). Compared once for each
    distinct pair of the shared results (``rules.months``)."""

    __slots__ = ("rates", "months", "every", "known", "differing", "absent")

    def __init__(self, rates: RateTable, months: tuple[date, ...]) -> None:
        self.rates = rates
        self.months = months
        self.every = tuple(range(len(months)))
        #: (id of the months then, id of today's) -> (both, the indices of the months
        #: that differ): the objects are kept so that no id is reused while it lives
        self.known: dict[tuple[int, int], tuple[Any, Any, tuple[int, ...]]] = {}
        #: indices of the months that differ for some placement
        self.differing: set[int] = set()
        #: placements paid in the ledger and not in the run (``_paid_of``)
        self.absent: set[int] = set()

    def months_to_compare(
        self,
        placement: Sequence[Period],
        increases: Sequence[Adjustment],
        uplifts: Sequence[Adjustment],
        part_time: PartTimePlacement | None,
        payments: Sequence[Any],
    ) -> tuple[int, ...]:
        """The indices of the closed months of the placement that give other amounts
        today (every month when they cannot be computed with the table then)."""
        try:
            then = shared_month_payments(
                self.months, placement, self.rates, increases, uplifts, part_time
            )
        except RuleError:
            self.differing.update(self.every)
            return self.every  # not computed then as it is today: compared with the ledger
        key = (id(then), id(payments))
        known = self.known.get(key)
        if known is None:
            differ = tuple(
                [
                    i
                    for i, (a, b) in enumerate(zip(then, payments, strict=False))
                    if a.days_placed != b.days_placed or amounts_of(a) != amounts_of(b)
                ]
            )
            self.differing.update(differ)
            known = self.known[key] = (then, payments, differ)
        return known[2]


#: A placement computed: its source, its payments (the closed months and the month) and
#: the indices of the closed months compared with the ledger.
_Computed = tuple[PlacementSource, Any, tuple[int, ...]]


def _paid_of(
    db: Any,
    month: date,
    arrears_months: list[date],
    changed: set[int] | None,
    screen: _Screen | None,
    computed: list[_Computed],
    failed: set[int],
    total: int,
) -> Generator[
    None,
    None,
    tuple[dict[tuple[int, date], ledger.PaidMonth], dict[tuple[int, date], ledger.PaidMonth]],
]:
    """(what the ledger paid for the closed months the run compares, what it paid for
    the placements whose months vanished). Without a screen they are one dict: what is
    left of it once the run took its months has vanished (``_vanished`` passes over the
    `failed`, which the run could not compute). After a screen, the vanished are those a
    run comparing every placement would list: paid and not in the run (read apart, in
    the order of their lines)."""
    if screen is None:
        paid = yield from ledger.paid_month_steps(db, month, changed)
        return paid, paid
    in_run = {src.placement_id for src, _, _ in computed} | failed
    screen.absent = ledger.paid_placements(db, month) - in_run
    gone = screen.absent
    vanished = ledger.paid_months(db, month, gone, in_id_order=True) if gone else {}
    yield  # a step of its own: the index of every paid placement is read whole
    whole = {
        src.placement_id for src, _, _ in computed if changed is None or src.placement_id in changed
    }
    if len(whole) * 4 > total:
        # most of the ledger: a scan in windows is quicker than the placement index
        everything = yield from ledger.paid_month_steps(db, month, None)
        return everything, vanished
    compared: dict[tuple[int, date], ledger.PaidMonth] = {}
    if screen.differing:
        differing = [arrears_months[i] for i in sorted(screen.differing)]
        compared = yield from ledger.paid_month_steps(db, month, None, months=differing)
    if whole:
        compared.update(ledger.paid_months(db, month, whole))
    return compared, vanished


def _compute(db: Any, month: date, progress: Progress | None) -> PaymentRun:
    """The open run of `month`: its lines and the differences for earlier closed months."""
    return drive(_compute_steps(db, month, True), progress)


def _compute_steps(db: Any, month: date, with_basis: bool) -> RunSteps:
    """``_compute`` a slice of placements at a time (see ``run_steps``)."""
    rates = rate_table(db)
    first_closed, last_closed = ledger.closed_range(db)
    arrears_months = (
        [m for m in month_range(first_closed, last_closed) if m < month]
        if first_closed is not None and last_closed is not None
        else []
    )
    months = (*arrears_months, month)
    last_day = last_of_month(month)
    raw = yield from _reading(ledger.read_source_rows(db, months[0], last_day))
    total = raw.count
    ordered = raw.ordered()
    # Only placements whose inputs were written since the last closing can differ from
    # what was paid; the others skip their closed months (the usual monthly run). After
    # a rate row changed, the others are screened (``_Screen``).
    changed, screen = _to_recheck(db, arrears_months, rates)
    warnings = list(missing_indexations(rates, month))
    warnings += _paid_outside(db, month, first_closed)
    # First the rules for every placement, then what was paid for those rechecked.
    computed: list[_Computed] = []
    # Not computed (their data breaks a rule; a warning names them): their closed months
    # are not compared either. What was paid for them is no overpayment: the months are
    # compared once the data is mended (the mend is a write the next run rechecks).
    failed: set[int] = set()
    every = tuple(range(len(arrears_months)))
    for start in range(0, total, SLICE):
        for src in ledger.make_sources(raw, islice(ordered, SLICE)):
            inputs = src.inputs
            recheck = changed is None or src.placement_id in changed
            # made once: the screen computes the same inputs with the table then
            placement, increases, uplifts = inputs.placement, inputs.increases, inputs.uplifts
            try:
                payments = shared_month_payments(
                    months if recheck or screen is not None else (month,),
                    placement,
                    rates,
                    increases,
                    uplifts,
                    inputs.part_time,
                )
            except MissingRateError:
                raise
            except RuleError as error:
                warnings.append(
                    f"Pogodba {src.contract_no} ({src.child_name}, {src.carer_name}): "
                    f"{error.message} Namestitev ni v izplačilu, dokler podatki niso popravljeni."
                )
                failed.add(src.placement_id)
                continue
            if recheck:
                compare = every
            elif screen is not None:
                compare = screen.months_to_compare(
                    placement, increases, uplifts, inputs.part_time, payments
                )
            else:
                compare = ()
            computed.append((src, payments, compare))
        yield min(start + SLICE, total), total
    paid: dict[tuple[int, date], ledger.PaidMonth] = {}
    vanished = paid
    # Overpayments still to be recovered: a later change that gives one back undoes it
    # instead of paying the difference (``_give_back``).
    # Read only when a difference may give one back (its board or fee rose), for those
    # placements (``_undo_pending``): after a lowered rate a quarter of a million wait.
    may_undo = bool(arrears_months) and ledger.has_open_overpayments(db)
    candidates: list[int] = []
    undoings: list[_Undoing] = []
    if arrears_months:
        paid, vanished = yield from _reading(
            _paid_of(db, month, arrears_months, changed, screen, computed, failed, total), total
        )
    yield total, total
    # The month's lines, then the differences of closed months (the order lines of
    # equal keys keep), each with its order key.
    lines: list[_Entry] = []
    order = _Order()
    keys = order.keys
    pending: list[_Entry] = []
    pending_keys: list[int] = []
    figures = _Figures()
    differences_of = figures.differences
    # Each closed month with its part of the order key.
    closed = [(m, m.year * 12 + m.month) for m in arrears_months]
    for start in range(0, len(computed), SLICE):
        for src, payments, compare in computed[start : start + SLICE]:
            pid = src.placement_id
            prefix = order.prefix(_order_of(src))
            maker = BasisMaker(src.inputs, months[0], last_day) if compare else None
            for i in compare:
                m, at = closed[i]
                p = payments[i]
                was = paid.pop((pid, m), None)
                if was is None:
                    if p.days_placed:
                        new = figures.new_month(p)
                        pending.append((new[1], new[0], src, m, p, new[2], new[3], maker, None))
                        pending_keys.append(prefix + new[4] + at)
                    continue
                # The usual case, nothing changed: one look-up, no objects made.
                known = differences_of.get((id(p), id(was[0])))
                found = (known or figures.difference(p, was[0]))[2]
                if found is not None:
                    if may_undo and (found[0].board > 0 or found[0].fee > 0):
                        candidates.append(len(pending))
                    pending.append(
                        (found[1], found[0], src, m, p, found[2], found[3], maker, was[2])
                    )
                    pending_keys.append(prefix + found[4] + at)
            p = payments[-1]
            if p.days_placed:
                amounts, factor, rate_ids = figures.payment(p)
                lines.append((MONTH, amounts, src, month, p, factor, rate_ids, maker, None))
                keys.append(order.key(prefix, MONTH, month))
        yield total, total
    # What the ledger paid for the differing months is worded when their lines are made
    # (``RunLines``); its bases are read now, while the run is the file's.
    # What is left is a few steps of a tenth of a second or two each after a backdated
    # rate (270,000 lines): the window paints in between.
    if candidates:
        pending, pending_keys = _undo_pending(db, pending, pending_keys, candidates, undoings)
    old_texts = ledger.basis_texts(
        db,
        {e[8] for e in pending if e[8] is not None}
        | {u[0][4] for u in undoings if u[0][4] is not None},
    )
    yield total, total
    keys += pending_keys
    more = [
        *_vanished(db, vanished, arrears_months, failed),
        *_one_offs(db, month, first_closed, with_basis),
        *_undone_lines(undoings, old_texts),
    ]
    for line in more:
        order.add_line(line)
    entries: list[RunLine | _Entry] = [*lines, *pending, *more]
    del lines, pending
    yield total, total
    in_order = order.sorted(entries)
    del entries
    yield total, total
    return PaymentRun(month, OPEN, RunLines(in_order, with_basis, old_texts), tuple(warnings))


#: What a line that undoes an overpayment is made from: (the placement, the month, its
#: payment today, the placement's ``BasisMaker``, the id of the basis the ledger holds
#: for the month), the overpayment, what is given back of it, the factor text and the
#: rate rows' ids.
_Undoing = tuple[
    tuple[PlacementSource, date, Any, BasisMaker, int | None],
    ledger.OpenOverpayment, Amounts, str, tuple[int, ...],
]  # fmt: skip


def _undo_pending(
    db: Any,
    pending: list[_Entry],
    keys: list[int],
    candidates: list[int],
    undoings: list[_Undoing],
) -> tuple[list[_Entry], list[int]]:
    """The differences of closed months (`pending`, with their order `keys`) once the
    open overpayments they give back are undone (``_give_back``; the undoings go to
    `undoings`): `candidates` are the places of those whose board or fee rose. A
    difference given back whole leaves the run; one given back in part stays with what
    is left (its kind, and so its place in the order, may change)."""
    opened = ledger.open_overpayments(db, {pending[i][2].placement_id for i in candidates})
    if not opened:
        return pending, keys
    gone = False
    for i in candidates:
        kind, diff, src, m, p, factor, rates, maker, old = pending[i]
        overpayments = opened.pop((src.placement_id, m), None)
        if overpayments is None:
            continue
        found = (diff, kind, factor, rates, _KIND_ORDER[kind] * _MONTHS_KEY)
        where = (src, m, p, cast(BasisMaker, maker), old)
        rest = _give_back(overpayments, found, where, undoings)
        if rest is None:
            pending[i] = None  # type: ignore[call-overload]
            gone = True
        elif rest is not found:
            pending[i] = (rest[1], rest[0], src, m, p, factor, rates, maker, old)
            keys[i] += rest[4] - found[4]
    if not gone:
        return pending, keys
    kept = [i for i, entry in enumerate(pending) if entry is not None]
    return [pending[i] for i in kept], [keys[i] for i in kept]


def _give_back(
    overpayments: list[ledger.OpenOverpayment],
    found: _Difference,
    where: tuple[PlacementSource, date, Any, BasisMaker, int | None],
    undoings: list[_Undoing],
) -> _Difference | None:
    """A closed month's difference `found` where the month has open overpayments (newest
    first): what it gives back of each is an undoing (``undo_of``), added to `undoings`,
    not paid; what is left of the difference (None: nothing) is a line as before."""
    diff, _kind, factor, rates, _order = found
    for over in overpayments:
        undo = undo_of(diff, over.amounts)
        if undo.is_zero():
            continue
        undoings.append((where, over, undo, factor, rates))
        diff = diff - undo
    if diff.is_zero():
        return None
    if diff is found[0]:
        return found
    kind = difference_kind(diff)
    return diff, kind, factor, rates, _KIND_ORDER[kind] * _MONTHS_KEY


def _undone_lines(undoings: list[_Undoing], old_texts: dict[int, str]) -> list[RunLine]:
    """The lines of overpayments given back by a later change (``UNDONE``): not paid,
    each naming the overpayment, what is left of it and why (the changes since the
    ledger's basis of the month, worded as for arrears). Each has its basis whatever
    the run (a few lines): the ledger keeps it as the month's newest."""
    lines = []
    for (src, m, p, maker, old_id), over, undo, factor, rates in undoings:
        new = maker.make(m, p, rates)
        old_text = old_texts.get(old_id) if old_id is not None else None
        words = reasons(json.loads(old_text), new, m) if old_text is not None else ""
        reason = undo_reason(over.found_in, m, over.amounts.total, undo.total, words)
        closes = over.amounts.total + undo.total >= 0
        lines.append(
            RunLine(
                UNDONE,
                m,
                src.placement_id,
                src.carer_id,
                src.carer_name,
                src.child_name,
                src.contract_no,
                src.iban,
                src.centre_id,
                src.centre_name,
                src.unit_id,
                src.unit_name,
                p.days_placed,
                factor,
                undo,
                reason,
                new,
                undoes=(over.line_id, closes),
            )  # fmt: skip
        )
    return lines


_Read = TypeVar("_Read")


def _reading(
    steps: Generator[None, None, _Read], done: int = 0
) -> Generator[tuple[int, int], None, _Read]:
    """A reader's steps as run steps: `done` of `done` (nothing computed yet: 0 of unknown)."""
    while True:
        try:
            next(steps)
        except StopIteration as stop:
            read: _Read = stop.value
            return read
        yield done, done


def _no_days_reason(src: PlacementSource, month: date) -> str:
    """A closed month with no placed day today: the placement ended earlier, or its
    periods were moved."""
    ends = [d.period.end for d in src.inputs.periods]
    if ends and all(end is not None and end < month for end in ends):
        last = max(end for end in ends if end is not None)
        return (
            f"namestitev se je končala {last.day}. {last.month}. {last.year}; "
            f"v mesecu {month_name(month)} ni dni namestitve"
        )
    return f"po današnjih podatkih v mesecu {month_name(month)} ni dni namestitve"


def _empty_basis() -> dict[str, Any]:
    return {"placement": [], "board_increases": [], "fee_uplifts": [], "rates": []}


def _order(line: RunLine) -> str:
    """The line's place in the run: by centre, unit, carer (surname, Slovenian), contract,
    kind and month. One string (parts joined by NUL, which no name holds) sorts as the
    tuple of its parts would. A run sorts by ``_Order``'s ints, in the same order."""
    return f"{_order_of_line(line)}{_KIND_ORDER[line.kind]}{line.for_month.isoformat()}"


def _order_prefix(centre: str, unit: str, carer: str, contract: str) -> str:
    """``_order`` up to the kind: the carers in Slovenian order by surname, as the
    screens' lists (Čeh under C, before Novak; by code point č came after z)."""
    return f"{centre}\0{unit}\0{_carer_key(carer)}\0{contract}\0"


@cache  # a few thousand carers, each named on many lines: folded once a name
def _carer_key(carer: str) -> str:
    return surname_sort_keys([carer])[0]


def _order_of_line(line: RunLine) -> str:
    return _order_prefix(line.centre, line.unit, line.carer, line.contract)


def _order_of(src: PlacementSource) -> str:
    """``_order`` up to the kind, for every line of `src` (a line copies these names):
    made once a placement, not once a line (after a backdated rate: 18,000, not 270,000)."""
    return _order_prefix(src.centre_name, src.unit_name, src.carer_name, src.contract_no)


def _vanished(
    db: Any,
    paid: dict[tuple[int, date], ledger.PaidMonth],
    arrears_months: list[date],
    failed: set[int],
) -> list[RunLine]:
    """Paid months of placements that no longer have a day in the closed months (their
    periods were removed or moved): everything paid for them is an overpayment. Not
    those of the `failed` placements: the run could not compute them, which says
    nothing about what they are due."""
    wanted = set(arrears_months)
    left = {key: value for key, value in paid.items() if key[1] in wanted and key[0] not in failed}
    if not left:
        return []
    known = ledger.lines_by_id(db, [v[1] for v in left.values()])
    lines = []
    for (_, m), was in left.items():
        if ledger.paid_amounts(was[0]).is_zero():
            continue
        source = known[was[1]]
        lines.append(
            RunLine(
                OVERPAYMENT,
                m,
                source.placement_id,
                source.carer_id,
                source.carer_name,
                source.child_name,
                source.contract_no,
                source.iban,
                source.centre_id,
                source.centre_name,
                source.unit_id,
                source.unit_name,
                0,
                "0",
                NO_AMOUNTS - ledger.paid_amounts(was[0]),
                reasons(source.basis_data, _empty_basis(), m),
                None,
            )  # fmt: skip
        )
    return lines


def _one_offs(
    db: Any,
    month: date,
    first_closed: date | None,
    with_basis: bool = True,
    extra: ledger.OneOffSource | None = None,
    told: list[tuple[Decimal, date, Decimal]] | None = None,
) -> list[RunLine]:
    """One-off payments dated in the month, those dated in a closed month but entered
    after it closed, differences for those whose amount was corrected since, and what
    was paid for those deleted since (``_deleted_one_offs``). A payment entered after a
    paid one was deleted first gives back that one's open overpayment
    (``_reentered_give_back``). `extra`: a payment not yet saved, as if it were (what the
    window tells before it saves one, ``reentered_one_off_notice``), whose undoings go
    to `told` too (``_reentered_give_back``)."""
    window = first_closed if first_closed is not None and first_closed < month else month
    paid, orphans = _paid_one_offs(db)
    names = _one_off_names()
    deleted = _deleted_one_offs(db, orphans, names, with_basis)
    lines = [line for line, _kind in deleted]
    opened: dict[int, Any] | None = None  # read when a paid amount was raised
    reentries: dict[_ReentryKey, list[_Reentry]] | None = None  # read as ``opened``
    sources = ledger.one_off_sources(db, last_of_month(month))
    if extra is not None:
        # where the file will list it: after those of its day (its id is the highest)
        sources.insert(bisect_right(sources, extra.day, key=_day_of), extra)
    for o in sources:
        in_month = first_of_month(o.day)
        done = paid.get(o.id)
        one_off_basis = {
            "one_off": {"kind": o.kind, "amount": str(o.amount), "date": o.day.isoformat()}
        }
        if done is None:
            if in_month < window:
                continue  # before the ledger began: paid outside the program
            kind, amount = ONE_OFF, o.amount
            reason = o.note if in_month == month else (
                f"enkratno izplačilo z dne {o.day.day}. {o.day.month}. {o.day.year}, vpisano "
                "po zaključku tega meseca"
            )  # fmt: skip
            if in_month < month:  # a deleted one's overpayment is of a closed month
                if reentries is None:
                    reentries = _reentries(db, deleted, month)
                amount = _reentered_give_back(
                    o, amount, reentries, names, lines, told if o is extra else None
                )
                if amount == 0:
                    continue
        else:
            amount = o.amount - done
            if amount > 0:
                if opened is None:
                    opened = ledger.open_one_off_overpayments(db)
                if o.id in opened:
                    amount = _one_off_give_back(o, amount, opened[o.id], names, lines)
                if amount > 0:
                    if reentries is None:
                        reentries = _reentries(db, deleted, month)
                    amount = _reentered_give_back(o, amount, reentries, names, lines)
            if amount == 0:
                continue
            kind = ARREARS if amount > 0 else OVERPAYMENT
            reason = f"popravljen znesek enkratnega izplačila ({names.get(o.kind, o.kind)})"
        lines.append(
            _one_off_line(o, kind, in_month, amount, reason, one_off_basis if with_basis else None)
        )
    return lines


def _one_off_line(
    o: ledger.OneOffSource,
    kind: str,
    for_month: date,
    amount: Decimal,
    reason: str,
    basis: dict[str, Any] | None,
    **extra: Any,
) -> RunLine:
    """A run line of one-off payment `o` (no days, no contract's month)."""
    return RunLine(
        kind,
        for_month,
        o.placement_id,
        o.carer_id,
        o.carer_name,
        o.child_name,
        o.contract_no,
        o.iban,
        o.centre_id,
        o.centre_name,
        o.unit_id,
        o.unit_name,
        0,
        "",
        Amounts(total=amount),
        reason,
        basis,
        o.id,
        **extra,
    )  # fmt: skip


def _one_off_give_back(
    o: ledger.OneOffSource,
    amount: Decimal,
    opened: list[tuple[ledger.OpenOverpayment, tuple[int | None, str | None, str | None]]],
    names: dict[str, str],
    lines: list[RunLine],
) -> Decimal:
    """A one-off payment's amount raised again (`amount` more than the ledger holds)
    while an overpayment of its lowering waits: that overpayment is undone (newest
    first; only those of this payment, by its placement, kind and day) instead of the
    rise being paid; the lines go to `lines`. Returns what is left to pay."""
    ident = (o.placement_id, o.kind, o.day.isoformat())
    basis = {"one_off": {"kind": o.kind, "amount": str(o.amount), "date": o.day.isoformat()}}
    for over, was in opened:
        if amount <= 0:
            break
        if was[1] is not None and was != ident:
            continue
        undo = min(amount, -over.amounts.total)
        amount -= undo
        words = f"popravljen znesek enkratnega izplačila ({names.get(o.kind, o.kind)})"
        reason = undo_reason(over.found_in, over.for_month, over.amounts.total, undo, words)
        undoes = (over.line_id, over.amounts.total + undo >= 0)
        lines.append(_one_off_line(o, UNDONE, over.for_month, undo, reason, basis, undoes=undoes))
    return amount


#: Which re-entered one-off payment gives back a deleted one's overpayment: (the
#: placement, or 0; the carer where there is no placement, else 0; the kind; the month
#: the deleted one was paid for, which is its day's month, as the run dates one-offs).
_ReentryKey = tuple[int, int, str, date]


class _Reentry:
    """An open overpayment of a deleted one-off payment that a payment entered again
    may give back: the overpayment (its ledger line id, or this run's own line when the
    deletion is listed by this run), what is left of it (negative; less as the run
    gives it back) and the month whose run found it."""

    __slots__ = ("ref", "left", "found_in")

    def __init__(self, ref: int | RunLine, left: Decimal, found_in: date) -> None:
        self.ref = ref
        self.left = left
        self.found_in = found_in


def _reentry_key(
    placement_id: int | None, carer_id: int | None, kind: str, month: date
) -> _ReentryKey:
    return (placement_id or 0, 0 if placement_id else carer_id or 0, kind, month)


def _day_of(o: ledger.OneOffSource) -> date:
    return o.day


def _reentries(
    db: Any, deleted: list[tuple[RunLine, str | None]], month: date
) -> dict[_ReentryKey, list[_Reentry]]:
    """The open overpayments of deleted one-off payments by ``_ReentryKey``, newest
    first: this run's deletions (``_deleted_one_offs``), then the ledger's not settled
    and not wholly undone (a settled one is the carer's to repay or repaid: never
    undone)."""
    found: dict[_ReentryKey, list[_Reentry]] = {}
    for line, kind in reversed(deleted):
        if kind is not None:
            key = _reentry_key(line.placement_id, line.carer_id, kind, line.for_month)
            found.setdefault(key, []).append(_Reentry(line, line.amounts.total, month))
    for d in ledger.open_deleted_one_off_overpayments(db):
        over = d.over
        key = _reentry_key(over.placement_id, d.carer_id, d.kind, over.for_month)
        found.setdefault(key, []).append(_Reentry(over.line_id, over.amounts.total, over.found_in))
    return found


def _reentered_give_back(
    o: ledger.OneOffSource,
    amount: Decimal,
    reentries: dict[_ReentryKey, list[_Reentry]],
    names: dict[str, str],
    lines: list[RunLine],
    told: list[tuple[Decimal, date, Decimal]] | None = None,
) -> Decimal:
    """One-off payment `o`, `amount` of it still to pay, where a paid one of the same
    placement, kind and month was deleted and its overpayment is open (the clerk
    deleted a row with a typo and entered it again): that overpayment is undone by as
    much (newest first), as a raised-back amount undoes the overpayment of its
    lowering, instead of being paid again; the lines go to `lines` (and to `told`, if
    given: what was open of each overpayment, negative, the month whose run found it,
    what is undone). Returns what is left to pay (the part above the overpayments)."""
    in_month = first_of_month(o.day)
    found = reentries.get(_reentry_key(o.placement_id, o.carer_id, o.kind, in_month))
    if not found:
        return amount
    basis = {"one_off": {"kind": o.kind, "amount": str(o.amount), "date": o.day.isoformat()}}
    words = (
        f"enkratno izplačilo ({names.get(o.kind, o.kind)}) za {month_name(in_month)} je "
        f"bilo izbrisano in vpisano znova (z dne {o.day.day}. {o.day.month}. {o.day.year}, "
        f"{fmt_amount(o.amount)} EUR)"
    )
    for entry in found:
        if amount <= 0:
            break
        if entry.left >= 0:
            continue
        undo = min(amount, -entry.left)
        amount -= undo
        reason = undo_reason(entry.found_in, in_month, entry.left, undo, words)
        if told is not None:
            told.append((entry.left, entry.found_in, undo))
        entry.left += undo
        lines.append(
            _one_off_line(
                o, UNDONE, in_month, undo, reason, basis, undoes=(entry.ref, entry.left >= 0)
            )
        )
    return amount


#: At most this many one-off payments are named one by one in a run's warnings.
NAMED_PAID_OUTSIDE = 10


def _paid_outside(db: Any, month: date, first_closed: date | None) -> list[str]:
    """Warnings for one-off payments dated before the ledger began (before the first
    closed month; with nothing closed, before `month`) that were entered or changed
    since the latest close: the run takes them as paid outside the program and never
    pays them. Historic payments are recorded on purpose (a first-placement grant is
    paid once per carer); one entered late for a month long closed is a clerk's slip
    that would cost a carer the payment. Named once, in the run after the entry, whose
    close keeps the warning."""
    window = first_closed if first_closed is not None and first_closed < month else month
    fresh = ledger.one_offs_written_since_last_close(db)
    if not fresh:
        return []
    paid = ledger.paid_one_offs(db)
    early = [
        o
        for o in ledger.one_off_sources(db, window - timedelta(days=1))
        if o.id in fresh and o.id not in paid
    ]
    if not early:
        return []
    names = _one_off_names()
    # "pred" takes the instrumental, which ``month_name`` does not give: the month is
    # named in brackets instead
    start = (
        f"prvi zaključeni mesec je {month_name(first_closed)}"
        if first_closed is not None
        else f"noben mesec še ni zaključen; knjiga se začne z mesecem {month_name(month)}"
    )
    texts = [
        f"Enkratno izplačilo »{names.get(o.kind, o.kind)}« ({o.carer_name}"
        + (f", pogodba {o.contract_no}" if o.contract_no else "")
        + f") z dne {o.day.day}. {o.day.month}. {o.day.year}, {fmt_amount(o.amount)} EUR, "
        f"je datirano pred začetkom knjige izplačil ({start}): program ga šteje za "
        "izplačano zunaj programa in ga ne izplača. Če ga je treba izplačati, popravite "
        "datum na mesec izplačila."
        for o in early[:NAMED_PAID_OUTSIDE]
    ]
    if len(early) > NAMED_PAID_OUTSIDE:
        texts.append(
            "Enkratna izplačila, datirana pred začetkom knjige izplačil, ki jih to opozorilo "
            f"ne našteva posebej: {len(early) - NAMED_PAID_OUTSIDE}. Tudi ta program šteje "
            "za izplačana zunaj programa."
        )
    return texts


def paid_outside_notice(db: Any, day: date) -> str | None:
    """What the window tells before it saves a one-off payment dated `day` that the
    run would take as paid outside the program (its month is before the first closed
    month), None otherwise (nothing closed: the ledger may begin with any month)."""
    first, _ = ledger.closed_range(db)
    if first is None or first_of_month(day) >= first:
        return None
    return (
        f"Datum {day.day}. {day.month}. {day.year} je pred prvim zaključenim mesecem "
        f"({month_name(first)}), ko se knjiga izplačil začne. Program bo tako izplačilo "
        "štel za izplačano zunaj programa in ga ne bo izplačal. To je prav za izplačilo iz "
        "časa pred programom; če ga je treba izplačati, vpišite datum v mesecu izplačila."
    )


def reentered_one_off_notice(db: Any, payment: Any) -> str | None:
    """What the window tells before it saves one-off payment `payment` (placement_id,
    carer_id, kind, amount, date: ``services.placements.OneOffPayment``) when the next
    run would not pay it in full: a paid payment of the same placement, kind and month
    was deleted and its overpayment is open, so the new one first undoes it
    (``_reentered_give_back``; payments entered already take their part first). None
    when it is paid as any other."""
    first, last = ledger.closed_range(db)
    day: date = payment.date
    in_month = first_of_month(day)
    if first is None or last is None or not first <= in_month <= last:
        return None  # a deleted one's overpayment is of a closed month
    amount = Decimal(payment.amount)
    told: list[tuple[Decimal, date, Decimal]] = []
    extra = ledger.OneOffSource(
        0, payment.placement_id, payment.carer_id, "", "", "", None, None, "", None, "",
        payment.kind, amount, day, "",
    )  # fmt: skip
    _one_offs(db, add_months(last, 1), first, False, extra, told)
    if not told:
        return None
    open_total = -sum((left for left, _found, _undo in told), ZERO)
    undone = sum((undo for _left, _found, undo in told), ZERO)
    found = sorted({found_in for _left, found_in, _undo in told})
    runs = " in ".join(month_name(m) for m in found)
    what = (
        f"Izplačilo bo najprej razveljavilo odprto preplačilo {fmt_amount(open_total)} EUR "
        f"izbrisanega enkratnega izplačila za {month_name(in_month)} (ugotovljeno v "
        f"izplačilu za {runs}), zato se "
    )
    if amount > undone:
        return what + f"izplača le {fmt_amount(amount - undone)} EUR."
    if open_total > undone:
        return what + (
            f"ne izplača nič; od preplačila se terja še {fmt_amount(open_total - undone)} EUR."
        )
    return what + "ne izplača nič."


def _one_off_names() -> dict[str, str]:
    """The Slovenian name of each kind of one-off payment (the catalogue), for reasons."""
    from rejnistvo.rules.one_off import one_off_kinds

    try:
        return {key: kind.name.lower() for key, kind in one_off_kinds().items()}
    except (RuleError, OSError, ValueError):
        return {}


def _paid_one_offs(db: Any) -> tuple[dict[int, Decimal], list[ledger.PaidOneOff]]:
    """(what the ledger paid for each recorded one-off payment; what it paid for one-off
    payments deleted since, unless listed back already). A ledger line belongs to the
    recorded payment of its id when its basis names the same placement, kind and day (a
    line without a basis always does): a payment deleted after it was paid and a new one
    that got its id are two payments, never one corrected."""
    records = ledger.paid_one_off_records(db)
    if not records:
        return {}, []
    now = ledger.one_off_identities(db, records)
    done: dict[int, Decimal] = {}
    orphans: list[ledger.PaidOneOff] = []
    for one_off_id, parts in records.items():
        ident = now.get(one_off_id)
        for part in parts:
            if ident is not None and (
                part.kind is None or (part.placement_id, part.kind, part.day) == ident
            ):
                done[one_off_id] = done.get(one_off_id, ZERO) + part.amount
            elif part.amount:
                orphans.append(part)
    return done, orphans


def _deleted_one_offs(
    db: Any, orphans: list[ledger.PaidOneOff], names: dict[str, str], with_basis: bool
) -> list[tuple[RunLine, str | None]]:
    """One-off payments paid in closed months and deleted since: what was paid for each
    is an overpayment, for the month it was paid for, with the payee and basis as paid
    (SPEC 3.6: a later change is recovered as a difference, never lost). Listed once: the
    closed overpayment, with the same basis, brings the ledger's sum for it to zero.
    Each line with the kind of payment it was (None: its lines had no basis)."""
    if not orphans:
        return []
    known = ledger.lines_by_id(db, [part.last_line_id for part in orphans])
    lines: list[tuple[RunLine, str | None]] = []
    for part in sorted(orphans, key=lambda p: p.last_line_id):
        was = known[part.last_line_id]
        kind = names.get(part.kind or "", part.kind or "")
        what = f"enkratno izplačilo ({kind})" if kind else "enkratno izplačilo"
        line = RunLine(
            OVERPAYMENT,
            was.for_month,
            was.placement_id,
            was.carer_id,
            was.carer_name,
            was.child_name,
            was.contract_no,
            was.iban,
            was.centre_id,
            was.centre_name,
            was.unit_id,
            was.unit_name,
            0,
            "",
            Amounts(total=-part.amount),
            f"{what} za {month_name(was.for_month)} je bilo izbrisano; izplačanih "
            f"{fmt_amount(part.amount)} EUR",
            was.basis if with_basis else None,
            part.one_off_id,
        )  # fmt: skip
        lines.append((line, part.kind))
    return lines


# --------------------------------------------------------------------------- writing


def _user(db: Any) -> str:
    return get_setting(db, "user_name") or os_user()


def check_closable(db: Any, month: date, clock: Clock) -> None:
    """InputError when `month` cannot be closed today: closed already, not the next in
    order, or not begun. ``close_month`` checks it; the window asks it before its
    question, so that a refused month is not first confirmed."""
    month = first_of_month(month)
    today = clock.today()
    _first, last = ledger.closed_range(db)
    if last is not None and month <= last:
        raise InputError(
            "month", f"mesec {month_name(month)} je že zaključen; odprete lahko le zadnjega."
        )
    if last is not None and month != add_months(last, 1):
        nxt = add_months(last, 1)
        raise InputError(
            "month",
            f"meseci se zaključujejo po vrsti: najprej zaključite {month_name(nxt)} "
            f"({nxt.year:04d}-{nxt.month:02d}).",
        )
    if month > today:
        raise InputError(
            "month",
            f"mesec {month_name(month)} se še ni začel; zaključiti ga je mogoče od "
            f"1. {month.month}. {month.year} dalje.",
        )


def close_month(
    db: Any,
    month: date,
    clock: Clock,
    progress: Progress | None = None,
    *,
    computed: PaymentRun | None = None,
    stamp: object = None,
) -> PaymentRun:
    """Close `month`: its run goes to the ledger in one transaction, with the date and the
    user; audited. Months close in order and none before it has begun.

    `computed` with its `stamp` (``data_stamp`` taken when it was made, as the screen
    keeps it): the run of `month` the caller already has. It is written as it is when
    the file's stamp, read inside the closing transaction, is still `stamp` — nothing was
    written since, so computing it again would give the same lines (after a backdated
    rate at 20,000 placements: ~1.7 s of CPU) — else the run is computed again. A run
    made without bases is written with them (its entries hold what a basis is made
    from). The close takes `computed` over: its lines are the closed month's (with their
    ledger ids).

    The lines go to the ledger through ``ledger.LineWriter`` with each distinct part
    resolved once (``RunLines.ledger_entries``). SQLite checks every line's foreign keys
    as it is written: turning the checks off for the write saved ~0.15 s at 20,000
    placements, not worth a ledger written unchecked."""
    month = first_of_month(month)
    today = clock.today()
    check_closable(db, month, clock)
    # Computing and writing 270,000 lines (after a backdated rate) make no reference
    # cycles: the collector waits (see ``rejnistvo.collector``).
    with collector_paused(), ledger.page_cache_for_close(db), db.atomic():
        lines = _still_current(db, month, computed, stamp)
        run = computed if computed is not None and lines is not None else None
        if run is None or lines is None:
            run = _compute(db, month, progress)
            lines = run.lines
        user = _user(db)
        at = clock.now().isoformat(timespec="seconds")
        writer = ledger.LineWriter(
            db,
            {
                "month": month,
                "closed_on": today,
                "closed_at": at,
                "closed_by": user,
                "total": run.total,
                "overpayments": run.overpayments,
                "warnings": run.warnings,
            },
        )
        writer.write(lines.ledger_entries(writer), _reporting(len(lines), progress))
        run_id = writer.finish()
        first_id = ledger.first_line_id(db, run_id)
        _link_undoings(db, lines, first_id)
        write_audit(
            db, "payment_runs", run_id, "close", None,
            {"month": month, "total": run.total, "overpayments": run.overpayments,
             "lines": len(lines), "closed_by": user, "closed_on": today},
        )  # fmt: skip
    # What was just written, without reading 20,000 lines back: the ledger's ids are
    # consecutive within the transaction (one writer, INTEGER PRIMARY KEY).
    # The lines were made by this call, or taken over from `computed`: their ledger ids
    # are set in place (a line made later gets its own).
    lines.set_first_line_id(first_id)
    return PaymentRun(
        month,
        CLOSED,
        lines,
        run.warnings,
        today,
        user,
    )


def _link_undoings(db: Any, lines: RunLines, first_id: int) -> None:
    """Link each line of the closed month that undoes an overpayment to it (m014), in
    the closing transaction, each audited: the overpayment is reduced, or leaves *Roki*
    when nothing is left of it."""
    links = [(first_id + index, over, closes) for index, over, closes in lines.undoings(first_id)]
    if not links:
        return
    ledger.write_undoings(db, links)
    for line_id, over, closes in links:
        line = lines[line_id - first_id]
        write_audit(
            db, "overpayment_undoings", line_id, "insert", None,
            {"overpayment_line_id": over, "for_month": line.for_month,
             "placement_id": line.placement_id, "amount": line.amounts.total,
             "closes": closes, "reason": line.reason},
        )  # fmt: skip


def _still_current(
    db: Any, month: date, computed: PaymentRun | None, stamp: object
) -> RunLines | None:
    """The lines of `computed` to write, if it is the run of `month` the file would give
    now (see ``close_month``); None: compute it. Called inside the closing transaction:
    its first read fixes what the transaction sees, so a write by another program after
    this check makes the close's own first write fail (SQLite refuses to write on an
    older snapshot) instead of writing a run of older data."""
    if computed is None or stamp is None or computed.status != OPEN or computed.month != month:
        return None
    first, _ = ledger.closed_range(db)  # the transaction's first read
    if data_stamp(db) != stamp:
        return None
    lines = computed.lines
    if lines.has_bases or lines.take_bases(_one_offs(db, month, first, True)):
        return lines
    return None


def _reporting(total: int, progress: Progress | None) -> Callable[[int], None] | None:
    """What the ledger calls after each chunk of lines written (``ledger.CHUNK``):
    `progress`, and ``RunCancelled`` (the transaction is rolled back) when it returns
    False."""
    if progress is None:
        return None

    def written(done: int) -> None:
        if progress(done, total) is False:
            raise RunCancelled()

    return written


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


def reopen_month(db: Any, month: date, reason: str, clock: Clock) -> None:
    """Reopen the latest closed month with a reason (audited). Its lines leave the ledger;
    the reopening log keeps when it was closed, by whom and its total."""
    month = first_of_month(month)
    if not isinstance(reason, str) or len(reason.strip()) < 5:
        raise InputError("reason", "vpišite razlog za ponovno odprtje meseca (vsaj nekaj besed).")
    _, last = ledger.closed_range(db)
    run = ledger.closed_run(db, month)
    if run is None:
        raise InputError("month", f"mesec {month_name(month)} ni zaključen.")
    if last is not None and month != last:
        raise InputError(
            "month",
            f"ponovno odpreti je mogoče le zadnji zaključeni mesec ({month_name(last)}).",
        )
    with db.atomic():
        if ledger.settled_lines_of_run(db, run.id):
            raise InputError(
                "month",
                f"za preplačila, ugotovljena ob zaključku meseca {month_name(month)}, je že "
                "vpisano, kako so bila poravnana; meseca ni mogoče ponovno odpreti.",
            )
        if ledger.settled_undoings_of_run(db, run.id):
            # the settlement covered what was left after this month's undoing
            raise InputError(
                "month",
                f"izplačilo za {month_name(month)} je delno razveljavilo preplačilo, za "
                "katero je že vpisano, kako je bilo poravnano; meseca ni mogoče ponovno "
                "odpreti.",
            )
        user = _user(db)
        ledger.insert_reopening(
            db,
            {
                "month": month,
                "reopened_on": clock.today(),
                "reopened_at": clock.now().isoformat(timespec="seconds"),
                "reopened_by": user,
                "reason": reason.strip(),
                "closed_on": run.closed_on,
                "closed_by": run.closed_by,
                "total": run.total,
                "line_count": run.line_count,
            },
        )
        ledger.delete_run(db, run.id)
        write_audit(
            db, "payment_runs", run.id, "reopen",
            {"month": month, "total": run.total, "lines": run.line_count,
             "closed_by": run.closed_by, "closed_on": run.closed_on},
            {"reason": reason.strip(), "reopened_by": user},
        )  # fmt: skip


# --------------------------------------------------------------------------- overpayments


@dataclass(frozen=True, slots=True)
class Overpayment:
    """An overpayment listed in a closed month and not yet settled (the deadlines screen)."""

    line_id: int
    run_month: date
    for_month: date
    carer: str
    child: str
    contract: str
    amount: Decimal  # positive: what is still to be recovered
    reason: str
    #: what the run found, when a later change gave part of it back (m014)
    found: Decimal | None = None

    @property
    def text(self) -> str:
        part = (
            f" (ugotovljenih {fmt_amount(self.found)} EUR, del je s poznejšo spremembo "
            "razveljavljen)"
            if self.found is not None and self.found != self.amount
            else ""
        )
        return (
            f"Preplačilo {fmt_amount(self.amount)} EUR za {month_name(self.for_month)}{part} "
            f"({self.carer}, pogodba {self.contract}): {self.reason}. Vpišite, kako je "
            "bilo poravnano (Izplačila)."
        )


def unsettled_overpayments(db: Any) -> list[Overpayment]:
    """Overpayments of closed months whose settlement is not yet recorded, oldest first."""
    lines = ledger.overpayment_lines(db, unsettled_only=True)
    runs = {run.id: run.month for run in ledger.closed_runs(db)}
    undone = ledger.undone_amounts(db, [line.id for line in lines])
    return [
        Overpayment(
            line.id,
            runs[line.run_id],
            line.for_month,
            line.carer_name,
            line.child_name,
            line.contract_no,
            -(line.amounts.total + (undone[line.id].total if line.id in undone else ZERO)),
            line.reason,
            -line.amounts.total if line.id in undone else None,
        )  # fmt: skip
        for line in lines
    ]


SETTLEMENT_METHODS = {"offset": "poračun z izplačilom", "refund": "vračilo"}


def settle_overpayment(
    db: Any,
    line_id: int,
    method: str,
    offset_month: date | None,
    note: str,
    clock: Clock,
) -> None:
    """Record how an overpayment was settled: offset in a named month, or a refund call."""
    if method not in SETTLEMENT_METHODS:
        raise InputError("method", "način poravnave je »offset« (poračun) ali »refund« (vračilo).")
    if method == "offset" and offset_month is None:
        raise InputError("offset_month", "vpišite mesec, v katerem je bilo preplačilo poračunano.")
    with db.atomic():
        line = ledger.lines_by_id(db, [line_id]).get(line_id)
        if line is None or line.kind != OVERPAYMENT:
            raise InputError("line_id", f"vrstica {line_id} ni preplačilo zaključenega meseca.")
        if line_id in ledger.settlements(db, [line_id]):
            raise InputError("line_id", "za to preplačilo je poravnava že vpisana.")
        undone = ledger.undone_amounts(db, [line_id]).get(line_id)
        left = -line.amounts.total - (undone.total if undone is not None else ZERO)
        if left <= 0:
            raise InputError(
                "line_id",
                "preplačilo je s poznejšo spremembo razveljavljeno v celoti; poravnati ni ničesar.",
            )
        found_in = ledger.run_month_of_line(db, line_id)
        if method == "offset" and offset_month and found_in and offset_month < found_in:
            # an overpayment is offset against a payment made after it was found, or the
            # one of that month: an earlier month is a typo that would close it unpaid
            raise InputError(
                "offset_month",
                f"preplačilo je bilo ugotovljeno v izplačilu za {month_name(found_in)}; "
                "poračunati ga je mogoče v tem ali poznejšem mesecu, ne v mesecu "
                f"{month_name(first_of_month(offset_month))}.",
            )
        settlement = ledger.Settlement(
            line_id,
            method,
            first_of_month(offset_month) if method == "offset" and offset_month else None,
            clock.today(),
            (note or "").strip(),
            _user(db),
        )
        new_id = ledger.insert_settlement(db, settlement)
        write_audit(
            db, "overpayment_settlements", new_id, "insert", None,
            {"line_id": line_id, "method": method, "offset_month": settlement.offset_month,
             "note": settlement.note, "amount": left},
        )  # fmt: skip


# --------------------------------------------------------------------------- output


def _iso_month(month: date) -> str:
    return f"{month.year:04d}-{month.month:02d}"


def line_document(
    line: RunLine, inputs: Callable[[RunLine], dict[str, Any] | None] | None = None
) -> dict[str, Any]:
    """`inputs`: the line's ``inputs`` as a memo gives them (``_inputs_memo``)."""
    return {
        "placement": line.placement_id,
        "carer": line.carer,
        "child": line.child,
        "contract": line.contract,
        "kind": line.kind,
        "for_month": _iso_month(line.for_month),
        "days": line.days,
        "board": line.amounts.board,
        "board_increase": line.amounts.board_increase,
        "fee": line.amounts.fee,
        "fee_uplift": line.amounts.fee_uplift,
        "total": line.amounts.total,
        "reason": line.reason,
        "inputs": line.inputs if inputs is None else inputs(line),
    }


def _inputs_memo() -> Callable[[RunLine], dict[str, Any] | None]:
    """``RunLine.inputs``, each basis parsed and its month-free parts made once
    (``calc_request``; a run shares each basis object among its lines): after a
    backdated rate 270,000 lines have ~27,000 bases."""
    #: id of a basis -> (the basis, kept alive so that its id is not reused; its requests)
    requests: dict[int, tuple[Any, Callable[[date], dict[str, Any]]]] = {}

    def inputs(line: RunLine) -> dict[str, Any] | None:
        basis = line.basis
        if basis is None:
            return None
        known = requests.get(id(basis))
        if known is None:
            data = json.loads(basis) if isinstance(basis, str) else basis
            known = requests[id(basis)] = (basis, calc_request(data))
        return known[1](line.for_month)

    return inputs


def run_document(run: PaymentRun, encode: Callable[[Any], str] | None = None) -> dict[str, Any]:
    """The run as SPEC 6 `run` prints it (amounts as Decimals; the CLI writes strings).
    The collector waits while the lines' dicts are made: 20,000 lines are ~200,000 new
    dicts and lists, each a count toward a full collection of the run's millions of
    objects (it took three quarters of the time).

    `encode` (the CLI's: a JSON encoder's ``encode``, amounts as two-decimal text):
    ``"lines"`` is an iterator of each line's JSON as `encode` gives it for the line's
    dict (``LineJson``), made as it is read: after a backdated rate the 270,000 dicts
    and their inputs are never made, each part of a line is encoded once for the lines
    that share it, and nothing is left for the collector to pass over."""
    inputs = _inputs_memo()
    undone_lines = run.undone_lines()
    lines: Iterable[Any]
    if encode is not None:
        texts = LineJson(encode)
        lines = (texts(line) for line in run.lines if line.kind != UNDONE)
        undone = [line_document(line, inputs) for line in undone_lines]
    else:
        with collector_paused():
            lines = [line_document(line, inputs) for line in run.lines if line.kind != UNDONE]
            undone = [line_document(line, inputs) for line in undone_lines]
    document = {
        "month": _iso_month(run.month),
        "status": run.status,
        "lines": lines,
        "total": run.total,
        "warnings": list(run.warnings),
    }
    if undone:
        # Not a line of SPEC 6's `lines` (their kinds are month, arrears, overpayment and
        # one-off, and a reader may sum every line that is not an overpayment): a part of
        # a rise that gives back an open overpayment is neither paid nor recovered.
        document["overpayments_undone"] = undone
    return document


def _json_text(text: str | None) -> str:
    return "null" if text is None else encode_basestring(text)


class LineJson:
    """A line's JSON text, exactly `encode`'s of its ``line_document`` with the amounts
    as two-decimal text, made from parts each encoded once: the five amounts for each
    ``Amounts`` (~1,500 after a backdated rate), the inputs for each basis (~27,000)
    around the month (``calc_request``). A part that cannot be cut so (a month text
    found more than once) is encoded whole for each line."""

    #: the month the inputs of a basis are first encoded with, then cut at
    _AT = date(1, 1, 1)
    _AT_TEXT = '["0001-01"]'

    def __init__(self, encode: Callable[[Any], str]) -> None:
        self._encode = encode
        self._amounts: dict[int, tuple[Amounts, str]] = {}
        #: id of a basis -> (the basis, kept alive so that its id is not reused; the text
        #: of its inputs before and after the month, or its requests when not cut)
        self._inputs: dict[int, tuple[Any, tuple[str, str] | Callable[[date], Any]]] = {}

    def __call__(self, line: RunLine) -> str:
        e = encode_basestring
        amounts = self._amounts.get(id(line.amounts))
        if amounts is None:
            a = line.amounts
            texts = (a.board, a.board_increase, a.fee, a.fee_uplift, a.total)
            board, increase, fee, uplift, total = (f'"{x:.2f}"' for x in texts)
            amounts = self._amounts[id(a)] = (
                a,
                f'"board": {board}, "board_increase": {increase}, "fee": {fee}, '
                f'"fee_uplift": {uplift}, "total": {total}',
            )
        m = line.for_month
        placement = "null" if line.placement_id is None else line.placement_id
        carer, child, contract = line.carer, line.child, line.contract
        return (
            f'{{"placement": {placement}, "carer": {_json_text(carer)}, '
            f'"child": {_json_text(child)}, "contract": {_json_text(contract)}, '
            f'"kind": {e(line.kind)}, '
            f'"for_month": "{m.year:04d}-{m.month:02d}", "days": {line.days}, {amounts[1]}, '
            f'"reason": {_json_text(line.reason)}, '
            f'"inputs": {self._inputs_text(line.basis, m)}}}'
        )

    def _inputs_text(self, basis: Any, month: date) -> str:
        if basis is None:
            return "null"
        known = self._inputs.get(id(basis))
        if known is None:
            request = calc_request(json.loads(basis) if isinstance(basis, str) else basis)
            whole = self._encode(request(self._AT))
            parts = whole.split(self._AT_TEXT)
            cut = (parts[0], parts[1]) if len(parts) == 2 else request
            known = self._inputs[id(basis)] = (basis, cut)
        cut = known[1]
        if type(cut) is tuple:
            return f'{cut[0]}["{month.year:04d}-{month.month:02d}"]{cut[1]}'
        return self._encode(cast(Callable[[date], Any], cut)(month))


def months_for_choice(db: Any, today: date) -> list[date]:
    """Months the screen offers, oldest first: every closed month and the next one to
    close; before anything is closed, the twelve months up to the current one (the
    ledger may start with any of them)."""
    months = [run.month for run in ledger.closed_runs(db)]
    if not months:
        return [add_months(first_of_month(today), -k) for k in range(11, -1, -1)]
    nxt = next_month_to_close(db, today)
    if nxt not in months:
        months.append(nxt)
    return months
