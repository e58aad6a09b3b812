"""`demo` into a file that already holds records is refused in Slovenian only: the
message named the table in English ("ta že vsebuje zapise (carers)")."""

from __future__ import annotations

import pytest

from rejnistvo.store import StoreError, open_db, save_record
from rejnistvo.store.demo import ensure_empty


def test_refusal_names_what_the_file_holds_in_slovenian(tmp_path):
    db = open_db(tmp_path / "d.sqlite3")
    save_record(db, "carers", {"name": "Marija Rejnik"})
    with pytest.raises(StoreError) as caught:
        ensure_empty(db)
    assert "že vsebuje rejnike" in caught.value.message
    assert "carers" not in caught.value.message
    db.close()
