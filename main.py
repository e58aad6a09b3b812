"""Start the desktop program: `python main.py [--db PATH] [--demo]`."""

from __future__ import annotations

import argparse
import sys


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="main.py", description="Rejništvo – namizni program")
    parser.add_argument(
        "--db", metavar="PATH", help="datoteka z bazo (privzeto: v mapi uporabnika)"
    )
    parser.add_argument(
        "--demo", action="store_true", help="odpri novo datoteko s preizkusnimi podatki"
    )
    return parser.parse_args(argv)


if __name__ == "__main__":
    options = parse_args(sys.argv[1:])
    from rejnistvo.ui.app import main

    sys.exit(main(db=options.db, demo=options.demo))
