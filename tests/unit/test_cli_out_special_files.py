"""An --out that names a device, a pipe or a socket (``/dev/stdout``, ``/dev/full``, a
FIFO a script reads) is refused with one line that starts with --out: every output is
written beside its name and renamed over it, which put a regular file in the pipe's
place (as root, ``register --out /dev/full`` replaced the device, exit status 0)."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from rejnistvo.cli import main
from rejnistvo.store import open_db

FORMS = Path(__file__).resolve().parents[2] / "forms"

pytestmark = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")


@pytest.fixture
def db(tmp_path, own_rates):
    path = tmp_path / "zbirka.sqlite3"
    with open_db(path) as database:
        own_rates(database)
    return path


@pytest.fixture
def fifo(tmp_path):
    path = tmp_path / "cev"
    os.mkfifo(path)
    return path


@pytest.mark.parametrize(
    "argv",
    [
        ["print", "r1", "--input", str(FORMS / "r1.example.json")],
        ["register", "--subgroup", "1", "--year", "2026", "--format", "csv", "--db", "DB"],
        ["candidate-changes", "--subgroup", "1", "--since", "2026-01-01", "--db", "DB"],
        ["run", "--month", "2026-01", "--format", "csv", "--db", "DB"],
        ["run", "--month", "2026-01", "--db", "DB"],
        ["backup", "--db", "DB"],
    ],
)
def test_an_output_over_a_pipe_is_refused(db, fifo, capsys, argv):
    argv = [str(db) if word == "DB" else word for word in argv]
    assert main([*argv, "--out", str(fifo)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("--out: ") and err.count("\n") == 1, err
    assert "ni navadna datoteka" in err
    assert stat.S_ISFIFO(fifo.stat().st_mode)  # still the pipe, not a file in its place


def test_a_regular_file_is_still_replaced(tmp_path, capsys):
    out = tmp_path / "r1.pdf"
    out.write_bytes(b"star")
    assert main(["print", "r1", "--input", str(FORMS / "r1.example.json"), "--out", str(out)]) == 0
    assert out.read_bytes().startswith(b"%PDF")
