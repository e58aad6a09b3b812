"""Cases as the rest of the program sees them: the `cases` list and the form data of
SPEC 6.1 (`print --db DB --case ID`, and the JSON a case travels in between a centre
and its coordinator).

Case ids: an R-4 case is a row of `r4_cases`; an R-5 case is a board increase (its
report, finding and refund hang off it), so its id is `board_increases.id`.

The status of a case is not decided here: ``case_facts`` reads what a status depends on
and ``rejnistvo.services.cases`` (the one status rule, used by every screen and the
`cases` command) judges it.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlite_utils import Database

from rejnistvo.rules.text import fold
from rejnistvo.store.errors import StoreError

_FACTS_SQL = """
SELECT * FROM (
    SELECT r.id AS id, 'r4' AS kind, ch.name AS child, c.name AS carer,
           r.sent_on, r.received_on, r.accepted_on, r.commission_named_on, r.decided_on,
           r.returned_on,
           NULL AS from_date, NULL AS to_date, NULL AS report_requested_on,
           NULL AS report_date, NULL AS finding_date, NULL AS refund_id,
           0 AS instalments, 0 AS unpaid_instalments, NULL AS asked_again_on,
           c.name_key AS carer_key, ch.name_key AS child_key
    FROM r4_cases r JOIN placements p ON p.id = r.placement_id
    JOIN carers c ON c.id = p.carer_id JOIN children ch ON ch.id = p.child_id
    UNION ALL
    SELECT b.id, 'r5', ch.name, c.name, NULL, NULL, NULL, NULL, NULL, NULL,
           b.from_date, b.to_date, b.report_requested_on,
           rep.report_date, rep.finding_date, f.id,
           (SELECT count(*) FROM refund_instalments i WHERE i.refund_id = f.id),
           (SELECT count(*) FROM refund_instalments i
            WHERE i.refund_id = f.id AND i.paid_on IS NULL),
           rep.asked_again_on,
           c.name_key, ch.name_key
    FROM board_increases b JOIN placements p ON p.id = b.placement_id
    JOIN carers c ON c.id = p.carer_id JOIN children ch ON ch.id = p.child_id
    LEFT JOIN r5_reports rep ON rep.increase_id = b.id
    LEFT JOIN refunds f ON f.increase_id = b.id
)"""
#: the R-4 workflow's step columns after preparing, in order (status = last one dated);
#: the day of receipt is one of them, as the coordinator's list and register count it
R4_STEP_COLUMNS = (
    "sent_on",
    "received_on",
    "accepted_on",
    "commission_named_on",
    "decided_on",
    "returned_on",
)
#: the R-5 case's dates its status and due day depend on (here and in the R-5 list)
R5_FACT_DATES = (
    "from_date",
    "to_date",
    "report_requested_on",
    "report_date",
    "finding_date",
    "asked_again_on",
)
_FACT_DATES = (*R4_STEP_COLUMNS, *R5_FACT_DATES)


def case_facts(db: Database, name: str | None = None) -> list[dict[str, Any]]:
    """What the status of each R-4 and R-5 case depends on, r4 first, each by id: id,
    kind ("r4"|"r5"), child, carer, the R-4 step dates (sent_on … returned_on), the R-5
    period (from_date, to_date), report_requested_on, report_date, finding_date,
    refund_id, instalments and unpaid_instalments (counts), asked_again_on (the day the
    centre asked for a new report, čl. 28/3). Dates as ``date``.

    `name` keeps the cases whose child's or carer's name contains the fragment, as the
    window's lists search: without regard to case or č/c, š/s, ž/z (»cuk« finds Čuk; SQL's
    LIKE folds ASCII letters only)."""
    fragment = fold(name.strip()) if name and name.strip() else ""
    facts = []
    for row in db.query(_FACTS_SQL + " ORDER BY kind, id"):
        if fragment and fragment not in fold(row["carer"]) and fragment not in fold(row["child"]):
            continue
        fact = {k: v for k, v in row.items() if k not in ("carer_key", "child_key")}
        for column in _FACT_DATES:
            value = fact[column]
            fact[column] = date.fromisoformat(value) if value else None
        facts.append(fact)
    return facts


def _one(db: Database, sql: str, params: list[Any], what: str) -> dict[str, Any]:
    rows = list(db.query(sql, params))
    if not rows:
        raise StoreError(what)
    return rows[0]


def _clean(document: dict[str, Any]) -> dict[str, Any]:
    """Leave out empty optional fields: the form prints its blank line for them."""
    return {key: value for key, value in document.items() if value is not None}


def _period(start: str | None, end: str | None) -> dict[str, Any] | None:
    if start is None and end is None:
        return None
    return _clean({"from": start, "to": end})


def r4_form_data(db: Database, case_id: int) -> dict[str, Any]:
    """The R-4 form's JSON of SPEC 6.1 for a stored case; `decision` only once decided."""
    row = _one(
        db,
        """SELECT r.*, ce.name AS centre_name, u.name AS unit_name,
                  c.name AS carer_name, c.emso AS carer_emso,
                  ch.name AS child_name, ch.emso AS child_emso
           FROM r4_cases r JOIN placements p ON p.id = r.placement_id
           JOIN carers c ON c.id = p.carer_id JOIN children ch ON ch.id = p.child_id
           LEFT JOIN centres ce ON ce.id = r.centre_id LEFT JOIN units u ON u.id = r.unit_id
           WHERE r.id = ?""",
        [case_id],
        f"Primera R-4 s številko {case_id} ni v podatkovni zbirki.",
    )
    document = _clean(
        {
            "centre": row["centre_name"],
            "unit": row["unit_name"],
            "case_no": row["case_no"],
            "date": row["proposal_date"],
            "child": _clean({"name": row["child_name"], "emso": row["child_emso"]}),
            "carer": _clean({"name": row["carer_name"], "emso": row["carer_emso"]}),
            "proposed_percent": row["proposed_percent"],
            "period": _period(row["period_from"], row["period_to"]),
            "rationale": row["rationale"],
        }
    )
    members = [
        m["name"]
        for m in db.query(
            "SELECT name FROM r4_members WHERE case_id = ? ORDER BY position", [case_id]
        )
    ]
    if row["outcome"]:
        decision = {
            "resolution_no": row["resolution_no"],
            "date": row["decided_on"],
            "subgroup": row["subgroup_id"],
            "outcome": row["outcome"],
            "rationale": row["decision_rationale"],
            "members": members,
        }
        if row["outcome"] == "increase":
            decision["percent"] = row["decision_percent"]
            decision["period"] = _period(row["decision_from"], row["decision_to"])
        document["decision"] = _clean(decision)
    return document


def r5_form_data(db: Database, case_id: int) -> dict[str, Any]:
    """The R-5 form's JSON of SPEC 6.1 for a board increase; `finding` once recorded on
    this report (not the standing one of an earlier report, ``r5_earlier_form_data``)."""
    row = _one(
        db,
        """SELECT b.*, c.name AS carer_name, c.emso AS carer_emso, ch.name AS child_name,
                  rep.id AS report_id, rep.report_date, rep.finding_date, rep.justified,
                  rep.unjustified, ce.name AS finding_centre, u.name AS finding_unit,
                  f.deadline AS refund_deadline, f.method AS refund_method
           FROM board_increases b JOIN placements p ON p.id = b.placement_id
           JOIN carers c ON c.id = p.carer_id JOIN children ch ON ch.id = p.child_id
           LEFT JOIN r5_reports rep ON rep.increase_id = b.id
           LEFT JOIN centres ce ON ce.id = rep.finding_centre_id
           LEFT JOIN units u ON u.id = rep.finding_unit_id
           LEFT JOIN refunds f ON f.increase_id = b.id
           WHERE b.id = ?""",
        [case_id],
        f"Primera R-5 (zvišanja oskrbnine) s številko {case_id} ni v podatkovni zbirki.",
    )
    expenses = []
    if row["report_id"] is not None:
        expenses = _expenses(db, "r5_expenses", row["report_id"])
    finding = (row["finding_date"], row["justified"], row["unjustified"])
    if row["finding_date"] and finding in db.execute(
        "SELECT finding_date, justified, unjustified FROM r5_earlier_reports "
        "WHERE increase_id = ? ORDER BY id DESC LIMIT 1",
        [case_id],
    ):
        # the finding of the earlier report, unchanged (it prints with that one): the
        # form of the report awaited or received since has the centre's part to fill
        row = {**row, "finding_date": None}
    return _r5_document(row, expenses)


def r5_earlier_form_data(db: Database, earlier_id: int) -> dict[str, Any]:
    """The R-5 form's JSON of an earlier report (``r5_earlier_reports``), with the finding
    and the call's deadline as they stood when the centre asked for a new report."""
    row = _one(
        db,
        """SELECT b.*, c.name AS carer_name, c.emso AS carer_emso, ch.name AS child_name,
                  e.report_date, e.finding_date, e.justified, e.unjustified,
                  ce.name AS finding_centre, u.name AS finding_unit,
                  e.refund_deadline, e.refund_method
           FROM r5_earlier_reports e JOIN board_increases b ON b.id = e.increase_id
           JOIN placements p ON p.id = b.placement_id
           JOIN carers c ON c.id = p.carer_id JOIN children ch ON ch.id = p.child_id
           LEFT JOIN centres ce ON ce.id = e.finding_centre_id
           LEFT JOIN units u ON u.id = e.finding_unit_id
           WHERE e.id = ?""",
        [earlier_id],
        f"Prejšnjega poročila R-5 s številko {earlier_id} ni v podatkovni zbirki.",
    )
    return _r5_document(row, _expenses(db, "r5_earlier_expenses", earlier_id))


def _expenses(db: Database, table: str, report_id: int) -> list[dict[str, Any]]:
    return [
        _clean(
            {
                "category": e["category"],
                "description": e["description"],
                "amount": e["amount"],
                "document": e["document"],
            }
        )
        for e in db.query(f"SELECT * FROM {table} WHERE report_id = ? ORDER BY id", [report_id])
    ]


def _r5_document(row: dict[str, Any], expenses: list[dict[str, Any]]) -> dict[str, Any]:
    document = _clean(
        {
            "carer": _clean({"name": row["carer_name"], "emso": row["carer_emso"]}),
            "child": {"name": row["child_name"]},
            "period": _period(row["from_date"], row["to_date"]),
            "percent": row["percent"],
            "expenses": expenses,
            "report_date": row["report_date"],
        }
    )
    if row["finding_date"]:
        document["finding"] = _clean(
            {
                "centre": row["finding_centre"],
                "unit": row["finding_unit"],
                "date": row["finding_date"],
                "justified": row["justified"],
                "unjustified": row["unjustified"],
                "refund_deadline": row["refund_deadline"],
                "method": row["refund_method"],
            }
        )
    return document
