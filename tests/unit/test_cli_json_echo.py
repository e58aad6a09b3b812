"""Headless calc/uplift/refund: a refused value is echoed as the JSON that was typed
(true, null, "25"), and a percentage says a number 25 or 50 is expected; register and
candidate-changes name their options as the other commands do (--subgroup:, not subgroup:)."""

from __future__ import annotations

import io
import json

import pytest

from rejnistvo.cli import main


def _err(monkeypatch, capsys, command, document) -> str:
    monkeypatch.setattr("sys.stdin", io.StringIO(json.dumps(document)))
    assert main([command]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err
    return err


@pytest.mark.parametrize(
    "percent, echoed",
    [("25", '"25"'), (True, "true"), (None, "null"), (30, "30"), ([25], "[25]")],
)
def test_calc_percent_echoed_as_json(monkeypatch, capsys, percent, echoed):
    document = {
        "placement": [{"from": "2026-01-01", "to": None}],
        "months": ["2026-03"],
        "board_increases": [{"percent": percent, "from": "2026-03-01", "to": "2026-03-31"}],
        "rates": [{"from": "2026-01-01", "board": "600.00", "fee": "400.00"}],
    }
    err = _err(monkeypatch, capsys, "calc", document)
    assert err.startswith(f"board_increases[0].percent: vrednost {echoed} ni dovoljena")
    assert "pričakovano je število 25 ali 50" in err
    assert "True" not in err and "None" not in err and "»" not in err


def test_uplift_workload_echoed_as_json(monkeypatch, capsys):
    err = _err(monkeypatch, capsys, "uplift", {"reasons": ["a"], "workload": True})
    assert err.startswith("workload: true ni dovoljen obseg dela")


@pytest.mark.parametrize(
    "args, option",
    [
        (["register", "--subgroup", "9", "--year", "2026", "--format", "csv", "--out", "x"],
         "--subgroup"),
        (["register", "--subgroup", "1", "--year", "1999", "--format", "csv", "--out", "x"],
         "--year"),
        (["candidate-changes", "--subgroup", "1", "--since", "2026-13-01", "--out", "x"],
         "--since"),
    ],
)  # fmt: skip
def test_register_commands_name_the_option_like_the_others(capsys, tmp_path, args, option):
    assert main([*args[:1], "--db", str(tmp_path / "none.sqlite3"), *args[1:]]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"{option}: ") and err.count("\n") == 1
