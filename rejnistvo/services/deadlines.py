"""Everything *Roki* lists (SPEC 3.5), computed once for the window and any other caller.

Each reminder is a ``Deadline``: the day it falls due, the days left (negative = late),
a kind code (the screen names it), a Slovenian detail line, the carer and child, and
what a double click opens. The rules are the shared ones:

* R-5 report overdue / due soon: ``services.cases.r5_report_state`` — the same rule as
  the R-5 list and the `cases` command, honouring the day the centre asked for the
  report (``report_requested_on``);
* R-4 waiting at the coordinator: ``register.waiting.waiting_days`` from
  ``received_date`` (received_on, else sent_on) — the same count *Koordinator* shows
  (``register.workflow`` re-exports them; the start does not load the workflow) —
  listed once it passes the setting ``waiting_days_threshold`` (default 30); due = the
  day of receipt + the threshold;
* fee uplifts and board increases ending within 60 days (extension needed); one already
  extended, or whose child is not placed the day after, needs none;
* carers' training (čl. 42) due within 60 days; coordinator's term ending within 60 days;
* a finding of an amount to refund (čl. 28/4) with no call to refund it yet, due the day
  of the finding (the centre's next step is the call);
* refund instalments past their due date and not marked paid (not those still to come:
  the carer pays them, the centre has nothing to do until one is late);
* a refund the carer paid beyond its amount, the excess not yet given back (m020), due
  the day of the last payment;
* overpayments found by a payment run and not yet settled (SPEC 3.6), due the day the
  run that found them was closed;
* a missing 1 March indexation of the rate table (SPEC 3.1), due on that 1 March.

Speed (issue 13: *Roki* is the first screen, 15,000 reminders at 20,000 placements):
the database gives only the rows a rule can pick (``services.lists``: the windows are
SQL ``WHERE`` clauses, the columns named, plain tuples), and each rule is asked once
per distinct set of inputs (the same period, the same day of receipt), not once per
row; dates, days and the Slovenian texts likewise once per distinct value. At 80,000
placements the list is ~58,000 reminders and still ~0.5 s, so the window's first paint
takes only its first rows (``first_deadlines``: exactly the list's first reminders) and
completes the list afterwards in steps of a few milliseconds (``deadline_steps``).
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Callable, Generator
from datetime import date, timedelta
from decimal import Decimal
from operator import itemgetter
from typing import Any, NamedTuple, cast

from rejnistvo.collector import collector_paused
from rejnistvo.printing.formats import fmt_amount, fmt_date
from rejnistvo.register import waiting
from rejnistvo.rules.periods import Period
from rejnistvo.rules.plural import accusative_phrase
from rejnistvo.rules.refund import REPORT_DAYS_BEFORE_END
from rejnistvo.rules.reminders import (
    ENDING_SOON_DAYS,
    NEW_RULES_FROM,
    TRAINING_YEARS,
    TRANSITION_LICENCE_BEFORE,
    TRANSITION_TRAINING_BY,
    R5Status,
    add_years,
    coordinator_term_end,
    ends_within,
    training_due_date,
)
from rejnistvo.services import lists
from rejnistvo.services.cases import r5_report_due, r5_report_state
from rejnistvo.services.lists import IdRange
from rejnistvo.store import Database, list_records
from rejnistvo.store.errors import sqlite_errors_as_store_errors

R5_SOON_DAYS = 30
TRAINING_SOON_DAYS = 60
TRAINING_TEXT = "Obvezno usposabljanje (vsaka 3 leta)"

#: kind codes, in the order the screen explains them
KINDS = (
    "r5_overdue",
    "r5_due_soon",
    "refund_call",
    "increase_ending",
    "r4_waiting",
    "uplift_ending",
    "training",
    "coordinator_term",
    "refund_instalment",
    "refund_excess",
    "overpayment",
    "indexation",
)


class Deadline(NamedTuple):
    """One reminder. A named tuple (immutable, typed) rather than a frozen dataclass:
    Roki makes 15,000 of them at the program's start, and a frozen dataclass costs
    several times as much to make."""

    due: date
    days: int  # days from today to `due`; negative = late
    kind: str  # one of KINDS
    what: str  # Slovenian detail
    carer: str
    child: str
    open_kind: str  # "r4" | "r5" | "r5_refund" (at its instalments) | "carer" | "subgroup"
    open_id: int

    @property
    def late(self) -> bool:
        return self.days < 0

    def as_row(self) -> dict[str, Any]:
        return {
            "due": self.due,
            "days": self.days,
            "kind": self.kind,
            "what": self.what,
            "carer": self.carer,
            "child": self.child,
            "open_kind": self.open_kind,
            "open_id": self.open_id,
        }


# A Deadline straight from its fields' tuple, without the generated __new__ (which only
# names the same arguments): the hot loops below make one per reminder.
_make = tuple.__new__
_OPEN_ID = itemgetter(7)
Buckets = dict[str, list[Deadline]]
Key = tuple[Any, ...]


class _Day:
    """`today` and what is worked out from it, each distinct value once per call: a
    stored date's ``date``, the days from today to a date, a date's Slovenian text."""

    __slots__ = ("today", "_dates", "_days", "_texts")

    def __init__(self, today: date) -> None:
        self.today = today
        self._dates: dict[str, date] = {}
        self._days: dict[date, int] = {}
        self._texts: dict[date, str] = {}

    def parse(self, text: str) -> date:
        found = self._dates.get(text)
        if found is None:
            found = self._dates[text] = date.fromisoformat(text)
        return found

    def parse_or_none(self, text: str | None) -> date | None:
        return None if text is None else self.parse(text)

    def days(self, day: date) -> int:
        found = self._days.get(day)
        if found is None:
            found = self._days[day] = (day - self.today).days
        return found

    def text(self, day: date) -> str:
        found = self._texts.get(day)
        if found is None:
            found = self._texts[day] = fmt_date(day)
        return found


def _deadline(
    kind: str, due: date, today: date, what: str, carer: Any, child: Any, opens: tuple[str, int]
) -> Deadline:
    return Deadline(due, (due - today).days, kind, what, carer or "", child or "", *opens)


Judged = tuple[tuple[str, date, int, str], ...]


def _increase_reminders(
    day: _Day,
    percent: Any,
    start: str,
    end: str,
    requested: str | None,
    reported: str | None,
    asked_again: str | None,
) -> Judged:
    """The reminders of one board increase (kind, due, days, text), by the shared rules."""
    period = Period(day.parse(start), day.parse(end))
    asked_on = day.parse_or_none(requested)
    again = asked_again is not None
    found = []
    state = r5_report_state(
        period.start,
        day.parse(end),
        day.today,
        report_date=day.parse_or_none(reported),
        requested_on=asked_on,
        soon_days=R5_SOON_DAYS,
        asked_again=again,
    )
    if state in (R5Status.OVERDUE, R5Status.DUE_SOON):
        due = r5_report_due(period.start, day.parse(end), asked_on, again)
        if again:
            asked = f", center je novo poročilo zahteval do {day.text(asked_on or due)}"
        elif asked_on:
            asked = f", center je poročilo zahteval do {day.text(asked_on)}"
        else:
            asked = ""
        found.append(
            (
                "r5_overdue" if state is R5Status.OVERDUE else "r5_due_soon",
                due,
                day.days(due),
                f"Zvišanje oskrbnine {percent} % do {day.text(day.parse(end))}{asked}",
            )
        )
    if period.end is not None and ends_within(period, day.today, ENDING_SOON_DAYS):
        found.append(
            (
                "increase_ending",
                period.end,
                day.days(period.end),
                f"Podaljšanje? {percent} % od {day.text(period.start)}",
            )
        )
    return tuple(found)


def _board_increases(
    db: Database, day: _Day, out: Buckets, until: date | None = None, ids: IdRange | None = None
) -> None:
    today = day.today
    # The window, wider than the rules (they decide): ending within 60 days, or no
    # report yet and due by today + 30 days (the report falls due 30 days before the end,
    # or at the end, or earlier on the centre's request). Not 20,000 increases of the past.
    ending = today + timedelta(days=ENDING_SOON_DAYS)
    soon = today + timedelta(days=R5_SOON_DAYS)
    report_by = ending
    if until is not None:
        # only what falls due by `until`: an end by then, a report due by then — never
        # before 30 days ahead of the end (čl. 28/3), or on the day the centre asked
        ending = min(ending, until)
        soon = min(soon, until)
        report_by = min(report_by, until + timedelta(days=REPORT_DAYS_BEFORE_END))
    rows = lists.increases_to_remind(
        db, today, ending, soon, report_by=report_by, ids=ids, by_day=until is not None
    )
    judged: dict[Key, Judged] = {}  # most increases share their period with many others
    ending_ids: list[int] = []
    for increase_id, percent, start, end, requested, reported, carer, child, again in rows:
        key = (percent, start, end, requested, reported, again)
        found = judged.get(key)
        if found is None:
            found = judged[key] = _by(until, _increase_reminders(day, *key))
        for kind, due, days, what in found:
            if kind == "increase_ending":
                ending_ids.append(increase_id)
            out[kind].append(
                _make(
                    Deadline, (due, days, kind, what, carer or "", child or "", "r5", increase_id)
                )
            )
    _drop_settled(out["increase_ending"], _extension_settled(db, ending_ids))


def _drop_settled(found: list[Deadline], settled: set[int]) -> None:
    """Leave out of `found` (one kind's reminders) those of the cases in `settled`."""
    if settled:
        found[:] = [item for item in found if item[7] not in settled]


# An extension is needed only where none adjoins yet and the child is placed the day
# after the end: "Podaljšanje?" must go away once the caseworker has acted (SPEC 3.4: an
# extension starts the day after), not stay on *Roki* until the end. Asked of the few
# cases ending soon, by primary key: the whole list keeps its scans (issue 13).
_NOT_PLACED_AFTER = (
    " OR NOT EXISTS (SELECT 1 FROM placement_periods p WHERE p.placement_id = a.placement_id"
    " AND p.from_date <= date({end}, '+1 day')"
    " AND (p.to_date IS NULL OR p.to_date >= date({end}, '+1 day')))"
)


def _settled(db: Database, ids: list[int], table: str, adjoins: str, end: str) -> set[int]:
    if not ids:
        return set()
    rows = db.execute(
        f"SELECT a.id FROM {table} a WHERE a.id IN (SELECT value FROM json_each(?))"
        f" AND (EXISTS (SELECT 1 FROM {table} b WHERE b.placement_id = a.placement_id"
        f" AND {adjoins} = date({end}, '+1 day'))" + _NOT_PLACED_AFTER.format(end=end) + ")",
        [json.dumps(ids)],
    ).fetchall()
    return {row[0] for row in rows}


def _extension_settled(db: Database, ids: list[int]) -> set[int]:
    """Of these board increases, those that need no extension."""
    return _settled(db, ids, "board_increases", "b.from_date", "a.to_date")


def _uplift_settled(db: Database, ids: list[int]) -> set[int]:
    """Of these R-4 cases (uplifts ending soon), those that need no extension: a later
    decision to raise the fee adjoins, or the child leaves."""
    return _settled(
        db, ids, "r4_cases", "b.outcome = 'increase' AND b.decision_from", "a.decision_to"
    )


def _by(until: date | None, found: Judged) -> Judged:
    """The reminders (kind, due, …) of `found` due by `until` (None: all)."""
    if until is None:
        return found
    return tuple(item for item in found if item[1] <= until)


def _waiting(day: _Day, threshold: int, received_on: Any, sent_on: Any, decided_on: Any) -> Any:
    """(due, days, text) of an R-4 proposal waiting too long at the coordinator, or None."""
    case = {"received_on": received_on, "sent_on": sent_on}
    received = waiting.received_date(case)
    decided = waiting.as_date(decided_on)
    days = waiting.waiting_days(received, decided, day.today)
    if received is None or decided or (days or 0) <= threshold:
        return None
    due = received + timedelta(days=threshold)
    waited = accusative_phrase(days or 0, "dan")
    # a case not yet received counts from its sending day: it must not be called received
    step = "Prejeto" if received_on else "Poslano"
    return due, day.days(due), f"{step} {day.text(received)}, čaka {waited}"


def _uplift_end(day: _Day, start: str, end: str | None) -> tuple[date, int] | None:
    """(end, days) of a fee uplift ending within 60 days, or None."""
    period = Period(day.parse(start), day.parse_or_none(end))
    if period.end is not None and ends_within(period, day.today, ENDING_SOON_DAYS):
        return period.end, day.days(period.end)
    return None


def _r4_cases(
    db: Database,
    day: _Day,
    threshold: int,
    out: Buckets,
    until: date | None = None,
    ids: IdRange | None = None,
) -> None:
    today = day.today
    # The window (the rules decide): undecided and received more than `threshold` days
    # ago, or an uplift ending within 60 days.
    received_before = today - timedelta(days=threshold)
    ends_by = today + timedelta(days=ENDING_SOON_DAYS)
    if until is not None:
        # only what falls due by `until`: `threshold` days after the day received, the end
        received_before = min(received_before, until - timedelta(days=threshold - 1))
        ends_by = min(ends_by, until)
    rows = lists.r4_cases_to_remind(
        db, received_before, today, ends_by, ids=ids, by_day=until is not None
    )
    waiting, uplifts = out["r4_waiting"], out["uplift_ending"]
    ending_ids: list[int] = []
    waits: dict[Key, Any] = {}
    ends: dict[Key, tuple[date, int] | None] = {}
    for row in rows:
        case_id, received_on, sent_on, decided_on, outcome, start, end, percent = row[:8]
        resolution, carer, child = row[8:]
        steps = (received_on, sent_on, decided_on)
        if steps in waits:
            late = waits[steps]
        else:
            late = waits[steps] = _waiting(day, threshold, *steps)
            if late is not None and until is not None and late[0] > until:
                late = waits[steps] = None
        if late is not None:
            due, days, what = late
            waiting.append(
                _make(
                    Deadline,
                    (due, days, "r4_waiting", what, carer or "", child or "", "r4", case_id),
                )
            )
        if outcome == "increase" and start:
            span = (start, end)
            if span in ends:
                ending = ends[span]
            else:
                ending = ends[span] = _uplift_end(day, start, end)
                if ending is not None and until is not None and ending[0] > until:
                    ending = ends[span] = None
            if ending is not None:
                ending_ids.append(case_id)
                what = f"Podaljšanje? {percent} % (sklep {resolution or '—'})"
                uplifts.append(
                    _make(
                        Deadline,
                        (*ending, "uplift_ending", what, carer or "", child or "", "r4", case_id),
                    )
                )
    _drop_settled(uplifts, _uplift_settled(db, ending_ids))


def _people(
    db: Database, day: _Day, out: Buckets, until: date | None = None, ids: IdRange | None = None
) -> None:
    today = day.today
    horizon = today + timedelta(days=TRAINING_SOON_DAYS)
    if until is not None:
        horizon = min(horizon, until)
    # The window (training_due_date decides): the transitional rule when its day is
    # near (licensed before 1 November 2022 and not trained under the new rules), or
    # licence and training old enough that three years end by the horizon (two days'
    # slack for 29 February). Before anyone can have been trained under the new rules
    # three years ago, a carer licensed before 1 November 2022 is due only by the
    # transitional rule: the second condition leaves them out (at 80,000 placements
    # half the carers, whose day may lie past `until`).
    settled = add_years(horizon + timedelta(days=2), -TRAINING_YEARS)
    rows = lists.carers_for_training(
        db,
        licensed_before=TRANSITION_LICENCE_BEFORE if TRANSITION_TRAINING_BY <= horizon else None,
        trained_before=NEW_RULES_FROM,
        settled_before=settled,
        settled_licensed_from=TRANSITION_LICENCE_BEFORE if settled < NEW_RULES_FROM else None,
        ids=ids,
    )
    # 7,000 of Roki's 15,000 reminders at 20k placements: the loop spelt out, dates
    # parsed once per distinct text and days counted once per distinct due day.
    dates: dict[str, date] = {}
    days: dict[date, int] = {}
    parse = date.fromisoformat
    add = out["training"].append
    for carer_id, name, licence, last in rows:
        licensed = dates.get(licence)
        if licensed is None:
            licensed = dates[licence] = parse(licence)
        trained = None
        if last:
            trained = dates.get(last)
            if trained is None:
                trained = dates[last] = parse(last)
        due = training_due_date(licensed, trained)
        if due <= horizon:
            left = days.get(due)
            if left is None:
                left = days[due] = (due - today).days
            add(
                _make(
                    Deadline,
                    (due, left, "training", TRAINING_TEXT, name or "", "", "carer", carer_id),
                )
            )


def _coordinators(db: Database, day: _Day, out: Buckets, until: date | None = None) -> None:
    today = day.today
    last = today + timedelta(days=ENDING_SOON_DAYS)
    if until is not None:
        last = min(last, until)
    latest: dict[int, dict[str, Any]] = {}
    for coord in list_records(db, "coordinators"):  # a handful
        subgroup = coord["subgroup_id"]
        if subgroup not in latest or coord["term_from"] > latest[subgroup]["term_from"]:
            latest[subgroup] = coord
    for subgroup, coord in latest.items():
        end = coord.get("term_to") or coordinator_term_end(coord["term_from"])
        if end <= last:
            out["coordinator_term"].append(
                _deadline(
                    "coordinator_term",
                    end,
                    today,
                    f"Podskupina {subgroup}: {coord['name']}",
                    "",
                    "",
                    ("subgroup", int(subgroup)),
                )
            )


#: the refund's reminders that open the case at its refund: kind -> (its rows, each as
#: (day, amount, increase id, carer, child), and what the reminder says of the amount)
_REFUND_STEPS: dict[str, tuple[Callable[..., list[Any]], Callable[[Decimal], str]]] = {
    # a finding to refund, no call yet (čl. 28/4), from the finding's day
    "refund_call": (
        lambda db, until, ids: lists.findings_without_call(db, found_by=until, increases=ids),
        lambda amount: (
            f"Ugotovljeno nenamensko porabljenih {fmt_amount(amount)} EUR: "
            "pozovite rejnika k vračilu"
        ),
    ),
    # paid beyond the refund, not given back yet (m020), from the last payment
    "refund_excess": (
        lambda db, until, ids: lists.refund_excesses(db, paid_by=until, increases=ids),
        lambda amount: f"Rejnik je vrnil {fmt_amount(amount)} EUR preveč: vrnite mu jih",
    ),
}


def _refund_steps(
    kind: str,
    db: Database,
    day: _Day,
    out: Buckets,
    until: date | None = None,
    increases: IdRange | None = None,
) -> None:
    read, words = _REFUND_STEPS[kind]
    found = out[kind]
    for on, amount, increase_id, carer, child in read(db, until, increases):
        due = day.parse(on)
        found.append(
            _make(Deadline, (due, day.days(due), kind, words(Decimal(amount)), carer or "",
                             child or "", "r5_refund", int(increase_id)))
        )  # fmt: skip


def _instalments(
    db: Database,
    day: _Day,
    out: Buckets,
    until: date | None = None,
    increases: IdRange | None = None,
) -> None:
    texts: dict[str, str] = {}
    found = out["refund_instalment"]
    due_before = day.today if until is None else min(day.today, until + timedelta(days=1))
    rows = lists.unpaid_instalments(db, due_before, increases=increases, by_day=until is not None)
    for due_on, amount, increase_id, carer, child in rows:
        text = texts.get(amount)
        if text is None:
            text = texts[amount] = f"Obrok vračila {fmt_amount(Decimal(amount))} EUR ni plačan"
        due = day.parse(due_on)
        found.append(
            _make(
                Deadline,
                (
                    due,
                    day.days(due),
                    "refund_instalment",
                    text,
                    carer or "",
                    child or "",
                    "r5_refund",  # opens the case at its instalments, to tick one paid
                    int(increase_id),
                ),
            )
        )


def _overpayments(db: Database, day: _Day, out: Buckets, until: date | None = None) -> None:
    if not lists.has_unsettled_overpayments(db):
        return  # the usual case: the payment run's modules stay unloaded at the start
    from rejnistvo.services.payment_run import unsettled_overpayments
    from rejnistvo.store.ledger import closed_runs

    # Due the day the run that found it was closed (QA10: due on the run's 1st, January's
    # overpayment found on 3. 2. was "33 days late" before it existed). Neither SPEC 3.6
    # nor the README gives a time to settle it, so it waits from the day it was found.
    found_on = {run.month: run.closed_on for run in closed_runs(db)}
    out["overpayment"] += [
        _deadline("overpayment", due, day.today, o.text, o.carer, o.child, ("payments", o.line_id))
        for o in unsettled_overpayments(db)
        if (due := found_on[o.run_month]) <= (until or due)
    ]


def _indexation(db: Database, day: _Day, out: Buckets, until: date | None = None) -> None:
    from rejnistvo.services.rates import rate_warnings

    month = day.today.replace(day=1)
    # The 1 March of the newest missing indexation: on or before this month.
    march = date(month.year if month.month >= 3 else month.year - 1, 3, 1)
    if until is not None and march > until:
        return
    out["indexation"] += [
        _deadline("indexation", march, day.today, text, "", "", ("settings", 0))
        for text in rate_warnings(db, [month])
    ]


def list_deadlines(db: Database, today: date) -> list[Deadline]:
    """Every reminder of SPEC 3.5 on `today`, earliest first: by due day, then in the
    order of KINDS, then by the case's id."""
    return deadlines_until(db, today, None)


def deadlines_until(db: Database, today: date, until: date | None) -> list[Deadline]:
    """The reminders of `list_deadlines` due on or before `until` (None: all), in its
    order: the list's first rows, exactly. Each part's query leaves out the rows whose
    reminders all fall due later (the rules still decide, and their reminders due later
    are left out too). With `until` the queries read only those rows, through the
    indexes of their days (store step m015, ``by_day``); the whole list (None) reads
    most of each table and keeps its scans in id order."""
    day = _Day(today)
    out: Buckets = {kind: [] for kind in KINDS}
    # tens of thousands of tuples and no reference cycles (rejnistvo.collector)
    # a StoreError: the window says "Rokov ni mogoče prebrati"
    with sqlite_errors_as_store_errors(db=db), collector_paused():
        _board_increases(db, day, out, until)
        _r4_cases(db, day, waiting.waiting_threshold(db), out, until)
        _people(db, day, out, until)
        _coordinators(db, day, out, until)
        _refund_steps("refund_call", db, day, out, until)
        _instalments(db, day, out, until)
        _refund_steps("refund_excess", db, day, out, until)
        _overpayments(db, day, out, until)
        _indexation(db, day, out, until)
    return _earliest_first(out)


#: reminders *Roki* shows before its first paint: a screen of 1024 × 700 shows ~20
#: rows, and the list's columns are as wide as the first 60 rows (``fit_columns``)
HEAD_ROWS = 100


class Head(NamedTuple):
    """The first reminders of `list_deadlines` (its exact prefix, at least the rows asked
    for unless the list is shorter) and whether they are the whole list."""

    deadlines: list[Deadline]
    complete: bool


def first_deadlines(db: Database, today: date, rows: int = HEAD_ROWS) -> Head:
    """The list's first `rows` reminders or more, with work that hardly grows with the
    file (issue 13: at 80,000 placements the whole list is ~58,000 reminders, ~0.5 s of
    the program's start, and the screen shows 20 of them).

    Where the first `rows` end is estimated from the rows that list an ordered reminder
    (``lists.nth_earliest``: e.g. the 100th unpaid instalment by due day); the reminders
    due by the earliest such day are then made by the rules (``deadlines_until``) and
    counted. If they are fewer than `rows` (the estimate did not hold, or nothing is
    ordered so), the whole list."""
    last = today + timedelta(days=ENDING_SOON_DAYS)  # no ordered reminder falls due later
    with sqlite_errors_as_store_errors(db=db):
        threshold = waiting.waiting_threshold(db)
        marks = lists.nth_earliest(db, rows, today, last, today - timedelta(days=threshold))
    days = {kind: date.fromisoformat(text[:10]) for kind, text in marks.items()}
    if "received" in days:  # an R-4 case is due `threshold` days after it was received
        days["received"] += timedelta(days=threshold)
    until = min(days.values(), default=last)
    if until < last:
        head = deadlines_until(db, today, until)
        if len(head) >= rows:
            return Head(head, complete=False)
    return Head(list_deadlines(db, today), complete=True)


#: ids of one range a step of ``deadline_steps`` reads (at 80,000 placements ~2-4 ms)
STEP_IDS = 1000


def deadline_steps(
    db: Database, today: date, span: int = STEP_IDS
) -> Generator[None, None, list[Deadline]]:
    """`list_deadlines` made in steps of a few milliseconds: each ``next()`` does one
    step; the generator's return value (``StopIteration.value``) is the whole list.
    *Roki* completes its first rows with it while the program is idle. Each step is
    whole queries over one range of ids (no cursor stays open between steps); a step
    raises ``StoreError`` where `list_deadlines` would."""
    day = _Day(today)
    out: Buckets = {kind: [] for kind in KINDS}

    def ranges(top: int) -> list[IdRange]:
        return [(low, low + span - 1) for low in range(0, top + 1, span)]

    with sqlite_errors_as_store_errors(db=db):
        threshold = waiting.waiting_threshold(db)
        tops = lists.max_ids(db)
        steps: list[Callable[[], None]] = [
            *(
                lambda ids=ids: _board_increases(db, day, out, ids=ids)
                for ids in ranges(tops["board_increases"])
            ),
            *(
                lambda ids=ids: _r4_cases(db, day, threshold, out, ids=ids)
                for ids in ranges(tops["r4_cases"])
            ),
            *(lambda ids=ids: _people(db, day, out, ids=ids) for ids in ranges(tops["carers"])),
            lambda: _coordinators(db, day, out),
            *(
                lambda ids=ids: _refund_steps("refund_call", db, day, out, increases=ids)
                for ids in ranges(tops["board_increases"])
            ),
            *(
                lambda ids=ids: _instalments(db, day, out, increases=ids)
                for ids in ranges(tops["board_increases"])
            ),
            *(
                lambda ids=ids: _refund_steps("refund_excess", db, day, out, increases=ids)
                for ids in ranges(tops["board_increases"])
            ),
            lambda: _overpayments(db, day, out),
            lambda: _indexation(db, day, out),
        ]
    for step in steps:
        yield
        with sqlite_errors_as_store_errors(db=db), collector_paused():
            step()
    return (yield from _laid_out(out))


def _earliest_first(out: Buckets) -> list[Deadline]:
    """The reminders by due day, then in the order of KINDS, then by the case's id.

    Each kind comes from one query, in the order it was found: sorted by case within its
    kind, then dealt into one list per due day (as days from today: a small int, and
    the same order as the dates) in the order of KINDS, and the days laid out in order.
    A few thousand distinct days for 59,000 reminders at 80,000 placements: half the
    time of one stable sort of every reminder by its due date (8 against 15 ms)."""
    steps = _laid_out(out)
    while True:
        try:
            next(steps)
        except StopIteration as done:
            return cast(list[Deadline], done.value)


def _laid_out(out: Buckets) -> Generator[None, None, list[Deadline]]:
    """``_earliest_first`` in steps: one kind a step (the steps of ``deadline_steps``)."""
    by_day: defaultdict[int, list[Deadline]] = defaultdict(list)
    for kind in KINDS:
        with collector_paused():
            found = out[kind]
            found.sort(key=_OPEN_ID)
            for item in found:
                by_day[item[1]].append(item)
        yield
    items: list[Deadline] = []
    with collector_paused():
        for days in sorted(by_day):
            items += by_day[days]
    return items
