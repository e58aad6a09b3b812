"""Optimistic locking: a save from a stale copy is refused and says who changed what."""

from __future__ import annotations

import pytest

from rejnistvo.store import StaleRecordError, get_record, open_db, save_record, set_setting


@pytest.fixture
def db(tmp_path):
    database = open_db(tmp_path / "v.sqlite3")
    yield database
    database.close()


def test_versions_rise_and_stale_saves_are_refused(db):
    set_setting(db, "user_name", "Ana Koordinatorka")
    carer_id = save_record(db, "carers", {"name": "Marija Čuk", "address": "Kranj"})
    first = get_record(db, "carers", carer_id)
    assert first["version"] == 1
    # Another screen saves first.
    save_record(db, "carers", {"id": carer_id, "version": 1, "address": "Škofja Loka"})
    assert get_record(db, "carers", carer_id)["version"] == 2
    with pytest.raises(StaleRecordError) as refused:
        save_record(db, "carers", {"id": carer_id, "version": 1, "name": "Marija Čuk Novak"})
    message = refused.value.message
    assert "Ana Koordinatorka" in message and "naslov" in message
    assert "address" not in message
    stored = get_record(db, "carers", carer_id)
    assert stored["name"] == "Marija Čuk" and stored["address"] == "Škofja Loka"


def test_update_without_version_still_raises_it(db):
    carer_id = save_record(db, "carers", {"name": "Janez Žagar"})
    save_record(db, "carers", {"id": carer_id, "address": "Celje"})
    assert get_record(db, "carers", carer_id)["version"] == 2


def test_a_stale_save_names_the_fields_of_every_change_since_it_read(db):
    """Two saves by the other screen: the refusal names both changes' fields, not only
    the last one's (which may be a field the editor never saw change)."""
    carer_id = save_record(db, "carers", {"name": "Marija Čuk", "address": "Kranj"})
    save_record(db, "carers", {"id": carer_id, "version": 1, "address": "Škofja Loka"})
    save_record(db, "carers", {"id": carer_id, "version": 2, "name": "Marija Čuk Novak"})
    with pytest.raises(StaleRecordError) as refused:
        save_record(db, "carers", {"id": carer_id, "version": 1, "name": "Marija Novak"})
    assert "naslov" in refused.value.message and "ime" in refused.value.fields
    # an editor that read version 2 missed only the name's change
    save_record(db, "carers", {"id": carer_id, "version": 3, "name": "Marija Kranjc"})
    with pytest.raises(StaleRecordError) as refused:
        save_record(db, "carers", {"id": carer_id, "version": 3, "address": "Kranj"})
    assert refused.value.fields == ["ime"]
