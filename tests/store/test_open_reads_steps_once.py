"""Opening a file reads its recorded schema steps once (each read is three statements,
~0.2 ms: the checks of every start read them six times), and the steps this program
knows are listed once a process (each listing opens a database in memory, ~0.4 ms).
That a newer or a foreign file is still refused: test_store_open."""

from __future__ import annotations

from rejnistvo.store import open_db, schema


def _counting(monkeypatch, name: str) -> list[int]:
    calls: list[int] = []
    real = getattr(schema.migrations, name)

    def counted(db):
        calls.append(1)
        return real(db)

    monkeypatch.setattr(schema.migrations, name, counted)
    return calls


def test_opening_a_current_file_reads_its_steps_once(tmp_path, monkeypatch):
    path = tmp_path / "steps.sqlite3"
    open_db(path).close()
    schema.known_steps()  # (listed before the count: the first listing of a process)
    applied = _counting(monkeypatch, "applied")
    for beside in (False, True):
        db = open_db(path, daily_backup=True, checks_beside=beside, start_checks=False)
        db.close()
    assert len(applied) == 2


def test_the_known_steps_are_listed_once_a_process(monkeypatch):
    schema._known_steps.cache_clear()
    pending = _counting(monkeypatch, "pending")
    first = schema.known_steps()
    assert schema.known_steps() == first and len(pending) == 1
    first.append("a caller's change")  # a list of its own each time
    assert schema.known_steps()[-1] != "a caller's change"
