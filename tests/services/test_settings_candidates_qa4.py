"""services.settings: a new candidate for a commission needs a name, a centre and one of
its units (the coordinator is warned by the unit) and a day added that is not in the
future (QA4, round 9: a candidate without centre or unit, added on 2. 12. 2099, was
stored)."""

from datetime import date

import pytest

from rejnistvo.rules.errors import InputError
from rejnistvo.services.settings import add_candidate, centres_with_subgroups, update_candidate
from rejnistvo.store import get_record, list_records, open_db

TODAY = date(2026, 12, 2)


@pytest.fixture
def db(tmp_path):
    database = open_db(tmp_path / "candidates.sqlite3")
    yield database
    database.close()


def two_centres(db):
    centres = [c for c in centres_with_subgroups(db) if c.get("units")]
    return centres[0], centres[1]


@pytest.mark.parametrize(
    ("change", "field", "words"),
    [
        ({"name": "  "}, "name", "ime"),
        ({"centre_id": None, "unit_id": None}, "centre_id", "center in enoto"),
        ({"unit_id": None}, "centre_id", "enoto"),
        ({"unit_id": "other"}, "centre_id", "ne spada"),
        ({"added_on": date(2099, 12, 2)}, "added_on", "prihodnosti"),
        ({"added_on": None}, "added_on", "dan"),
    ],
)
def test_a_wrong_candidate_is_refused_naming_the_field(db, change, field, words):
    first, second = two_centres(db)
    record = {"name": "Nina Novak", "centre_id": first["id"],
              "unit_id": first["units"][0]["id"], "added_on": TODAY}  # fmt: skip
    record.update(change)
    if record.get("unit_id") == "other":
        record["unit_id"] = second["units"][0]["id"]
    before = len(list_records(db, "candidates"))
    with pytest.raises(InputError) as refused:
        add_candidate(db, 1, record, today=TODAY)
    assert refused.value.field == field and words in refused.value.message
    assert len(list_records(db, "candidates")) == before


def test_a_right_candidate_is_stored_and_a_correction_is_checked_too(db):
    first, second = two_centres(db)
    unit = first["units"][0]["id"]
    new = add_candidate(db, 1, {"name": " Nina Novak ", "centre_id": first["id"],
                                "unit_id": unit, "added_on": TODAY}, today=TODAY)  # fmt: skip
    stored = get_record(db, "candidates", new)
    assert (stored["name"], stored["unit_id"], stored["subgroup_id"]) == ("Nina Novak", unit, 1)
    with pytest.raises(InputError) as refused:
        update_candidate(db, new, {"name": "Nina Novak", "centre_id": first["id"],
                                   "unit_id": second["units"][0]["id"]})  # fmt: skip
    assert refused.value.field == "centre_id"
