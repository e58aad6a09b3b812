"""Headless rate table of a database (SPEC 6, `rates`; SPEC 3.1).

* `rates --db DB` lists the rate rows, in the shape `calc` takes as `rates`;
* `rates --db DB --add --from DATE --board X --fee Y --source TEXT` adds one row and
  prints it;
* `rates --db DB --index PERCENT --from DATE --source TEXT` adds the indexed rows
  (board and fee; the birth grant when the file has one in force before DATE) and prints
  them: `{"rate": {…}, "birth_grant": {…} | null}`.

Everything goes through `rejnistvo.services.rates`, the same functions the window calls.
Bad input: exit 2 with one Slovenian line, nothing written.
"""

from __future__ import annotations

import argparse
from typing import Any

from rejnistvo.cli.io import (
    CliInputError,
    amount_argument,
    database_path,
    refuse_empty_database,
    store_errors_naming,
    write_json,
)
from rejnistvo.rules.errors import InputError

OPTION_OF_FIELD = {
    "valid_from": "--from",
    "board": "--board",
    "fee": "--fee",
    "source": "--source",
    "percent": "--index",
    "birth_grant": "--index",
}


def register(subparsers: argparse._SubParsersAction[Any]) -> None:
    rates = subparsers.add_parser(
        "rates", help="tabela zneskov oskrbnine in plačila dela v zbirki (JSON)"
    )
    rates.add_argument(
        "--db",
        metavar="DATOTEKA",
        help="podatkovna zbirka (privzeto datoteka programa v uporabnikovi podatkovni mapi)",
    )
    action = rates.add_mutually_exclusive_group()
    action.add_argument("--add", action="store_true", help="dodaj vrstico z vpisanimi zneski")
    action.add_argument(
        "--index",
        metavar="ODSTOTEK",
        help="dodaj usklajene zneske: objavljeni odstotek uskladitve, npr. 2,7",
    )
    rates.add_argument(
        "--from",
        dest="valid_from",
        metavar="DATUM",
        help="velja od (LLLL-MM-DD), običajno prvi dan v mesecu",
    )
    rates.add_argument(
        "--board", metavar="ZNESEK", help="osnovna oskrbnina, npr. 655,23 ali 655.23"
    )
    rates.add_argument(
        "--fee", metavar="ZNESEK", help="osnovno plačilo dela, npr. 472,42 ali 472.42"
    )
    rates.add_argument("--source", metavar="BESEDILO", help="vir zneskov (obvezen pri dodajanju)")
    rates.set_defaults(handler=rates_command)


def _require(args: argparse.Namespace, *names: str) -> None:
    for name in names:
        if getattr(args, name) is None:
            raise CliInputError(f"{OPTION_OF_FIELD[name]}: obvezna možnost manjka.")


def _refuse(args: argparse.Namespace, *names: str, why: str) -> None:
    for name in names:
        if getattr(args, name) is not None:
            raise CliInputError(f"{OPTION_OF_FIELD[name]}: {why}")


def rate_json(row: Any) -> dict[str, Any]:
    return {"valid_from": row.valid_from, "board": row.board, "fee": row.fee, "source": row.source}


def grant_json(row: Any) -> dict[str, Any]:
    return {"valid_from": row.valid_from, "amount": row.amount, "source": row.source}


def rates_command(args: argparse.Namespace) -> int:
    from rejnistvo.services import rates as service
    from rejnistvo.store import StoreError, open_db

    if args.add:
        _require(args, "valid_from", "board", "fee", "source")
    elif args.index is not None:
        _require(args, "valid_from", "source")
        _refuse(args, "board", "fee", why="pri --index zneske izračuna program; za vpisane "
                "zneske uporabite --add.")  # fmt: skip
    else:
        _refuse(args, "valid_from", "board", "fee", "source",
                why="velja le z --add ali --index.")  # fmt: skip
    path = refuse_empty_database(database_path(args))
    with store_errors_naming("--db"):
        # Listing is a reader (works beside the window, as `cases`); adding takes the lock.
        opened = open_db(path, read_only=not args.add and args.index is None)
    try:
        with opened as db:
            if args.add:
                board = amount_argument(args.board, "--board")
                fee = amount_argument(args.fee, "--fee")
                row = service.add_rate(db, args.valid_from, board, fee, args.source)
                write_json(rate_json(row))
            elif args.index is not None:
                proposal = service.propose_indexation(db, args.valid_from, args.index)
                added = service.apply_indexation(db, proposal, args.source)
                grant = added.birth_grant
                write_json(
                    {
                        "rate": rate_json(added.rate),
                        "birth_grant": grant_json(grant) if grant is not None else None,
                    }
                )
            else:
                write_json([rate_json(row) for row in service.list_rates(db)])
    except StoreError as error:
        raise CliInputError(error.message) from None
    except InputError as error:
        # Name the option the user typed, not the service's field.
        option = OPTION_OF_FIELD.get(error.field, error.field)
        raise CliInputError(f"{option}: {error.message}") from None
    return 0
