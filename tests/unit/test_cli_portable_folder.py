"""A program with its portable data folder next to it (``Rejnistvo-podatki``, a USB
stick) keeps its data there: its window does (``locations.choose_locations``), and its
commands without --db work on the same file and the same installation folder (the change
log's keys), not on the user's file of the machine it is plugged into."""

from __future__ import annotations

import json
import os

import pytest

from rejnistvo import locations
from rejnistvo.cli import main
from rejnistvo.config_dir import ENV_VAR as CONFIG_ENV


@pytest.fixture
def stick(tmp_path, monkeypatch):
    program = tmp_path / "kljucek"
    (program / locations.PORTABLE_FOLDER).mkdir(parents=True)
    monkeypatch.setattr(locations, "program_dir", lambda: program)
    for name in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"):
        monkeypatch.setenv(name, str(tmp_path / "racunalnik"))
    # restored after the test: the command points them at the stick
    monkeypatch.setenv(CONFIG_ENV, str(tmp_path / "prej"))
    monkeypatch.setenv(locations.CACHE_ENV, str(tmp_path / "prej"))
    return program / locations.PORTABLE_FOLDER


def test_commands_without_db_use_the_sticks_database(stick, capsys):
    database = stick / "podatki" / "rejnistvo.sqlite3"
    assert main(["cases"]) == 2
    assert f"»{database}«" in capsys.readouterr().err
    database.parent.mkdir()
    assert main(["demo", "--scale", "3"]) == 0
    assert database.is_file()
    capsys.readouterr()
    assert main(["cases"]) == 0
    assert isinstance(json.loads(capsys.readouterr().out), list)


def test_the_installation_folder_is_the_sticks(stick, capsys):
    assert main(["rates", "--db", str(stick / "ni.sqlite3")]) == 2
    assert os.environ[CONFIG_ENV] == str(stick / "nastavitve")
