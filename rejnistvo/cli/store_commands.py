"""Headless commands on a database file (SPEC 6): demo, check, backup, cases.

`--db PATH` chooses the file; without it, the program's default file in the user's
data folder. A StoreError becomes exit status 2 with its Slovenian message on one line.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from typing import Any

from rejnistvo.cli.io import (
    STDIN_NAME,
    CliInputError,
    database_path,
    refuse_empty_database,
    refuse_missing_database,
    refuse_special_database,
    require_output_folder,
    require_writable_folder,
    store_errors_naming,
    write_answer,
    write_json,
)


def _add_db(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--db",
        metavar="DATOTEKA",
        help="podatkovna zbirka (privzeto datoteka programa v uporabnikovi podatkovni mapi)",
    )


def register(subparsers: argparse._SubParsersAction[Any]) -> None:
    demo = subparsers.add_parser("demo", help="napolni novo zbirko s predstavitvenimi podatki")
    _add_db(demo)
    demo.add_argument(
        "--scale", type=int, metavar="N", help="število namestitev (za preskus hitrosti)"
    )
    demo.set_defaults(handler=demo_command)

    check = subparsers.add_parser("check", help="preveri celovitost, shemo in dnevnik sprememb")
    _add_db(check)
    check.set_defaults(handler=check_command)

    backup = subparsers.add_parser("backup", help="varnostna kopija zbirke v datoteko")
    _add_db(backup)
    backup.add_argument("--out", required=True, metavar="DATOTEKA", help="datoteka kopije")
    backup.add_argument(
        "--keys",
        metavar="MAPA",
        help="kopiraj tudi ključe dnevnika sprememb te namestitve v obstoječo mapo",
    )
    backup.set_defaults(handler=backup_command)

    cases = subparsers.add_parser("cases", help="seznam primerov R-4 in R-5 (JSON)")
    _add_db(cases)
    cases.add_argument(
        "--name",
        metavar="DEL_IMENA",
        help="le primeri, kjer ime otroka ali rejnika vsebuje besedilo",
    )
    cases.set_defaults(handler=cases_command)


def demo_command(args: argparse.Namespace) -> int:
    from rejnistvo.store.demo import fill_demo_file

    if args.scale is not None and not 1 <= args.scale <= 1_000_000:
        raise CliInputError("--scale: število namestitev mora biti med 1 in 1000000.")
    path = database_path(args)
    if args.db == STDIN_NAME:
        # »-« is standard input or output to a command-line tool, not a database's name
        raise CliInputError(
            "--db: »-« ni ime datoteke; navedite ime nove podatkovne zbirke (zbirko z "
            "imenom »-« zapišite kot ./-)."
        )
    refuse_special_database(path)
    if path.is_file() and path.stat().st_size == 0:
        # refused as every command refuses it (the window asks, here nothing can)
        raise CliInputError(
            f"--db: datoteka »{path}« je prazna (0 bajtov), ni podatkovna zbirka; "
            "predstavitveni podatki gredo v novo zbirko: navedite ime nove datoteke, ki je "
            "še ni."
        )
    # fill_demo refuses a file with records: invented people never mix with real ones.
    started = time.perf_counter()
    with store_errors_naming("--db"):
        # A 0-byte file is refused (EmptyFileError), never silently made a database; a
        # file demo made and could not fill (a full disk) is removed.
        counts = fill_demo_file(path, scale=args.scale)
    seconds = f"{time.perf_counter() - started:.1f}".replace(".", ",")  # Slovenian comma
    sys.stderr.write(
        f"Predstavitveni podatki zapisani v »{path}« v {seconds} s: {demo_counts(counts)}.\n"
    )
    return 0


def demo_counts(counts: dict[str, int]) -> str:
    """`40 namestitev, 17 primerov R-4, 3 zvišanja oskrbnine` — each count with the noun in
    the form Slovenian gives that number (1 namestitev, 2 namestitvi, 3 namestitve)."""
    from rejnistvo.rules.plural import count_phrase

    return (
        f"{count_phrase(counts['placements'], 'namestitev')}, "
        f"{count_phrase(counts['r4_cases'], 'primer')} R-4, "
        f"{count_phrase(counts['board_increases'], 'zvišanje')} oskrbnine"
    )


def check_command(args: argparse.Namespace) -> int:
    from rejnistvo.store import check_db
    from rejnistvo.store.background_checks import problem_summary

    # A path with no file is a slip in --db, not a database with problems (exit 1 would
    # tell a script the records are damaged); an empty file is checked (a damaged one).
    notes: list[str] = []
    problems = check_db(refuse_missing_database(database_path(args)), notes)
    for note in notes:
        sys.stderr.write(f"{note}\n")
    if problems and all(getattr(problem, "kind", "") for problem in problems):
        # a file that could not be read (locked, a read-only medium without its »-shm«)
        # or is no database of this program was not checked and may be healthy: exit 1
        # would tell a script to restore a backup over it
        raise CliInputError(f"--db: {problems[0]}")
    if problems:
        # SQLite's integrity report is a line per damaged cell (a hundred for one bad
        # page): its first lines and how many more, as the window shows it
        lines = "".join(f"- {problem_summary(problem)}\n" for problem in problems)
        write_answer(f"Podatkovna zbirka ima težave:\n{lines}")
        return 1
    write_answer("Podatkovna zbirka je v redu.\n")
    return 0


def backup_command(args: argparse.Namespace) -> int:
    from rejnistvo.atomic_write import WriteError
    from rejnistvo.store import StoreError
    from rejnistvo.store.backup import BackupSourceError, backup_to

    path = refuse_empty_database(database_path(args))
    out = require_output_folder(args.out)
    # checked before the copy: a refused --keys writes nothing, the copy neither
    keys = None
    if args.keys:
        keys = _keys_folder(args.keys)
    try:
        written = backup_to(path, out)
    except BackupSourceError as error:
        raise CliInputError(f"--db: {error.message}") from None
    except StoreError as error:
        if error.kind in ("cannot_open", "read_only"):
            _refuse_unreadable(path)
        raise CliInputError(f"--out: {_target_error(out, error)}") from None
    except WriteError as error:  # the copy's own file could not be written there
        raise CliInputError(f"--out: {error.message}") from None
    sys.stderr.write(f"Varnostna kopija zapisana v »{written}«.\n")
    if keys is not None:
        from rejnistvo.store.audit_keys import export_keys

        with store_errors_naming("--keys"):
            copied = export_keys(keys)
        sys.stderr.write(f"Ključi dnevnika sprememb ({len(copied)}) kopirani v »{keys}«.\n")
    return 0


def _keys_folder(typed: str) -> Path:
    """`--keys`: an existing folder this user can write."""
    folder = Path(typed)
    if folder.exists() and not folder.is_dir():
        # not »mapa ne obstaja« of a file that is there
        raise CliInputError(f"--keys: »{folder}« je datoteka, ne mapa. Izberite obstoječo mapo.")
    require_output_folder(folder / "x", "--keys")
    require_writable_folder(folder / "x", "--keys")
    return folder


def _refuse_unreadable(path: Path) -> None:
    """SQLite's »unable to open« during a copy is said of either file. When the database
    itself cannot be opened to be read (a live file on a read-only medium, where SQLite
    cannot make its »-shm« beside it), the line names --db, as a reader's does, not the
    copy's folder."""
    from rejnistvo.store import open_db

    with store_errors_naming("--db"), open_db(path, read_only=True):
        pass


def _target_error(out: Path, error: Any) -> str:
    """SQLite words a file it cannot open as the database; for a copy, as the window does
    (``database_menu._backup_error``), the folder the user chose is at fault."""
    if error.kind in ("cannot_open", "read_only"):
        return f"v mapo »{out.parent}« ni mogoče pisati. Izberite drugo mapo."
    return str(error.message)


def cases_command(args: argparse.Namespace) -> int:
    from rejnistvo.clock import SystemClock
    from rejnistvo.services.cases import list_cases
    from rejnistvo.store import open_db

    path = refuse_empty_database(database_path(args))
    # Only a file that is not the program's database fails here: the one error of --db.
    with store_errors_naming("--db"), open_db(path, read_only=True) as db:
        # A reader: no one-copy lock, so it works while the window has the file open.
        rows = [case.as_json() for case in list_cases(db, SystemClock().today(), args.name)]
    write_json(rows)
    return 0
