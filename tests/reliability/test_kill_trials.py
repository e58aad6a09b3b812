"""Kill -9 at random moments and at chosen SQL statements, while a file is first created
and while records are written: every file opens afterwards, passes `check`, and keeps
every commit that was acknowledged (issue 15, item 1).

The writer is a forked child (POSIX), so a trial costs a fork, not an interpreter start.
The small versions run by default; the full-size ones are marked ``reliability``.
"""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import sys
import time
from pathlib import Path

import pytest

from rejnistvo.store import check_db, open_db, save_record
from tests.reliability.conftest import full_size

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="fork and SIGKILL are POSIX")


def _writer(path: Path, ack_fd: int, crash_at: int | None) -> None:
    """The child: open (maybe create) the file and write children forever, acknowledging
    each committed id on the pipe. With `crash_at`, die at that SQL statement."""
    if crash_at is not None:
        count = [0]
        real_connect = sqlite3.connect

        def traced(*args, **kwargs):
            conn = real_connect(*args, **kwargs)

            def trace(_statement: str) -> None:
                count[0] += 1
                if count[0] == crash_at:
                    os._exit(9)

            conn.set_trace_callback(trace)
            return conn

        sqlite3.connect = traced  # type: ignore[assignment]
    db = open_db(path)
    number = 0
    while True:
        record_id = save_record(db, "children", {"name": f"Otrok {number}"})
        os.write(ack_fd, f"{record_id}\n".encode())
        number += 1
        if crash_at is not None and number > 3:
            os._exit(0)


def _trial(path: Path, *, delay: float | None, crash_at: int | None = None) -> list[int]:
    """Run a writer, kill it (after `delay` s, or let it crash at a statement); return the
    acknowledged ids."""
    read_fd, write_fd = os.pipe()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child never returns
        os.close(read_fd)
        try:
            _writer(path, write_fd, crash_at)
        finally:
            os._exit(1)
    os.close(write_fd)
    if delay is not None:
        time.sleep(delay)
        os.kill(pid, signal.SIGKILL)
    os.waitpid(pid, 0)
    chunks = []
    while chunk := os.read(read_fd, 65536):
        chunks.append(chunk)
    os.close(read_fd)
    return [int(line) for line in b"".join(chunks).decode().split()]


def _verify(path: Path, acknowledged: set[int]) -> None:
    with open_db(path) as db:  # opens (finishing or rebuilding what a crash left)
        stored = {row[0] for row in db.execute("SELECT id FROM children")}
    assert acknowledged <= stored, f"lost commits: {sorted(acknowledged - stored)[:5]}"
    assert check_db(path) == []


def _random_kills(folder: Path, kills: int, seed: int) -> dict[str, int]:
    rng = random.Random(seed)
    path = folder / "zbirka.sqlite3"
    acknowledged: set[int] = set()
    figures = {"kills": 0, "creations": 0, "acknowledged": 0}
    for trial in range(kills):
        if trial % 3 == 0:  # a third of the kills hit a file being created
            for leftover in folder.iterdir():
                if leftover.is_file():
                    leftover.unlink()
            acknowledged = set()
            figures["creations"] += 1
        acknowledged |= set(_trial(path, delay=rng.uniform(0.0, 0.35)))
        figures["kills"] += 1
        if path.exists() or (folder / "zbirka.sqlite3.creating").exists():
            _verify(path, acknowledged)
    figures["acknowledged"] = len(acknowledged)
    return figures


def _statement_points(folder: Path, points: list[int]) -> int:
    """Die at each given SQL statement of creating a file and writing to it."""
    for point in points:
        path = folder / f"s{point}.sqlite3"
        acknowledged = set(_trial(path, delay=None, crash_at=point))
        _verify(path, acknowledged)
    return len(points)


def _statements_of_a_run(folder: Path) -> int:
    count = [0]
    real_connect = sqlite3.connect

    def traced(*args, **kwargs):
        conn = real_connect(*args, **kwargs)
        conn.set_trace_callback(lambda _s: count.__setitem__(0, count[0] + 1))
        return conn

    sqlite3.connect = traced  # type: ignore[assignment]
    try:
        with open_db(folder / "count.sqlite3") as db:
            for number in range(4):
                save_record(db, "children", {"name": f"Otrok {number}"})
    finally:
        sqlite3.connect = real_connect  # type: ignore[assignment]
    return count[0]


def test_random_kills_small(tmp_path):
    figures = _random_kills(tmp_path, 4, seed=15)
    assert figures["kills"] == 4 and figures["creations"] == 2


def test_statement_level_crashes_small(tmp_path):
    total = _statements_of_a_run(tmp_path)
    points = sorted({2, total // 3, total - 5, total - 1})
    assert _statement_points(tmp_path, points) == len(points)


@pytest.mark.reliability
def test_random_kills_full(tmp_path):
    kills = full_size("REJNISTVO_KILLS", 200)
    started = time.perf_counter()
    figures = _random_kills(tmp_path, kills, seed=2026)
    print(
        f"\n{figures['kills']} random kills ({figures['creations']} during creation) in "
        f"{time.perf_counter() - started:.0f} s: every file opened and passed check, "
        "0 acknowledged commits lost"
    )


@pytest.mark.reliability
def test_every_statement_level_crash_point(tmp_path):
    total = _statements_of_a_run(tmp_path)
    step = max(1, int(os.environ.get("REJNISTVO_STATEMENT_STEP", 1)))
    started = time.perf_counter()
    done = _statement_points(tmp_path, list(range(1, total + 1, step)))
    print(
        f"\n{done} of {total} statement-level crash points in "
        f"{time.perf_counter() - started:.0f} s: every file opened and passed check"
    )
