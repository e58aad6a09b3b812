"""QA60: the centre's name in Nastavitve → Splošno (the payer of the SEPA file) was free
text with no tie to the centres of Centri in enote, at which the carers, children and
placements are and by which the payment list is totalled. »CSD Koroska« beside
»Center za socialno delo Koroška« went unremarked, and a centre renamed on Centri in enote
left the payer's name as it was. Now a name that is none of the centres gets a note (with
the closest centre), and renaming the centre the payer's name is follows in the same
transaction."""

from __future__ import annotations

import pytest

from rejnistvo.services.settings import centre_names, payer_note, save_centre
from rejnistvo.store import get_setting, open_db, set_setting
from rejnistvo.store.audit import audit_rows

KOROSKA = "Center za socialno delo Koroška"


@pytest.fixture
def db(tmp_path):
    database = open_db(tmp_path / "payer.sqlite3")
    yield database
    database.close()


def _centre_id(db, name: str) -> int:
    return db.execute("SELECT id FROM centres WHERE name = ?", [name]).fetchone()[0]


def test_the_catalogue_centres_are_offered_in_alphabet_order(db):
    names = centre_names(db)
    assert KOROSKA in names and len(names) == 16
    assert names[0] == "Center za socialno delo Celje"
    assert names[-1] == "Center za socialno delo Zasavje"


def test_a_listed_centre_needs_no_note():
    assert payer_note(KOROSKA, [KOROSKA]) is None
    assert payer_note("  center za socialno delo  koroška ", [KOROSKA]) is None
    assert payer_note("", [KOROSKA]) is None  # missing: first steps ask for it
    assert payer_note("CSD X", []) is None  # no centres to compare with


def test_a_name_of_no_centre_is_noted_with_the_closest():
    note = payer_note("Center za socialno delo Koroska", [KOROSKA, "Center za socialno delo Celje"])
    assert note is not None
    assert note.startswith("»Center za socialno delo Koroska« ni ime nobenega centra")
    assert f"Ste mislili »{KOROSKA}«?" in note
    short = payer_note("CSD Koroska", [KOROSKA, "Center za socialno delo Celje"])
    assert short is not None and f"Ste mislili »{KOROSKA}«?" in short
    other = payer_note("Občina Ravne", [KOROSKA])
    assert other is not None and "Ste mislili" not in other
    assert "se shrani, kot je vpisano" in other


def test_renaming_the_payers_centre_renames_the_payer(db):
    set_setting(db, "centre_name", KOROSKA)
    centre = _centre_id(db, KOROSKA)
    before = len(audit_rows(db))
    save_centre(db, {"id": centre, "name": "Center za socialno delo Koroška regija"})
    assert get_setting(db, "centre_name") == "Center za socialno delo Koroška regija"
    tables = [row["table_name"] for row in audit_rows(db)[before:]]
    assert sorted(tables) == ["centres", "settings"]


def test_another_centre_renamed_leaves_the_payer(db):
    set_setting(db, "centre_name", KOROSKA)
    celje = _centre_id(db, "Center za socialno delo Celje")
    save_centre(db, {"id": celje, "name": "Center za socialno delo Celje in okolica"})
    assert get_setting(db, "centre_name") == KOROSKA


def test_a_refused_rename_leaves_the_payer(db):
    from rejnistvo.rules.errors import InputError

    set_setting(db, "centre_name", KOROSKA)
    with pytest.raises(InputError):
        save_centre(db, {"id": _centre_id(db, KOROSKA), "name": "Center za socialno delo Celje"})
    assert get_setting(db, "centre_name") == KOROSKA
