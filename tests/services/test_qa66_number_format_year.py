"""QA66: the resolution number restarts at 1 each year (3-001/2026, then 3-001/2027). A
format without the year, »[podskupina]-[št]«, was accepted: the first resolution of 2027
then got »3-001«, the number of 2026's first. Such a format is now refused where it is
typed, saying why; formats with the year still save."""

from __future__ import annotations

from dataclasses import replace

import pytest

from rejnistvo.rules.errors import InputError
from rejnistvo.services.settings import check_number_format, load_general, save_general
from rejnistvo.store import get_setting, open_db


@pytest.fixture
def db(tmp_path):
    database = open_db(tmp_path / "s.sqlite3")
    yield database
    database.close()


@pytest.mark.parametrize("fmt", ["{subgroup}-{number:03d}", "SKL {seq}", "{number}"])
def test_a_format_without_the_year_is_refused_saying_why(db, fmt):
    before = get_setting(db, "resolution_number_format")
    with pytest.raises(InputError) as caught:
        general = replace(load_general(db), user_name="Ana")
        save_general(db, replace(general, resolution_number_format=fmt))
    assert caught.value.field == "resolution_number_format"
    assert "[leto]" in caught.value.message and "vsako leto začne znova" in caught.value.message
    assert get_setting(db, "resolution_number_format") == before


@pytest.mark.parametrize(
    "fmt", ["{subgroup}-{number:03d}/{year}", "R4-{subgroup}/{year}/{seq:04d}", "{year}-{number}"]
)
def test_formats_with_the_year_still_save(fmt):
    assert check_number_format(fmt) == fmt
