"""Store step m017_placement_texts: Namestitve's search texts in ``placement_order``.

The ids and texts come in list order from the index alone; after every kind of change
(a placement written, its contract number changed, moved, deleted; a carer or child
renamed, added, removed; writes outside the store in plain SQL) the list's ids and
texts are exactly those of the old join; a file of m016 gets the texts, its other
tables unchanged; a second run changes nothing."""

from __future__ import annotations

import sqlite3
from datetime import date

import pytest
from sqlite_utils import Database
from step_files import table_contents, write_people_and_placements

from rejnistvo.services.people import Carer, Child, delete_person, save_carer, save_child
from rejnistvo.services.placements import (
    PLACEMENT_IDS_JOINED,
    PLACEMENT_TEXTS_FROM,
    Placement,
    PlacementPeriod,
    delete_placement,
    get_placement,
    placement_pages,
    save_placement,
)
from rejnistvo.store import check_db, get_record, open_db, save_record
from rejnistvo.store.schema import known_steps, m017_placement_texts, migrations

STEP = "m017_placement_texts"

#: the texts as the join made them before m017, in the list's order
JOINED_TEXTS = (
    "SELECT t.id, t.contract_no || ' ' || c.name || ' ' || ch.name FROM placements t "
    "JOIN carers c ON c.id = t.carer_id JOIN children ch ON ch.id = t.child_id "
    "ORDER BY c.surname_key, ch.surname_key, c.name_key, t.id"
)


def _same_as_the_join(db) -> list[int]:
    """The list's ids and texts equal the join's; the ids."""
    joined = db.execute(JOINED_TEXTS).fetchall()
    pages = placement_pages(db)
    assert list(zip(pages.ids, pages.search, strict=True)) == joined
    assert pages.ids == [row[0] for row in db.execute(PLACEMENT_IDS_JOINED)]
    return pages.ids


def _m016_file(path) -> None:
    raw = Database(path)
    migrations.apply(raw, stop_before=STEP)
    people = {
        "carers": [(1, "Zala Čuk", "c{uk\x00zala c{uk"), (2, "Ana Novak", "novak\x00ana novak")],
        "children": [(1, "Maks Zupan", "zupan\x00maks zupan"), (2, "Eva Ahac", "ahac\x00eva")],
    }
    write_people_and_placements(raw, people)
    raw.close()


def test_the_step_follows_m016():
    steps = known_steps()
    assert steps.index(STEP) == steps.index("m016_placement_order") + 1


def test_an_m016_file_gets_the_texts_and_keeps_its_data(tmp_path):
    path = tmp_path / "old.sqlite3"
    _m016_file(path)
    raw = sqlite3.connect(path)
    before = table_contents(raw)
    raw.close()
    with open_db(path) as db:
        assert [m.name for m in migrations.applied(db)] == known_steps()
        assert _same_as_the_join(db) == [3, 1, 2]
        assert placement_pages(db).search[0] == "P-3 Zala Čuk Eva Ahac"
        after = table_contents(db)
    stored = after.pop("placement_order")
    assert [row[:4] for row in stored] == [row[:4] for row in before.pop("placement_order")]
    assert after == before
    assert check_db(path) == []


def test_a_second_run_changes_nothing(tmp_path):
    path = tmp_path / "old.sqlite3"
    _m016_file(path)
    with open_db(path) as db:
        before = table_contents(db)
        m017_placement_texts(db)
        assert table_contents(db) == before
        _same_as_the_join(db)


def test_a_run_of_texts_comes_from_the_index_without_a_sort(tmp_path):
    with open_db(tmp_path / "plan.sqlite3") as db:
        plan = [row[3] for row in db.execute(f"EXPLAIN QUERY PLAN {PLACEMENT_TEXTS_FROM}", [1, 9])]
    assert plan[0].startswith("SEARCH placement_order USING COVERING INDEX placement_order_list")
    assert not any("TEMP B-TREE" in step for step in plan)


@pytest.fixture
def db(tmp_path):
    database = open_db(tmp_path / "texts.sqlite3")
    yield database
    database.close()


def _placement(db, contract: str, carer: int, child: int) -> int:
    return save_placement(
        db,
        Placement(
            contract_no=contract,
            carer_id=carer,
            child_id=child,
            carer_centre_id=db.centre,
            child_centre_id=db.centre,
            periods=(PlacementPeriod("contract", date(2026, 1, 1)),),
        ),
    )


def _rename(db, table: str, record_id: int, name: str) -> None:
    record = get_record(db, table, record_id)
    save_record(db, table, {"id": record_id, "name": name, "version": record["version"]})


def test_the_texts_follow_every_change(db):
    db.centre = save_record(db, "centres", {"code": "KR", "name": "CSD Kranj", "seat": "Kranj"})
    carer = {
        name: save_carer(db, Carer(name=name, address="Ulica 1", centre_id=db.centre))
        for name in ("Zala Čuk", "Bor Novak", "Cene Cvet")
    }
    child = {
        name: save_child(db, Child(name=name, birth_date=date(2015, 1, 1)))
        for name in ("Maks Čop", "Eva Zupan", "Ian Ahac")
    }
    p1 = _placement(db, "P-1", carer["Bor Novak"], child["Eva Zupan"])
    p2 = _placement(db, "P-2", carer["Bor Novak"], child["Maks Čop"])
    p3 = _placement(db, "P-3", carer["Zala Čuk"], child["Ian Ahac"])
    _same_as_the_join(db)

    _rename(db, "carers", carer["Bor Novak"], "Bor Novak Kos")  # the surname key stays
    _same_as_the_join(db)
    _rename(db, "children", child["Ian Ahac"], "Ian Ahac Žnidar")
    _same_as_the_join(db)
    moved = get_placement(db, p1)  # a new contract number, another carer and child
    save_placement(
        db,
        Placement(
            **{
                **moved.__dict__,
                "contract_no": "P-1a",
                "carer_id": carer["Cene Cvet"],
                "child_id": child["Ian Ahac"],
            }
        ),
    )
    assert "P-1a Cene Cvet Ian Ahac Žnidar" in placement_pages(db).search
    _same_as_the_join(db)
    delete_placement(db, p1)
    delete_person(db, "carers", carer["Cene Cvet"])
    assert _same_as_the_join(db) == [p3, p2]  # Čuk before Kos

    # writes outside the store in plain SQL: the triggers keep up
    # (one at a time: each text is checked before another change makes it anew)
    db.execute("UPDATE carers SET name = 'Bor Kos' WHERE id = ?", [carer["Bor Novak"]])
    _same_as_the_join(db)
    db.execute("UPDATE children SET name = 'Maks Čopič' WHERE id = ?", [child["Maks Čop"]])
    _same_as_the_join(db)
    db.execute("UPDATE placements SET contract_no = 'X-9' WHERE id = ?", [p2])
    assert placement_pages(db).search[1] == "X-9 Bor Kos Maks Čopič"
    _same_as_the_join(db)
    db.execute("PRAGMA foreign_keys = OFF")
    try:  # a carer gone, then back (a restore of its row)
        row = db.execute("SELECT * FROM carers WHERE id = ?", [carer["Zala Čuk"]]).fetchone()
        db.execute("DELETE FROM carers WHERE id = ?", [carer["Zala Čuk"]])
        assert _same_as_the_join(db) == [p2]
        db.execute(f"INSERT INTO carers VALUES ({', '.join('?' * len(row))})", list(row))
        assert _same_as_the_join(db) == [p3, p2]
    finally:
        db.execute("PRAGMA foreign_keys = ON")


def test_a_placement_added_after_the_list_was_read_has_its_text(db):
    db.centre = save_record(db, "centres", {"code": "KR", "name": "CSD Kranj", "seat": "Kranj"})
    carer = save_carer(db, Carer(name="Ana Bele", address="Ulica 1", centre_id=db.centre))
    child = save_child(db, Child(name="Tim Rus", birth_date=date(2015, 1, 1)))
    _placement(db, "P-1", carer, child)
    pages = placement_pages(db)
    added = _placement(db, "P-2", carer, child)
    pages.search.insert_id(1, added)  # type: ignore[attr-defined]
    assert list(pages.search) == ["P-1 Ana Bele Tim Rus", "P-2 Ana Bele Tim Rus"]
