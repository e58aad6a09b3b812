"""What the spreadsheet-import tests share: the day they run on, the centre their rows
name, valid EMŠO numbers made for a birth day, and an empty file to import into."""

from __future__ import annotations

from datetime import date

import pytest
from stdnum.si import emso as stdnum_emso

from rejnistvo.store import open_db

TODAY = date(2026, 12, 5)
GORENJSKA = "Center za socialno delo Gorenjska"


def emso(day: int, month: int, year: int, serial: int) -> str:
    """A valid EMŠO of someone born on that day (register 50), its check digit computed."""
    base = f"{day:02d}{month:02d}{year % 1000:03d}50{serial:03d}"
    return base + stdnum_emso.calc_check_digit(base)


@pytest.fixture(name="db")
def import_db(tmp_path):
    """An empty file to import into (the tests ask for it as ``db``)."""
    database = open_db(tmp_path / "uvoz.sqlite3")
    yield database
    database.close()
