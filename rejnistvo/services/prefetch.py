"""The first screen's rows read beside the window while it builds itself.

At the start the window has its own work (importing and building the first screen) and
the first screen has a read to do (*Roki*: a dozen queries over the whole file). SQLite
runs a query without holding Python's interpreter lock, so the read is started on its
own read-only connection in a thread as soon as the file is open, and the screen takes
the result when it first shows (issue 13: start → rows painted). Taken once: any later
refresh reads afresh. If the read failed, the screen simply reads itself (and reports
the error the usual way).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any, Generic, TypeVar

T = TypeVar("T")

log = logging.getLogger("rejnistvo.services")


class Prefetch(Generic[T]):
    def __init__(self, path: Path, read: Callable[[Any], T]) -> None:
        self._path = path
        self._read = read
        self._value: T | None = None
        self._taken = False
        self._thread = threading.Thread(target=self._run, name="rejnistvo-prefetch", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        from rejnistvo.store import open_db

        try:
            db = open_db(self._path, read_only=True)
            try:
                self._value = self._read(db)
            finally:
                db.close()
        except Exception:  # noqa: BLE001 - the screen reads itself and reports the error
            log.warning("the first screen's read beside the window failed", exc_info=True)
            self._value = None

    def take(self, timeout: float = 30.0) -> T | None:
        """The rows read beside (waiting for them), once; None when already taken, not
        done in ``timeout`` or failed."""
        if self._taken:
            return None
        self._taken = True
        self._thread.join(timeout)
        if self._thread.is_alive():
            return None
        value, self._value = self._value, None
        return value
