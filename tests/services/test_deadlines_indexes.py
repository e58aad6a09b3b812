"""Store step m012_reminder_indexes: an existing file gets the index of each carer's
trainings by date, and Roki's training query reads it (covering) with the same answer."""

from __future__ import annotations

from datetime import date

import pytest

from rejnistvo.services.deadlines import list_deadlines
from rejnistvo.store import open_db

DAY = date(2026, 12, 2)


def _indexes(db, table: str) -> dict[str, list[str]]:
    return {
        name: [c[2] for c in db.execute(f"PRAGMA index_info({name})").fetchall()]
        for _seq, name, *_rest in db.execute(f"PRAGMA index_list({table})").fetchall()
    }


def _old_file(path) -> None:
    """A file made by the steps before m012, with carers and their trainings."""
    from sqlite_utils import Database

    from rejnistvo.store.schema import migrations

    raw = Database(path)
    migrations.apply(raw, stop_before="m012_reminder_indexes")
    assert "carer_trainings_carer" in _indexes(raw, "carer_trainings")
    for carer_id, name, licence, trainings in (
        (1, "Ana Kos", "2023-01-10", ["2023-06-01", "2024-01-15"]),  # latest 2024-01-15
        (2, "Bor Novak", "2020-02-29", []),  # the transitional rule: by 31 Dec 2026
        (3, "Cene Cvet", "2018-01-01", ["2025-12-01"]),  # trained under the new rules
    ):
        raw["carers"].insert(
            {"id": carer_id, "name": name, "name_key": name.casefold(), "licence_date": licence}
        )
        for day in trainings:
            raw["carer_trainings"].insert({"carer_id": carer_id, "date": day})
    raw.conn.commit()
    raw.close()


@pytest.fixture
def migrated(tmp_path):
    """A file made before m012, opened (and so brought up to date) by this program."""
    path = tmp_path / "old.sqlite3"
    _old_file(path)
    db = open_db(path)
    yield db
    db.close()


def test_an_existing_file_gets_the_training_index(migrated):
    indexes = _indexes(migrated, "carer_trainings")
    assert indexes["carer_trainings_latest"] == ["carer_id", "date"]
    assert "carer_trainings_carer" not in indexes  # its prefix serves those look-ups
    training = [(d.open_id, d.due) for d in list_deadlines(migrated, DAY) if d.kind == "training"]
    # Bor: the transitional day; Ana: three years from her latest training, not from
    # the first (2026-06-01, which would be late); Cene is not due
    assert training == [(2, date(2026, 12, 31)), (1, date(2027, 1, 15))]


def test_the_training_query_reads_the_index_alone(migrated):
    sql = (
        "EXPLAIN QUERY PLAN SELECT t.id, (SELECT max(g.date) FROM carer_trainings g "
        "WHERE g.carer_id = t.id) FROM carers t WHERE t.id NOT IN "
        "(SELECT carer_id FROM carer_trainings WHERE date >= '2025-11-01')"
    )
    plan = " ".join(row[-1] for row in migrated.execute(sql).fetchall())
    assert "carer_trainings USING COVERING INDEX carer_trainings_latest" in plan
    assert "SEARCH g USING COVERING INDEX carer_trainings_latest (carer_id=?)" in plan
