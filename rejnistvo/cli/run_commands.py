"""Headless payment run of SPEC 6: `run --db DB --month YYYY-MM [--close]
[--format json|csv|xlsx|pdf|sepa] [--out FILE]` (SPEC 3.6).

JSON goes to standard output unless `--out` names a file; the other formats need
`--out`. `--close` closes the month first and prints the closed run. A refused month
(before the first closed one, two months after the last closed one) is exit status 2
with the month to run named.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

from rejnistvo.cli.io import (
    CliInputError,
    _default,
    database_path,
    field_as_option,
    refuse_empty_database,
    refuse_overwriting,
    require_output_folder,
    require_writable_folder,
    store_errors_naming,
    write_answer,
)
from rejnistvo.cli.rate_advice import rate_advice, with_command_advice
from rejnistvo.collector import collector_paused
from rejnistvo.rules.periods import format_date, month_name, parse_month

FORMATS = ("json", "csv", "xlsx", "pdf", "sepa")
#: a line of the run's JSON: not indented, amounts as two-decimal text
_compact = json.JSONEncoder(ensure_ascii=False, default=_default).encode


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    run = subparsers.add_parser("run", help="mesečno izplačilo rejnin s poračunom")
    run.add_argument(
        "--db",
        metavar="DATOTEKA",
        help="podatkovna zbirka (privzeto datoteka programa v uporabnikovi podatkovni mapi)",
    )
    run.add_argument("--month", required=True, metavar="LLLL-MM", help="mesec izplačila")
    run.add_argument(
        "--close",
        action="store_true",
        help="zaključi mesec (zapis v knjigo izplačil) in izpiši zaključeno izplačilo",
    )
    run.add_argument(
        "--format",
        choices=FORMATS,
        default="json",
        help="oblika izpisa (privzeto json; sepa je datoteka nakazil pain.001)",
    )
    run.add_argument(
        "--out",
        metavar="DATOTEKA",
        help="izhodna datoteka (JSON brez nje na standardni izhod; druge oblike jo zahtevajo)",
    )
    run.set_defaults(handler=run_command)


def run_command(args: argparse.Namespace) -> int:
    from rejnistvo.clock import SystemClock
    from rejnistvo.services import payment_exports
    from rejnistvo.services.payment_run import payment_run, run_document
    from rejnistvo.store import open_db

    month = parse_month(args.month, "--month")
    if args.format != "json" and not args.out:
        raise CliInputError(f"--out: za obliko »{args.format}« navedite izhodno datoteko.")
    path = refuse_empty_database(database_path(args))
    if args.out:
        # before the run is computed (seconds for a large file), not when it is written
        require_output_folder(args.out)
        refuse_overwriting(args.out, path)
        if args.close:
            # the close is written first: a file it cannot write must not leave it closed
            require_writable_folder(args.out)
    clock = SystemClock()
    # The services name the month and the file by their own fields; here the user typed
    # --month and --out, as in the refusal of a malformed month and the other commands'.
    # What a bank file lacks (the centre's name or IBAN in the settings, a carer's IBAN)
    # is said of --format: the run itself is fine, and any other format can be written.
    with (
        field_as_option("month", "--month"),
        field_as_option("out", "--out"),
        field_as_option("centre_name", "--format", "centre_iban", "iban"),
    ):
        # Only a close writes: a run is read as `cases` reads, beside the window's lock.
        with (
            store_errors_naming("--db"),
            rate_advice(),
            open_db(path, read_only=not args.close) as db,
        ):
            transfers, earlier = None, None
            if args.close:
                run, transfers = _close(db, month, clock, bank_file=args.format == "sepa")
            else:
                run = payment_run(db, month, clock)
            # SPEC 3.1's advice for a command-line user: the `rates` command beside the
            # window's settings (a closed run keeps the window's words in the database)
            run = replace(run, warnings=with_command_advice(run.warnings))
            if args.format == "json":
                _write_json(run_document(run, _compact), args.out)
            elif args.format == "csv":
                payment_exports.write_csv(run, args.out)
            elif args.format == "xlsx":
                payment_exports.write_xlsx(run, args.out)
            elif args.format == "pdf":
                payment_exports.write_pdf(run, args.out, clock.today())
            else:
                payment_exports.write_sepa_for(
                    db, run, args.out, clock.today(), transfers=transfers
                )
                from rejnistvo.services.payment_sepa import earlier_files_notice

                # the window's files of the month (QA70): this one pays everyone again
                earlier = earlier_files_notice(db, month)
    if args.out:
        said = f"Izplačilo za {month_name(month)} zapisano v »{args.out}«."
        if args.format == "sepa":  # as the window says it: a Saturday's file is paid Monday
            executed = payment_exports.sepa_execution_date(clock.today())
            said += f" Banka ga izvrši {format_date(executed)}."
        sys.stderr.write(said + "\n")
        # The JSON answer carries its warnings; a file is read later, if at all: what
        # the run warns of (SPEC 3.1: a 1 March indexation not entered) is said here too,
        # before a month is closed on old amounts unseen.
        for warning in run.warnings:
            sys.stderr.write(f"Opozorilo: {warning}\n")
    if args.format == "sepa":  # the window asks first; here the file is made, and said
        notice = payment_exports.sepa_open_month_notice(run, clock.today())
        if notice is not None:
            sys.stderr.write(f"Opozorilo: {notice}\n")
        if earlier is not None:
            sys.stderr.write(f"Opozorilo: {earlier}\n")
    return 0


def _close(db: Any, month: date, clock: Any, *, bank_file: bool) -> tuple[Any, Any]:
    """Close `month`; with a bank file to write, only once the run has what the file
    needs: a month closed and then refused its SEPA file (no IBAN of the centre) was
    exit status 2, »nothing written«, with the month in the ledger after all. Returns
    the closed run and, when the closed lines are those checked, the bank transfers
    made by the check (the write took ~2 s at 20,000 placements to make them again)."""
    from rejnistvo.services import payment_exports
    from rejnistvo.services.payment_run import (
        check_closable,
        close_month,
        data_stamp,
        payment_run,
    )

    if not bank_file:
        return close_month(db, month, clock), None
    check_closable(db, month, clock)  # a month that cannot be closed is said first
    stamp = data_stamp(db)
    computed = payment_run(db, month, clock)
    transfers = payment_exports.check_sepa_for(db, computed)
    # the run just checked is the one written: nothing can change it in between (the
    # close holds the file's one-copy lock), and it is not computed twice
    closed = close_month(db, month, clock, computed=computed, stamp=stamp)
    # its transfers too, when the close took the checked lines over (a run computed
    # again, should the file have changed after all, is checked again by the write)
    return closed, transfers if closed.lines is computed.lines else None


def run_json(document: dict[str, Any]) -> str:
    """The run's JSON text: the document indented as every answer is, each of its lines
    (``"lines"``) an object on a line of its own. The same JSON; written by the json
    module's C encoder, which does not indent, a line at a time: at 20,000 lines a third
    of the time of indenting every value (~1.1 s of CPU less), and a line is one line
    of text to read or grep. ``"lines"`` may be an iterator, its lines' JSON already
    (``run_document`` given ``_compact``): taken as they come, with the collector
    waiting (the run's lines are made as they are read, and make no cycles)."""
    compact = _compact
    parts = []
    for key, value in document.items():
        if key == "lines":
            with collector_paused():
                encoded = [line if type(line) is str else compact(line) for line in value]
            if encoded:
                body = ",\n    ".join(encoded)
                parts.append(f'  "lines": [\n    {body}\n  ]')
                continue
            value = []
        text = json.dumps(value, ensure_ascii=False, indent=2, default=_default)
        parts.append(f"  {compact(key)}: {text.replace(chr(10), chr(10) + '  ')}")
    return "{\n" + ",\n".join(parts) + "\n}\n"


def _write_json(document: dict[str, Any], out: str | None) -> None:
    text = run_json(document)
    if out is None:
        write_answer(text)
        return
    from rejnistvo.atomic_write import write_output

    def write(temporary: Path) -> None:
        temporary.write_text(text, encoding="utf-8")

    write_output(out, write)
