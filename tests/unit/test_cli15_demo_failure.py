"""`demo` that fails part way (a full disk) left the file it had made behind, empty or
with the invented people and no closed months. SPEC 6: nothing half-written — the file
demo made goes with its journals and lock file; a file that was there stays as it was."""

from __future__ import annotations

import sqlite3

import pytest

from rejnistvo.cli import main
from rejnistvo.store import StoreError, demo, open_db

FULL = "Na disku ni dovolj prostora za podatkovno zbirko."


def _disk_full(*_args, **_kwargs):
    raise StoreError(FULL, "disk_full")


def _fail_after_the_first_close(monkeypatch):
    """The invented people written, one month closed, then the disk is full."""
    from rejnistvo.services import payment_run

    real_close = payment_run.close_month
    closed: list[object] = []

    def close_once(db, month, clock, *args, **kwargs):
        if closed:
            _disk_full()
        closed.append(month)
        return real_close(db, month, clock, *args, **kwargs)

    monkeypatch.setattr(payment_run, "close_month", close_once)


@pytest.mark.parametrize("where", ["people", "second_close"])
def test_a_demo_that_fails_leaves_no_file_it_made(tmp_path, capsys, monkeypatch, where):
    if where == "people":
        monkeypatch.setattr(demo._Builder, "placements", _disk_full)
    else:
        _fail_after_the_first_close(monkeypatch)
    path = tmp_path / "demo.sqlite3"
    assert main(["demo", "--db", str(path)]) == 2
    out, err = capsys.readouterr()
    assert out == "" and err == f"--db: {FULL}\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == []


def test_a_demo_that_fails_leaves_an_existing_empty_file_as_it_was(tmp_path, capsys, monkeypatch):
    path = tmp_path / "prazna.sqlite3"
    open_db(path).close()
    before = sorted(p.name for p in tmp_path.iterdir())
    _fail_after_the_first_close(monkeypatch)
    assert main(["demo", "--db", str(path)]) == 2
    assert capsys.readouterr().err == f"--db: {FULL}\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == before
    raw = sqlite3.connect(path)
    try:
        for table in ("carers", "children", "placements", "payment_runs"):
            assert raw.execute(f"SELECT count(*) FROM {table}").fetchone()[0] == 0, table
    finally:
        raw.close()
    monkeypatch.undo()
    assert main(["demo", "--db", str(path)]) == 0  # and demo fills it afterwards


def test_a_demo_that_succeeds_keeps_its_file(tmp_path, capsys):
    path = tmp_path / "demo.sqlite3"
    assert main(["demo", "--db", str(path)]) == 0
    raw = sqlite3.connect(path)
    try:
        assert raw.execute("SELECT count(*) FROM payment_runs").fetchone()[0] == 2
    finally:
        raw.close()
