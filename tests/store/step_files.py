"""Helpers of the schema-step tests (m015–m017): a file stopped before a step, filled with
a few people and placements through plain SQL, and every row of it, to show that a step
changes no data it does not own."""

from __future__ import annotations

from typing import Any


def table_contents(db: Any) -> dict[str, list[tuple]]:
    """Every row of every table with rows (not SQLite's own nor the migrations' list), by
    table. Tables without rows are left out: what a step must keep is data, and a table a
    later step adds (m021's earlier R-5 reports) is empty in a file of an earlier step."""
    tables = [
        row[0]
        for row in db.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            " AND name != '_sqlite_migrations'"
        )
    ]
    contents = {t: db.execute(f"SELECT * FROM {t} ORDER BY rowid").fetchall() for t in tables}
    return {table: rows for table, rows in contents.items() if rows}


def write_people_and_placements(
    raw: Any,
    people: dict[str, list[tuple[int, str, str]]],
    placements: tuple[tuple[int, int, int], ...] = ((1, 1, 1), (2, 2, 1), (3, 1, 2)),
) -> None:
    """Carers and children (`{table: [(id, name, surname_key)]}`) and placements
    (id, carer, child; contract ``P-<id>``) written as a program before the step did."""
    for table, rows in people.items():
        for row_id, name, key in rows:
            raw.execute(
                f"INSERT INTO {table} (id, name, name_key, surname_key) VALUES (?, ?, ?, ?)",
                [row_id, name, name.casefold(), key],
            )
    for row_id, carer, child in placements:
        raw.execute(
            "INSERT INTO placements (id, contract_no, carer_id, child_id) VALUES (?, ?, ?, ?)",
            [row_id, f"P-{row_id}", carer, child],
        )
    raw.conn.commit()
