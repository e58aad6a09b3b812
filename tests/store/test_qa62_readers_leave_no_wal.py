"""QA62: a command that only reads (`check`, `cases`, `rates`, `print --db`, `run` without
`--close`, `register`, `backup`) left `<file>-wal` and `<file>-shm` beside the database: a
read-only SQLite connection may not remove them at its close. A clerk who copied the
folder to a USB stick found two strange files. The reader now leaves the folder as it
found it — also while the window has the file open (the window's log is its own: left,
and its saved rows are read) — and never checkpoints a log with frames it did not write."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest

from rejnistvo.cli import main
from rejnistvo.store import open_db, save_record
from rejnistvo.store.connection import check_db


@pytest.fixture
def demo(tmp_path: Path) -> Path:
    folder = tmp_path / "usb"
    folder.mkdir()
    path = folder / "rejnistvo.sqlite3"
    assert main(["demo", "--db", str(path), "--scale", "2"]) == 0
    return path


def _folder(path: Path) -> list[str]:
    return sorted(p.name for p in path.parent.iterdir())


def _readers(path: Path, out: Path) -> list[list[str]]:
    db = str(path)
    return [
        ["check", "--db", db],
        ["cases", "--db", db],
        ["rates", "--db", db],
        ["run", "--db", db, "--month", "2026-11"],
        ["print", "r4", "--db", db, "--case", "1", "--out", str(out / "r4.pdf")],
        [
            "register",
            "--db",
            db,
            "--subgroup",
            "1",
            "--year",
            "2026",
            "--format",
            "csv",
            "--out",
            str(out / "evidenca.csv"),
        ],  # fmt: skip
        ["backup", "--db", db, "--out", str(out / "kopija.sqlite3")],
    ]


def test_read_only_commands_leave_the_folder_as_they_found_it(demo, tmp_path, capsys):
    out = tmp_path / "out"
    out.mkdir()
    before = _folder(demo)
    assert not any(name.endswith(("-wal", "-shm")) for name in before)
    stamp = demo.stat().st_mtime_ns, demo.read_bytes()
    for argv in _readers(demo, out):
        main(argv)
        capsys.readouterr()
        assert _folder(demo) == before, argv[0]
    assert (demo.stat().st_mtime_ns, demo.read_bytes()) == stamp  # nothing written


def test_beside_the_open_window_its_log_stays_and_its_rows_are_read(demo, tmp_path, capsys):
    out = tmp_path / "out"
    out.mkdir()
    window = open_db(demo)
    try:
        save_record(window, "children", {"name": "Živa Golob"})
        wal = demo.with_name(demo.name + "-wal")
        assert wal.stat().st_size > 0  # the window's saved row is in its log
        during = _folder(demo)
        for argv in _readers(demo, out):
            main(argv)
            capsys.readouterr()
            assert _folder(demo) == during, argv[0]
        assert check_db(demo) == []
        # the window goes on saving into its log after the readers closed
        save_record(window, "children", {"name": "Jure Kos"})
    finally:
        window.close()
    raw = sqlite3.connect(demo)
    try:
        names = {row[0] for row in raw.execute("SELECT name FROM children")}
    finally:
        raw.close()
    assert {"Živa Golob", "Jure Kos"} <= names
    assert not any(name.endswith(("-wal", "-shm")) for name in _folder(demo))


def test_a_log_with_frames_nobody_holds_is_left_for_the_window(demo, tmp_path):
    # a crash left frames: a reader reads them but never copies them into the file (the
    # window's start checks such a log first, and sets a foreign one aside)
    db = open_db(demo)
    save_record(db, "children", {"name": "Živa Golob"})
    wal = demo.with_name(demo.name + "-wal")
    crashed = tmp_path / "crashed.wal"
    crashed.write_bytes(wal.read_bytes())
    db.close()
    os.replace(crashed, wal)  # as the window left it when it crashed
    size, body = wal.stat().st_size, demo.read_bytes()
    with open_db(demo, read_only=True) as reader:
        assert reader.execute("SELECT count(*) FROM children WHERE name = 'Živa Golob'").fetchone()[
            0
        ]
    assert wal.stat().st_size == size and demo.read_bytes() == body


def test_a_reader_on_a_write_protected_file_still_reads(demo, monkeypatch):
    # a read-only medium or file: the reader opens it read-only, as before
    from rejnistvo.store import connection

    monkeypatch.setattr(connection.os, "access", lambda *args, **kwargs: False)
    # nobody has it open (no -wal): read as the unchanging file it is, as SQLite cannot
    # make the WAL index on a read-only medium (QA73, test_qa73_read_only_medium.py)
    assert connection.reader_uri(demo).endswith("?mode=ro&immutable=1")
    with open_db(demo, read_only=True) as reader:
        assert reader.execute("SELECT count(*) FROM rates").fetchone()[0] > 0
    assert connection.check_db(demo) == []


def test_what_an_older_reader_left_goes_with_the_next_reader(demo):
    # an empty log and its index, left by a reader of an older version: nobody's, nothing
    # to copy into the file; the next reader that is the last one out removes them
    raw = sqlite3.connect(f"{demo.resolve().as_uri()}?mode=ro", uri=True)
    raw.execute("SELECT count(*) FROM sqlite_master").fetchone()
    raw.close()
    wal = demo.with_name(demo.name + "-wal")
    assert wal.exists() and wal.stat().st_size == 0
    body = demo.read_bytes()
    assert check_db(demo) == []
    assert not any(name.endswith(("-wal", "-shm")) for name in _folder(demo))
    assert demo.read_bytes() == body


def test_beside_a_window_that_saved_nothing_yet_the_reader_removes_nothing(demo, tmp_path, capsys):
    # the window's log is empty right after it opened: the reader opens mode=rw then, and
    # at its close (not the last: the window holds the file) leaves the window's files
    out = tmp_path / "out"
    out.mkdir()
    window = open_db(demo)
    try:
        wal = demo.with_name(demo.name + "-wal")
        shm = demo.with_name(demo.name + "-shm")
        assert wal.exists() and wal.stat().st_size == 0 and shm.exists()
        for argv in _readers(demo, out):
            main(argv)
            capsys.readouterr()
            assert wal.exists() and shm.exists(), argv[0]
        save_record(window, "children", {"name": "Živa Golob"})
        assert wal.stat().st_size > 0
    finally:
        window.close()
    with open_db(demo, read_only=True) as reader:
        assert reader.execute("SELECT count(*) FROM children WHERE name = 'Živa Golob'").fetchone()[
            0
        ]
    assert not any(name.endswith(("-wal", "-shm")) for name in _folder(demo))
