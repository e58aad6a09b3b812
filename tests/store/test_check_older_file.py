"""`check --db` of a sound file an older version wrote answered exit 1 »Shema ni
posodobljena« — a script reading exit 1 as »damaged« would restore a backup over a healthy
file. SPEC 6: exit 1 lists problems; the program updates an older file when it opens it, so
`check` answers 0 and says so in one line on standard error, and changes nothing."""

from __future__ import annotations

from sqlite_utils import Database
from step_files import write_people_and_placements

from rejnistvo.cli import main
from rejnistvo.store import check_db, open_db
from rejnistvo.store.schema import known_steps, migrations


def _older_file(path) -> None:
    raw = Database(path)
    migrations.apply(raw, stop_before="m018_package_times")
    people = {
        "carers": [(1, "Zala Čuk", "c{uk\x00zala c{uk")],
        "children": [(1, "Maks Zupan", "zupan\x00maks zupan")],
    }
    write_people_and_placements(raw, people, placements=((1, 1, 1),))
    raw.conn.commit()
    raw.close()


def test_a_sound_older_file_is_healthy_with_a_note(tmp_path, capsys):
    path = tmp_path / "stara.sqlite3"
    _older_file(path)
    before = path.read_bytes()

    code = main(["check", "--db", str(path)])
    out, err = capsys.readouterr()

    assert code == 0
    assert out == "Podatkovna zbirka je v redu.\n"
    assert err.count("\n") == 1
    assert "starejša različica" in err and "m018_package_times" in err
    assert "posodobi, ko jo odpre" in err
    assert path.read_bytes() == before  # checked, not updated


def test_check_db_keeps_the_older_schema_out_of_the_problems(tmp_path):
    path = tmp_path / "stara.sqlite3"
    _older_file(path)
    notes: list[str] = []
    assert check_db(path, notes) == []
    assert len(notes) == 1 and "m019" in notes[0]
    with open_db(path) as db:  # and the program does update it
        assert [m.name for m in migrations.applied(db)] == known_steps()
    notes.clear()
    assert check_db(path, notes) == [] and notes == []


def test_a_damaged_older_file_still_has_problems(tmp_path, capsys):
    path = tmp_path / "stara.sqlite3"
    _older_file(path)
    raw = Database(path)
    raw.execute("PRAGMA foreign_keys = OFF")
    raw.execute("UPDATE placements SET carer_id = 99")
    raw.conn.commit()
    raw.close()

    code = main(["check", "--db", str(path)])
    out, err = capsys.readouterr()

    assert code == 1 and "Neveljavne povezave" in out
    assert "starejša različica" in err
