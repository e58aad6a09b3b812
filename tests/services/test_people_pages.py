"""The paged lists of Rejniki, Otroci and Namestitve (``carer_pages``, ``child_pages``,
``placement_pages``) and the picker's search (``person_choices``): ids in the lists'
order, search texts as the screen shows them, rows read by id, a deleted id left out."""

from __future__ import annotations

import dataclasses
from datetime import date
from decimal import Decimal

import pytest

from rejnistvo.services.people import (
    CHOICES,
    Carer,
    Child,
    carer_pages,
    carer_rows,
    child_pages,
    child_rows,
    delete_person,
    list_carers,
    list_children,
    person_choices,
    person_label,
    save_carer,
    save_child,
)
from rejnistvo.services.placements import (
    OPEN_END,
    Placement,
    PlacementPeriod,
    delete_placement,
    list_placements,
    placement_pages,
    placement_rows,
    save_placement,
)
from rejnistvo.store import open_db, save_record

#: valid EMŠOs (checked by rules.emso)
EMSO_A = "0101006500006"
EMSO_B = "2111993507133"


@pytest.fixture
def db(tmp_path):
    database = open_db(tmp_path / "pages.sqlite3")
    centre = save_record(database, "centres", {"code": "KR", "name": "CSD Kranj", "seat": "Kranj"})
    carers = {}
    for name, emso in (
        ("Zala Čuk", EMSO_A),
        ("Cene Cvet", None),
        ("Bor Novak", EMSO_B),
        ("Ana Žagar", None),
        ("ana novak", None),  # the same surname, another case
        ("Đuro Šišić", None),
    ):
        carers[name] = save_carer(
            database, Carer(name=name, emso=emso, address=f"Ulica {name}", centre_id=centre)
        )
    children = {
        name: save_child(database, Child(name=name, birth_date=date(2015, 1, 1)))
        for name in ("Maks Čop", "Eva Zupan", "Ian Ahac")
    }
    database.carers = carers  # type: ignore[attr-defined]
    database.children = children  # type: ignore[attr-defined]
    database.centre = centre  # type: ignore[attr-defined]
    yield database
    database.close()


def shown(value: object) -> str:
    return "" if value is None else str(value)


def placement(db, contract: str, carer: str, child: str, *periods: PlacementPeriod) -> int:
    return save_placement(
        db,
        Placement(
            contract,
            db.carers[carer],
            db.children[child],
            carer_centre_id=db.centre,
            child_centre_id=db.centre,
            periods=periods or (PlacementPeriod("contract", date(2026, 1, 1)),),
        ),
    )


def test_carers_and_children_in_the_lists_order_with_the_shown_texts(db):
    pages = carer_pages(db)
    full = list_carers(db)
    assert pages.ids == [r["id"] for r in full]  # by surname, Slovenian order: C, Č, … Š, Ž
    assert [r["name"] for r in full] == [
        "Cene Cvet",
        "Zala Čuk",
        "ana novak",
        "Bor Novak",
        "Đuro Šišić",
        "Ana Žagar",
    ]
    assert list(pages.search) == [
        " ".join(shown(r[k]) for k in ("name", "emso", "address")) for r in full
    ]
    rows = {r["id"]: r for r in pages.fetch(list(reversed(pages.ids)))}
    for record in full:
        row = rows[record["id"]]
        assert row == {k: record[k] for k in ("id", "name", "emso", "address", "licence_date")}

    children = child_pages(db)
    assert children.ids == [r["id"] for r in list_children(db)]
    assert list(children.search) == [f"{r['name']} " for r in list_children(db)]  # no EMŠO: ""
    (maks,) = child_rows(db, [db.children["Maks Čop"]])
    assert maks["birth_date"] == date(2015, 1, 1) and maks["emso"] is None


def test_a_deleted_person_is_left_out_of_a_page(db):
    gone = db.carers["Cene Cvet"]
    delete_person(db, "carers", gone)
    asked = [gone, db.carers["Bor Novak"]]
    assert [r["id"] for r in carer_rows(db, asked)] == [db.carers["Bor Novak"]]
    assert gone not in carer_pages(db).ids


def test_placements_by_carer_then_child_with_spans_and_part_time(db):
    open_one = placement(db, "P-1", "Bor Novak", "Eva Zupan")
    closed = placement(
        db,
        "P-2",
        "Zala Čuk",
        "Maks Čop",
        PlacementPeriod("contract", date(2025, 1, 1), date(2025, 6, 30)),
        PlacementPeriod("annex", date(2025, 7, 1), date(2025, 12, 31)),
    )
    part = save_placement(
        db,
        Placement(
            "P-3",
            db.carers["Bor Novak"],
            db.children["Ian Ahac"],
            db.centre,
            db.centre,
            part_time=True,
            fee_share=Decimal("0.40"),
            periods=(PlacementPeriod("contract", date(2026, 2, 1)),),
        ),
    )
    pages = placement_pages(db)
    full = list_placements(db)
    assert pages.ids == [r["id"] for r in full] == [closed, part, open_one]
    assert list(pages.search) == [
        f"{r['contract_no']} {r['carer_name']} {r['child_name']}" for r in full
    ]
    rows = {r["id"]: r for r in placement_rows(db, pages.ids)}
    assert rows[closed]["first_from"] == date(2025, 1, 1)
    assert rows[closed]["last_to"] == date(2025, 12, 31)
    assert rows[open_one]["last_to"] == OPEN_END
    assert rows[part]["part_time"] is True and rows[open_one]["part_time"] is False
    for record in full:
        for key, value in rows[record["id"]].items():
            assert record[key] == value, key

    delete_placement(db, part)
    assert [r["id"] for r in pages.fetch([part, closed])] == [closed]


def test_person_choices_find_any_word_with_or_without_marks(db):
    names = [label for _id, label in person_choices(db, "carers", "cuk")]
    assert names == [f"Zala Čuk ({EMSO_A})"]
    assert [i for i, _l in person_choices(db, "carers", "NOVAK bor")] == [db.carers["Bor Novak"]]
    assert {i for i, _l in person_choices(db, "carers", "novak")} == {
        db.carers["Bor Novak"],
        db.carers["ana novak"],
    }
    assert [i for i, _l in person_choices(db, "carers", "djuro")] == []
    assert [i for i, _l in person_choices(db, "carers", "duro sisic")] == [db.carers["Đuro Šišić"]]
    # The whole label as shown (with the EMŠO in brackets) finds that one person.
    label = f"Bor Novak ({EMSO_B})"
    assert person_choices(db, "carers", label) == [(db.carers["Bor Novak"], label)]
    assert person_choices(db, "carers", EMSO_B[:6]) == [(db.carers["Bor Novak"], label)]
    assert person_label(db, "carers", db.carers["Bor Novak"]) == label
    assert person_label(db, "carers", db.carers["Cene Cvet"]) == "Cene Cvet"
    assert person_label(db, "carers", 9999) is None
    assert person_choices(db, "carers", "   ") == []
    assert person_choices(db, "children", "cop") == [(db.children["Maks Čop"], "Maks Čop")]
    # LIKE's own characters are plain text here
    assert person_choices(db, "carers", "%") == []
    assert person_choices(db, "carers", "_") == []
    with pytest.raises(ValueError):
        person_choices(db, "placements", "a")


def test_person_choices_stop_at_the_limit_in_name_order(db):
    for i in range(CHOICES + 5):
        save_child(db, Child(name=f"Otrok Številka{i:03d}"))
    found = person_choices(db, "children", "stevilka")
    assert len(found) == CHOICES
    assert [label for _i, label in found] == [f"Otrok Številka{i:03d}" for i in range(CHOICES)]
    assert len(person_choices(db, "children", "stevilka", limit=3)) == 3


def test_pages_of_an_empty_file(tmp_path):
    database = open_db(tmp_path / "empty.sqlite3")
    try:
        for pages in (carer_pages(database), child_pages(database), placement_pages(database)):
            assert pages.ids == [] and list(pages.search) == [] and pages.fetch([1]) == []
    finally:
        database.close()


def test_a_renamed_carer_is_shown_by_the_same_row_reader(db):
    carer_id = db.carers["Bor Novak"]
    (before,) = carer_rows(db, [carer_id])
    from rejnistvo.services.people import get_carer

    save_carer(db, dataclasses.replace(get_carer(db, carer_id), name="Bor  Novak Kos"))
    (after,) = carer_rows(db, [carer_id])
    assert after == {**before, "name": "Bor Novak Kos"}


def test_a_renamed_carer_moves_to_the_place_of_the_new_surname(db):
    from rejnistvo.services.people import get_carer

    carer_id = db.carers["Bor Novak"]
    save_carer(db, dataclasses.replace(get_carer(db, carer_id), name="Bor Ahačič"))
    pages = carer_pages(db)
    assert pages.ids == [r["id"] for r in list_carers(db)]
    assert pages.ids[0] == carer_id  # Ahačič sorts first, č = c


def test_store_step_m009_gives_existing_people_their_surname_keys(tmp_path):
    from sqlite_utils import Database

    from rejnistvo.rules.text import surname_sort_keys
    from rejnistvo.store.schema import migrations

    path = tmp_path / "old.sqlite3"
    raw = Database(path)
    migrations.apply(raw, stop_before="m009_surname_keys")
    for name in ("Zala Čuk", "Bor Novak", "Ana Ahac"):
        raw["carers"].insert({"name": name, "name_key": name.casefold()})
    raw["children"].insert({"name": "Maks Čop", "name_key": "maks čop"})
    raw.conn.commit()
    raw.close()
    db = open_db(path)
    try:
        rows = db.execute("SELECT name, surname_key FROM carers ORDER BY id").fetchall()
        assert [key for _name, key in rows] == surname_sort_keys([n for n, _k in rows])
        assert [
            db.execute(f"SELECT name FROM carers WHERE id = {i}").fetchone()[0]
            for i in carer_pages(db).ids
        ] == ["Ana Ahac", "Zala Čuk", "Bor Novak"]
        # m019 puts č after c: "c{op" (tests/unit/test_qa27_slovenian_order.py)
        assert db.execute("SELECT surname_key FROM children").fetchone()[0] == ("c{op\x00maks c{op")
    finally:
        db.close()


@pytest.mark.parametrize(("table", "pages"), [("carers", carer_pages), ("children", child_pages)])
def test_the_list_is_read_from_its_index_alone_without_a_sort(db, table, pages, monkeypatch):
    """Store step m011: the list's order and its searched columns are one index, so the
    ids, and the texts when the list folds them (a range of the index a slice), are read
    from it alone (no table rows, no temporary sort)."""
    asked: list[str] = []
    execute = type(db).execute

    def spy(self, sql, *args, **kwargs):
        if sql.startswith("SELECT id"):
            asked.append(sql)
        return execute(self, sql, *args, **kwargs)

    # the same name three times: their place is by id, as in list_carers
    same = [
        save_carer(db, Carer(name=n, address="Ulica 1", centre_id=db.centre))
        for n in ("Eva Kos", "eva kos", "EVA KOS")
    ]
    monkeypatch.setattr(type(db), "execute", spy)
    found = pages(db)
    texts = list(found.search)
    monkeypatch.undo()
    if table == "carers":
        assert [i for i in found.ids if i in same] == same
        assert found.ids == [r["id"] for r in list_carers(db)]
        assert texts == [f"{r['name']} {shown(r['emso'])} {r['address']}" for r in list_carers(db)]
    ids_sql, texts_sql = asked  # the ids, then the texts of the one slice (no look-ups)
    assert "surname_key, name_key, id) >=" in texts_sql
    for sql in asked:
        params = [""] * sql.count("?")
        plan = " ".join(row[3] for row in db.execute(f"EXPLAIN QUERY PLAN {sql}", params))
        assert f"COVERING INDEX {table}_list_order" in plan
        assert "TEMP B-TREE" not in plan


def test_store_step_m011_gives_an_existing_file_the_list_indexes(tmp_path):
    from sqlite_utils import Database

    from rejnistvo.rules.text import surname_sort_keys
    from rejnistvo.store.schema import migrations

    path = tmp_path / "old.sqlite3"
    raw = Database(path)
    migrations.apply(raw, stop_before="m011_list_indexes")
    for name in ("Zala Čuk", "Bor Novak", "Ana Ahac"):
        key = surname_sort_keys([name])[0]
        raw["carers"].insert({"name": name, "name_key": name.casefold(), "surname_key": key})
    raw.conn.commit()
    before = {r[0] for r in raw.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
    assert "carers_list_order" not in before
    raw.close()
    db = open_db(path)
    try:
        indexes = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
        assert {"carers_list_order", "children_list_order"} <= indexes
        assert [
            db.execute(f"SELECT name FROM carers WHERE id = {i}").fetchone()[0]
            for i in carer_pages(db).ids
        ] == ["Ana Ahac", "Zala Čuk", "Bor Novak"]
    finally:
        db.close()


def test_placement_texts_in_any_order_and_after_a_rename(db):
    """The texts of a slice of Namestitve are read by its carers' surname range; ids in
    another order or a carer renamed out of that range are looked up one by one."""
    from rejnistvo.services.placements import placement_texts

    made = [
        placement(db, f"P-{i}", carer, child)
        for i, (carer, child) in enumerate(
            (
                ("Zala Čuk", "Maks Čop"),
                ("Cene Cvet", "Eva Zupan"),
                ("Bor Novak", "Ian Ahac"),
                ("Đuro Šišić", "Eva Zupan"),
            )
        )
    ]
    ids = placement_pages(db).ids
    full = {
        r["id"]: f"{r['contract_no']} {r['carer_name']} {r['child_name']}"
        for r in list_placements(db)
    }
    assert placement_texts(db, ids) == full
    assert placement_texts(db, list(reversed(ids))) == full  # the range of the ends: every one
    # Cvet renamed to Ahlin: now before the range of the slice's ends (Čuk … Šišić)
    from rejnistvo.services.people import get_carer

    cvet = get_carer(db, db.carers["Cene Cvet"])
    save_carer(db, dataclasses.replace(cvet, name="Cene Ahlin"))
    texts = placement_texts(db, ids)
    assert texts[made[1]] == "P-1 Cene Ahlin Eva Zupan" and len(texts) == 4
    assert placement_texts(db, [made[0], 999_999]) == {made[0]: full[made[0]]}  # gone: left out
    assert placement_texts(db, []) == {}


def test_person_texts_read_later_follow_a_rename_and_a_deletion(db):
    """Rejniki's texts are read when folded: a carer renamed since the ids were read
    (now outside the slice's range) is looked up, a deleted one has an empty text."""
    from rejnistvo.services.people import get_carer

    pages = carer_pages(db)
    cuk = get_carer(db, db.carers["Zala Čuk"])  # the first of the list
    save_carer(db, dataclasses.replace(cuk, name="Zala Zorko"))  # now the last
    delete_person(db, "carers", db.carers["Cene Cvet"])
    texts = dict(zip(pages.ids, pages.search[0 : len(pages.ids)], strict=True))
    assert texts[cuk.id] == f"Zala Zorko {EMSO_A} Ulica Zala Čuk"
    assert texts[db.carers["Cene Cvet"]] == ""
    assert texts[db.carers["Bor Novak"]] == f"Bor Novak {EMSO_B} Ulica Bor Novak"
