"""`print r1|r4|r5`: an official form to PDF, from JSON (SPEC 6.1) or from a stored case.

    python -m rejnistvo print r4 --input predlog.json --out predlog.pdf
    python -m rejnistvo print r5 --db rejnistvo.sqlite3 --case 7 --out r5.pdf

Bad input (unknown field, wrong EMŠO, …) is refused before anything is written: exit 2
and one Slovenian line on standard error. On success the answer on standard output is
`{"form", "out", "pages", "bytes"}`, and `"warnings"` when an R-5's refund could not be
checked against the amounts in force.
"""

from __future__ import annotations

import argparse
import re
from pathlib import Path
from typing import Any

from rejnistvo.cli.io import (
    CliInputError,
    add_input_option,
    case_number,
    read_json_input,
    refuse_empty_database,
    refuse_overwriting,
    store_errors_naming,
    write_json,
)

FORMS = ("r1", "r4", "r5")
_PAGE = re.compile(rb"/Type /Page\b(?!s)")


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "print",
        help="natisni obrazec R-1, R-4 ali R-5 v PDF",
        description=(
            "Obrazec R-1, R-4 ali R-5 v PDF iz podatkov v JSON ali iz primera v zbirki. "
            "Zgledi podatkov so v mapi forms programa: r1.example.json, r4.example.json "
            "in r5.example.json."
        ),
    )
    parser.add_argument("form", choices=FORMS, metavar="OBRAZEC", help="r1, r4 ali r5")
    add_input_option(parser)
    parser.add_argument("--db", metavar="ZBIRKA", help="podatkovna zbirka s primerom (z --case)")
    parser.add_argument(
        "--case", type=case_number, metavar="ID", help="številka primera R-4 ali R-5 v zbirki"
    )
    parser.add_argument("--out", required=True, metavar="DATOTEKA.pdf", help="kam zapisati PDF")
    parser.set_defaults(handler=handle_print)


def handle_print(args: argparse.Namespace) -> int:
    # A process that prints one form: what reportlab and stdnum import for bitmaps and
    # online checks, and the standard modules they and the rules import for what printing
    # never does, are loaded only if used (rl_startup; 40–60 ms of the process).
    from rejnistvo.printing.rl_startup import PRINT_UNUSED, STDNUM_UNUSED, defer_modules

    defer_modules(STDNUM_UNUSED + PRINT_UNUSED)
    # The checkout's forms/ folder imports as rejnistvo.forms (a finder in rejnistvo/__init__),
    # which mypy cannot follow; the functions used here are typed where they are defined.
    from rejnistvo.forms import render_form  # type: ignore[import-not-found,unused-ignore]
    from rejnistvo.forms.data import PARSERS  # type: ignore[import-not-found,unused-ignore]

    if getattr(args, "whole_process", False):
        # The form's module (and reportlab's with it) lives until the process ends: loaded
        # now and frozen out of the collector's passes over what the first document makes
        # (as in cli.main; 2 % of a `print r4` process's instructions).
        import gc
        import importlib

        importlib.import_module(f"rejnistvo.forms.{args.form}")
        gc.freeze()

    refuse_overwriting(args.out, args.input, args.db)
    data = _form_data(args)
    form = PARSERS[args.form](data) if args.db is None else data  # a stored case: parsed
    warnings: list[str] = []
    if args.form == "r5" and args.db is None:
        # JSON from outside: the finding against the program's own refund rule and the
        # amounts in force (SPEC 3.4). A stored case was checked against its placement and
        # its call date by the R-5 service when it was saved.
        from rejnistvo.forms.data import (  # type: ignore[import-not-found,unused-ignore]
            check_r5_refund,
        )
        from rejnistvo.rules.errors import MissingRateError
        from rejnistvo.rules.periods import month_name
        from rejnistvo.rules.rates import load_rate_table  # (only R-5 needs the amounts)

        try:
            check_r5_refund(form, load_rate_table())
        except MissingRateError as error:
            # An increase from before the table's first row (an R-5 of early 2025 found
            # on the new form): the form is the centre's and prints; the answer says the
            # refund was not checked against the money received, and why.
            reason = (
                f"za mesec {month_name(error.month)} ni vnesenega {error.lacks}"
                if error.month is not None
                else error.problem.rstrip(".")
            )
            warnings.append(
                "Znesek za vračilo ni preverjen s prejeto zvišano oskrbnino: "
                f"{reason} v tabeli zneskov programa."
            )
    try:
        pdf: bytes = render_form(args.form, form, out_path=Path(args.out))
    except OSError as error:
        from rejnistvo.atomic_write import os_error_reason

        reason = os_error_reason(error, writing=True)
        raise CliInputError(
            f"--out: PDF ni mogoče zapisati v »{args.out}«: {reason}. Izberite mapo, v katero "
            "lahko pišete."
        ) from None
    write_json(
        {
            "form": args.form,
            "out": str(args.out),
            "pages": len(_PAGE.findall(pdf)),
            "bytes": len(pdf),
        }
        | ({"warnings": warnings} if warnings else {})
    )
    return 0


def _form_data(args: argparse.Namespace) -> Any:
    if args.db is None and args.case is None:
        return read_json_input(args)
    # each line starts with the option at fault (SPEC 6), as the other refusals do
    if args.input is not None:
        raise CliInputError("--input: navedite ali --input ali --db s --case, ne obojega.")
    if args.db is None or args.case is None:
        missing = "--db" if args.db is None else "--case"
        raise CliInputError(
            f"{missing}: za tisk primera iz zbirke navedite oboje: --db ZBIRKA in --case ID."
        )
    if args.form == "r1":
        raise CliInputError(
            "--db: obrazec R-1 se tiska le iz JSON (--input); izpolnjenega iz zapisa "
            "rejnika natisnete v oknu: Rejniki → »Natisni vlogo za dovoljenje (R-1) …«."
        )
    from rejnistvo.services.case_forms import stored_form
    from rejnistvo.store import open_db

    path = refuse_empty_database(args.db)
    with store_errors_naming("--db"):
        db = open_db(path, read_only=True)  # a reader: works beside an open window
    try:
        # the form the window prints: with the R-4's reasons the JSON has no field for
        with store_errors_naming("--case"):  # the one error left: no such case
            return stored_form(db, args.form, args.case)
    finally:
        db.close()
