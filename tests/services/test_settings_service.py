"""services.settings: general settings with the centre's name and IBAN, checked and audited."""

from dataclasses import replace

import pytest

from rejnistvo.rules.errors import InputError
from rejnistvo.services.settings import load_general, save_general
from rejnistvo.store import get_setting, open_db
from rejnistvo.store.audit import audit_rows


@pytest.fixture
def db(tmp_path):
    database = open_db(tmp_path / "settings.sqlite3")
    yield database
    database.close()


def test_defaults_and_a_saved_iban_in_compact_form(db):
    general = load_general(db)
    assert (general.waiting_days, general.centre_iban) == (30, "")
    saved = save_general(
        db,
        replace(
            general,
            user_name="Ana",
            centre_name=" CSD Celje ",
            centre_iban="si56 1910 0000 0123 438",
        ),  # fmt: skip
    )
    assert saved.centre_iban == "SI56191000000123438"
    assert get_setting(db, "centre_iban") == "SI56191000000123438"
    assert get_setting(db, "centre_name") == "CSD Celje"
    assert {a["table_name"] for a in audit_rows(db)} >= {"settings"}


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"centre_iban": "SI56 1910 0000 0123 439"}, "centre_iban"),
        ({"centre_iban": "XX00 1234"}, "centre_iban"),
        ({"user_name": "  "}, "user_name"),
        ({"waiting_days": 0}, "waiting_days_threshold"),
        ({"resolution_number_format": "{subgroup}/{year}"}, "resolution_number_format"),
        ({"resolution_number_format": "{number}-{foo}"}, "resolution_number_format"),
    ],
)
def test_bad_values_refused_naming_the_field_and_nothing_written(db, change, field):
    before = dict(db.execute("SELECT key, value FROM settings").fetchall())
    general = replace(load_general(db), user_name="Ana")
    with pytest.raises(InputError) as caught:
        save_general(db, replace(general, **change))
    assert caught.value.field == field
    assert dict(db.execute("SELECT key, value FROM settings").fetchall()) == before
