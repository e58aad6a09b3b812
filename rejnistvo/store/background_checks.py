"""The checks of a large file that need not hold up the window: run beside it.

``PRAGMA quick_check`` reads the whole file (about half a second for 20,000 placements,
more than a second for 80,000) and the daily backup copies it. Both are done on their own
connection in a thread: SQLite releases the interpreter while it works, so the window
paints its first screen meanwhile (issue 13). The window starts them once its first
screen is on screen (``start()``; ``open_db(..., start_checks=False)``): the check takes
~60 ms of processor time at 20,000 placements, which a busy two-core machine took from
the first paint. The window asks ``result()`` (or ``done()`` from a timer) and, when the
check found damage, says so and stops using the file before anything else is written
(``StoreDatabase.refuse_writes``). ``result()`` starts checks not started yet, so a
caller waiting for them never waits for nothing.

A file that was not closed cleanly, or whose schema is being brought up to date, is still
checked before anything else, as before (``open_db``): only a clean, current file is
checked beside the window.
"""

from __future__ import annotations

import sqlite3
import threading
from dataclasses import dataclass, field
from pathlib import Path

from rejnistvo.collector import collector_paused
from rejnistvo.store.errors import StoreError

#: lines of one problem shown; SQLite's integrity report is one text of ~100 lines
MAX_PROBLEM_LINES = 3


def problem_summary(problem: str) -> str:
    """A problem on one line: SQLite's integrity report (»*** in database main ***« and a
    line per damaged cell, in English) made a message taller than a laptop's screen, its
    button out of reach; the first lines and how many more the report has."""
    from rejnistvo.rules.plural import count_phrase

    lines = [line.strip() for line in problem.splitlines() if line.strip()]
    text = " ".join(lines[:MAX_PROBLEM_LINES])
    if len(lines) > MAX_PROBLEM_LINES:
        more = count_phrase(len(lines) - MAX_PROBLEM_LINES, "vrstica")
        text += f" … (in še {more} poročila)"
    return text


def damaged_message(path: Path, problem: str) -> str:
    return (
        f"Podatkovna zbirka »{path}« je poškodovana ({problem_summary(problem)}). Obnovite "
        "zadnjo varnostno kopijo iz mape »backups«."
    )


@dataclass
class CheckResult:
    #: the Slovenian reason the file must not be used (damage found), or None
    damaged: str | None = None
    #: what the user should know but may work on (the daily backup failed)
    warnings: list[str] = field(default_factory=list)


class BackgroundChecks:
    """``quick_check`` and then the daily backup of ``path`` in a daemon thread, started
    at once or by ``start()``."""

    def __init__(
        self, path: Path, *, daily_backup: bool, busy_timeout: float = 2.0, start: bool = True
    ) -> None:
        self.path = path
        self._daily_backup = daily_backup
        self._busy_timeout = busy_timeout
        self._result = CheckResult()
        self._thread = threading.Thread(target=self._run, name="rejnistvo-checks", daemon=True)
        self._starting = threading.Lock()
        if start:
            self.start()

    def start(self) -> None:
        """Run the checks (once; later calls do nothing)."""
        with self._starting:
            if self._thread.ident is None:
                self._thread.start()

    @property
    def started(self) -> bool:
        return self._thread.ident is not None

    def done(self) -> bool:
        return self.started and not self._thread.is_alive()

    def result(self, timeout: float | None = None) -> CheckResult | None:
        """The outcome; None when ``timeout`` passed before the checks ended."""
        self.start()
        self._thread.join(timeout)
        return None if self._thread.is_alive() else self._result

    def _run(self) -> None:
        # No garbage collection starts in this thread. One started here frees whatever
        # the window let go of, Qt objects too, outside the GUI thread: PySide then waits
        # for the GUI thread, which at closing waits for this one (``result``) — tried:
        # both hang. Off while the checks run (~1 s at start), then as it was found.
        with collector_paused():
            self._check_and_back_up()

    def _check_and_back_up(self) -> None:
        try:
            problems = self._quick_check()
        except sqlite3.Error as error:
            problems = [str(error)]
        if problems:
            self._result.damaged = damaged_message(self.path, problems[0])
            return  # no backup of a damaged file over the good ones
        if self._daily_backup:
            from rejnistvo.store.backup import daily_backup

            try:
                daily_backup(self.path)
            except StoreError as error:
                self._result.warnings.append(
                    f"Dnevna varnostna kopija ni bila narejena. {error.message}"
                )
            except Exception as error:  # noqa: BLE001 - said to the user, never a traceback
                self._result.warnings.append(f"Dnevna varnostna kopija ni bila narejena: {error}")

    def _quick_check(self) -> list[str]:
        uri = f"{self.path.resolve().as_uri()}?mode=ro"
        conn = sqlite3.connect(uri, uri=True, timeout=self._busy_timeout)
        try:
            rows = [row[0] for row in conn.execute("PRAGMA quick_check").fetchall()]
        finally:
            conn.close()
        return [] if rows == ["ok"] else rows
