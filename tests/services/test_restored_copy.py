"""A restored older copy: reported until the user accepts it, never hidden by a change."""

from __future__ import annotations

import shutil
import sqlite3

import pytest

from rejnistvo.services.restored_copy import (
    ACTION,
    RestoredCopy,
    accept_restored_copy,
    restored_copy,
)
from rejnistvo.store import StoreError, check_db, open_db, save_record
from rejnistvo.store.audit import audit_rows
from rejnistvo.store.backup import list_backups


def _carer(db, name):
    return save_record(db, "carers", {"name": name, "emso": "0101980505007"})


def _warned(db, *words):
    """Whether one of the opening's warnings says all of `words`."""
    return any(all(word in text for word in words) for text in db.warnings)


@pytest.fixture
def restored(tmp_path):
    """A file with three audited changes, then its copy from after the first put back,
    as the user restores a backup; returns the file's path."""
    path = tmp_path / "rejnistvo.sqlite3"
    with open_db(path) as db:
        _carer(db, "Ana Novak")
    older = tmp_path / "starejša.sqlite3"
    shutil.copyfile(path, older)
    with open_db(path) as db:
        _carer(db, "Eva Horvat")
        _carer(db, "Žan Kos")
    shutil.copyfile(older, path)
    return path


def test_a_restored_copy_is_reported_at_every_opening(restored):
    for _ in range(2):
        with open_db(restored) as db:
            assert _warned(db, "krajši", "vrstica 3"), db.warnings
            assert restored_copy(db) == RestoredCopy(known_id=3, last_id=1)
    assert any("krajši" in p for p in check_db(restored))


def test_a_change_after_the_restore_does_not_hide_it(restored):
    with open_db(restored) as db:
        _carer(db, "Nova Oseba")
    with open_db(restored) as db:
        assert _warned(db, "krajši", "zdaj 2"), db.warnings
        _carer(db, "Druga Oseba")  # row 3 again, not the row 3 the installation knew
    with open_db(restored) as db:
        assert _warned(db, "ne ujema", "vrstica 3"), db.warnings
        assert restored_copy(db) == RestoredCopy(known_id=3, last_id=3)
    assert any("ne ujema" in p for p in check_db(restored))


def test_accepting_the_copy_is_logged_recorded_and_backed_up(restored):
    with open_db(restored) as db:
        backup = accept_restored_copy(db)
        row = audit_rows(db, "audit_log")[-1]
        assert row["action"] == ACTION
        assert row["before"] == {"last_id": 3} and row["after"] == {"last_id": 1}
        assert restored_copy(db) is None
    assert backup.exists() and backup == list_backups(restored)[-1]
    assert check_db(restored) == []
    with open_db(restored) as db:
        assert db.warnings == []
        _carer(db, "Nova Oseba")
    assert check_db(restored) == []


def test_a_log_altered_row_by_row_is_not_accepted(restored, tamper_audit_row):
    tamper_audit_row(restored)
    with open_db(restored) as db:
        with pytest.raises(StoreError, match="ni mogoče sprejeti"):
            accept_restored_copy(db)
        assert not any(r["action"] == ACTION for r in audit_rows(db, "audit_log"))
    with open_db(restored) as db:
        assert _warned(db, "krajši")


def test_nothing_to_accept_in_a_whole_log(tmp_path):
    path = tmp_path / "rejnistvo.sqlite3"
    with open_db(path) as db:
        _carer(db, "Ana Novak")
        assert restored_copy(db) is None
        with pytest.raises(StoreError, match="ni obnovljene kopije"):
            accept_restored_copy(db)
        assert [r["action"] for r in audit_rows(db)] == ["insert"]


def test_a_cut_tail_stays_reported_after_a_change(tmp_path):
    """Deleting the newest rows behind the program's back and then working on: the
    installation's head is kept, so check still finds it."""
    path = tmp_path / "rejnistvo.sqlite3"
    with open_db(path) as db:
        for name in ("Ana Novak", "Eva Horvat", "Žan Kos"):
            _carer(db, name)
    raw = sqlite3.connect(path)
    raw.execute("DROP TRIGGER audit_log_no_delete")
    raw.execute("DELETE FROM audit_log WHERE id = 3")
    raw.commit()
    raw.close()
    with open_db(path) as db:
        _carer(db, "Nova Oseba")
    assert any("vrstica 3" in p for p in check_db(path))
