"""A resolution package at the carer's centre: the commission's decision as the case
keeps it, and a resolution the coordinator put right (»Popravi sklep …«) and sent again,
taken over as a correction — audited like one made here (action ``correction``, with
the package's time as its reason). Before, the import said »Sklep … je že uvožen« and
kept the wrong decision, by which the centre then paid."""

from __future__ import annotations

from datetime import date
from typing import Any

from rejnistvo.exchange.package import PackageContents
from rejnistvo.exchange.package_times import package_time
from rejnistvo.rules.times import local_moment
from rejnistvo.store import Database, save_record
from rejnistvo.store.audit import write_audit

#: the decision's fields as the notes name them (»spremenjeno: obdobje«)
_WORDS = {
    "decided_on": "datum sklepa",
    "outcome": "odločitev",
    "decision_percent": "odstotek",
    "decision_from": "obdobje",
    "decision_to": "obdobje",
    "decision_rationale": "obrazložitev",
    "members": "člani komisije",
}


def as_date(value: object) -> date | None:
    if value in (None, ""):
        return None
    return value if isinstance(value, date) else date.fromisoformat(str(value)[:10])


def decision_fields(contents: PackageContents, fallback: date | None) -> dict[str, Any]:
    """The decision of a resolution package as the case's columns; the day of the
    decision from the workflow, else the resolution's date, else `fallback`."""
    decision = contents.case["decision"]
    decided = as_date(contents.workflow.get("decided")) or as_date(decision["date"]) or fallback
    period = decision.get("period") or {}
    increase = decision.get("outcome") == "increase"
    return {
        "decided_on": decided,
        "outcome": decision["outcome"],
        "decision_percent": decision.get("percent") if increase else None,
        "decision_from": as_date(period.get("from")) if increase else None,
        "decision_to": as_date(period.get("to")) if increase else None,
        "decision_rationale": decision.get("rationale") or None,
        # Candidate ids belong to the coordinator's file: only the names travel.
        "members": [
            {"position": position, "name": name, "candidate_id": None}
            for position, name in enumerate(decision.get("members") or [], start=1)
        ],
    }


def _names(members: object) -> list[str]:
    rows = members if isinstance(members, list) else []
    ordered = sorted((m for m in rows if isinstance(m, dict)), key=lambda m: m.get("position") or 0)
    return [str(m.get("name") or "") for m in ordered]


def changed_fields(case: dict[str, Any], contents: PackageContents) -> dict[str, Any]:
    """The decision's fields in which the package differs from the decided `case`, with
    the package's values."""
    changes: dict[str, Any] = {}
    for key, value in decision_fields(contents, case.get("decided_on")).items():
        stored = case.get(key)
        if key == "members":
            if _names(stored) != _names(value):
                changes[key] = value
        elif (stored or None) != (value or None):
            changes[key] = value
    return changes


def field_words(changes: dict[str, Any]) -> str:
    """»obdobje, člani komisije«: each changed field once, by its name on the screen."""
    return ", ".join(dict.fromkeys(_WORDS.get(key, key) for key in changes))


def take_over_correction(
    db: Database, case: dict[str, Any], contents: PackageContents, today: date
) -> None:
    """Write the corrected decision over the case (read in the caller's transaction)
    with the package's time, and the audit row ``correction`` that says why."""
    changes = changed_fields(case, contents)
    decision = contents.case["decision"]
    decided = changes.get("decided_on", case.get("decided_on"))
    update = {
        "id": case["id"],
        "version": case["version"],
        **changes,
        "resolution_year": (as_date(decision["date"]) or decided or today).year,
        "package_created_at": package_time(contents) or case.get("package_created_at"),
    }
    save_record(db, "r4_cases", update)
    write_audit(
        db,
        "r4_cases",
        case["id"],
        "correction",
        {key: case.get(key) for key in changes},
        {
            **changes,
            "reason": "popravljen sklep iz paketa koordinatorja, narejenega "
            + local_moment(contents.created_at, seconds=True),
            "corrected_on": today,
        },
    )
