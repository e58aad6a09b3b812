"""The *Roki* list as it was computed before the speed work (issue 13): the whole
tables through ``list_records`` and every rule called per row. The equality test keeps
the fast ``services.deadlines`` to exactly this output."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from sqlite_utils import Database

from rejnistvo.printing.formats import fmt_amount, fmt_date
from rejnistvo.register import workflow
from rejnistvo.rules.periods import Period
from rejnistvo.rules.plural import accusative_phrase
from rejnistvo.rules.reminders import (
    ENDING_SOON_DAYS,
    TRAINING_YEARS,
    TRANSITION_LICENCE_BEFORE,
    TRANSITION_TRAINING_BY,
    R5Status,
    add_years,
    coordinator_term_end,
    ends_within,
    training_due_date,
)
from rejnistvo.services.cases import r5_report_due, r5_report_state
from rejnistvo.store import get_record, list_records

R5_SOON_DAYS = 30
TRAINING_SOON_DAYS = 60

#: kind codes, in the order the screen explains them
KINDS = (
    "r5_overdue",
    "r5_due_soon",
    "increase_ending",
    "r4_waiting",
    "uplift_ending",
    "training",
    "coordinator_term",
    "refund_instalment",
    "overpayment",
    "indexation",
)


@dataclass(frozen=True)
class RefDeadline:
    due: date
    days: int  # days from today to `due`; negative = late
    kind: str  # one of KINDS
    what: str  # Slovenian detail
    carer: str
    child: str
    open_kind: str  # "r4" | "r5" | "r5_refund" | "carer" | "subgroup"
    open_id: int

    @property
    def late(self) -> bool:
        return self.days < 0

    def as_row(self) -> dict[str, Any]:
        # spelt out: Roki turns 15,000 reminders into rows at the window's start
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


def _deadline(
    kind: str, due: date, today: date, what: str, carer: Any, child: Any, opens: tuple[str, int]
) -> RefDeadline:
    return RefDeadline(due, (due - today).days, kind, what, carer or "", child or "", *opens)


def _board_increases(db: Database, today: date) -> list[RefDeadline]:
    items = []
    # The window, wider than the rules below (they decide): ending within 60 days, or no
    # report yet and due by today + 30 days (the report falls due 30 days before the end,
    # or at the end, or earlier on the centre's request). Not 20,000 increases of the past.
    soon = (today + timedelta(days=R5_SOON_DAYS)).isoformat()
    ending = (today + timedelta(days=ENDING_SOON_DAYS)).isoformat()
    increases = list_records(
        db,
        "board_increases",
        window=(
            "t.to_date BETWEEN ? AND ? OR (NOT EXISTS (SELECT 1 FROM r5_reports r "
            "WHERE r.increase_id = t.id AND r.report_date IS NOT NULL) "
            "AND (t.to_date <= ? OR t.report_requested_on <= ?))",
            [today.isoformat(), ending, ending, soon],
        ),
    )
    reports = _reports_of(db, [int(inc["id"]) for inc in increases])
    for inc in increases:
        report = reports.get(inc["id"])
        requested = inc.get("report_requested_on")
        names = (inc.get("carer_name"), inc.get("child_name"))
        opens = ("r5", int(inc["id"]))
        # a new report asked for after one was received (m021, čl. 28/3)
        again = bool(report and report.get("asked_again_on"))
        state = r5_report_state(
            inc["from_date"],
            inc["to_date"],
            today,
            report_date=report.get("report_date") if report else None,
            requested_on=requested,
            soon_days=R5_SOON_DAYS,
            asked_again=again,
        )
        if state in (R5Status.OVERDUE, R5Status.DUE_SOON):
            due = r5_report_due(inc["from_date"], inc["to_date"], requested, again)
            if again:
                asked = f", center je novo poročilo zahteval do {fmt_date(requested or due)}"
            elif requested:
                asked = f", center je poročilo zahteval do {fmt_date(requested)}"
            else:
                asked = ""
            items.append(
                _deadline(
                    "r5_overdue" if state is R5Status.OVERDUE else "r5_due_soon",
                    due,
                    today,
                    f"Zvišanje oskrbnine {inc['percent']} % do {fmt_date(inc['to_date'])}{asked}",
                    *names,
                    opens,
                )
            )
        period = Period(inc["from_date"], inc["to_date"])
        if (
            period.end is not None
            and ends_within(period, today, ENDING_SOON_DAYS)
            and _extension_needed(db, inc["placement_id"], period.end)
        ):
            items.append(
                _deadline(
                    "increase_ending",
                    period.end,
                    today,
                    f"Podaljšanje? {inc['percent']} % od {fmt_date(period.start)}",
                    *names,
                    opens,
                )
            )
    return items


def _extension_needed(db: Database, placement_id: int, end: date) -> bool:
    """No extension recorded (one starts the day after) and the child placed that day."""
    after = end + timedelta(days=1)
    if any(
        date.fromisoformat(str(other["from_date"])) == after
        for other in list_records(
            db, "board_increases", window=("t.placement_id = ?", [placement_id])
        )
    ):
        return False
    return _placed_on(db, placement_id, after)


def _uplift_extension_needed(db: Database, placement_id: int, end: date) -> bool:
    """No later decision to raise the fee adjoins it, and the child placed the day after."""
    after = end + timedelta(days=1)
    cases = list_records(db, "r4_cases", window=("t.placement_id = ?", [placement_id]))
    if any(
        c.get("outcome") == "increase"
        and c.get("decision_from")
        and date.fromisoformat(str(c["decision_from"])) == after
        for c in cases
    ):
        return False
    return _placed_on(db, placement_id, after)


def _placed_on(db: Database, placement_id: int, day: date) -> bool:
    periods = get_record(db, "placements", placement_id)["periods"]
    return any(
        date.fromisoformat(str(p["from_date"])) <= day
        and (p["to_date"] is None or date.fromisoformat(str(p["to_date"])) >= day)
        for p in periods
    )


def _reports_of(db: Database, increase_ids: list[int]) -> dict[int, dict[str, Any]]:
    """The R-5 reports of these board increases, by increase id."""
    found: dict[int, dict[str, Any]] = {}
    for start in range(0, len(increase_ids), 500):  # SQLite's limit on parameters
        chunk = increase_ids[start : start + 500]
        marks = ", ".join("?" * len(chunk))
        for report in list_records(db, "r5_reports", window=(f"t.increase_id IN ({marks})", chunk)):
            found[report["increase_id"]] = report
    return found


def _r4_cases(db: Database, today: date, threshold: int) -> list[RefDeadline]:
    items = []
    # The window (the rules below decide): undecided and received more than `threshold`
    # days ago, or an uplift ending within 60 days.
    cases = list_records(
        db,
        "r4_cases",
        window=(
            "(t.decided_on IS NULL OR t.decided_on = '') "
            "AND coalesce(t.received_on, t.sent_on) < ? "
            "OR t.outcome = 'increase' AND t.decision_to BETWEEN ? AND ?",
            [
                (today - timedelta(days=threshold)).isoformat(),
                today.isoformat(),
                (today + timedelta(days=ENDING_SOON_DAYS)).isoformat(),
            ],
        ),
    )
    for case in cases:
        names = (case.get("carer_name"), case.get("child_name"))
        opens = ("r4", int(case["id"]))
        received = workflow.received_date(case)
        days = workflow.waiting_days(received, case.get("decided_on"), today)
        if received is not None and not case.get("decided_on") and (days or 0) > threshold:
            items.append(
                _deadline(
                    "r4_waiting",
                    received + timedelta(days=threshold),
                    today,
                    f"{'Prejeto' if case.get('received_on') else 'Poslano'} "
                    f"{fmt_date(received)}, čaka {accusative_phrase(days or 0, 'dan')}",
                    *names,
                    opens,
                )
            )
        if case.get("outcome") == "increase" and case.get("decision_from"):
            period = Period(case["decision_from"], case.get("decision_to"))
            if (
                period.end is not None
                and ends_within(period, today, ENDING_SOON_DAYS)
                and _uplift_extension_needed(db, case["placement_id"], period.end)
            ):
                items.append(
                    _deadline(
                        "uplift_ending",
                        period.end,
                        today,
                        f"Podaljšanje? {case.get('decision_percent')} % "
                        f"(sklep {case.get('resolution_no') or '—'})",
                        *names,
                        opens,
                    )
                )
    return items


def _people(db: Database, today: date) -> list[RefDeadline]:
    items = []
    horizon = today + timedelta(days=TRAINING_SOON_DAYS)
    # The window (training_due_date decides): the transitional rule when its day is
    # near, or licence and training old enough that three years end by the horizon
    # (two days' slack for 29 February).
    carers = carers_for_training(
        db,
        licensed_before=TRANSITION_LICENCE_BEFORE if TRANSITION_TRAINING_BY <= horizon else None,
        settled_before=add_years(horizon + timedelta(days=2), -TRAINING_YEARS),
    )
    for carer in carers:
        due = training_due_date(carer.licence_date, carer.last_training)
        if due <= horizon:
            items.append(
                _deadline(
                    "training",
                    due,
                    today,
                    "Obvezno usposabljanje (vsaka 3 leta)",
                    carer.name,
                    "",
                    ("carer", carer.carer_id),
                )
            )
    latest: dict[int, dict[str, Any]] = {}
    for coord in list_records(db, "coordinators"):
        subgroup = coord["subgroup_id"]
        if subgroup not in latest or coord["term_from"] > latest[subgroup]["term_from"]:
            latest[subgroup] = coord
    for subgroup, coord in latest.items():
        end = coord.get("term_to") or coordinator_term_end(coord["term_from"])
        if end <= today + timedelta(days=ENDING_SOON_DAYS):
            items.append(
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
    return items


def _instalments(db: Database, today: date) -> list[RefDeadline]:
    return [
        _deadline(
            "refund_instalment",
            row["due"],
            today,
            f"Obrok vračila {fmt_amount(row['amount'])} EUR ni plačan",
            row["carer"],
            row["child"],
            ("r5_refund", row["increase_id"]),
        )
        for row in unpaid_instalments(db, today)
    ]


def _overpayments(db: Database, today: date) -> list[RefDeadline]:
    from rejnistvo.services.payment_run import unsettled_overpayments
    from rejnistvo.store.ledger import closed_run

    def found_on(month: date) -> date:  # due the day its run was closed
        run = closed_run(db, month)
        assert run is not None
        return run.closed_on

    return [
        _deadline(
            "overpayment",
            found_on(o.run_month),
            today,
            o.text,
            o.carer,
            o.child,
            ("payments", o.line_id),
        )
        for o in unsettled_overpayments(db)
    ]


def _indexation(db: Database, today: date) -> list[RefDeadline]:
    from rejnistvo.services.rates import rate_warnings

    month = today.replace(day=1)
    # The 1 March of the newest missing indexation: on or before this month.
    march = date(month.year if month.month >= 3 else month.year - 1, 3, 1)
    return [
        _deadline("indexation", march, today, text, "", "", ("settings", 0))
        for text in rate_warnings(db, [month])
    ]


def reference_deadlines(db: Database, today: date) -> list[RefDeadline]:
    """Every reminder of SPEC 3.5 on `today`, earliest first."""
    items = (
        _board_increases(db, today)
        + _r4_cases(db, today, workflow.waiting_threshold(db))
        + _people(db, today)
        + _instalments(db, today)
        + _overpayments(db, today)
        + _indexation(db, today)
    )
    return sorted(items, key=lambda d: (d.due, KINDS.index(d.kind), d.open_id))


# ------------------------------------------------- the store helpers as they were


@dataclass(frozen=True)
class CarerTraining:
    carer_id: int
    name: str
    licence_date: date
    last_training: date | None


def carers_for_training(
    db: Database, *, licensed_before: date | None, settled_before: date
) -> list[CarerTraining]:
    rows = db.execute(
        """SELECT t.id, t.name, t.licence_date,
                  (SELECT max(g.date) FROM carer_trainings g
                   WHERE g.carer_id = t.id AND g.date IS NOT NULL) AS last
           FROM carers t
           WHERE t.licence_date IS NOT NULL
             AND (t.licence_date < ? OR (t.licence_date <= ? AND NOT EXISTS (
                    SELECT 1 FROM carer_trainings g
                    WHERE g.carer_id = t.id AND g.date > ?)))""",
        [
            licensed_before.isoformat() if licensed_before else "",
            settled_before.isoformat(),
            settled_before.isoformat(),
        ],
    ).fetchall()
    return [
        CarerTraining(
            int(carer_id),
            str(name),
            date.fromisoformat(licence),
            date.fromisoformat(last) if last else None,
        )
        for carer_id, name, licence, last in rows
    ]


def unpaid_instalments(db: Database, due_before: date) -> list[dict[str, Any]]:
    rows = db.query(
        """SELECT i.due, i.amount, f.increase_id, c.name AS carer, ch.name AS child
           FROM refund_instalments i JOIN refunds f ON f.id = i.refund_id
           JOIN board_increases b ON b.id = f.increase_id
           JOIN placements p ON p.id = b.placement_id
           JOIN carers c ON c.id = p.carer_id JOIN children ch ON ch.id = p.child_id
           WHERE i.paid_on IS NULL AND i.due < ? ORDER BY i.due, f.increase_id""",
        [due_before.isoformat()],
    )
    return [
        {
            "due": date.fromisoformat(row["due"]),
            "amount": Decimal(row["amount"]),
            "increase_id": int(row["increase_id"]),
            "carer": row["carer"],
            "child": row["child"],
        }
        for row in rows
    ]
