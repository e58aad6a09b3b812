"""A rate or birth grant of 0.00 typed in the settings or by `rates` is refused (SPEC 3.1:
a month with no amount in force is an error, never computed as zero); nothing is added."""

from datetime import date

import pytest

from rejnistvo.rules.errors import InputError
from rejnistvo.services import rates as service
from rejnistvo.store import open_db


@pytest.fixture
def db(tmp_path, own_rates):
    database = open_db(tmp_path / "rates.sqlite3")
    own_rates(database)
    yield database
    database.close()


def test_a_typed_rate_of_zero_is_refused_and_nothing_added(db):

    before = service.list_rates(db)
    for board, fee, field in (("0", "460.00", "board"), ("638.00", "0,00", "fee")):
        with pytest.raises(InputError) as refused:
            service.add_rate(db, date(2027, 3, 1), board, fee.replace(",", "."), "objava")
        assert refused.value.field == field
    with pytest.raises(InputError) as refused:
        service.add_indexation(db, date(2027, 3, 1), "655.23", "472.42", "0.00", "objava")
    assert refused.value.field == "birth_grant"
    assert service.list_rates(db) == before
