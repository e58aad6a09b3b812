"""The start after a crash (QA73, found by hand: ``kill -9`` of the window after a save,
then the program started again). The full integrity check ran before the window, but
nothing was said: the clerk did not learn why the start took longer, that the file was
found sound, or that what was typed and not yet saved is gone. Now the opening says so
once (the window shows ``db.warnings`` as »Opozorilo ob odpiranju baze«); a clean start
says nothing."""

from __future__ import annotations

import json

from rejnistvo.store import open_db, save_record


def _crashed(path) -> None:
    """What ``kill -9`` leaves: the lock file says the holder is open, the log has the
    save that said »Shranjeno«."""
    db = open_db(path)
    db.execute("PRAGMA wal_autocheckpoint = 0")
    save_record(db, "children", {"name": "Pred Sesutjem"})
    wal = path.with_name(path.name + "-wal").read_bytes()
    main = path.read_bytes()
    db.close()
    path.write_bytes(main)
    path.with_name(path.name + "-wal").write_bytes(wal)
    holder = {"pid": 1, "host": "racunalnik", "user": "referent", "open": True}
    # byte 0 is the locked byte (lock.py), the holder's note after it
    path.with_name(path.name + ".lock").write_bytes(b" " + json.dumps(holder).encode())


def test_the_start_after_a_crash_says_the_file_was_checked(tmp_path):
    path = tmp_path / "rejnistvo.sqlite3"
    open_db(path).close()
    _crashed(path)
    db = open_db(path)
    try:
        assert [r["name"] for r in db["children"].rows] == ["Pred Sesutjem"]
        said = [w for w in db.warnings if "ni pravilno zaprl" in w]
        assert len(said) == 1
        assert "v celoti preverjena in je cela" in said[0]
        assert "ne shranjeno" in said[0] and str(path) in said[0]
    finally:
        db.close()
    again = open_db(path)  # closed properly this time: nothing to say
    try:
        assert again.warnings == []
    finally:
        again.close()


def test_a_clean_start_says_nothing(tmp_path):
    path = tmp_path / "rejnistvo.sqlite3"
    db = open_db(path)
    save_record(db, "children", {"name": "Ana"})
    db.close()
    db = open_db(path)
    try:
        assert db.warnings == []
    finally:
        db.close()
