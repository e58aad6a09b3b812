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
