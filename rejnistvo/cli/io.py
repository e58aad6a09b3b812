"""JSON in and out for the headless commands (SPEC.md section 6)."""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any


class CliInputError(Exception):
    """Bad input to a headless command: exit status 2, the message on one line."""


def add_input_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--input", metavar="DATOTEKA", help="JSON vhod (privzeto standardni vhod)"
    )


def read_json_input(args: argparse.Namespace) -> Any:
    """Read the JSON document from --input FILE or standard input."""
    source = getattr(args, "input", None)
    try:
        text = Path(source).read_text(encoding="utf-8") if source else sys.stdin.read()
    except OSError as error:
        raise CliInputError(f"Vhodne datoteke »{source}« ni mogoče prebrati: {error.strerror}.") from None
    except UnicodeDecodeError:
        raise CliInputError("Vhod ni besedilo v kodiranju UTF-8.") from None
    try:
        # Decimal keeps amounts exact: no float ever reaches a rule.
        return json.loads(text, parse_float=Decimal)
    except json.JSONDecodeError as error:
        raise CliInputError(
            f"Vhod ni veljaven JSON (vrstica {error.lineno}, stolpec {error.colno})."
        ) from None


def _default(value: Any) -> Any:
    if isinstance(value, Decimal):
        return f"{value:.2f}"
    if isinstance(value, date):
        return value.isoformat()
    raise TypeError(f"cannot serialise {type(value).__name__}")


def write_json(document: Any) -> None:
    """Write the answer: amounts as two-decimal strings, dates as ISO strings."""
    sys.stdout.write(json.dumps(document, ensure_ascii=False, indent=2, default=_default) + "\n")
