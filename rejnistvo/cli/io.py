"""JSON in and out for the headless commands (SPEC.md section 6)."""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from rejnistvo.bounded_read import TooLarge, read_bounded

# Bounds on what a JSON input may hold, so that a crafted document is one clear line
# instead of a RecursionError, a ValueError about digits or minutes of work.
MAX_DEPTH = 64
MAX_INT_DIGITS = 30
MAX_NUMBER_CHARS = 40
MAX_EXPONENT = 30
MAX_INPUT_BYTES = 20 * 1024 * 1024


class CliInputError(Exception):
    """Bad input to a headless command: exit status 2, the message on one line."""


#: a number with one decimal separator, point or comma (spaces and a euro sign around it
#: are read past): the separator is decimal unless three digits follow it
_ONE_SEPARATOR = re.compile(r"[+-]?[0-9]*([.,][0-9]*)?")


def amount_argument(typed: str, option: str) -> str:
    """An amount typed on the command line (`--board 700,00`), as the rules read it
    (`"700.00"`): a decimal point or a decimal comma, as a Slovenian clerk types it and
    as `--index 2,7` takes it. A number that reads two ways is refused, naming `option`:
    a thousands separator beside a decimal one (»1.234,5«, »1,234.50«), two separators
    (»1.234.500«), or exactly three digits after one (»1.234«: 1234 or 1,234?). What is
    wrong with the number itself (letters, a minus, three decimals) the rules say."""
    text = typed.strip().removesuffix("€").removesuffix("EUR").strip()
    instead = (
        "vpišite ga brez ločila tisočic, z decimalno vejico ali piko, npr. 1234,50 ali 1234.50"
    )
    if _ONE_SEPARATOR.fullmatch(text) is None:
        if sum(text.count(c) for c in ".,") > 1 and re.fullmatch(r"[+-]?[0-9.,]+", text):
            raise CliInputError(
                f"{option}: znesek »{typed.strip()}« se lahko bere dvojno (pika in vejica sta "
                f"lahko ločilo tisočic ali decimalk); {instead}."
            )
        return text  # not a number: the rules' message (»… ni znesek«)
    whole, separator, decimals = text.replace(",", ".").partition(".")
    if not any(c.isdigit() for c in text):  # »,« or ».«: said as typed, not as ».«
        raise CliInputError(
            f"{option}: »{typed.strip()}« ni znesek; vpišite znesek v evrih, npr. 700,00 ali "
            "700.00."
        )
    if separator and len(decimals) == 3 and whole.lstrip("+-"):
        raise CliInputError(
            f"{option}: znesek »{typed.strip()}« se lahko bere dvojno (ločilo tisočic ali "
            f"tri decimalke); {instead}."
        )
    return f"{whole}{separator}{decimals}"


#: SQLite's largest integer: a case number beyond it cannot be looked up at all
MAX_RECORD_ID = 2**63 - 1


def case_number(text: str) -> int:
    """`--case ID` (argparse type): a case's number, a whole number from 1 on. A number
    past SQLite's integers made the look-up fail as a defect (OverflowError, status 70)."""
    shown = text if len(text) <= 40 else text[:40] + "…"
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"»{shown}« ni celo število") from None
    if not 1 <= value <= MAX_RECORD_ID:
        raise argparse.ArgumentTypeError(
            f"»{shown}« ni številka primera; številke primerov so cela števila od 1 naprej "
            "(izpiše jih ukaz cases)"
        )
    return value


def shown_name(name: str | Path, limit: int = 80) -> str:
    """A file name as one line can show it: its start and its end, the middle left out
    (a name of thousands of characters was repeated whole)."""
    text = str(name)
    if len(text) <= limit:
        return text
    return f"{text[: limit - 25]}…{text[-24:]}"


#: `--input -`: standard input, as for any command-line tool that reads a file
STDIN_NAME = "-"


def add_input_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--input", metavar="DATOTEKA", help="JSON vhod (privzeto ali z »-« standardni vhod)"
    )


def _parse_int(text: str) -> int:
    if len(text.lstrip("-")) > MAX_INT_DIGITS:
        raise CliInputError(
            f"Vhod vsebuje preveliko celo število ({len(text)} števk); dovoljenih je največ "
            f"{MAX_INT_DIGITS}."
        )
    return int(text)


def _parse_decimal(text: str) -> Decimal:
    if len(text) > MAX_NUMBER_CHARS:
        raise CliInputError(f"Vhod vsebuje predolgo število ({len(text)} znakov).")
    try:
        value = Decimal(text)
    except InvalidOperation:
        raise CliInputError(f"Vhod vsebuje neveljavno število »{text}«.") from None
    if value and not -MAX_EXPONENT <= value.adjusted() <= MAX_EXPONENT:
        raise CliInputError(f"Število »{text}« v vhodu je zunaj smiselnega obsega.")
    return value


def _depth(value: Any) -> int:
    """The deepest nesting of lists and objects (iterative: no recursion to exhaust)."""
    deepest = 0
    stack: list[tuple[Any, int]] = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, dict):
            deepest = max(deepest, depth)
            stack.extend((child, depth + 1) for child in item.values())
        elif isinstance(item, list):
            deepest = max(deepest, depth)
            stack.extend((child, depth + 1) for child in item)
    return deepest


def parse_json_text(text: str) -> Any:
    """A JSON document with amounts as Decimal, refused (CliInputError) when malformed,
    too deep or with numbers out of any sensible range. A UTF-8 BOM is skipped."""
    text = text.removeprefix("\ufeff")
    if not text.strip():
        # an empty file or a forgotten redirect: say so, not "line 1, column 1"
        raise CliInputError(
            "Vhod je prazen; pričakovan je JSON objekt (standardni vhod ali --input)."
        )
    too_deep = CliInputError(f"Vhod je pregloboko gnezden (več kot {MAX_DEPTH} ravni oklepajev).")
    try:
        # Decimal keeps amounts exact: no float ever reaches a rule.
        document = json.loads(
            text,
            parse_float=_parse_decimal,
            parse_int=_parse_int,
            parse_constant=_refuse_constant,
            object_pairs_hook=_object_without_repeated_keys,
        )
    except json.JSONDecodeError as error:
        raise CliInputError(
            f"Vhod ni veljaven JSON (vrstica {error.lineno}, stolpec {error.colno})."
        ) from None
    except RecursionError:
        raise too_deep from None
    if _depth(document) > MAX_DEPTH:
        raise too_deep
    if _LONE_SURROGATE_ESCAPE.search(text):
        _refuse_lone_surrogates(document)
    return document


#: how a lone surrogate gets into JSON: an escape \ud800 … \udfff (UTF-8 has none)
_LONE_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")


def _refuse_lone_surrogates(document: Any) -> None:
    """A string with half of a surrogate pair (»\ud800« alone) is no text: printed into a
    form as a blank box, and no database or answer can store it. Refused, naming where."""
    stack: list[tuple[Any, str]] = [(document, "vhod")]
    while stack:
        item, where = stack.pop()
        if isinstance(item, dict):
            for key, value in item.items():
                if not is_text(key):
                    raise CliInputError(f"{where}: ime polja ni veljavno besedilo Unicode.")
                stack.append((value, key if where == "vhod" else f"{where}.{key}"))
        elif isinstance(item, list):
            stack.extend((value, f"{where}[{i}]") for i, value in enumerate(item))
        elif isinstance(item, str) and not is_text(item):
            raise CliInputError(
                f"{where}: besedilo vsebuje osamljen nadomestni znak (ubežno zaporedje "
                "\\ud800–\\udfff brez para), ki ni veljavno besedilo Unicode."
            )


def is_text(value: str) -> bool:
    """Whether `value` is text UTF-8 can hold (no lone surrogate)."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _object_without_repeated_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """A JSON object whose field is given twice is refused: the JSON reader keeps the last
    one without a word, so a request edited by hand (a second »placement« pasted below the
    first) was computed from a value the user may not have meant."""
    document: dict[str, Any] = {}
    for key, value in pairs:
        if key in document:
            raise CliInputError(
                f"{key}: polje je v istem objektu navedeno večkrat; navedite ga enkrat."
            )
        document[key] = value
    return document


def _refuse_constant(name: str) -> Any:
    raise CliInputError(f"Vhod vsebuje {name}, ki ni število.")


def read_json_input(args: argparse.Namespace) -> Any:
    """Read the JSON document from --input FILE or standard input."""
    source = getattr(args, "input", None)
    if source == STDIN_NAME:
        source = None
    if not source and _typed_at_a_terminal():
        # a command started without --input and without a redirect waits for its JSON:
        # say so, or it looks as if it hung
        sys.stderr.write(
            "Vpišite zahtevo JSON in končajte vnos s Ctrl+D (v Windows Ctrl+Z in Enter) "
            "ali jo preberite iz datoteke z --input DATOTEKA.\n"
        )
    try:
        if source:
            path = Path(source)
            if path.is_dir():
                raise CliInputError(f"--input: »{shown_name(source)}« je mapa, ne datoteka.")
            data = read_bounded(path, MAX_INPUT_BYTES)
        else:  # its bytes; a text stream put in its place (tests, embedding) as text
            data = read_bounded(getattr(sys.stdin, "buffer", sys.stdin), MAX_INPUT_BYTES)
    except TooLarge:
        too_large = f"Vhod je prevelik (več kot {MAX_INPUT_BYTES // 1024 // 1024} MiB)."
        raise CliInputError(f"--input: {too_large}" if source else too_large) from None
    except OSError as error:
        # imported only here: rejnistvo.store brings sqlite_utils, which `print` from
        # JSON and `calc` never need
        from rejnistvo.store.errors import os_error_reason as reason

        what = f"--input: datoteke »{shown_name(source)}«" if source else "Standardnega vhoda"
        raise CliInputError(f"{what} ni mogoče prebrati: {_read_reason(error, reason)}.") from None
    try:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            raise CliInputError("Vhod ni besedilo v kodiranju UTF-8.") from None
        return parse_json_text(text)
    except CliInputError as error:
        if not source:
            raise
        # a file's content at fault is the option's, as a file that cannot be read
        raise CliInputError(f"--input: {error}") from None


def _typed_at_a_terminal() -> bool:
    try:
        return bool(sys.stdin.isatty())
    except (AttributeError, ValueError):  # no standard input, or a closed one
        return False


def _read_reason(error: OSError, reason: Any) -> str:
    import errno

    if error.errno == errno.ENOENT:
        return "datoteka ne obstaja"
    return str(reason(error))


def require_output_folder(path: str | Path, option: str = "--out") -> Path:
    """Refuse an output path whose folder does not exist (never create folders)."""
    target = Path(path)
    if target.is_dir():
        raise CliInputError(f"{option}: »{target}« je mapa; navedite ime datoteke.")
    refuse_special_file(target, option)
    if not target.parent.is_dir():
        raise CliInputError(
            f"{option}: mapa »{target.parent}« ne obstaja. Izberite obstoječo mapo."
        )
    return target


def refuse_special_file(target: Path, option: str = "--out") -> None:
    """An output is written beside its name and renamed over it (``atomic_write``): over a
    device, a pipe or a socket (``/dev/stdout``, ``/dev/null``, a FIFO a script reads) that
    rename would put a regular file in its place, for root even in /dev. »-« is standard
    output to any command-line tool (and standard input for --input): written as a file
    named »-«, the PDF or register landed where nobody looked for it."""
    if str(target) == STDIN_NAME:
        raise CliInputError(
            f"{option}: izpisa ni mogoče poslati na standardni izhod (»-«); navedite ime "
            "datoteke (datoteko z imenom »-« zapišite kot ./-)."
        )
    try:
        special = target.exists() and not target.is_file() and not target.is_dir()
    except OSError:
        return  # not reachable: writing it fails and says so
    if special:
        raise CliInputError(
            f"{option}: »{target}« ni navadna datoteka (naprava, cev ali vtičnica); izpis bi "
            "jo nadomestil. Navedite ime datoteke v mapi, v katero lahko pišete."
        )


#: the first bytes of every SQLite file (sqlite.org/fileformat.html, 1.3.1): the value of
#: store.connection.SQLITE_HEADER, not imported from there, because ``rejnistvo.store``
#: loads sqlite-utils and the store (~16 ms, +100 M instructions) into every `print`
#: that writes over its last PDF
_SQLITE_HEADER = b"SQLite format 3\x00"


def refuse_overwriting(out: str | Path, *read: str | Path | None, option: str = "--out") -> None:
    """An output never replaces a file the command reads (its --input, its --db) nor any
    database: a slip in --out must not destroy records (a register written »over« the
    database replaced the file with a CSV, exit status 0). Any other file is replaced,
    as a batch run writes its report again."""
    target = Path(out)
    refuse_special_file(target, option)
    if not target.is_file():
        return
    import os

    for source in read:
        try:
            same = source is not None and os.path.samefile(target, source)
        except OSError:  # a source that is not there is refused by its own option
            same = False
        if same:
            raise CliInputError(
                f"{option}: »{target}« je datoteka, ki jo ukaz bere; izpis bi jo nadomestil. "
                "Izberite drugo ime datoteke."
            )
    try:
        with target.open("rb") as handle:
            database = handle.read(len(_SQLITE_HEADER)) == _SQLITE_HEADER
    except OSError:
        return  # not readable: writing it fails and says so
    if database:
        raise CliInputError(
            f"{option}: »{target}« je podatkovna zbirka; izpis bi jo nadomestil. "
            "Izberite drugo ime datoteke."
        )


@contextmanager
def field_as_option(field: str, option: str, *more_fields: str) -> Iterator[None]:
    """A service's refusal of `field` (or of one of `more_fields`) said about the option
    the user typed for it."""
    from rejnistvo.rules.errors import InputError

    try:
        yield
    except InputError as error:
        if error.field != field and error.field not in more_fields:
            raise
        raise InputError(option, error.message) from None


def require_writable_folder(path: str | Path, option: str = "--out") -> None:
    """Refuse an output whose folder cannot be written, by making (and dropping) a
    temporary file there, or whose file there cannot be replaced (open in Excel, read
    only), by opening it to append and writing nothing: for a command that writes the
    database before the output (`run --close`), so that a refused --out leaves the
    database as it was."""
    import tempfile

    from rejnistvo.atomic_write import os_error_reason

    target = Path(path)
    try:
        with tempfile.TemporaryFile(dir=target.parent):
            pass
    except OSError as error:
        raise CliInputError(
            f"{option}: v mapo »{target.parent}« ni mogoče pisati: "
            f"{os_error_reason(error, writing=True)}."
        ) from None
    if not target.is_file():
        return
    try:
        with target.open("ab"):
            pass
    except OSError as error:
        raise CliInputError(
            f"{option}: datoteke »{shown_name(target)}« ni mogoče nadomestiti: "
            f"{os_error_reason(error, writing=True)}. Zaprite jo v programu, ki jo ima "
            "odprto, ali izberite drugo ime."
        ) from None


def database_path(args: argparse.Namespace) -> Path:
    """`--db`, or without it the program's default file (SPEC 6; ``default_database``)."""
    return Path(args.db) if args.db else default_database()


def default_database() -> Path:
    """The file the window opens when it is started the same way: the user's data folder
    (SPEC 6), or the portable folder next to the program when there is one (a program on
    a USB stick: the window there keeps its data on the stick, so its commands do too)."""
    from rejnistvo.locations import PORTABLE_FOLDER, portable_locations, program_dir

    if (program_dir() / PORTABLE_FOLDER).is_dir():  # as locations.choose_locations
        return portable_locations().database
    from rejnistvo.store import default_db_path

    return default_db_path()


@contextmanager
def store_errors_naming(option: str) -> Iterator[None]:
    """A StoreError raised inside is bad input whose one line names `option` (SPEC 6: the
    line names the field), as the checks made before opening the file do."""
    from rejnistvo.store import StoreError

    try:
        yield
    except StoreError as error:
        raise CliInputError(f"{option}: {error.message}") from None


def refuse_missing_database(path: str | Path, option: str = "--db") -> Path:
    """A path that names no file: a slip in the option, whatever the command does."""
    target = Path(path)
    if not target.exists():
        if option == "--db" and _is_default_database(target):
            # the user typed no --db: name the option they need, not a path they never gave
            raise CliInputError(
                f"--db: privzeta podatkovna zbirka programa »{target}« še ne obstaja (naredi "
                "jo prvi zagon okna programa); navedite zbirko z --db DATOTEKA."
            )
        raise CliInputError(f"{option}: datoteka »{target}« ne obstaja.")
    if target.is_dir():
        raise CliInputError(f"{option}: »{target}« je mapa, ne datoteka podatkovne zbirke.")
    return refuse_special_database(target, option)


def refuse_special_database(target: Path, option: str = "--db") -> Path:
    """A device or a pipe is no database: /dev/zero was »empty (0 bytes) — confirm in the
    program«, and a backup read a FIFO's first bytes until someone wrote to it."""
    if target.exists() and not target.is_file() and not target.is_dir():
        raise CliInputError(
            f"{option}: »{target}« ni navadna datoteka (naprava, cev ali vtičnica), zato ni "
            "podatkovna zbirka. Navedite datoteko zbirke."
        )
    return target


def _is_default_database(target: Path) -> bool:
    return target == default_database()


def refuse_empty_database(path: str | Path, option: str = "--db") -> Path:
    """A headless command never turns a 0-byte or missing file into a new database."""
    target = refuse_missing_database(path, option)
    if target.is_file() and target.stat().st_size == 0:
        raise CliInputError(
            f"{option}: datoteka »{target}« je prazna (0 bajtov), ni podatkovna zbirka. "
            "Navedite pravo datoteko ali obnovite varnostno kopijo."
        )
    return target


def _default(value: Any) -> Any:
    if isinstance(value, Decimal):
        return f"{value:.2f}"
    if isinstance(value, date):
        return value.isoformat()
    raise TypeError(f"cannot serialise {type(value).__name__}")


def write_json(document: Any) -> None:
    """Write the answer: amounts as two-decimal strings, dates as ISO strings."""
    write_answer(json.dumps(document, ensure_ascii=False, indent=2, default=_default) + "\n")


class AnswerNotWritten(Exception):
    """Standard output refused the answer (a full disk): exit status 2, one line."""

    def __init__(self, error: OSError) -> None:
        from rejnistvo.atomic_write import os_error_reason

        super().__init__(
            f"Standardnega izhoda ni mogoče pisati: {os_error_reason(error)}. Odgovor ni "
            "izpisan ali ni cel; preusmerite ga v datoteko na disku s prostorom."
        )


def write_answer(text: str, *, flush: bool = False) -> None:
    """`text` to standard output; a refusal is AnswerNotWritten (a closed pipe stays the
    BrokenPipeError that ends a command as ``| head`` expects)."""
    try:
        sys.stdout.write(text)
        if flush:
            sys.stdout.flush()
    except BrokenPipeError:
        raise
    except OSError as error:
        raise AnswerNotWritten(error) from None
