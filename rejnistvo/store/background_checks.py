"""The checks of a large file that need not hold up the window: run beside it.

``PRAGMA quick_check`` reads the whole file (about half a second for 20,000 placements,
more than a second for 80,000) and the daily backup copies it. Both are done on their own
connection in a thread: SQLite releases the interpreter while it works, so the window
paints its first screen meanwhile (issue 13). The window asks ``result()`` (or ``done()``
from a timer) and, when the check found damage, says so and stops using the file before
anything else is written (``StoreDatabase.refuse_writes``).

A file that was not closed cleanly, or whose schema is being brought up to date, is still
checked before anything else, as before (``open_db``): only a clean, current file is
checked beside the window.
"""

from __future__ import annotations

import sqlite3
import threading
from dataclasses import dataclass, field
from pathlib import Path

from rejnistvo.store.errors import StoreError


def damaged_message(path: Path, problem: str) -> str:
    return (
        f"Podatkovna zbirka »{path}« je poškodovana ({problem}). Obnovite zadnjo "
        "varnostno kopijo iz mape »backups«."
    )


@dataclass
class CheckResult:
    #: the Slovenian reason the file must not be used (damage found), or None
    damaged: str | None = None
    #: what the user should know but may work on (the daily backup failed)
    warnings: list[str] = field(default_factory=list)


class BackgroundChecks:
    """``quick_check`` and then the daily backup of ``path`` in a daemon thread."""

    def __init__(self, path: Path, *, daily_backup: bool, busy_timeout: float = 2.0) -> None:
        self.path = path
        self._daily_backup = daily_backup
        self._busy_timeout = busy_timeout
        self._result = CheckResult()
        self._thread = threading.Thread(target=self._run, name="rejnistvo-checks", daemon=True)
        self._thread.start()

    def done(self) -> bool:
        return not self._thread.is_alive()

    def result(self, timeout: float | None = None) -> CheckResult | None:
        """The outcome; None when ``timeout`` passed before the checks ended."""
        self._thread.join(timeout)
        return None if self._thread.is_alive() else self._result

    def _run(self) -> None:
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
