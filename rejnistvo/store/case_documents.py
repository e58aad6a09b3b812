"""Cases as the rest of the program sees them: the `cases` list and the form data of
SPEC 6.1 (`print --db DB --case ID`, and the JSON a case travels in between a centre
and its coordinator).

Case ids: an R-4 case is a row of `r4_cases`; an R-5 case is a board increase (its
report, finding and refund hang off it), so its id is `board_increases.id`.

Statuses (English codes, the window translates them):
* r4 — the last workflow step with a date: prepared, sent, accepted, commission_named,
  decided, returned.
* r5 — refunded (a refund whose every instalment is paid), refund_ordered (a refund),
  found (the centre's finding), reported (the R-5 report arrived), overdue (no report
  and its due date, end of the increase − 30 days, čl. 28/3, is before today),
  awaiting_report (otherwise).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlite_utils import Database

from rejnistvo.store.errors import StoreError

_R4_STATUS = """CASE
    WHEN r.returned_on IS NOT NULL THEN 'returned'
    WHEN r.decided_on IS NOT NULL THEN 'decided'
    WHEN r.commission_named_on IS NOT NULL THEN 'commission_named'
    WHEN r.accepted_on IS NOT NULL THEN 'accepted'
    WHEN r.sent_on IS NOT NULL THEN 'sent'
    ELSE 'prepared' END"""

_R5_STATUS = """CASE
    WHEN f.id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM refund_instalments i
         WHERE i.refund_id = f.id AND i.paid_on IS NULL)
         AND EXISTS (SELECT 1 FROM refund_instalments i WHERE i.refund_id = f.id) THEN 'refunded'
    WHEN f.id IS NOT NULL THEN 'refund_ordered'
    WHEN rep.finding_date IS NOT NULL THEN 'found'
    WHEN rep.report_date IS NOT NULL THEN 'reported'
    WHEN date(b.to_date, '-30 days') < :today THEN 'overdue'
    ELSE 'awaiting_report' END"""

_CASES_SQL = f"""
SELECT * FROM (
    SELECT r.id AS id, 'r4' AS kind, ch.name AS child, c.name AS carer, {_R4_STATUS} AS status,
           c.name_key AS carer_key, ch.name_key AS child_key
    FROM r4_cases r JOIN placements p ON p.id = r.placement_id
    JOIN carers c ON c.id = p.carer_id JOIN children ch ON ch.id = p.child_id
    UNION ALL
    SELECT b.id, 'r5', ch.name, c.name, {_R5_STATUS}, c.name_key, ch.name_key
    FROM board_increases b JOIN placements p ON p.id = b.placement_id
    JOIN carers c ON c.id = p.carer_id JOIN children ch ON ch.id = p.child_id
    LEFT JOIN r5_reports rep ON rep.increase_id = b.id
    LEFT JOIN refunds f ON f.increase_id = b.id
)"""


def cases(db: Database, name: str | None = None, today: date | None = None) -> list[dict[str, Any]]:
    """R-4 and R-5 cases: [{"id", "kind": "r4"|"r5", "child", "carer", "status"}], r4 first.

    `name` keeps the cases whose child's or carer's name contains the fragment."""
    params: dict[str, Any] = {"today": (today or date.today()).isoformat()}
    sql = _CASES_SQL
    if name and name.strip():
        fragment = name.strip().casefold()
        params["name"] = (
            "%" + fragment.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        )
        sql += " WHERE carer_key LIKE :name ESCAPE '\\' OR child_key LIKE :name ESCAPE '\\'"
    sql += " ORDER BY kind, id"
    return [
        {
            "id": row["id"],
            "kind": row["kind"],
            "child": row["child"],
            "carer": row["carer"],
            "status": row["status"],
        }
        for row in db.query(sql, params)
    ]


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
    """The R-5 form's JSON of SPEC 6.1 for a board increase; `finding` once recorded."""
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
        expenses = [
            _clean(
                {
                    "category": e["category"],
                    "description": e["description"],
                    "amount": e["amount"],
                    "document": e["document"],
                }
            )
            for e in db.query(
                "SELECT * FROM r5_expenses WHERE report_id = ? ORDER BY id", [row["report_id"]]
            )
        ]
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
