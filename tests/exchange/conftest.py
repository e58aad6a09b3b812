"""Two database files, as at a carer's centre and at the subgroup coordinator."""

from __future__ import annotations

from datetime import date

import pytest

from rejnistvo.store import open_db
from rejnistvo.store.demo import fill_demo

TODAY = date(2026, 11, 20)


@pytest.fixture
def centre_db(tmp_path):
    db = open_db(tmp_path / "centre.sqlite3")
    fill_demo(db, today=TODAY)
    yield db
    db.close()


@pytest.fixture
def coordinator_db(tmp_path):
    # Another file with other (invented) people: only the package connects the two.
    db = open_db(tmp_path / "coordinator.sqlite3")
    fill_demo(db, today=TODAY, seed=99)
    yield db
    db.close()
