"""A defect in a command: one Slovenian line for the user, the traceback in the log."""

from __future__ import annotations

from pathlib import Path

import pytest

import rejnistvo.locations as locations
from rejnistvo import cli
from rejnistvo.cli import rules_commands


@pytest.fixture
def log_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "home"
    monkeypatch.setattr(
        locations,
        "user_locations",
        lambda: locations.Locations(
            data=home / "data", logs=home / "log", config=home / "config", cache=home / "cache"
        ),
    )
    monkeypatch.setattr(locations, "program_dir", lambda: tmp_path / "program")
    return home


def _broken_handler(_args: object) -> int:
    raise ZeroDivisionError("a defect deep inside")


def test_a_defect_is_one_line_for_the_user_and_a_traceback_in_the_log(
    log_home: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(rules_commands, "run_emso", _broken_handler)
    status = cli.main(["emso", "0101006500006"])
    err = capsys.readouterr().err
    log = log_home / "log" / "rejnistvo.log"
    assert status == 70
    assert err.count("\n") == 1 and "Traceback" not in err
    assert "Notranja napaka programa (ZeroDivisionError)" in err
    assert f"»{log}«" in err
    text = log.read_text(encoding="utf-8")
    assert "command emso failed" in text
    assert "Traceback" in text and "a defect deep inside" in text


def test_an_unwritable_log_still_gives_the_one_line(
    log_home: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    log_home.mkdir()
    (log_home / "log").write_text("a file where the folder should be")
    monkeypatch.setattr(rules_commands, "run_emso", _broken_handler)
    assert cli.main(["emso", "0101006500006"]) == 70
    err = capsys.readouterr().err
    assert err.startswith("Notranja napaka programa (ZeroDivisionError)")
    assert "dnevniku" not in err
