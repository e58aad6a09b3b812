"""Lightweight list queries for screens and reminders over 20,000 placements.

A list that shows five columns of a few hundred rows asks the database for exactly
those: the date windows are SQL ``WHERE`` clauses the indexes serve, the columns are
named, and no row of the past is turned into a dict only to be thrown away. The rules
that decide (due dates, states) stay in ``rules``; these queries only narrow the rows
to a superset of what the rules can pick, and say why in a comment.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from rejnistvo.store import Database
from rejnistvo.store.reads import UNSETTLED_OVERPAYMENTS

#: a row as the database gives it: stored text, numbers, None
Row = tuple[Any, ...]


#: an inclusive range of record ids: *Roki* completes its list after the first paint in
#: slices, each part's query over one range of ids at a time
IdRange = tuple[int, int]


def _in_range(column: str, ids: IdRange | None) -> str:
    return "" if ids is None else f" AND {column} BETWEEN {int(ids[0])} AND {int(ids[1])}"


def carers_for_training(
    db: Database,
    *,
    licensed_before: date | None,
    trained_before: date,
    settled_before: date,
    settled_licensed_from: date | None = None,
    ids: IdRange | None = None,
) -> list[Row]:
    """(id, name, licence_date, latest training) of the carers with a licence who may be
    due for training: licensed before `licensed_before` and not trained on or after
    `trained_before` (the transitional rule; None = that rule cannot make anyone due),
    or whose licence and latest training both lie on or before `settled_before` (and,
    when `settled_licensed_from` is given, licensed on or after it); `ids`: only the
    carers of that range.

    The trainings are read once each for the two NOT IN sets (SQLite keeps them as
    in-memory indexes), and the latest training only for the carers listed; all three
    from the index of (carer_id, date) alone, not the table (store step m012). Asking
    the latest training once per carer for both conditions instead of the two sets
    measured slower (more steps per carer than the sets' look-ups). Over a range of ids,
    or when only a few carers are licensed in the window (`settled_licensed_from` given,
    no transitional rule: *Roki*'s first rows), each carer listed looks up its own
    trainings instead: building the sets reads every training (at 80,000 placements 40
    against 18 ms for a window of 3,000 carers).

    Only that window of a few licence days is read through the index of licence days
    (``carers_licence``, store step m015); every other query of this function reads most
    carers and scans them in id order, naming the column ``+t.licence_date`` so that
    SQLite cannot take the index (with it the whole list read every carer through the
    index, 430-540 -> 620-810 ms at 80,000 placements)."""
    narrow = ids is None and licensed_before is None and settled_licensed_from is not None
    licence = "t.licence_date" if narrow else "+t.licence_date"
    licensed_from = "" if settled_licensed_from is None else f" AND {licence} >= ?4"
    if ids is None and (licensed_before is not None or settled_licensed_from is None):
        transitional = "t.id NOT IN (SELECT carer_id FROM carer_trainings WHERE date >= ?2)"
        settled = "t.id NOT IN (SELECT carer_id FROM carer_trainings WHERE date > ?3)"
    else:
        own = "NOT EXISTS (SELECT 1 FROM carer_trainings g WHERE g.carer_id = t.id AND g.date"
        transitional, settled = f"{own} >= ?2)", f"{own} > ?3)"
    return db.execute(
        f"""SELECT t.id, t.name, t.licence_date,
                  (SELECT max(g.date) FROM carer_trainings g WHERE g.carer_id = t.id)
           FROM carers t
           WHERE ({licence} < ?1 AND {transitional}
              OR {licence} <= ?3{licensed_from} AND {settled}
              ){_in_range("t.id", ids)}""",
        [
            licensed_before.isoformat() if licensed_before else "",
            trained_before.isoformat(),
            settled_before.isoformat(),
            *([settled_licensed_from.isoformat()] if settled_licensed_from else []),
        ],
    ).fetchall()


# *Roki* (services.deadlines) at the program's start: the rows each reminder's rule may
# pick, as plain tuples of stored text (services.deadlines parses each distinct value once).

_NAMES = (
    "JOIN placements p ON p.id = t.placement_id "
    "JOIN carers c ON c.id = p.carer_id JOIN children ch ON ch.id = p.child_id"
)


def increases_to_remind(
    db: Database,
    today: date,
    ending: date,
    soon: date,
    *,
    report_by: date | None = None,
    ids: IdRange | None = None,
    by_day: bool = False,
) -> list[Row]:
    """(id, percent, from_date, to_date, report_requested_on, report_date, carer, child,
    asked_again_on) of the board increases ending between `today` and `ending`, or without
    a report and ending by `report_by` (default `ending`) or asked for by `soon`. Every
    other increase ended long ago with its report in, or ends later and was not asked for
    early.

    Which past increases lack a report only r5_reports can say, so SQLite goes through
    the increases (one index lookup each) rather than the range of board_increases_to;
    the names are joined for the rows kept only (EXPLAIN QUERY PLAN: SCAN t, SEARCH r,
    then p, c, ch by primary key).

    `by_day` (*Roki*'s first rows: `report_by` lies weeks, not years, ahead): the same
    condition, "ending soon, or no report and (ended by then or asked for)", written as
    "(ending soon or ended by then or asked for) and (ending soon or no report)", so that
    the part on the increase alone is checked first and its report is looked up only for
    the increases ended by `report_by` (at 80,000 placements ~8,500 look-ups instead of
    34,000, 20 -> 13 ms). Read through the index of ends (``board_increases_to``) and
    one of the reports asked for early (tried for m015), the same rows came no faster
    than by this scan.
    """
    if by_day:
        where = (
            "WHERE (t.to_date BETWEEN ?1 AND ?2 OR t.to_date <= ?4 "
            "OR t.report_requested_on <= ?3) "
            "AND (t.to_date BETWEEN ?1 AND ?2 OR r.report_date IS NULL)"
        )
    else:
        where = (
            "WHERE (t.to_date BETWEEN ?1 AND ?2 OR r.report_date IS NULL "
            "AND (t.to_date <= ?4 OR t.report_requested_on <= ?3))"
        )
    return db.execute(
        "SELECT t.id, t.percent, t.from_date, t.to_date, t.report_requested_on, "
        "r.report_date, c.name, ch.name, r.asked_again_on FROM board_increases t "
        "LEFT JOIN r5_reports r ON r.increase_id = t.id "
        + _NAMES
        + " "
        + where
        + _in_range("t.id", ids)
        + " ORDER BY t.id",
        [
            today.isoformat(),
            ending.isoformat(),
            soon.isoformat(),
            (report_by or ending).isoformat(),
        ],
    ).fetchall()


def r4_cases_to_remind(
    db: Database,
    received_before: date,
    today: date,
    ending: date,
    *,
    ids: IdRange | None = None,
    by_day: bool = False,
) -> list[Row]:
    """(id, received_on, sent_on, decided_on, outcome, decision_from, decision_to,
    decision_percent, resolution_no, carer, child) of the R-4 cases undecided and
    received (else sent) before `received_before`, or whose uplift ends between `today`
    and `ending`; in id order (SCAN t).

    `by_day` (*Roki*'s first rows): in no particular order, so that SQLite reads the
    two ranges of m015's partial indexes ``r4_cases_waiting`` and ``r4_cases_uplift_to``
    (MULTI-INDEX OR; asked for in id order, it would rather scan every case)."""
    return db.execute(
        "SELECT t.id, t.received_on, t.sent_on, t.decided_on, t.outcome, t.decision_from, "
        "t.decision_to, t.decision_percent, t.resolution_no, c.name, ch.name "
        "FROM r4_cases t " + _NAMES + " "
        "WHERE ((t.decided_on IS NULL OR t.decided_on = '') "
        "AND coalesce(t.received_on, t.sent_on) < ?1 "
        "OR t.outcome = 'increase' AND t.decision_to BETWEEN ?2 AND ?3)"
        + _in_range("t.id", ids)
        + ("" if by_day else " ORDER BY t.id"),
        [received_before.isoformat(), today.isoformat(), ending.isoformat()],
    ).fetchall()


def unpaid_instalments(
    db: Database,
    due_before: date,
    *,
    increases: IdRange | None = None,
    by_day: bool = False,
) -> list[Row]:
    """(due, amount, increase_id, carer, child) of the refund instalments due before
    `due_before` and not marked paid, by due day, increase and instalment (the order is
    the same whichever way SQLite reads them); `increases`: only of the board increases
    in that range of ids (read through their refunds).

    `by_day` (*Roki*'s first rows: ~100 instalments): read from m015's partial index
    ``refund_instalments_unpaid`` in the order of their day, not every instalment ever
    written. Otherwise (all the late ones, thousands) SQLite scans the table as before
    (``NOT INDEXED``): through the index, fetching each row and sorting each day's rows
    apart, it took 65-90 instead of 45 ms at 80,000 placements."""
    table = "refund_instalments i"
    if increases is None and not by_day:
        table += " NOT INDEXED"
    return db.execute(
        f"""SELECT i.due, i.amount, f.increase_id, c.name, ch.name
           FROM {table} JOIN refunds f ON f.id = i.refund_id
           JOIN board_increases t ON t.id = f.increase_id """
        + _NAMES
        + " WHERE i.paid_on IS NULL AND i.due < ?"
        + _in_range("f.increase_id", increases)
        + " ORDER BY i.due, f.increase_id, i.id",
        [due_before.isoformat()],
    ).fetchall()


def findings_without_call(
    db: Database, *, found_by: date | None = None, increases: IdRange | None = None
) -> list[Row]:
    """(finding day, unjustified amount, increase_id, carer, child) of the R-5 findings
    with an amount not spent as granted (or received without reason) and no call to
    refund it yet (čl. 28/4: the centre calls the carer), found on or before `found_by`
    (None: any day), by increase; `increases`: only those in that range of ids. A few
    rows at most: a finding with such an amount is followed by its call. Not while a new
    report the centre asked for after one was received is awaited (m021)."""
    # From the reports (CROSS JOIN keeps that order) against the set of increases called
    # once: SQLite otherwise scanned every increase and looked each one's refund up
    # (3.5 against 1.4 ms at 20,000 placements, on the start's path)
    return db.execute(
        """SELECT r.finding_date, r.unjustified, t.id, c.name, ch.name
           FROM r5_reports r CROSS JOIN board_increases t ON t.id = r.increase_id """
        + _NAMES
        + " WHERE r.finding_date IS NOT NULL AND CAST(r.unjustified AS NUMERIC) > 0"
        # not while a new report the centre asked for is awaited (čl. 28/3): the finding
        # is weighed again on it, and Roki reminds of the report meanwhile
        + " AND (r.asked_again_on IS NULL OR r.report_date IS NOT NULL)"
        + " AND r.increase_id NOT IN"
        + " (SELECT increase_id FROM refunds WHERE call_date IS NOT NULL)"
        + ("" if found_by is None else " AND r.finding_date <= ?")
        + _in_range("t.id", increases)
        + " ORDER BY t.id",
        [] if found_by is None else [found_by.isoformat()],
    ).fetchall()


def refund_excesses(
    db: Database, *, paid_by: date | None = None, increases: IdRange | None = None
) -> list[tuple[str, Decimal, int, str, str]]:
    """(day of the last payment, what the carer paid beyond the refund, increase_id,
    carer, child) of the refunds paid in full and then some, the excess not yet given
    back (m020: ``refunds.excess``, ``excess_returned_on``), last paid on or before
    `paid_by` (None: any day), by increase; `increases`: only those in that range of ids.
    A few rows at most, read through the partial index ``refunds_excess_owed``."""
    rows = db.execute(
        """SELECT (SELECT max(paid_on) FROM refund_instalments WHERE refund_id = f.id),
                  f.excess, t.id, c.name, ch.name
           FROM refunds f CROSS JOIN board_increases t ON t.id = f.increase_id """
        + _NAMES
        + " WHERE f.excess IS NOT NULL AND f.excess_returned_on IS NULL"
        + _in_range("f.increase_id", increases)
        + " ORDER BY t.id"
    ).fetchall()
    cutoff = None if paid_by is None else paid_by.isoformat()
    return [
        (last_paid, Decimal(excess), int(increase_id), carer or "", child or "")
        for last_paid, excess, increase_id, carer, child in rows
        if last_paid is not None and (cutoff is None or last_paid <= cutoff)
    ]


def max_ids(db: Database) -> dict[str, int]:
    """The highest id of each table *Roki* reads in ranges (0 when empty)."""
    return {
        table: db.execute(f"SELECT coalesce(max(id), 0) FROM {table}").fetchone()[0]
        for table in ("board_increases", "r4_cases", "carers")
    }


def nth_earliest(
    db: Database, n: int, today: date, ending: date, received_before: date
) -> dict[str, str]:
    """The `n`-th earliest day of the rows each ordered reminder is listed by: where the
    list's first `n` reminders end at the latest, as far as SQL can tell (an estimate:
    the rules decide, and ``services.deadlines`` checks it). ``instalment``: unpaid
    instalments due before `today`; ``received``: undecided R-4 cases received (else
    sent) before `received_before`; ``increase_end`` / ``uplift_end``: board increases /
    R-4 uplifts ending between `today` and `ending`. A kind with fewer rows is left out.
    Each one query ordered by its column and cut after `n` rows, read in that order from
    an index (m015: ``refund_instalments_unpaid``, ``r4_cases_waiting``,
    ``r4_cases_uplift_to``; m002: ``board_increases_to``), `n` entries of it, not the
    table. The ends lie on or after `today`: not asked when a late reminder's day is
    known."""
    found: dict[str, str] = {}
    for kind, sql, args in (
        (
            "instalment",
            "SELECT due FROM refund_instalments WHERE paid_on IS NULL AND due < ?1",
            [today],
        ),
        (
            "received",
            "SELECT coalesce(received_on, sent_on) AS d FROM r4_cases "
            "WHERE (decided_on IS NULL OR decided_on = '') AND d < ?1",
            [received_before],
        ),
        (
            "increase_end",
            "SELECT to_date FROM board_increases WHERE to_date BETWEEN ?1 AND ?2",
            [today, ending],
        ),
        (
            "uplift_end",
            "SELECT decision_to FROM r4_cases "
            "WHERE outcome = 'increase' AND decision_to BETWEEN ?1 AND ?2",
            [today, ending],
        ),
    ):
        if kind.endswith("_end") and found:
            break
        sql += f" ORDER BY 1 LIMIT 1 OFFSET {max(int(n) - 1, 0)}"
        row = db.execute(sql, [day.isoformat() for day in args]).fetchone()
        if row is not None and row[0]:
            found[kind] = row[0]
    return found


def has_unsettled_overpayments(db: Database) -> bool:
    """Whether any overpayment of a closed month waits for its settlement to be recorded
    (the partial index of m008 answers it): on most days none does, and *Roki* then need
    not load the payment run's modules at the program's start."""
    sql = f"SELECT 1 FROM payment_lines WHERE {UNSETTLED_OVERPAYMENTS} LIMIT 1"
    return db.execute(sql).fetchone() is not None
