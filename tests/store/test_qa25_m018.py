"""Store step m018_package_times: R-4 cases keep when the package they were last taken
from was made (``r4_cases.package_created_at``); a file of m017 gets the column, NULL
for its cases, its data otherwise unchanged. What the import does with it:
tests/exchange/test_qa25_older_package.py."""

from __future__ import annotations

import sqlite3

from sqlite_utils import Database
from step_files import table_contents, write_people_and_placements

from rejnistvo.store import check_db, get_record, open_db
from rejnistvo.store.schema import known_steps, migrations

STEP = "m018_package_times"


def _m017_file(path) -> None:
    raw = Database(path)
    migrations.apply(raw, stop_before=STEP)
    assert [m.name for m in migrations.applied(raw)][-1] == "m017_placement_texts"
    people = {
        "carers": [(1, "Zala Čuk", "c{uk\x00zala c{uk")],
        "children": [(1, "Maks Zupan", "zupan\x00maks zupan")],
    }
    write_people_and_placements(raw, people, placements=((1, 1, 1),))
    raw.execute(
        "INSERT INTO r4_cases (id, placement_id, case_no, case_uuid, received_on) "
        "VALUES (1, 1, '1220-14/2026', '0b7c1c9e-4b2f-4c0e-9d7e-4a1f2b3c4d5e', '2026-11-21')"
    )
    raw.conn.commit()
    raw.close()


def test_the_step_follows_m017():
    steps = known_steps()
    assert steps.index(STEP) == steps.index("m017_placement_texts") + 1


def test_an_m017_file_gets_the_column_and_keeps_its_data(tmp_path):
    path = tmp_path / "old.sqlite3"
    _m017_file(path)
    raw = sqlite3.connect(path)
    before = table_contents(raw)
    raw.close()
    with open_db(path) as db:
        assert [m.name for m in migrations.applied(db)] == known_steps()
        case = get_record(db, "r4_cases", 1)
        assert case["package_created_at"] is None and case["case_no"] == "1220-14/2026"
        after = table_contents(db)
    assert [row[:-1] for row in after.pop("r4_cases")] == before.pop("r4_cases")
    assert after == before
    assert check_db(path) == []
