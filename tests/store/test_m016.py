"""Store step m016_placement_order: Namestitve's order as an index of keys SQLite keeps.

A file made by the steps up to m015 gets ``placement_order`` with a row for each
placement whose carer and child exist, the other tables unchanged; a second run changes
nothing; the ids come from the index alone, without a sort; and after every kind of
change (a placement written, moved, deleted; a carer or child renamed, added, removed;
a write outside the store) the keys are exactly those the join makes, so the list's
order is the old query's."""

from __future__ import annotations

import sqlite3
from datetime import date

import pytest
from sqlite_utils import Database
from step_files import table_contents, write_people_and_placements

from rejnistvo.services.people import Carer, Child, delete_person, save_carer, save_child
from rejnistvo.services.placements import (
    PLACEMENT_IDS,
    PLACEMENT_IDS_JOINED,
    Placement,
    PlacementPeriod,
    delete_placement,
    get_placement,
    placement_pages,
    save_placement,
)
from rejnistvo.store import check_db, get_record, open_db, save_record
from rejnistvo.store.schema import (
    PLACEMENT_ORDER_TRIGGERS,
    known_steps,
    m016_placement_order,
    migrations,
)

STEP = "m016_placement_order"

#: the keys as the join with the carers and children makes them
JOINED_KEYS = (
    "SELECT t.id, c.surname_key, ch.surname_key, c.name_key FROM placements t "
    "JOIN carers c ON c.id = t.carer_id JOIN children ch ON ch.id = t.child_id ORDER BY t.id"
)
STORED_KEYS = (
    "SELECT placement_id, carer_key, child_key, carer_name_key FROM placement_order "
    "ORDER BY placement_id"
)


def _same_as_the_join(db) -> list[int]:
    """The stored keys equal the join's, and the list's ids its order; the ids."""
    assert db.execute(STORED_KEYS).fetchall() == db.execute(JOINED_KEYS).fetchall()
    ids = [row[0] for row in db.execute(PLACEMENT_IDS)]
    assert ids == [row[0] for row in db.execute(PLACEMENT_IDS_JOINED)]
    assert placement_pages(db).ids == ids
    return ids


def _m015_file(path) -> None:
    """A file made by the steps before m016: two carers, three children (one with no
    placement), three placements, names that sort apart from their ids."""
    raw = Database(path)
    migrations.apply(raw, stop_before=STEP)
    assert [m.name for m in migrations.applied(raw)][-1] == "m015_roki_head_indexes"
    people = {
        "carers": [(1, "Zala Čuk", "c{uk\x00zala c{uk"), (2, "Ana Novak", "novak\x00ana novak")],
        "children": [
            (1, "Maks Zupan", "zupan\x00maks zupan"),
            (2, "Eva Ahac", "ahac\x00eva ahac"),
            (3, "Ian Bor", "bor\x00ian bor"),
        ],
    }
    write_people_and_placements(raw, people)
    raw.close()


def test_the_step_follows_m015():
    steps = known_steps()
    assert steps.index(STEP) == steps.index("m015_roki_head_indexes") + 1


def test_an_m015_file_gets_the_keys_and_keeps_its_data(tmp_path):
    path = tmp_path / "old.sqlite3"
    _m015_file(path)
    raw = sqlite3.connect(path)
    before = table_contents(raw)
    raw.close()
    assert "placement_order" not in before
    with open_db(path) as db:
        assert [m.name for m in migrations.applied(db)] == known_steps()
        # Čuk (č = c) before Novak; Čuk's children Ahac before Zupan
        assert _same_as_the_join(db) == [3, 1, 2]
        after = table_contents(db)
        triggers = {
            row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")
        }
    assert set(PLACEMENT_ORDER_TRIGGERS) <= triggers
    # m017 adds the search text (tests/store/test_m017.py)
    assert [row[:4] for row in after.pop("placement_order")] == [
        (1, "c{uk\x00zala c{uk", "zupan\x00maks zupan", "zala čuk"),
        (2, "novak\x00ana novak", "zupan\x00maks zupan", "ana novak"),
        (3, "c{uk\x00zala c{uk", "ahac\x00eva ahac", "zala čuk"),
    ]
    assert after == before
    assert check_db(path) == []


def test_a_second_run_changes_nothing(tmp_path):
    path = tmp_path / "old.sqlite3"
    _m015_file(path)
    db = Database(path)  # the steps to m016: m017 makes the table again, with the text
    try:
        migrations.apply(db, stop_before="m017_placement_texts")
        before = table_contents(db)
        m016_placement_order(db)
        assert table_contents(db) == before
        assert db.execute(STORED_KEYS).fetchall() == db.execute(JOINED_KEYS).fetchall()
    finally:
        db.close()


def test_the_ids_come_from_the_index_without_a_sort(tmp_path):
    with open_db(tmp_path / "plan.sqlite3") as db:
        plan = [row[3] for row in db.execute(f"EXPLAIN QUERY PLAN {PLACEMENT_IDS}")]
    assert plan == ["SCAN placement_order USING COVERING INDEX placement_order_list"]


@pytest.fixture
def db(tmp_path):
    database = open_db(tmp_path / "keys.sqlite3")
    yield database
    database.close()


def _placement(db, contract: str, carer: int, child: int) -> int:
    centre = db.centre  # type: ignore[attr-defined]
    return save_placement(
        db,
        Placement(
            contract_no=contract,
            carer_id=carer,
            child_id=child,
            carer_centre_id=centre,
            child_centre_id=centre,
            periods=(PlacementPeriod("contract", date(2026, 1, 1)),),
        ),
    )


def _rename(db, table: str, record_id: int, name: str) -> None:
    record = get_record(db, table, record_id)
    save_record(db, table, {"id": record_id, "name": name, "version": record["version"]})


def test_the_keys_follow_every_change(db):
    db.centre = save_record(db, "centres", {"code": "KR", "name": "CSD Kranj", "seat": "Kranj"})
    carer = {
        name: save_carer(db, Carer(name=name, address="Ulica 1", centre_id=db.centre))
        for name in ("Zala Čuk", "Bor Novak", "ana novak", "Cene Cvet")
    }
    child = {
        name: save_child(db, Child(name=name, birth_date=date(2015, 1, 1)))
        for name in ("Maks Čop", "Eva Zupan", "Ian Ahac")
    }
    p1 = _placement(db, "P-1", carer["Bor Novak"], child["Eva Zupan"])
    p2 = _placement(db, "P-2", carer["ana novak"], child["Maks Čop"])
    p3 = _placement(db, "P-3", carer["Zala Čuk"], child["Ian Ahac"])
    p4 = _placement(db, "P-4", carer["Bor Novak"], child["Ian Ahac"])
    # by the carer's surname key (surname, then the whole name: "ana novak" before
    # "bor novak"), then the child's
    assert _same_as_the_join(db) == [p3, p2, p4, p1]

    _rename(db, "carers", carer["Zala Čuk"], "Zala Žagar")  # to the end
    assert _same_as_the_join(db) == [p2, p4, p1, p3]
    _rename(db, "children", child["Ian Ahac"], "Ian Zver")  # after Zupan
    assert _same_as_the_join(db) == [p2, p1, p4, p3]

    # a placement moved to another carer and child (the editor's save)
    moved = get_placement(db, p1)
    save_placement(
        db,
        Placement(
            **{
                **moved.__dict__,
                "carer_id": carer["Cene Cvet"],
                "child_id": child["Maks Čop"],
            }
        ),
    )
    assert _same_as_the_join(db) == [p1, p2, p4, p3]

    delete_placement(db, p2)
    assert _same_as_the_join(db) == [p1, p4, p3]
    delete_placement(db, p1)
    delete_person(db, "carers", carer["Cene Cvet"])  # no placement left: may go
    assert _same_as_the_join(db) == [p4, p3]

    # writes outside the store (a repair by hand, an import): the triggers keep up
    db.execute("UPDATE carers SET surname_key = 'a' WHERE id = ?", [carer["Bor Novak"]])
    assert _same_as_the_join(db) == [p4, p3]
    db.execute("UPDATE children SET surname_key = 'zz' WHERE id = ?", [child["Ian Ahac"]])
    db.execute("UPDATE placements SET child_id = ? WHERE id = ?", [child["Eva Zupan"], p3])
    _same_as_the_join(db)
    db.execute("PRAGMA foreign_keys = OFF")
    try:  # a carer gone, then back (a restore of its row): its placement leaves and returns
        row = db.execute("SELECT * FROM carers WHERE id = ?", [carer["Zala Čuk"]]).fetchone()
        db.execute("DELETE FROM carers WHERE id = ?", [carer["Zala Čuk"]])
        assert _same_as_the_join(db) == [p4]
        db.execute(f"INSERT INTO carers VALUES ({', '.join('?' * len(row))})", list(row))
        assert _same_as_the_join(db) == [p4, p3]
        row = db.execute("SELECT * FROM children WHERE id = ?", [child["Ian Ahac"]]).fetchone()
        db.execute("DELETE FROM children WHERE id = ?", [child["Ian Ahac"]])
        assert _same_as_the_join(db) == [p3]
        db.execute(f"INSERT OR REPLACE INTO children VALUES ({', '.join('?' * len(row))})", row)
        assert _same_as_the_join(db) == [p4, p3]
    finally:
        db.execute("PRAGMA foreign_keys = ON")
