"""Store step m019_slovenian_order: a file whose lists were ordered with č = c (m009's
keys) gets keys in the Slovenian alphabet's order, so Rejniki, Otroci and Namestitve
put »Cesar« before »Čebašek« and »Zupan« before »Žnidaršič«; nothing else changes."""

from __future__ import annotations

import sqlite3

from sqlite_utils import Database
from step_files import table_contents, write_people_and_placements

from rejnistvo.rules.text import surname_sort_keys
from rejnistvo.services.people import carer_pages
from rejnistvo.services.placements import placement_pages
from rejnistvo.store import check_db, open_db
from rejnistvo.store.centres import save_centre, save_unit, units_of
from rejnistvo.store.schema import known_steps, m019_slovenian_order, migrations

STEP = "m019_slovenian_order"


def _m018_file(path) -> None:
    raw = Database(path)
    migrations.apply(raw, stop_before=STEP)
    assert [m.name for m in migrations.applied(raw)][-1] == "m018_package_times"
    people = {  # the keys m009 wrote: č = c, ž = z
        "carers": [
            (1, "Ana Čebašek", "cebasek\x00ana cebasek"),
            (2, "Bor Cesar", "cesar\x00bor cesar"),
            (3, "Eva Žnidaršič", "znidarsic\x00eva znidarsic"),
            (4, "Ian Zupan", "zupan\x00ian zupan"),
        ],
        "children": [(1, "Maks Šuštar", "sustar\x00maks sustar"), (2, "Tine Sever", "x")],
    }
    write_people_and_placements(raw, people, placements=((1, 1, 1), (2, 2, 1), (3, 3, 2)))
    raw.close()


def test_the_step_follows_m018():
    steps = known_steps()
    assert steps.index(STEP) == steps.index("m018_package_times") + 1


def test_an_m018_file_gets_keys_in_slovenian_order(tmp_path):
    path = tmp_path / "old.sqlite3"
    _m018_file(path)
    raw = sqlite3.connect(path)
    before = table_contents(raw)
    raw.close()
    with open_db(path) as db:
        assert [m.name for m in migrations.applied(db)] == known_steps()
        names = dict(db.execute("SELECT id, name FROM carers").fetchall())
        assert [names[i] for i in carer_pages(db).ids] == [
            "Bor Cesar",
            "Ana Čebašek",
            "Ian Zupan",
            "Eva Žnidaršič",
        ]
        # Namestitve follows through the triggers: Cesar's, Čebašek's, Žnidaršič's
        assert placement_pages(db).ids == [2, 1, 3]
        after = table_contents(db)
    carers = after.pop("carers")
    assert [row[:2] for row in carers] == [row[:2] for row in before.pop("carers")]
    marked = [name for _id, name, *_ in carers if name != "Bor Cesar" and name != "Ian Zupan"]
    with sqlite3.connect(path) as raw:
        keys = dict(raw.execute("SELECT name, surname_key FROM carers").fetchall())
        kids = dict(raw.execute("SELECT name, surname_key FROM children").fetchall())
    assert [keys[name] for name in marked] == surname_sort_keys(marked)
    assert kids == {"Maks Šuštar": "s{us{tar\x00maks s{us{tar", "Tine Sever": "x"}  # unmarked: kept
    after.pop("children"), before.pop("children")
    after.pop("placement_order"), before.pop("placement_order")
    assert after == before
    assert check_db(path) == []


def test_a_second_run_changes_nothing(tmp_path):
    path = tmp_path / "old.sqlite3"
    _m018_file(path)
    with open_db(path) as db:
        once = table_contents(db)
        m019_slovenian_order(db)
        assert table_contents(db) == once


def test_units_in_slovenian_order(tmp_path):
    with open_db(tmp_path / "u.sqlite3") as db:
        centre = save_centre(db, {"code": "LJ", "name": "CSD Ljubljana", "seat": "Ljubljana"})
        for name in (
            "Enota Žalec",
            "Enota Šiška",
            "Enota Center",
            "Enota Zagorje",
            "Enota Čukarica",
        ):
            save_unit(db, centre, name)
        assert [u["name"] for u in units_of(db, centre)] == [
            "Enota Center",
            "Enota Čukarica",
            "Enota Šiška",
            "Enota Zagorje",
            "Enota Žalec",
        ]


def test_the_units_choice_is_in_slovenian_order(tmp_path):
    from rejnistvo.services.people import centres_with_units

    with open_db(tmp_path / "u.sqlite3") as db:
        centre = save_centre(db, {"code": "KR", "name": "CSD Kranj", "seat": "Kranj"})
        for name in ("Enota Šiška", "Enota Črnuče", "Enota Sv. Ana", "Enota Cvetje"):
            save_unit(db, centre, name)
        (kranj,) = [c for c in centres_with_units(db) if c["id"] == centre]
        # with č = c: Črnuče before Cvetje, Šiška before Sv. Ana
        assert [u["name"] for u in kranj["units"]] == [
            "Enota Cvetje",
            "Enota Črnuče",
            "Enota Sv. Ana",
            "Enota Šiška",
        ]
