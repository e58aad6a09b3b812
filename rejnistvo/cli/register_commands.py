"""Headless coordinator commands: `register` (SPEC.md 6) and the case exchange.

    register --db DB --subgroup N --year Y --format csv|xlsx|pdf --out FILE
    export-case --db DB --case ID --out FILE.rejpaket --passphrase-file FILE
    import-case --db DB --package FILE --passphrase-file FILE --kind proposal|resolution
                [--subgroup N] [--preview]
    candidate-changes --db DB --subgroup N --since DATE --out FILE.csv

The passphrase is read from a file (its first line), never from the command line,
where other users of the machine could see it in the process list. The day a proposal
is sent or a package imported is the system clock's (``rejnistvo.clock``).
"""

from __future__ import annotations

import argparse
import contextlib
from collections.abc import Iterator
from datetime import date
from typing import Any

from rejnistvo.cli.io import (
    CliInputError,
    case_number,
    database_path,
    field_as_option,
    refuse_empty_database,
    refuse_overwriting,
    require_output_folder,
    shown_name,
    store_errors_naming,
    write_json,
)
from rejnistvo.rules.errors import InputError
from rejnistvo.store import Database


def register(subparsers: argparse._SubParsersAction[Any]) -> None:
    reg = subparsers.add_parser("register", help="evidenca obravnavanih primerov R-4 podskupine")
    _db_option(reg)
    reg.add_argument("--subgroup", type=int, required=True, metavar="N", help="podskupina 1–6")
    reg.add_argument(
        "--year",
        type=int,
        required=True,
        metavar="LETO",
        help="leto, v katerem je koordinator predloge prejel, npr. 2026",
    )
    reg.add_argument(
        "--format", choices=("csv", "xlsx", "pdf"), required=True, help="oblika datoteke"
    )
    reg.add_argument("--out", required=True, metavar="DATOTEKA", help="kam zapisati evidenco")
    reg.add_argument("--filter", metavar="BESEDILO", help="le primeri, ki vsebujejo besedilo")
    reg.set_defaults(handler=run_register)

    export = subparsers.add_parser("export-case", help="izvozi primer R-4 v šifriran paket")
    _db_option(export)
    export.add_argument(
        "--case",
        type=case_number,
        required=True,
        metavar="ID",
        help="številka primera R-4 (ukaz cases)",
    )
    export.add_argument("--out", required=True, metavar="DATOTEKA", help="kam zapisati paket")
    _passphrase_option(export)
    export.add_argument(
        "--kind",
        choices=("proposal", "resolution"),
        help="proposal: predlog, resolution: sklep komisije; privzeto sklep, če je primer "
        "odločen, sicer predlog",
    )
    export.set_defaults(handler=run_export_case)

    imp = subparsers.add_parser("import-case", help="uvozi šifriran paket primera R-4")
    _db_option(imp)
    imp.add_argument("--package", required=True, metavar="DATOTEKA", help="prejeti paket")
    _passphrase_option(imp)
    imp.add_argument(
        "--kind",
        choices=("proposal", "resolution"),
        required=True,
        help="proposal: predlog centra (uvozi koordinator); resolution: sklep komisije "
        "(uvozi center)",
    )
    imp.add_argument(
        "--subgroup",
        type=int,
        action="append",
        metavar="N",
        help="podskupina, ki jo vodi ta evidenca (lahko večkrat)",
    )
    imp.add_argument("--preview", action="store_true", help="le pokaži vsebino, ne uvozi")
    imp.set_defaults(handler=run_import_case)

    changes = subparsers.add_parser("candidate-changes", help="spremembe seznama kandidatov (CSV)")
    _db_option(changes)
    changes.add_argument("--subgroup", type=int, required=True, metavar="N", help="podskupina 1–6")
    changes.add_argument(
        "--since", required=True, metavar="DATUM", help="spremembe od tega dne (LLLL-MM-DD)"
    )
    changes.add_argument("--out", required=True, metavar="DATOTEKA", help="kam zapisati CSV")
    changes.set_defaults(handler=run_candidate_changes)


def _db_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--db",
        metavar="DATOTEKA",
        help="podatkovna zbirka (privzeto datoteka programa v uporabnikovi podatkovni mapi)",
    )


def _passphrase_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--passphrase-file",
        required=True,
        metavar="DATOTEKA",
        help="datoteka z geslom paketa v prvi vrstici (nikoli geslo v ukazni vrstici)",
    )


@contextlib.contextmanager
def _opened(
    args: argparse.Namespace, *, read_only: bool = False, lock: bool = True
) -> Iterator[Database]:
    from rejnistvo.store import StoreError, open_db

    # Never a new database from a headless command (a typo, a 0-byte file); readers
    # and the short export take no one-copy lock, so they work beside the window.
    path = refuse_empty_database(database_path(args))
    with store_errors_naming("--db"):
        db = open_db(path, read_only=read_only, lock=lock, create=False)
    try:
        yield db
    except StoreError as error:
        raise CliInputError(error.message) from None
    finally:
        db.close()


def _today() -> date:
    from rejnistvo.clock import SystemClock

    return SystemClock().today()


def _subgroup(value: int) -> int:
    if not 1 <= value <= 6:
        raise InputError("--subgroup", "podskupina je številka od 1 do 6.")
    return value


PASSPHRASE_OPTION = "--passphrase-file"
#: a passphrase is the first line of a short text file: more is another file chosen by
#: mistake (--passphrase-file /dev/zero was read until memory ran out)
MAX_PASSPHRASE_FILE_BYTES = 64 * 1024


def _passphrase(path: str) -> str:
    from rejnistvo.bounded_read import TooLarge, read_bounded
    from rejnistvo.exchange.crypto import check_passphrase
    from rejnistvo.exchange.errors import PackageError

    try:
        # utf-8-sig: Notepad may save the file with a BOM, which is not part of the passphrase.
        text = read_bounded(path, MAX_PASSPHRASE_FILE_BYTES).decode("utf-8-sig")
    except TooLarge:
        raise CliInputError(
            f"{PASSPHRASE_OPTION}: datoteka »{shown_name(path)}« je prevelika za datoteko z geslom "
            f"(več kot {MAX_PASSPHRASE_FILE_BYTES // 1024} KiB); geslo je prva vrstica "
            "kratke besedilne datoteke."
        ) from None
    except (OSError, UnicodeDecodeError):
        raise CliInputError(
            f"{PASSPHRASE_OPTION}: datoteke z geslom »{shown_name(path)}« ni mogoče prebrati "
            "(pričakovana je besedilna datoteka UTF-8 z geslom v prvi vrstici)."
        ) from None
    lines = text.splitlines()
    passphrase = lines[0] if lines else ""
    try:
        # Checked here, before the database is opened, so the refusal names the option.
        check_passphrase(passphrase)
    except PackageError as error:
        raise CliInputError(
            f"{PASSPHRASE_OPTION}: {error.message} Geslo je prva vrstica datoteke »{shown_name(path)}«."
        ) from None
    return passphrase


@contextlib.contextmanager
def _package_errors_named(option: str = "--package") -> Iterator[None]:
    """A package refused while it is opened is said about its option (SPEC 6): a wrong
    passphrase about --passphrase-file, anything else (missing, not a package, altered,
    another subgroup's) about --package — or about `option`, the one that chose what
    the exchange refused."""
    from rejnistvo.exchange.errors import PackageError

    try:
        yield
    except PackageError as error:
        if error.field == "out":  # the package could not be written: said of --out
            raise
        # The exchange's two passphrase refusals (too short, wrong) are the ones whose text
        # starts with "Geslo"; every other one is about the package.
        named = PASSPHRASE_OPTION if error.message.startswith("Geslo ") else option
        raise CliInputError(f"{named}: {error.message}") from None


def run_register(args: argparse.Namespace) -> int:
    from rejnistvo.register.export import write_register
    from rejnistvo.register.queries import register_rows
    from rejnistvo.register.rows import filter_rows, renumber

    subgroup = _subgroup(args.subgroup)
    if not 2000 <= args.year <= 2100:
        raise InputError("--year", "leto mora biti med 2000 in 2100.")
    refuse_overwriting(args.out, database_path(args))
    with _opened(args, read_only=True) as db:
        rows = register_rows(db, subgroup, args.year)
    if args.filter:
        rows = renumber(filter_rows(rows, text=args.filter))
    with field_as_option("out", "--out"):
        out = write_register(
            rows, args.format, args.out, subgroup=subgroup, year=args.year, printed_on=_today()
        )
    write_json(
        {
            "subgroup": subgroup,
            "year": args.year,
            "format": args.format,
            "rows": len(rows),
            "out": str(out),
        }
    )
    return 0


def run_export_case(args: argparse.Namespace) -> int:
    from rejnistvo.exchange.cases import export_proposal, export_resolution

    passphrase = _passphrase(args.passphrase_file)
    require_output_folder(args.out)
    refuse_overwriting(args.out, database_path(args), args.passphrase_file)
    with _opened(args, lock=False) as db:
        from rejnistvo.store import StoreError, get_record

        try:
            case = get_record(db, "r4_cases", args.case)
        except StoreError:
            # as `print r4 --case` says it; the store's text names its table (»r4_cases«)
            raise CliInputError(
                f"--case: primera R-4 s številko {args.case} ni v podatkovni zbirki "
                "(seznam primerov izpiše ukaz »cases«)."
            ) from None
        kind = args.kind or ("resolution" if case.get("decided_on") else "proposal")
        # a case that cannot go as this kind of package (not decided yet, decided
        # already, its centre in no subgroup) is the refusal of the option that chose it
        with (
            field_as_option("out", "--out"),  # a package that cannot be written there
            _package_errors_named("--kind" if args.kind else "--case"),
        ):
            if kind == "proposal":
                out = export_proposal(db, args.case, passphrase, args.out, today=_today())
            else:
                out = export_resolution(db, args.case, passphrase, args.out)
    write_json({"case": args.case, "kind": kind, "out": str(out)})
    return 0


def run_import_case(args: argparse.Namespace) -> int:
    from rejnistvo.exchange.cases import apply_import, preview_import

    passphrase = _passphrase(args.passphrase_file)
    subgroups = {_subgroup(n) for n in args.subgroup} if args.subgroup else None
    # a preview only reads: beside the window, as `cases` and `run` read
    with _opened(args, read_only=args.preview) as db:
        from rejnistvo.exchange.subgroups import subgroups_for_import

        with _package_errors_named("--subgroup"):  # a file that leads no subgroup
            subgroups = subgroups_for_import(db, args.kind, subgroups)
        with _package_errors_named():
            preview = preview_import(
                db, args.package, passphrase, kind=args.kind, subgroups=subgroups
            )
        answer = {
            "kind": preview.contents.kind,
            "subgroup": preview.contents.subgroup,
            "case_uuid": preview.contents.case_uuid,
            "summary": {label: value for label, value in preview.contents.summary()},
            "action": preview.action,
            "notes": preview.notes,
        }
        if not args.preview:
            with _package_errors_named():  # the package's case gone since the preview
                result = apply_import(db, preview, today=_today())
            answer.update(
                case=result.case_id,
                created=result.created,
                changed=result.changed,
                message=result.message,
            )
    write_json(answer)
    return 0


def run_candidate_changes(args: argparse.Namespace) -> int:
    from rejnistvo.register.candidates import candidate_changes, write_candidate_changes_csv
    from rejnistvo.rules.periods import parse_date

    since = parse_date(args.since, "--since")
    refuse_overwriting(args.out, database_path(args))
    with _opened(args, read_only=True) as db:
        changes = candidate_changes(db, _subgroup(args.subgroup), since)
    with field_as_option("out", "--out"):
        out = write_candidate_changes_csv(changes, args.out)
    write_json(
        {"subgroup": args.subgroup, "since": since, "changes": len(changes), "out": str(out)}
    )
    return 0
