"""argparse in Slovenian, for the commands (``rejnistvo.cli``) and the window's options
(``rejnistvo.ui.app.parse_args``): its own texts (usage, options, help, errors) and one
line on standard error with exit status 2 for a wrong command line, never argparse's
English usage text. Importing this module puts the texts in place for every parser."""

from __future__ import annotations

import argparse
import sys
from typing import Any

# argparse's own texts (it calls gettext at use time, through these module globals).
_ARGPARSE_TEXTS = {
    "usage: ": "uporaba: ",
    "positional arguments": "argumenti",
    "options": "možnosti",
    "optional arguments": "možnosti",
    "show this help message and exit": "pokaži to pomoč in končaj",
    "the following arguments are required: %s": "manjkajo obvezni argumenti: %s",
    "unrecognized arguments: %s": "neznani argumenti: %s",
    "invalid choice: %(value)r (choose from %(choices)s)": (
        "neveljavna izbira %(value)r (izberite med %(choices)s)"
    ),
    # a bad value's line starts with its option, as every other refusal of a command does
    "argument %(argument_name)s: %(message)s": "%(argument_name)s: %(message)s",
    "invalid %(type)s value: %(value)r": "neveljavna vrednost %(value)r",
    "expected one argument": "manjka vrednost",
    "expected at most one argument": "največ ena vrednost",
    "expected at least one argument": "vsaj ena vrednost",
    "ambiguous option: %(option)s could match %(matches)s": (
        "dvoumna možnost %(option)s (ustreza: %(matches)s)"
    ),
    "not allowed with argument %s": "ni dovoljeno skupaj z argumentom %s",
    "ignored explicit argument %r": "neupoštevana vrednost %r",
    "one of the arguments %s is required": "obvezen je eden od argumentov %s",
    "can't open '%(filename)s': %(error)s": "datoteke »%(filename)s« ni mogoče odpreti",
    "show program's version number and exit": "pokaži različico programa in končaj",
}
_TYPE_NAMES = {"int": "celo število", "float": "število"}


def _translate(text: str) -> str:
    return _ARGPARSE_TEXTS.get(text, text)


def _ntranslate(singular: str, plural: str, count: int) -> str:
    if singular == "expected %s argument":
        return "pričakovanih vrednosti: %s"
    return _translate(singular if count == 1 else plural)


argparse._ = _translate  # type: ignore[attr-defined]
argparse.ngettext = _ntranslate  # type: ignore[attr-defined]


class _HelpFormatter(argparse.HelpFormatter):
    """argparse's, but a line never breaks inside a hyphenated word: »LLLL-MM« and
    »export-case« stay whole (textwrap breaks at hyphens by default). textwrap is imported
    here, as argparse itself does: only a help text needs it, and a command that runs
    would pay its import (and its patterns) for nothing."""

    def _split_lines(self, text: str, width: int) -> list[str]:
        import textwrap

        text = self._whitespace_matcher.sub(" ", text).strip()
        return textwrap.wrap(text, width, break_on_hyphens=False)

    def _fill_text(self, text: str, width: int, indent: str) -> str:
        import textwrap

        text = self._whitespace_matcher.sub(" ", text).strip()
        return textwrap.fill(
            text, width, initial_indent=indent, subsequent_indent=indent, break_on_hyphens=False
        )


_MISSING = _ARGPARSE_TEXTS["the following arguments are required: %s"].replace("%s", "")


def _missing_options(message: str) -> str:
    """»--month: obvezna možnost manjka.« for the one required option left out, as a
    command says it of an option it requires itself (`rates --add` without --from);
    several are »obvezne možnosti«, not »argumenti« (a positional one, EMŠO, is)."""
    missing = message.removeprefix(_MISSING)
    if missing == message or not all(name.startswith("-") for name in missing.split(", ")):
        return message
    if ", " not in missing:
        return f"{missing}: obvezna možnost manjka."
    return f"manjkajo obvezne možnosti: {missing}"


class SlovenianArgumentParser(argparse.ArgumentParser):
    def __init__(self, *args: object, **kwargs: object) -> None:
        kwargs.setdefault("formatter_class", _HelpFormatter)
        # Only whole option names: a stable command line for scripts, where »--clos« or
        # »--c« must not close a month, nor start to mean another option when one is added.
        kwargs.setdefault("allow_abbrev", False)
        #: each argument's name as the user types it, by its ``dest`` (``valid_from`` →
        #: ``--from``): a message about a value names the option, not the attribute
        #: (set first: argparse's own __init__ adds --help)
        self.typed_names: dict[str, str] = {}
        #: the sub-commands' parsers by name (``add_subparsers``)
        self.commands: dict[str, SlovenianArgumentParser] = {}
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]

    def add_argument(self, *args: Any, **kwargs: Any) -> argparse.Action:
        action = super().add_argument(*args, **kwargs)
        if action.option_strings:
            self.typed_names[action.dest] = action.option_strings[-1]
        elif isinstance(action.metavar, str):
            self.typed_names[action.dest] = action.metavar
        return action

    def add_subparsers(self, **kwargs: Any) -> Any:
        subparsers = super().add_subparsers(**kwargs)
        commands = self.commands
        add_parser = subparsers.add_parser

        def add_command(name: str, **options: Any) -> Any:
            commands[name] = command = add_parser(name, **options)
            return command

        subparsers.add_parser = add_command  # type: ignore[method-assign]
        return subparsers

    def typed_name(self, command: str | None, dest: str) -> str:
        """How the user typed the argument stored as `dest` of `command` (or of this
        parser when None): its option (``--from``), its metavar, else `dest` itself."""
        owner = self.commands.get(command, self) if command else self
        return owner.typed_names.get(dest, dest)

    def _check_value(self, action: argparse.Action, value: object) -> None:
        # argparse names a wrong choice and the allowed ones as Python shows strings
        # ('r6', 'r1', …); a user reads »r6« and a plain list.
        choices = action.choices
        if choices is not None and value not in choices:
            allowed = ", ".join(str(choice) for choice in choices)
            raise argparse.ArgumentError(
                action, f"»{value}« ni dovoljena izbira; dovoljeno je: {allowed}"
            )

    def error(self, message: str) -> None:  # type: ignore[override]
        # argparse's own English usage text is not for our users: one line, exit 2; a
        # line about one option starts with it (»--month: …«), as the commands' own do.
        message = _missing_options(message)
        prefix = "" if message.startswith("-") else "Napaka v ukazni vrstici: "
        sys.stderr.write(f"{prefix}{message}\n")
        raise SystemExit(2)

    def _get_value(self, action: argparse.Action, arg_string: str) -> object:
        # "invalid int value: 'x'" names a Python type; say what was expected.
        convert = action.type
        type_name = getattr(convert, "__name__", "")
        if type_name in _TYPE_NAMES and callable(convert):
            try:
                return convert(arg_string)
            except (TypeError, ValueError):
                shown = arg_string if len(arg_string) <= 40 else arg_string[:40] + "…"
                raise argparse.ArgumentError(
                    action, f"»{shown}« ni {_TYPE_NAMES[type_name]}"
                ) from None
        return super()._get_value(action, arg_string)
