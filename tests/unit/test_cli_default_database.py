"""SPEC 6: without --db a command works on the program's default file in the user's data
folder. When that file does not exist yet, the one line says it is the default and how to
name another, not only »--db: datoteka … ne obstaja« about a --db the user never typed."""

from __future__ import annotations

import pytest

from rejnistvo.cli import main


@pytest.fixture
def empty_home(tmp_path, monkeypatch):
    for name in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME"):
        monkeypatch.setenv(name, str(tmp_path / "home"))
    return tmp_path


@pytest.mark.parametrize("argv", [["cases"], ["check"], ["rates"], ["run", "--month", "2026-01"]])
def test_a_missing_default_database_is_named_as_the_default(empty_home, capsys, argv):
    assert main(argv) == 2
    out, err = capsys.readouterr()
    assert out == "" and err.count("\n") == 1
    assert err.startswith("--db: privzeta podatkovna zbirka programa »")
    assert "navedite zbirko z --db DATOTEKA" in err


def test_a_missing_named_database_is_named_as_typed(empty_home, capsys):
    missing = empty_home / "ni.sqlite3"
    assert main(["cases", "--db", str(missing)]) == 2
    assert capsys.readouterr().err == f"--db: datoteka »{missing}« ne obstaja.\n"
