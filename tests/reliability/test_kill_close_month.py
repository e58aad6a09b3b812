"""A month being closed when the process is killed (kill -9, a power cut): the month is
in the ledger whole or not at all, and the file opens and passes `check`.

By hand (round 8): 8 random `kill -9` of `run --month … --close` on the 20,000-placement
demo, 1–14 s into its ~15 s: 4 months whole (18,062 lines), 4 not closed, `check` fine
every time. Here the kill comes at a chosen line of the close, inside its transaction."""

from __future__ import annotations

import signal
import subprocess
import sys
import textwrap
from datetime import date

import pytest

from rejnistvo.store import check_db, open_db
from rejnistvo.store.demo import fill_demo

TODAY = date(2026, 6, 15)

CLOSE = textwrap.dedent(
    """
    import os, signal, sys
    from datetime import date
    from rejnistvo.clock import FixedClock
    from rejnistvo.services.payment_run import close_month
    from rejnistvo.store import ledger, open_db

    kill_at = int(sys.argv[2])
    write = ledger.LineWriter.write

    def killing_write(self, entries, written=None):
        def progress(count):
            if kill_at and count >= kill_at:
                # the lines so far are in the file's WAL, the month not committed
                stored = self.db.execute(
                    "SELECT count(*) FROM payment_lines WHERE run_id = ?", [self.run_id]
                ).fetchone()[0]
                print(stored, file=sys.stderr, flush=True)
                os.kill(os.getpid(), signal.SIGKILL)
            if written is not None:
                written(count)

        return write(self, entries, progress)

    ledger.LineWriter.write = killing_write
    db = open_db(sys.argv[1], create=False)
    close_month(db, date(2026, 6, 1), FixedClock(date(2026, 6, 15)))
    db.close()
    """
)


@pytest.fixture
def demo_file(tmp_path, own_rates):
    path = tmp_path / "rejnistvo.sqlite3"
    db = open_db(path)
    fill_demo(db, today=TODAY)
    own_rates(db)
    db.close()
    return path


def _close(path, kill_at: int) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", CLOSE, str(path), str(kill_at)],
        capture_output=True,
        text=True,
        timeout=300,
    )


def _june_lines(path) -> list[int]:
    db = open_db(path, read_only=True)
    try:
        return [
            row[0]
            for row in db.execute(
                "SELECT (SELECT count(*) FROM payment_lines l WHERE l.run_id = r.id) "
                "FROM payment_runs r WHERE r.month = '2026-06-01'"
            )
        ]
    finally:
        db.close()


def test_a_close_killed_midway_leaves_no_part_of_the_month(demo_file, tmp_path):
    whole = tmp_path / "whole.sqlite3"
    whole.write_bytes(demo_file.read_bytes())
    done = _close(whole, kill_at=0)  # no kill: the month as it closes
    assert done.returncode == 0, done.stderr
    written = _june_lines(whole)
    assert len(written) == 1 and written[0] > 2

    killed = _close(demo_file, kill_at=2)  # once lines are written, before the commit
    assert killed.returncode == -signal.SIGKILL
    assert int(killed.stderr.split()[-1]) >= 2
    assert check_db(demo_file) == []
    assert _june_lines(demo_file) == []
    open_db(demo_file, create=False).close()  # the full check after a crash passes too
    assert _close(demo_file, kill_at=0).returncode == 0  # and the month closes after
    assert _june_lines(demo_file) == written
