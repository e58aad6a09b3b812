"""The subgroup's commission candidate list: changes since a date (the coordinator
reports them to the ministry) and the coordinator's one-year term (čl. 7/3)."""

from __future__ import annotations

import csv
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from rejnistvo.atomic_write import write_output
from rejnistvo.printing.formats import fmt_date
from rejnistvo.spreadsheet_text import csv_text
from rejnistvo.store import Database

CHANGE_NAMES = {"added": "dodan(a)", "removed": "odstranjen(a)"}


@dataclass(frozen=True)
class CandidateChange:
    on: date
    change: str  # "added" | "removed"
    name: str
    centre: str

    @property
    def change_text(self) -> str:
        return CHANGE_NAMES[self.change]


def candidate_changes(db: Database, subgroup: int, since: date) -> list[CandidateChange]:
    """Additions and removals on or after `since`, oldest first (store's candidate_changes)."""
    from rejnistvo.store import candidate_changes as store_changes

    centres = {row["id"]: row["name"] for row in db.query("SELECT id, name FROM centres")}
    return [
        CandidateChange(
            on=row["on"],
            change=row["change"],
            name=row["name"],
            centre=centres.get(row.get("centre_id"), ""),
        )
        for row in store_changes(db, subgroup, since)
    ]


def write_candidate_changes_csv(changes: Sequence[CandidateChange], path: str | Path) -> Path:
    """Same CSV dialect as the register: UTF-8 with BOM, `;` separator."""

    def write(temporary: Path) -> None:
        with temporary.open("w", encoding="utf-8-sig", newline="") as handle:
            writer = csv.writer(handle, delimiter=";")
            writer.writerow(["Datum", "Sprememba", "Kandidat", "Center"])
            for change in changes:
                writer.writerow(
                    [
                        fmt_date(change.on),
                        *map(csv_text, (change.change_text, change.name, change.centre)),
                    ]
                )

    return write_output(path, write)


@dataclass(frozen=True)
class CoordinatorTerm:
    name: str
    term_from: date
    term_to: date
    days_left: int  # negative once the term has ended

    @property
    def ended(self) -> bool:
        return self.days_left < 0


def coordinator_term(db: Database, subgroup: int, today: date) -> CoordinatorTerm | None:
    """The subgroup's current (else latest) coordinator and the days left in the term."""
    rows = list(
        db.query(
            "SELECT name, term_from, term_to FROM coordinators WHERE subgroup_id = ? "
            "ORDER BY (term_from <= ? AND term_to >= ?) DESC, term_to DESC LIMIT 1",
            [subgroup, today.isoformat(), today.isoformat()],
        )
    )
    if not rows:
        return None
    row = rows[0]
    term_to = date.fromisoformat(row["term_to"])
    return CoordinatorTerm(
        row["name"], date.fromisoformat(row["term_from"]), term_to, (term_to - today).days
    )
