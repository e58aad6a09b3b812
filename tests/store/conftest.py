from __future__ import annotations

import hashlib
from datetime import date
from pathlib import Path

import pytest

from rejnistvo.store import open_db
from rejnistvo.store.demo import fill_demo

TODAY = date(2026, 6, 15)


def file_digest(path: Path) -> str:
    """The file's bytes and its WAL's, so "nothing touched" can be asserted."""
    digest = hashlib.sha256()
    for candidate in (path, path.with_name(path.name + "-wal")):
        if candidate.exists():
            digest.update(candidate.read_bytes())
    return digest.hexdigest()


@pytest.fixture
def demo_today() -> date:
    """The "today" the demo_path file was made for."""
    return TODAY


@pytest.fixture
def digest():
    return file_digest


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "rejnistvo.sqlite3"


@pytest.fixture
def db(db_path: Path):
    database = open_db(db_path)
    yield database
    database.close()


@pytest.fixture
def demo_path(tmp_path: Path) -> Path:
    path = tmp_path / "demo.sqlite3"
    with open_db(path) as database:
        fill_demo(database, today=TODAY)
    return path
