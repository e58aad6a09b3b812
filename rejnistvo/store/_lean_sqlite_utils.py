"""sqlite-utils loaded without numpy (imported first by ``rejnistvo.store``).

sqlite-utils imports numpy when it can, only to store numpy values, which this program
never has: a tenth of a second of every window's start (more on a busy machine). numpy
is hidden while sqlite-utils loads, and only then; whoever needs numpy later gets it.
"""

from __future__ import annotations

import sys


def load_sqlite_utils() -> None:
    if "sqlite_utils" in sys.modules or "numpy" in sys.modules:
        return
    sys.modules["numpy"] = None  # type: ignore[assignment]  # import numpy → ImportError
    try:
        import sqlite_utils  # noqa: F401
    finally:
        del sys.modules["numpy"]


load_sqlite_utils()
