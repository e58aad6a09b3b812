"""Headless interface (SPEC.md section 6): `python -m rejnistvo COMMAND …`.

Each group of commands lives in its own module with a `register(subparsers)` function
that adds its sub-commands and sets `handler` on them. A handler returns the exit
status. Bad input raises `CliInputError` (or any `rejnistvo.rules.errors.RuleError`),
which becomes exit status 2 and one Slovenian line on standard error; nothing else is
printed and nothing is written.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from rejnistvo.cli.io import CliInputError

# Modules that contribute sub-commands, in the order `--help` lists them.
COMMAND_MODULES = (
    "rejnistvo.cli.rules_commands",
    "rejnistvo.cli.store_commands",
    "rejnistvo.cli.print_commands",
    "rejnistvo.cli.register_commands",
    "rejnistvo.cli.rates_commands",
)


class _SlovenianArgumentParser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        # argparse's own English usage text is not for our users: one line, exit 2.
        sys.stderr.write(f"Napaka v ukazni vrstici: {message}\n")
        raise SystemExit(2)


def build_parser() -> argparse.ArgumentParser:
    parser = _SlovenianArgumentParser(
        prog="python -m rejnistvo",
        description="Rejništvo – izračuni rejnin, primeri R-4 in R-5, obrazci.",
    )
    subparsers = parser.add_subparsers(
        dest="command", metavar="UKAZ", parser_class=_SlovenianArgumentParser
    )
    subparsers.required = True
    for module_name in COMMAND_MODULES:
        importlib.import_module(module_name).register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    from rejnistvo.rules.errors import RuleError

    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.handler(args) or 0)
    except (CliInputError, RuleError) as error:
        sys.stderr.write(str(error).replace("\n", " ") + "\n")
        return 2
    except KeyboardInterrupt:
        sys.stderr.write("Prekinjeno.\n")
        return 130
