"""Lightweight list queries for screens and reminders over 20,000 placements.

A list that shows five columns of a few hundred rows asks the database for exactly
those: the date windows are SQL ``WHERE`` clauses the indexes serve, the columns are
named, and no row of the past is turned into a dict only to be thrown away. The rules
that decide (due dates, states) stay in ``rules``; these queries only narrow the rows
to a superset of what the rules can pick, and say why in a comment.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlite_utils import Database


@dataclass(frozen=True)
class CarerTraining:
    carer_id: int
    name: str
    licence_date: date
    last_training: date | None


def carers_for_training(
    db: Database, *, licensed_before: date | None, settled_before: date
) -> list[CarerTraining]:
    """Carers with a licence who may be due for training: licensed before
    `licensed_before` (the transitional rule; None = that rule cannot make anyone due),
    or whose licence and latest training both lie on or before `settled_before`."""
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
