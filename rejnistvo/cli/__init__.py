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
from typing import TYPE_CHECKING

from rejnistvo.argparse_sl import SlovenianArgumentParser
from rejnistvo.cli.io import (
    AnswerNotWritten,
    CliInputError,
    is_text,
    shown_name,
    write_answer,
)

if TYPE_CHECKING:
    from pathlib import Path

# Modules that contribute sub-commands, in the order `--help` lists them.
COMMAND_MODULES = (
    "rejnistvo.cli.rules_commands",
    "rejnistvo.cli.store_commands",
    "rejnistvo.cli.print_commands",
    "rejnistvo.cli.register_commands",
    "rejnistvo.cli.rates_commands",
    "rejnistvo.cli.run_commands",
)

#: The module that adds each command: running one imports only its module (a process
#: for `print r4` or `calc` does not load the register's, the store's or reportlab's
#: imports it never uses). `--help` and an unknown command load them all.
COMMAND_OWNERS = {
    "calc": "rejnistvo.cli.rules_commands",
    "uplift": "rejnistvo.cli.rules_commands",
    "refund": "rejnistvo.cli.rules_commands",
    "emso": "rejnistvo.cli.rules_commands",
    "demo": "rejnistvo.cli.store_commands",
    "check": "rejnistvo.cli.store_commands",
    "backup": "rejnistvo.cli.store_commands",
    "cases": "rejnistvo.cli.store_commands",
    "print": "rejnistvo.cli.print_commands",
    "register": "rejnistvo.cli.register_commands",
    "export-case": "rejnistvo.cli.register_commands",
    "import-case": "rejnistvo.cli.register_commands",
    "candidate-changes": "rejnistvo.cli.register_commands",
    "rates": "rejnistvo.cli.rates_commands",
    "run": "rejnistvo.cli.run_commands",
}

#: Commands that compute and answer on standard output, writing no file: they leave a
#: crashed write's temporary files to the next command that writes (or the window), and
#: skip finding the installation folder (platformdirs) — a few ms of a 0.2 s process.
COMPUTE_ONLY = frozenset({"calc", "uplift", "refund", "emso"})

#: Commands that say what they did on standard error only: they run with no standard output
#: (started with ``>&-``, or by a scheduler without one). Every other command answers on
#: standard output, `run` unless it writes to --out.
SILENT_ON_STDOUT = frozenset({"demo", "backup"})


#: what a script needs besides the commands: where each one's options are, the exit statuses
EPILOG = (
    "Pomoč posameznega ukaza: %(prog)s UKAZ --help. Zneski so v JSON nizi z "
    "dvema decimalkama (»805.20«), datumi v obliki LLLL-MM-DD. Izhodni status: 0 uspešno; "
    "1 check je našel težave; 2 napačen vhod ali ukazna vrstica (ena vrstica na "
    "standardni napaki, ničesar ni zapisano); 70 notranja napaka programa (podrobnosti v "
    "dnevniku rejnistvo.log); 141 bralec izpisa je nehal brati (npr. | head)."
)


def program_name() -> str:
    """How the user started the commands, for the usage lines: ``python -m rejnistvo``,
    the wheel's ``rejnistvo``, the bundle's ``Rejnistvo`` or ``rejnistvo-cli`` (who has
    the Windows bundle has no ``python`` to type)."""
    from pathlib import Path

    started = Path(sys.argv[0] if sys.argv and sys.argv[0] else "rejnistvo")
    if started.name == "__main__.py":
        return "python -m rejnistvo"
    if started.suffix == ".py":
        return f"python {started.name}"
    return started.stem or "rejnistvo"


def build_parser(argv: Sequence[str] | None = None) -> SlovenianArgumentParser:
    """The whole parser; given the command line, only the module of its command."""
    parser = SlovenianArgumentParser(
        prog=program_name(),
        description="Rejništvo – izračuni rejnin, primeri R-4 in R-5, obrazci.",
        epilog=EPILOG,
    )
    subparsers = parser.add_subparsers(
        title="ukazi", dest="command", metavar="UKAZ", parser_class=SlovenianArgumentParser
    )
    subparsers.required = True
    words = list(sys.argv[1:] if argv is None else argv)
    command = words[0] if words else None
    owner = COMMAND_OWNERS.get(command) if command else None
    for module_name in (owner,) if owner else COMMAND_MODULES:
        importlib.import_module(module_name).register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None, *, whole_process: bool = False) -> int:
    """Run one command; its exit status. `whole_process`: the command is all this
    process does (`python -m rejnistvo`), so what exists before its handler runs — the
    interpreter's start, the parser, the command's module — lives until the process ends
    and is frozen out of the cyclic collector's passes (gc.freeze): reportlab's imports
    and the first document start some forty collections, each walking all of it again
    (4 % of a `print r4` process's machine instructions). Not for a caller that goes on
    running (tests, the window), whose objects frozen now would never be collected."""
    from rejnistvo.rules.errors import RuleError

    _utf8_output()
    parser = build_parser(argv)
    args = parser.parse_args(argv)
    undecodable = _undecodable_argument(parser, args)
    if undecodable:
        sys.stderr.write(undecodable + "\n")
        return 2
    if sys.stdout is None and _answers_on_stdout(args):
        # refused before anything is computed or written (a month closed, a PDF written)
        # rather than ending in »Notranja napaka programa (AttributeError)« after it
        sys.stderr.write(
            "Standardni izhod je zaprt, zato odgovora ni mogoče izpisati; ničesar nisem "
            "zapisal. Preusmerite izhod v datoteko (npr. > odgovor.json).\n"
        )
        return 2
    if args.command not in COMPUTE_ONLY:
        _use_portable_folder()
        _remove_leftovers()
    # a working day's holidays from the cache folder, not from importing 250 countries
    from rejnistvo.holiday_cache import install

    install(write=args.command not in COMPUTE_ONLY)
    args.whole_process = whole_process  # a handler that imports much may freeze again
    if whole_process:
        import gc

        gc.freeze()
    try:
        status = int(args.handler(args) or 0)
        if sys.stdout is not None and not getattr(sys.stdout, "closed", False):
            # flushed while a refusal can still be said: at the interpreter's end a full
            # disk was Python's English »Exception ignored …«, status 120
            write_answer("", flush=True)
        return status
    except AnswerNotWritten as error:
        sys.stderr.write(f"{error}\n")
        if whole_process:
            _drop_stdout()  # what is still buffered is not tried again at the end
        return 2
    except (CliInputError, RuleError) as error:
        sys.stderr.write(str(error).replace("\n", " ") + "\n")
        return 2
    except KeyboardInterrupt:
        sys.stderr.write("Prekinjeno.\n")
        return 130
    except RecursionError:
        sys.stderr.write("Vhod je pregloboko gnezden; ničesar nisem zapisal.\n")
        return 2
    except MemoryError:
        sys.stderr.write("Vhod je prevelik za obdelavo; ničesar nisem zapisal.\n")
        return 2
    except BrokenPipeError:
        # Whoever read the answer stopped reading (`… | head`): as any Unix tool, no
        # message and the status of SIGPIPE (128 + 13), not »napaka pri delu z datoteko«
        # with status 2, which says the input was wrong.
        if whole_process:
            _drop_stdout()
        return 141
    except OSError as error:
        sys.stderr.write(_os_error_line(parser, args, error) + "\n")
        return 2
    except Exception as error:  # noqa: BLE001 - a bug: one line here, the traceback in the log
        log = _log_defect(args.command)
        where = f" Podrobnosti so v dnevniku »{log}«." if log is not None else ""
        sys.stderr.write(
            f"Notranja napaka programa ({type(error).__name__}); ukaz ni bil izveden do konca.{where} "
            "Prosimo, sporočite, kaj ste vnesli.\n"
        )
        return 70


def _undecodable_argument(parser: SlovenianArgumentParser, args: argparse.Namespace) -> str:
    """The refusal of an argument with bytes that are not UTF-8 (a name typed in another
    code page): Python keeps them as lone surrogates, which no database, JSON answer or
    file name of ours can take — a source stored that way ended in »Notranja napaka
    programa (UnicodeEncodeError)«, status 70. Empty when every argument is text."""
    for dest, value in vars(args).items():
        if isinstance(value, str) and not is_text(value):
            shown = value.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
            return (
                f"{parser.typed_name(args.command, dest)}: »{shown}« vsebuje znake, ki niso "
                "v kodiranju UTF-8 (npr. ime iz druge kodne tabele); vpišite jih znova ali "
                "izberite drugo ime."
            )
    return ""


def _os_error_line(
    parser: SlovenianArgumentParser, args: argparse.Namespace, error: OSError
) -> str:
    """The system's refusal of a file (a name too long, a read-only disk), said about the
    option that named it, as every other refusal (SPEC 6): »--out: …«, not »Napaka pri delu
    z datoteko (».x.json.4242.part«) …« about a temporary file the user never typed, and
    with a long name shortened (a name of 5,000 characters was repeated whole)."""
    from rejnistvo.store.errors import os_error_reason as reason

    dest = _argument_of_file(args, error.filename, error.filename2)
    if dest is None:
        where = f" (»{shown_name(str(error.filename))}«)" if error.filename else ""
        return f"Napaka pri delu z datoteko{where}: {reason(error)}."
    option = parser.typed_name(args.command, dest)
    shown = shown_name(getattr(args, dest))
    return f"{option}: napaka pri delu z datoteko »{shown}«: {reason(error)}."


def _argument_of_file(args: argparse.Namespace, *files: object) -> str | None:
    """The argument (its ``dest``) that names one of `files`: the file itself, else one
    the program makes beside it from its name (a temporary copy, the lock, the journal)."""
    import os
    from pathlib import Path

    named = [Path(os.fsdecode(f)) for f in files if isinstance(f, str | bytes | os.PathLike)]
    values = [
        (dest, Path(value))
        for dest, value in vars(args).items()
        if dest != "command" and isinstance(value, str) and value
    ]
    for path in named:
        for dest, value in values:
            if path == value:
                return dest
    beside = [
        (len(value.name), dest)
        for path in named
        for dest, value in values
        if path.parent == value.parent and path.name.startswith((value.name, "." + value.name))
    ]
    return max(beside)[1] if beside else None


def _answers_on_stdout(args: argparse.Namespace) -> bool:
    if args.command in SILENT_ON_STDOUT:
        return False
    return not (args.command == "run" and getattr(args, "out", None))


def _utf8_output() -> None:
    """Answers and messages in UTF-8 whatever the system's code page: JSON between programs
    is UTF-8 (RFC 8259), and on Windows a redirected answer (``… > primeri.json``) was
    written in the ANSI code page, where a name with »č« failed (cp1252: status 70) or
    reached the reader in another encoding (cp1250). A console keeps its own output."""
    import io

    for stream, errors in ((sys.stdout, "surrogateescape"), (sys.stderr, "backslashreplace")):
        encoding = str(getattr(stream, "encoding", "") or "").lower().replace("-", "")
        if isinstance(stream, io.TextIOWrapper) and encoding not in ("utf8", ""):
            try:
                stream.reconfigure(encoding="utf-8", errors=errors)
            except (OSError, ValueError):  # a stream that cannot change: left as it is
                pass


def _drop_stdout() -> None:
    """Standard output to the null device: what is still buffered for the closed pipe is
    flushed there when the interpreter ends, not into a second BrokenPipeError that Python
    prints (»Exception ignored …«) and turns into status 120."""
    import os

    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass


def _log_defect(command: str) -> Path | None:
    """Append the traceback being handled to the program's log (the window's log file, in
    the user's or the portable log folder); its path, or None when it cannot be written.

    The user sees one line, but whoever fixes the defect needs the traceback: without it a
    crash of a command left nothing to go on."""
    import logging

    from rejnistvo.locations import choose_locations

    try:
        folder = choose_locations(False).logs
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / "rejnistvo.log"
        handler = logging.FileHandler(path, encoding="utf-8")
    except OSError:
        return None
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    log = logging.getLogger("rejnistvo.cli")
    log.addHandler(handler)
    try:
        log.exception("command %s failed", command)
    finally:
        log.removeHandler(handler)
        handler.close()
    return path


def _use_portable_folder() -> None:
    """A program with its portable data folder next to it (a USB stick) keeps its
    installation folder there, as its window does (``ui.app.main``): the change log's keys
    and a crashed write's leftovers are the stick's, not the user's on this machine."""
    from rejnistvo.locations import PORTABLE_FOLDER, apply, portable_locations, program_dir

    if (program_dir() / PORTABLE_FOLDER).is_dir():
        apply(portable_locations())


def _remove_leftovers() -> None:
    """Temporary files of a write a crash interrupted (only if the folder exists)."""
    try:
        from rejnistvo.atomic_write import PENDING_FILE, clean_leftovers
        from rejnistvo.config_dir import config_dir

        if (config_dir(create=False) / PENDING_FILE).exists():
            clean_leftovers()
    except OSError:
        pass
