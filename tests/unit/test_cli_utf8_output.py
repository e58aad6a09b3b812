"""The answer (JSON, RFC 8259: UTF-8) and the messages are UTF-8 whatever the system's
code page: on Windows a redirected answer used the ANSI code page, where »č« failed with
cp1252 (UnicodeEncodeError, status 70) and reached the reader in cp1250 otherwise."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def run(tmp_path, encoding, document):
    env = {**os.environ, "XDG_CONFIG_HOME": str(tmp_path), "XDG_DATA_HOME": str(tmp_path),
           "XDG_STATE_HOME": str(tmp_path), "PYTHONIOENCODING": encoding}  # fmt: skip
    env.pop("PYTHONUTF8", None)
    return subprocess.run(
        [sys.executable, "-m", "rejnistvo", "uplift"],
        input=json.dumps(document).encode(),
        capture_output=True,
        cwd=ROOT,
        env=env,
        timeout=120,
    )


@pytest.mark.parametrize("encoding", ["cp1252", "cp1250", "ascii"])
def test_the_answer_is_utf8(tmp_path, encoding):
    done = run(tmp_path, encoding, {"reasons": []})
    assert (done.returncode, done.stderr) == (0, b"")
    assert "53. člena" in json.loads(done.stdout.decode("utf-8"))["explanation"]


def test_a_message_is_utf8(tmp_path):
    done = run(tmp_path, "cp1252", {"reasons": [], "workload": "zelo"})
    assert done.returncode == 2 and done.stdout == b""
    assert "»moderate« (zmerno povečan)" in done.stderr.decode("utf-8")
