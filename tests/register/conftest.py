from __future__ import annotations

from datetime import date

import pytest

from rejnistvo.store import open_db
from rejnistvo.store.demo import fill_demo

TODAY = date(2026, 11, 20)


@pytest.fixture
def demo_db(tmp_path):
    db = open_db(tmp_path / "demo.sqlite3")
    fill_demo(db, today=TODAY)
    yield db
    db.close()
