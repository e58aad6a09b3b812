"""A command runs with only its own module imported: the map must name every command."""

from __future__ import annotations

import argparse
import importlib

from rejnistvo.cli import COMMAND_MODULES, COMMAND_OWNERS, build_parser


def _commands_of(module_name: str) -> set[str]:
    parser = argparse.ArgumentParser()
    subparsers = parser.add_subparsers()
    importlib.import_module(module_name).register(subparsers)
    return set(subparsers.choices)


def test_every_command_is_owned_by_the_module_that_adds_it() -> None:
    owned = {name: module for module in COMMAND_MODULES for name in _commands_of(module)}
    assert owned == COMMAND_OWNERS


def test_a_command_line_builds_only_its_command_and_help_builds_all() -> None:
    sub = next(
        a for a in build_parser(["print"])._actions if isinstance(a, argparse._SubParsersAction)
    )
    assert set(sub.choices) == {"print"}
    full = next(
        a for a in build_parser(["--help"])._actions if isinstance(a, argparse._SubParsersAction)
    )
    assert set(full.choices) == set(COMMAND_OWNERS)
