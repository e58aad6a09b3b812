"""A reader that stops reading a command's answer (`python -m rejnistvo calc … | head`)
is not bad input: the command ends quietly with the status of SIGPIPE (141), as any Unix
tool, instead of exit status 2 and »Napaka pri delu z datoteko: napaka pri delu z
datoteko (sistemska napaka št. 32)«."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from rejnistvo.cli import main

ROOT = Path(__file__).resolve().parents[2]
RATES = [{"valid_from": "2025-11-01", "board": "638.00", "fee": "460.00"}]


class _ClosedPipe(io.StringIO):
    def write(self, text: str) -> int:
        raise BrokenPipeError(32, "Broken pipe")


def test_a_closed_standard_output_ends_quietly_with_141(monkeypatch, capsys):
    request = {"placement": [{"from": "2026-01-01", "to": None}], "months": ["2026-03"]}
    monkeypatch.setattr(sys, "stdin", io.StringIO(json.dumps({**request, "rates": RATES})))
    monkeypatch.setattr(sys, "stdout", _ClosedPipe())
    assert main(["calc"]) == 141
    assert capsys.readouterr().err == ""


@pytest.mark.skipif(sys.platform == "win32", reason="a POSIX pipe")
def test_a_process_whose_reader_went_away(tmp_path):
    # twenty years of months: an answer larger than a pipe holds (the rates reach them)
    months = [f"{y}-{m:02d}" for y in range(2026, 2046) for m in range(1, 13)]
    request = tmp_path / "calc.json"
    request.write_text(
        json.dumps(
            {
                "placement": [{"from": "2026-01-01", "to": None}],
                "months": months,
                "rates": [*RATES, {"valid_from": "2040-03-01", "board": "700.00", "fee": "500.00"}],
            }
        ),  # fmt: skip
        encoding="utf-8",
    )
    read, write = os.pipe()
    os.close(read)  # the reader is gone before the command writes a byte
    env = {**os.environ, "XDG_CONFIG_HOME": str(tmp_path), "XDG_DATA_HOME": str(tmp_path)}
    env.pop("PYTHONUNBUFFERED", None)
    try:
        done = subprocess.run(
            [sys.executable, "-m", "rejnistvo", "calc", "--input", str(request)],
            stdout=write,
            stderr=subprocess.PIPE,
            cwd=ROOT,
            env=env,
            timeout=120,
        )
    finally:
        os.close(write)
    assert (done.returncode, done.stderr.decode()) == (141, "")
