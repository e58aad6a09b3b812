"""Every user-visible text is Slovenian for the user (house rules): a command's --help
names what it does, never the developers' contract ("SPEC 6.1") a user does not have."""

from __future__ import annotations

import pytest

from rejnistvo.cli import COMMAND_OWNERS, build_parser


def help_of(command: str) -> str:
    parser = build_parser([command])
    top = parser.format_help()  # the command list, with each command's one-line help
    action = next(a for a in parser._actions if a.dest == "command")
    return top + action.choices[command].format_help()


COMMANDS = sorted(COMMAND_OWNERS)


@pytest.mark.parametrize("command", COMMANDS)
def test_help_names_no_spec_section(command):
    assert "SPEC" not in help_of(command)


def test_print_help_names_the_example_of_each_form():
    # SPEC 6: the program documents each form's data and ships an example of each in forms/
    text = " ".join(help_of("print").split())
    assert "v mapi forms programa" in text
    for form in ("r1", "r4", "r5"):
        assert f"{form}.example.json" in text


def _options(command: str):
    parser = build_parser([command])
    action = next(a for a in parser._actions if a.dest == "command")
    return action.choices[command]._actions


@pytest.mark.parametrize("command", COMMANDS)
def test_every_option_and_argument_says_what_it_is(command):
    # a bare »--year LETO« or »EMŠO« leaves the user to guess which year or what form
    bare = [a.option_strings or [a.dest] for a in _options(command) if not a.help]
    assert bare == []


@pytest.mark.parametrize("command", COMMANDS)
def test_no_word_is_broken_at_its_hyphen(command):
    # textwrap breaks at hyphens: »LLLL-« at a line's end and »MM« on the next
    lines = help_of(command).splitlines()
    assert not [line for line in lines if line.rstrip().endswith("-") and "--" not in line[-3:]]


def test_the_command_list_names_the_exit_statuses():
    text = " ".join(build_parser(["calc"]).format_help().split())
    assert "ukazi:" in text
    for status in ("0 uspešno", "1 check", "2 napačen vhod", "70 notranja napaka"):
        assert status in text


@pytest.mark.parametrize(
    ("started", "name"),
    [
        ("/usr/lib/python3/site-packages/rejnistvo/__main__.py", "python -m rejnistvo"),
        ("/media/kljucek/Rejnistvo/rejnistvo-cli.exe", "rejnistvo-cli"),
        ("/home/ana/.local/bin/rejnistvo", "rejnistvo"),
        ("/work/main.py", "python main.py"),
    ],
)
def test_usage_names_the_program_as_it_was_started(monkeypatch, started, name):
    # the Windows bundle's user has no »python -m rejnistvo« to type
    monkeypatch.setattr("sys.argv", [started])
    text = build_parser(["calc"]).format_help()
    assert text.startswith(f"uporaba: {name} [-h] UKAZ")
    assert f"{name} UKAZ --help" in " ".join(text.split())


def test_every_option_is_named_as_it_is_typed():
    """A message about a value names the option (`--from`), never the attribute it is
    stored in (`valid_from`); read from our own record of the parser, not argparse's."""
    parser = build_parser(["rates"])
    assert parser.typed_name("rates", "valid_from") == "--from"
    assert parser.typed_name("rates", "db") == "--db"
    assert parser.typed_name("rates", "no_such") == "no_such"
    assert build_parser(["emso"]).typed_name("emso", "number") == "EMŠO"
