"""print (SPEC 6): a wrong combination of --input, --db and --case is one line that
starts with the option at fault."""

from __future__ import annotations

from pathlib import Path

import pytest

from rejnistvo.cli import main

EXAMPLE = Path(__file__).resolve().parents[2] / "forms" / "r4.example.json"


@pytest.mark.parametrize(
    "form, options, option",
    [
        ("r4", ["--input", str(EXAMPLE), "--db", "z.sqlite3", "--case", "1"], "--input"),
        ("r4", ["--db", "z.sqlite3"], "--case"),
        ("r4", ["--case", "1"], "--db"),
        ("r1", ["--db", "z.sqlite3", "--case", "1"], "--db"),
    ],
)
def test_a_wrong_combination_names_the_option_at_fault(tmp_path, capsys, form, options, option):
    out = tmp_path / "x.pdf"
    assert main(["print", form, *options, "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"{option}: ") and err.count("\n") == 1, err
    assert not out.exists()
