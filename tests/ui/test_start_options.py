"""The window's plain command lines (--db, --demo, --portable) are read without building
the Slovenian argparse parser, with the same result; anything else goes to argparse."""

from __future__ import annotations

import argparse
import subprocess
import sys

import pytest

from rejnistvo.ui import app as app_module

PLAIN = [
    [],
    ["--db", "x.sqlite3"],
    ["--db=x.sqlite3"],
    ["--db", "/tmp/a b/č.sqlite3", "--portable"],
    ["--demo"],
    ["--portable", "--demo", "--db", "y"],
    ["--db", "first", "--db=second"],  # the last one counts
    ["--demo", "--demo"],
]
NOT_PLAIN = [
    ["--db"],  # argparse's error
    ["--db", "--demo"],
    ["--db="],
    ["--db", "-x"],
    ["--dem"],  # an abbreviation argparse accepts
    ["--port"],
    ["--help"],
    ["-h"],
    ["--bogus"],
    ["--", "--demo"],
    ["--demo=1"],
]


def _argparse(argv: list[str]):
    """What the Slovenian parser makes of argv, or how it exits."""
    plain = app_module.plain_options
    try:
        app_module.plain_options = lambda _argv: None  # type: ignore[assignment]
        return vars(app_module.parse_args(argv))
    except SystemExit as exc:
        return ("exit", exc.code)
    finally:
        app_module.plain_options = plain


@pytest.mark.parametrize("argv", PLAIN)
def test_a_plain_command_line_is_read_as_argparse_reads_it(argv):
    plain = app_module.plain_options(argv)
    assert plain is not None
    assert vars(plain) == _argparse(argv)
    assert isinstance(plain, argparse.Namespace)  # the type argparse gives


@pytest.mark.parametrize("argv", NOT_PLAIN)
def test_anything_else_goes_to_argparse(argv, capsys):
    assert app_module.plain_options(argv) is None
    _argparse(argv)
    capsys.readouterr()


def test_the_window_start_with_a_file_builds_no_parser():
    code = (
        "import sys; from rejnistvo.ui.app import parse_args;"
        "o = parse_args(['--db', 'x.sqlite3']);"
        "print(o.db, 'rejnistvo.argparse_sl' in sys.modules)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=False
    )
    assert out.returncode == 0, out.stderr[-3000:]
    assert out.stdout.split() == ["x.sqlite3", "False"]
