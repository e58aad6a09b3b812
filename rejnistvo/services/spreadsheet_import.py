"""Carers, children and placements brought in from a spreadsheet (Datoteka → Uvozi iz
preglednice …): the first day of a centre that kept them in Excel.

* ``template_xlsx``: the empty workbook to fill (sheets Rejniki, Otroci, Namestitve with
  the columns below, and Navodila: what each column holds, in which form, an example).
* ``read_spreadsheet``: the rows of an .xlsx as they are written, sheet by sheet (the
  header row names the columns, in any order; an empty row is left out).
* ``preview_import``: what an import would do, row by row, and nothing written: every
  row goes through the editors' own saves (``save_carer``, ``save_child``,
  ``save_placement``) inside one transaction that is then rolled back, so a refusal is
  the editor's own check and message, and a placement sees the carers and children the
  file brings.
* ``import_spreadsheet``: the same, kept: every accepted row in one transaction, each
  audited as the editors' saves are, or nothing at all (an error of the file, a cancel).

Decided for the caseworker (SPEC is silent):
* A person is recognised by EMŠO, so it is required here (the editors allow none). A
  carer or child whose EMŠO is already in the evidence is skipped with a note and never
  overwritten; an EMŠO held by the other kind of person (a carer's by a child) refuses
  the row, as does an EMŠO twice in the file.
* A placement names its carer and child by EMŠO (from the file or the evidence); its
  centres are those of the carer and the child unless written. The contract's period is
  »Od« … »Do«; annexes are added in Namestitve. A placement whose contract number is
  already in the evidence with the same carer and child is skipped (a file imported
  again adds nothing); the number at another placement refuses the row, as does a
  full-time placement of a child already placed on one of its days (the editor asks).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from rejnistvo.rules.emso import check_emso
from rejnistvo.rules.errors import InputError, RuleError
from rejnistvo.rules.periods import format_date
from rejnistvo.rules.text import UNIT_WORDS, centre_key, fold
from rejnistvo.rules.typed_values import parse_date_text, parse_share
from rejnistvo.services.people import (
    Carer,
    Child,
    Training,
    readable_store_message,
    save_carer,
    save_child,
)
from rejnistvo.services.placements import (
    Placement,
    PlacementPeriod,
    child_placed_elsewhere,
    contract_taken,
    save_placement,
)
from rejnistvo.services.typed_numbers import number_key
from rejnistvo.store import StoreError

CARERS, CHILDREN, PLACEMENTS = "Rejniki", "Otroci", "Namestitve"
SHEETS = (CARERS, CHILDREN, PLACEMENTS)
NOTES_SHEET = "Navodila"


@dataclass(frozen=True)
class Column:
    key: str
    header: str
    required: bool
    form: str  # what the Navodila sheet says of it
    example: str


_CENTRE_FORM = "ime centra, kot je v Nastavitve → Centri in enote"
_UNIT_FORM = "ime enote tega centra (»Enota« smete izpustiti)"
_YES_NO = "»da« ali »ne« (prazno: ne)"
_DATE_FORM = "datum, npr. 1. 3. 2026 (ali datum Excela)"

COLUMNS: dict[str, tuple[Column, ...]] = {
    CARERS: (
        Column("name", "Ime in priimek", True, "ime in priimek", "Ana Novak"),
        Column("emso", "EMŠO", True, "13 števk", "0101980505007"),
        Column("address", "Naslov", True, "ulica, hišna številka, pošta", "Glavna 1, 4000 Kranj"),
        Column("centre", "Center", True, _CENTRE_FORM, "Center za socialno delo Gorenjska"),
        Column("unit", "Enota", False, _UNIT_FORM, "Enota Kranj"),
        Column("iban", "IBAN", False, "račun za nakazila", "SI56 1910 0000 0123 438"),
        Column("licence_date", "Datum dovoljenja", False, _DATE_FORM, "15. 1. 2020"),
        Column("email", "E-pošta", False, "elektronski naslov", "ana.novak@primer.si"),
        Column("electronic_delivery", "Elektronsko vročanje", False, _YES_NO, "ne"),
        Column("training", "Zadnje usposabljanje", False, _DATE_FORM, "10. 5. 2025"),
    ),
    CHILDREN: (
        Column("name", "Ime in priimek", True, "ime in priimek", "Bor Kos"),
        Column("emso", "EMŠO", True, "13 števk", "0101015500000"),
        Column("birth_date", "Datum rojstva", False, _DATE_FORM + "; prazno: iz EMŠO", ""),
        Column("centre", "Center", False, _CENTRE_FORM, "Center za socialno delo Gorenjska"),
        Column("unit", "Enota", False, _UNIT_FORM, "Enota Kranj"),
    ),
    PLACEMENTS: (
        Column("contract_no", "Številka pogodbe", True, "številka pogodbe", "1220-1/2026"),
        Column(
            "carer_emso",
            "EMŠO rejnika",
            True,
            "EMŠO rejnika (list Rejniki ali evidenca)",
            "0101980505007",
        ),
        Column(
            "child_emso",
            "EMŠO otroka",
            True,
            "EMŠO otroka (list Otroci ali evidenca)",
            "0101015500000",
        ),
        Column("from_date", "Od", True, "začetek po pogodbi, " + _DATE_FORM, "1. 3. 2026"),
        Column("to_date", "Do", False, "konec po pogodbi; prazno: traja", ""),
        Column(
            "carer_centre", "Center rejnika", False, _CENTRE_FORM + "; prazno: center rejnika", ""
        ),
        Column(
            "child_centre", "Center otroka", False, _CENTRE_FORM + "; prazno: center otroka", ""
        ),
        Column("part_time", "Le ob vikendih in počitnicah", False, _YES_NO, "ne"),
        Column(
            "fee_share",
            "Delež plačila dela",
            False,
            "pri »da«: delež iz pogodbe, npr. 40 % ali 0,4",
            "",
        ),
        Column("note", "Opomba", False, "besedilo", ""),
    ),
}

#: the store's and the editors' field names → the column that holds the value
_FIELD_COLUMN: dict[str, dict[str, str]] = {
    CARERS: {"centre_id": "centre", "unit_id": "unit", "trainings": "training"},
    CHILDREN: {"centre_id": "centre", "unit_id": "unit"},
    PLACEMENTS: {
        "carer_id": "carer_emso",
        "child_id": "child_emso",
        "carer_centre_id": "carer_centre",
        "child_centre_id": "child_centre",
        "periods": "from_date",
        "period": "to_date",  # a period that ends before it starts
    },
}

#: rows between two calls of ``progress``
PROGRESS_EVERY = 50


class ImportFileError(RuleError):
    """A file that cannot be imported at all (not a workbook, no known sheet, a required
    column missing); ``message`` in Slovenian says which and what to do."""

    def __init__(self, message: str) -> None:
        super().__init__("", message)


class ImportCancelled(Exception):
    """The user stopped the preview or the import: nothing was written."""


#: why a row is not seen in the spreadsheet: hidden by hand (or a collapsed group), by
#: an autofilter (»aktivne«), or on a hidden sheet
HIDDEN_ROW, FILTERED_ROW, HIDDEN_SHEET = "row", "filter", "sheet"


@dataclass(frozen=True)
class SheetRow:
    sheet: str
    row: int  # as the spreadsheet numbers it (the headers are row 1)
    values: dict[str, Any]
    hidden: str = ""  # HIDDEN_ROW, FILTERED_ROW or HIDDEN_SHEET; "" when it is seen


@dataclass(frozen=True)
class SheetColumn:
    """Where a sheet holds a column, as the clerk's sheet names it: letter »C«, header
    »Priimek in ime«."""

    letter: str
    header: str


@dataclass(frozen=True)
class ImportFile:
    name: str
    rows: tuple[SheetRow, ...]
    #: sheets with something written that the import does not read (»Otroci 2026«)
    unread_sheets: tuple[str, ...] = ()
    #: (sheet, header) of the columns it does not know, or a second column of one name
    unread_columns: tuple[tuple[str, str], ...] = ()
    #: sheet → column key → where the sheet has it (messages name the clerk's column)
    columns: dict[str, dict[str, SheetColumn]] = field(default_factory=dict)

    def count(self, sheet: str) -> int:
        return sum(1 for r in self.rows if r.sheet == sheet)


#: a row left out that is neither refused nor already present (``RowNote.left_out``)
LEFT_HIDDEN, LEFT_TOTAL = "hidden", "total"


@dataclass(frozen=True)
class RowNote:
    """A row that is refused (``refused``), skipped as already present, or left out
    (``left_out``: hidden in the spreadsheet, or its totals row)."""

    sheet: str
    row: int
    column: str  # the column's header as the sheet has it, "" for the whole row
    reason: str
    refused: bool = True
    letter: str = ""  # the column's letter in the sheet, "" when it has no such column
    left_out: str = ""  # LEFT_HIDDEN or LEFT_TOTAL

    @property
    def where(self) -> str:
        """»C (Priimek in ime)«; the header alone without a letter."""
        return f"{self.letter} ({self.column})" if self.letter else self.column


@dataclass
class ImportReport:
    file_name: str
    new: dict[str, int] = field(default_factory=lambda: dict.fromkeys(SHEETS, 0))
    notes: list[RowNote] = field(default_factory=list)
    written: bool = False
    unread_sheets: tuple[str, ...] = ()  # as ImportFile's: the preview names them
    unread_columns: tuple[tuple[str, str], ...] = ()
    #: rows hidden in the spreadsheet (filtered, hidden, on a hidden sheet): imported only
    #: when asked (``include_hidden``); their number either way, the sheets hidden whole
    hidden_rows: int = 0
    include_hidden: bool = False
    hidden_sheets: tuple[str, ...] = ()
    #: dates written with a two-digit year (»01.03.26«), read as Excel reads them: how
    #: many, and the first as written and as read
    short_years: int = 0
    short_year_example: tuple[str, dt.date] | None = None

    @property
    def refused(self) -> list[RowNote]:
        return [n for n in self.notes if n.refused]

    @property
    def present(self) -> list[RowNote]:
        return [n for n in self.notes if not n.refused and not n.left_out]

    @property
    def hidden(self) -> list[RowNote]:
        """The hidden rows left out (none when ``include_hidden``)."""
        return [n for n in self.notes if n.left_out == LEFT_HIDDEN]

    @property
    def totals(self) -> list[RowNote]:
        return [n for n in self.notes if n.left_out == LEFT_TOTAL]

    @property
    def new_total(self) -> int:
        return sum(self.new.values())


# -- the template -------------------------------------------------------------------------
def template_xlsx() -> bytes:
    """The empty workbook to fill: a sheet per kind with its headers (required ones in
    bold, EMŠO columns kept as text so a leading 0 stays), and Navodila."""
    import io

    from openpyxl import Workbook
    from openpyxl.comments import Comment
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    book = Workbook()
    first = book.active
    assert first is not None
    book.remove(first)
    for sheet_name in SHEETS:
        sheet = book.create_sheet(sheet_name)
        columns = COLUMNS[sheet_name]
        sheet.append([c.header for c in columns])
        for index, (cell, column) in enumerate(zip(sheet[1], columns, strict=True), start=1):
            cell.font = Font(bold=column.required)
            cell.comment = Comment(_column_note(column), "Rejništvo")
            letter = get_column_letter(index)
            sheet.column_dimensions[letter].width = max(
                14, len(column.header) + 4, len(column.example) + 2
            )
            if column.key in {"emso", "carer_emso", "child_emso", "iban", "contract_no"}:
                # the whole column as text: Excel keeps a leading 0 and all 13 digits
                sheet.column_dimensions[letter].number_format = "@"
        sheet.freeze_panes = "A2"
    notes = book.create_sheet(NOTES_SHEET)
    for line in _notes_lines():
        notes.append(line)
    for cell in notes[1]:
        cell.font = Font(bold=True)
    for letter, width in zip("ABCDE", (14, 26, 10, 52, 34), strict=True):
        notes.column_dimensions[letter].width = width
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _column_note(column: Column) -> str:
    need = "obvezno" if column.required else "neobvezno"
    return f"{need}: {column.form}" + (f"\nnpr. {column.example}" if column.example else "")


def _notes_lines() -> list[list[str]]:
    lines = [["List", "Stolpec", "Obvezno", "Oblika", "Primer"]]
    for sheet_name in SHEETS:
        for c in COLUMNS[sheet_name]:
            lines.append([sheet_name, c.header, "da" if c.required else "", c.form, c.example])
    lines += [
        [],
        ["Vpišite podatke od 2. vrstice dalje na listih Rejniki, Otroci in Namestitve."],
        ["Rejnik ali otrok z EMŠO, ki je že v evidenci, se ne uvozi znova in se ne spremeni."],
        ["Namestitev poveže rejnika in otroka po EMŠO: z lista Rejniki oziroma Otroci ali iz"],
        ["evidence. Anekse in enkratna izplačila vpišete pozneje na zaslonu Namestitve."],
        ["Pred uvozom program pokaže, kaj bo uvoženo in katere vrstice zavrne ter zakaj."],
    ]
    return lines


# -- reading --------------------------------------------------------------------------------
def read_spreadsheet(path: str | Path) -> ImportFile:
    """The rows of the known sheets of an .xlsx (ImportFileError when it cannot be read,
    has none of the sheets, or a sheet lacks a required column)."""
    from zipfile import BadZipFile

    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    source = Path(path)
    try:
        book = load_workbook(source, read_only=True, data_only=True)
    except FileNotFoundError:
        raise ImportFileError(f"Datoteke »{source.name}« ni (morda je bila premaknjena).") from None
    except PermissionError:
        raise ImportFileError(
            f"Datoteke »{source.name}« ni mogoče odpreti: je odprta v drugem programu (npr. v "
            "Excelu) ali nimate pravice, da jo berete. Zaprite jo tam in poskusite znova."
        ) from None
    except (BadZipFile, KeyError, ValueError, OSError, InvalidFileException):
        raise ImportFileError(_unreadable(source)) from None
    try:
        by_name = {fold(name.strip()): name for name in book.sheetnames}
        found = [s for s in SHEETS if fold(s) in by_name]
        if not found:
            like = [name for name in book.sheetnames if kind_named(name)]
            raise ImportFileError(
                f"V datoteki »{source.name}« ni listov Rejniki, Otroci ali Namestitve "
                f"(so le: {', '.join(book.sheetnames)}). "
                + (
                    sheets_like_a_kind(like)
                    if like
                    else "Uporabite Datoteka → Predloga za uvoz … in prepišite podatke vanjo."
                )
            )
        rows: list[SheetRow] = []
        unread: list[tuple[str, str]] = []
        columns: dict[str, dict[str, SheetColumn]] = {}
        for sheet_name in found:
            sheet = book[by_name[fold(sheet_name)]]
            columns[sheet_name] = {}
            rows.extend(_sheet_rows(sheet, sheet_name, unread, columns[sheet_name]))
        known = {by_name[fold(s)] for s in found}
        other = tuple(
            name
            for name in book.sheetnames
            if name not in known
            and fold(name.strip()) != fold(NOTES_SHEET)
            and _written(book[name])
        )
    finally:
        book.close()
    return ImportFile(source.name, tuple(rows), other, tuple(unread), columns)


def kind_named(sheet_name: str) -> str:
    """The kind a sheet's name begins with (»Rejniki Kranj« → Rejniki), "" for none or
    the kind's own name: such a sheet is not read, the clerk is told how to bring it."""
    words = fold(sheet_name).replace("-", " ").replace("_", " ").split()
    if len(words) < 2:
        return ""
    return next((kind for kind in SHEETS if fold(kind) == words[0]), "")


def sheets_like_a_kind(names: list[str]) -> str:
    """How to import sheets named like a kind (one per unit: »Rejniki Kranj«, »Rejniki
    Jesenice«): the import reads only the sheet named so exactly."""
    first = names[0]
    kind = kind_named(first)
    return (
        f"Uvoz bere le list z imenom točno »{kind}«: list »{first}« preimenujte v »{kind}« "
        "in uvozite, nato enako vsak naslednji (kar je že uvoženo, se ne uvozi znova) — ali "
        f"vrstice vseh takih listov prenesite na en list »{kind}«."
    )


def _written(sheet: Any) -> bool:
    """Whether a sheet holds anything (Excel's empty List2 is not worth a word)."""
    if not hasattr(sheet, "iter_rows"):  # a chart sheet
        return False
    return any(not _blank(v) for line in sheet.iter_rows(values_only=True) for v in line)


_SAVE_AS_XLSX = (
    "Odprite jo v Excelu ali LibreOfficeu in shranite kot »Excelov delovni zvezek (.xlsx)«."
)
#: the first bytes of an Excel 97–2003 workbook (.xls), whatever the file's name ends with
_OLD_EXCEL = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def _unreadable(source: Path) -> str:
    """Why a file is no .xlsx, and what to do: an old .xls and a .csv said by name."""
    try:
        with source.open("rb") as file:
            start = file.read(len(_OLD_EXCEL))
    except OSError:
        start = b""
    if start == _OLD_EXCEL or source.suffix.lower() == ".xls":
        return (
            f"Datoteka »{source.name}« je v starejši obliki Excel 97–2003 (.xls), ki je uvoz "
            f"ne bere. {_SAVE_AS_XLSX}"
        )
    if source.suffix.lower() in {".csv", ".txt"}:
        return (
            f"Datoteka »{source.name}« je besedilo z ločenimi vrednostmi (.csv), ne preglednica "
            f"z listi Rejniki, Otroci in Namestitve. {_SAVE_AS_XLSX}"
        )
    return (
        f"Datoteke »{source.name}« ni mogoče prebrati kot preglednice Excel (.xlsx). "
        "Shranite jo v Excelu ali LibreOfficeu kot »Excelov delovni zvezek (.xlsx)«."
    )


#: the rows searched for the one with the columns' names (a title and an empty row above)
HEADER_ROWS = 20
#: a name in two columns, as many centres keep it; »Ime« and »Priimek« make »Ime in priimek«
_NAME_PARTS = (
    Column("first_name", "Ime", False, "ime", ""),
    Column("surname", "Priimek", False, "priimek", ""),
)


def _header_key(text: str) -> str:
    """A column's name as a clerk writes it: »EMŠO:«, »Naslov *«, »ime in  PRIIMEK«."""
    return fold(" ".join(text.split()).rstrip(":*. "))


#: the same columns under the names the program's own screens and lists give them (»Št.
#: pogodbe«, »Dovoljenje od«) and the usual Slovenian word for a bank account (»TRR«)
_ALIASES: dict[str, dict[str, str]] = {
    CARERS: {
        "Dovoljenje od": "licence_date",
        "IBAN (za izplačila)": "iban",
        "TRR": "iban",
        "Transakcijski račun": "iban",
        "Elektronski naslov": "email",
        "E-naslov": "email",
    },
    PLACEMENTS: {
        # not »Pogodba« alone: in a clerk's sheet it may as well hold »da« (signed)
        "Št. pogodbe": "contract_no",
        "Le vikendi/počitnice": "part_time",
    },
}


def _header_places(line: tuple[Any, ...], sheet_name: str) -> dict[int, Column]:
    columns = COLUMNS[sheet_name]
    known = columns + (_NAME_PARTS if any(c.key == "name" for c in columns) else ())
    by_header = {_header_key(c.header): c for c in known}
    by_key = {c.key: c for c in columns}
    for alias, key in _ALIASES.get(sheet_name, {}).items():
        by_header.setdefault(_header_key(alias), by_key[key])
    places: dict[int, Column] = {}
    for index, text in enumerate(line):
        if isinstance(text, str) and _header_key(text) in by_header:
            column = by_header[_header_key(text)]
            if column not in places.values():  # the first of two same columns
                places[index] = column
    return places


def _missing(places: dict[int, Column], sheet_name: str) -> list[str]:
    found = {c.key for c in places.values()}
    if {"first_name", "surname"} <= found:
        found.add("name")
    return [c.header for c in COLUMNS[sheet_name] if c.required and c.key not in found]


def _sheet_rows(
    sheet: Any,
    sheet_name: str,
    unread: list[tuple[str, str]],
    columns: dict[str, SheetColumn] | None = None,
) -> Iterator[SheetRow]:
    """The sheet's rows under its header row, each saying whether it is hidden; the header
    row's names the import does not read are added to ``unread``, where the sheet has the
    columns it reads to ``columns``."""
    from openpyxl.utils import get_column_letter

    if hasattr(sheet, "reset_dimensions"):
        # a file whose stored size of the sheet is wrong (some programs write »A1«) is
        # read whole, not cut at that size
        sheet.reset_dimensions()
    lines = enumerate(sheet.iter_rows(values_only=True), start=1)
    # the columns' names are in the first row that has them all: a title, a date or an
    # empty row above them is passed over
    best: tuple[int, dict[int, Column]] = (1, {})
    surname_first = ""  # a header »Priimek in ime«: said when the name is missing
    written = False
    for number, line in lines:
        written = written or any(not _blank(value) for value in line)
        places = _header_places(line, sheet_name)
        surname_first = surname_first or next(
            (_as_named(t) for t in line if isinstance(t, str) and _SURNAME_FIRST.match(fold(t))),
            "",
        )
        if not _missing(places, sheet_name):
            unread.extend(
                (sheet_name, " ".join(str(text).split()))
                for index, text in enumerate(line)
                if index not in places and not _blank(text)
            )
            if columns is not None:
                columns.update(
                    (column.key, SheetColumn(get_column_letter(index + 1), _as_named(line[index])))
                    for index, column in places.items()
                )
            break
        if len(places) > len(best[1]):
            best = (number, places)
        if number >= HEADER_ROWS:
            places = {}
            break
    else:
        if not written:  # a sheet left empty (the clerk's own workbook): nothing to read
            return
        places = {}
    if not places:
        where, found = best
        missing = ", ".join(_missing(found, sheet_name))
        said = (
            f"imena drugih stolpcev so v vrstici {where}"
            if found
            else f"v prvih {HEADER_ROWS} vrsticah ni imena nobenega stolpca iz predloge"
        )
        name_words = ""
        if surname_first and "name" not in {c.key for c in found.values()}:
            name_words = (
                f" Stolpec »{surname_first}« ima priimek pred imenom, ki ju uvoz ne loči sam "
                "(dvojni priimki in imena): razdelite ga v stolpca »Priimek« in »Ime« ali ga "
                "preimenujte v »Ime in priimek« in imena zapišite v tem vrstnem redu."
            )
        raise ImportFileError(
            f"Na listu {sheet_name} ni stolpcev: {missing} ({said}). Vrstica z imeni stolpcev "
            "naj jih ima, kot so v predlogi (Datoteka → Predloga za uvoz …)." + name_words
        )
    layout = _layout(sheet)
    merged = _merged_down(layout.merged)
    sheet_hidden = getattr(sheet, "sheet_state", "visible") != "visible"  # or »very hidden«
    row_hidden = FILTERED_ROW if layout.filtered else HIDDEN_ROW
    carried: dict[int, tuple[int, Any]] = {}  # column → (last row of its merge, value)
    for number, line in lines:
        values = {}
        for index, column in places.items():
            value = line[index] if index < len(line) else None
            if value is None and index in carried and number <= carried[index][0]:
                # a cell merged over rows shows its value beside each of them
                value = carried[index][1]
            last = merged.get((number, index))
            if last is not None:
                carried[index] = (last, value)
            if not _blank(value):
                values[column.key] = value
        if values:
            hidden = (
                HIDDEN_SHEET
                if sheet_hidden
                else (row_hidden if number in layout.hidden_rows else "")
            )
            yield SheetRow(sheet_name, number, _whole_name(values), hidden)


#: a name column with the surname first (»Priimek in ime«, »Priimek, ime«, »Priimek/ime«)
_SURNAME_FIRST = re.compile(r"\s*priimek\W*(in\s+)?ime\b")


def _as_named(text: Any) -> str:
    """A column's name as the sheet writes it, without the spaces and a colon or an
    asterisk at the end: »Priimek in ime«, »EMŠO«."""
    return " ".join(str(text).split()).rstrip(":*. ")


def _merged_down(refs: list[str]) -> dict[tuple[int, int], int]:
    """(first row, 0-based column) → last row of each cell merged down over several
    rows: its value shows beside each of them. Only downwards and in its first column: a
    name merged across »Ime« and »Priimek« is not written twice."""
    from openpyxl.utils.cell import range_boundaries

    down: dict[tuple[int, int], int] = {}
    for ref in refs:
        try:
            first_column, first_row, _last_column, last_row = range_boundaries(ref)
        except (ValueError, TypeError):
            continue
        if first_column and first_row and last_row and last_row > first_row:
            down[(first_row, first_column - 1)] = last_row
    return down


@dataclass
class _Layout:
    """What a sheet shows apart from its values: merged ranges (»E2:E4«), the numbers of
    its hidden rows, and whether an autofilter hides them (a filter with a condition)."""

    merged: list[str] = field(default_factory=list)
    hidden_rows: set[int] = field(default_factory=set)
    filtered: bool = False


def _layout(sheet: Any) -> _Layout:
    """The sheet's ``_Layout``: the read-only sheet does not give it, so it is read from
    its XML (a row's ``hidden`` is how Excel and LibreOffice keep a filtered-out row, a
    hidden one and one in a collapsed group alike)."""
    if hasattr(sheet, "merged_cells"):
        hidden = {n for n, d in sheet.row_dimensions.items() if d.hidden}
        filtered = bool(sheet.auto_filter.ref and sheet.auto_filter.filterColumn)
        return _Layout([str(r) for r in sheet.merged_cells.ranges], hidden, filtered)
    layout = _Layout()
    get_source = getattr(sheet, "_get_source", None)
    if get_source is None:
        return layout
    from xml.etree.ElementTree import ParseError, iterparse

    number = 0
    try:
        with get_source() as source:
            for _event, element in iterparse(source):
                tag = element.tag.rpartition("}")[2]
                if tag == "mergeCell":
                    layout.merged.append(element.get("ref", ""))
                elif tag == "filterColumn":
                    layout.filtered = True
                elif tag == "row":
                    # a row without »r« follows the one before it
                    given = element.get("r", "")
                    number = int(given) if given.isdigit() else number + 1
                    if element.get("hidden", "").lower() in {"1", "true"}:
                        layout.hidden_rows.add(number)
                    element.clear()
    except (ParseError, OSError, KeyError):
        return _Layout()
    layout.merged = [ref for ref in layout.merged if ref]
    return layout


def _whole_name(values: dict[str, Any]) -> dict[str, Any]:
    """»Ime« and »Priimek« in one »Ime in priimek«; one of them alone stays, for the row
    to be refused with its column."""
    first, surname = values.get("first_name"), values.get("surname")
    if "name" in values or first is None or surname is None:
        return values
    joined = {k: v for k, v in values.items() if k not in {"first_name", "surname"}}
    joined["name"] = f"{first} {surname}"
    return joined


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


# -- the use cases -------------------------------------------------------------------------
Progress = Callable[[int, int], bool]  # (rows done, rows in all) → go on?


def _new_report(data: ImportFile, include_hidden: bool) -> ImportReport:
    return ImportReport(
        data.name,
        unread_sheets=data.unread_sheets,
        unread_columns=data.unread_columns,
        hidden_rows=sum(1 for r in data.rows if r.hidden),
        include_hidden=include_hidden,
        hidden_sheets=tuple(dict.fromkeys(r.sheet for r in data.rows if r.hidden == HIDDEN_SHEET)),
    )


def preview_import(
    db: Any,
    data: ImportFile,
    today: dt.date,
    progress: Progress | None = None,
    include_hidden: bool = False,
) -> ImportReport:
    """What ``import_spreadsheet`` would do with ``data`` now; nothing is written."""
    report = _new_report(data, include_hidden)

    class _Undo(Exception):
        pass

    try:
        with db.atomic():
            _import_rows(db, data, today, report, progress)
            raise _Undo
    except _Undo:
        pass
    return report


def import_spreadsheet(
    db: Any,
    data: ImportFile,
    today: dt.date,
    progress: Progress | None = None,
    include_hidden: bool = False,
) -> ImportReport:
    """Store every accepted row of ``data`` in one transaction, each audited as the
    editors' saves are; the report says what was stored, skipped and refused. Rows hidden
    in the spreadsheet (a filter, hidden rows or a hidden sheet) are left out with a note
    unless ``include_hidden``: what the clerk does not see is not imported unasked. On an
    error of the file (StoreError) or ``ImportCancelled`` nothing is stored."""
    report = _new_report(data, include_hidden)
    with db.atomic():
        _import_rows(db, data, today, report, progress)
    report.written = True
    return report


@dataclass
class _Seen:
    """What earlier rows of the file brought: EMŠO → its row, refused EMŠO → row."""

    people: dict[tuple[str, str], int] = field(default_factory=dict)
    refused: dict[tuple[str, str], int] = field(default_factory=dict)
    hidden: dict[tuple[str, str], int] = field(default_factory=dict)  # left out
    contracts: dict[str, int] = field(default_factory=dict)
    short_years: list[tuple[str, dt.date]] = field(default_factory=list)


def _import_rows(
    db: Any, data: ImportFile, today: dt.date, report: ImportReport, progress: Progress | None
) -> None:
    centres = _Centres(db)
    seen = _Seen()
    total = len(data.rows)
    order = {name: i for i, name in enumerate(SHEETS)}
    rows = sorted(data.rows, key=lambda r: (order[r.sheet], r.row))
    for done, row in enumerate(rows):
        if progress is not None and done % PROGRESS_EVERY == 0 and not progress(done, total):
            raise ImportCancelled
        if row.hidden and not report.include_hidden:
            report.notes.append(_hidden_note(row))
            if row.sheet != PLACEMENTS and isinstance(row.values.get("emso"), str | int):
                seen.hidden.setdefault((row.sheet, _emso_text(row.values["emso"])), row.row)
            continue
        total_word = _totals_word(row)
        if total_word:
            report.notes.append(
                RowNote(
                    row.sheet,
                    row.row,
                    "",
                    f"Vrstica »{total_word}« je vsota ali povzetek, ne {_ROW_WORDS[row.sheet]}; "
                    "ne uvozi se.",
                    refused=False,
                    left_out=LEFT_TOTAL,
                )
            )
            continue
        try:
            with db.atomic():  # a savepoint: a refused row leaves nothing behind
                note = _one_row(db, row, today, centres, seen)
        except _Refused as refusal:
            column = _sheet_column(data, row.sheet, refusal.key)
            report.notes.append(
                RowNote(
                    row.sheet,
                    row.row,
                    column.header,
                    refusal.reason,
                    letter=column.letter,
                )
            )
            if row.sheet != PLACEMENTS and isinstance(row.values.get("emso"), str | int):
                seen.refused.setdefault((row.sheet, _emso_text(row.values["emso"])), row.row)
            continue
        if note is None:
            report.new[row.sheet] += 1
        else:
            report.notes.append(RowNote(row.sheet, row.row, "", note, refused=False))
    if progress is not None and not progress(total, total):
        raise ImportCancelled
    report.short_years = len(seen.short_years)
    report.short_year_example = seen.short_years[0] if seen.short_years else None


class _Refused(Exception):
    def __init__(self, key: str, reason: str) -> None:
        super().__init__(reason)
        self.key = key  # the column's key, "" for the whole row
        self.reason = reason


def _sheet_column(data: ImportFile, sheet: str, key: str) -> SheetColumn:
    """The column of a refused value as the clerk's sheet names it (»C«, »Priimek in
    ime«); the template's name without a letter for one the sheet does not have (»Le ob
    vikendih in počitnicah« to be added), "" for the whole row."""
    if not key:
        return SheetColumn("", "")
    key = _FIELD_COLUMN[sheet].get(key, key)
    columns = data.columns.get(sheet, {})
    if key == "name" and "name" not in columns:
        key = "first_name" if "first_name" in columns else "surname"
    if key in columns:
        return columns[key]
    template = next((c.header for c in COLUMNS[sheet] + _NAME_PARTS if c.key == key), "")
    return SheetColumn("", template)


_ROW_WORDS = {CARERS: "rejnik", CHILDREN: "otrok", PLACEMENTS: "namestitev"}
_HIDDEN_WORDS = {
    HIDDEN_ROW: "Vrstica je v preglednici skrita",
    FILTERED_ROW: "Vrstica je v preglednici skrita s filtrom",
    HIDDEN_SHEET: "List {sheet} je v preglednici skrit",
}


def _hidden_note(row: SheetRow) -> RowNote:
    said = _HIDDEN_WORDS[row.hidden].format(sheet=row.sheet)
    return RowNote(
        row.sheet,
        row.row,
        "",
        f"{said}; ne uvozi se, razen če v pregledu izberete »Uvozi tudi skrite vrstice«.",
        refused=False,
        left_out=LEFT_HIDDEN,
    )


#: the first words of a totals row at the bottom of a clerk's list (»Skupaj: 25«)
_TOTALS_WORDS = ("skupaj", "skupno", "vsota", "sestevek", "total")
#: the EMŠO columns: a totals row has none in them (at most a count, »=COUNTA(B2:B40)«)
_EMSO_KEYS = {
    CARERS: ("emso",),
    CHILDREN: ("emso",),
    PLACEMENTS: ("carer_emso", "child_emso"),
}
#: the least EMŠO stored as a number (01 01 … lost its 0: 12 digits); a count is less
_LEAST_EMSO_NUMBER = 10**11


def _totals_word(row: SheetRow) -> str:
    """The word of a totals row (»Skupaj«, »SKUPAJ:«, »Vsota«) when that is what the row
    is: such a word as its first text and no EMŠO; "" for any other row (a person without
    EMŠO stays refused, saying so)."""
    for key in _EMSO_KEYS[row.sheet]:
        value = row.values.get(key)
        if value is None:
            continue
        if isinstance(value, bool) or not isinstance(value, int | float):
            return ""
        if abs(value) >= _LEAST_EMSO_NUMBER:
            return ""
    texts = [v for v in row.values.values() if isinstance(v, str)]
    if not texts:
        return ""
    first = " ".join(texts[0].split())
    words = fold(first).replace(":", " ").split()
    return first if words and words[0] in _TOTALS_WORDS else ""


def _sentence(text: str) -> str:
    text = text.strip()
    return text[:1].upper() + text[1:] if text else text


def _one_row(db: Any, row: SheetRow, today: dt.date, centres: _Centres, seen: _Seen) -> str | None:
    """Store one row; None when stored, a note when skipped; _Refused with the column."""
    reader = _Cells(row, seen.short_years)
    try:
        if row.sheet == CARERS:
            return _carer(db, reader, today, centres, seen)
        if row.sheet == CHILDREN:
            return _child(db, reader, today, centres, seen)
        return _placement(db, reader, centres, seen)
    except InputError as error:
        raise _Refused(error.field, _sentence(error.message)) from None
    except StoreError as error:
        if error.kind:  # the file itself (read-only, full disk, moved): not this row's
            raise
        raise _Refused("", _sentence(readable_store_message(error.message))) from None


_KIND_WORDS = {CARERS: ("rejnik/ica", "carers"), CHILDREN: ("otrok", "children")}


def _person_emso(db: Any, reader: _Cells, today: dt.date, seen: _Seen) -> tuple[str, str | None]:
    """The row's EMŠO, checked as the editor checks it, and a note when the person is
    already in the evidence; InputError when the EMŠO is wrong or taken otherwise."""
    sheet = reader.row.sheet
    emso = reader.emso("emso")
    if emso is None:
        raise InputError(
            "emso",
            "Vpišite EMŠO: po njem uvoz prepozna osebo, ki je že v evidenci, in jo poveže z "
            "namestitvami.",
        )
    check_emso(emso, "emso", today=today)
    earlier = seen.people.get((sheet, emso))
    if earlier is not None:
        raise InputError("emso", f"EMŠO {emso} je na tem listu že v vrstici {earlier}.")
    for other, (label, table) in _KIND_WORDS.items():
        found = db.execute(f"SELECT name FROM {table} WHERE emso = ? LIMIT 1", [emso]).fetchone()  # noqa: S608 - fixed names
        if found is None:
            continue
        if other != sheet:
            raise InputError(
                "emso",
                f"EMŠO {emso} ima v evidenci že {label} {found[0]}. Ista oseba ne sme biti "
                "vpisana dvakrat; preverite EMŠO.",
            )
        return emso, f"Že v evidenci ({found[0]}, EMŠO {emso}); ni uvoženo in ni spremenjeno."
    return emso, None


def _carer(db: Any, reader: _Cells, today: dt.date, centres: _Centres, seen: _Seen) -> str | None:
    emso, present = _person_emso(db, reader, today, seen)
    if present:
        seen.people[(CARERS, emso)] = reader.row.row
        return present
    centre_id, unit_id = centres.find(reader, "centre", "unit")
    training = reader.date("training")
    save_carer(
        db,
        Carer(
            name=reader.name() or "",
            emso=emso,
            address=reader.text("address"),
            licence_date=reader.date("licence_date"),
            centre_id=centre_id,
            unit_id=unit_id,
            email=reader.text("email"),
            electronic_delivery=reader.yes_no("electronic_delivery"),
            trainings=(Training(training),) if training else (),
            iban=reader.text("iban"),
        ),
        today=today,
    )
    seen.people[(CARERS, emso)] = reader.row.row
    return None


def _child(db: Any, reader: _Cells, today: dt.date, centres: _Centres, seen: _Seen) -> str | None:
    emso, present = _person_emso(db, reader, today, seen)
    if present:
        seen.people[(CHILDREN, emso)] = reader.row.row
        return present
    centre_id, unit_id = centres.find(reader, "centre", "unit")
    born = reader.date("birth_date") or check_emso(emso, "emso", today=today).birth_date
    save_child(
        db,
        Child(
            name=reader.name() or "",
            emso=emso,
            birth_date=born,
            centre_id=centre_id,
            unit_id=unit_id,
        ),
        today=today,
    )
    seen.people[(CHILDREN, emso)] = reader.row.row
    return None


def _placement(db: Any, reader: _Cells, centres: _Centres, seen: _Seen) -> str | None:
    carer_id, carer_centre = _person_of(db, reader, "carer_emso", CARERS, seen)
    child_id, child_centre = _person_of(db, reader, "child_emso", CHILDREN, seen)
    carer_centre = centres.find(reader, "carer_centre")[0] or carer_centre
    child_centre = centres.find(reader, "child_centre")[0] or child_centre
    start = reader.date("from_date")
    part_time = reader.yes_no("part_time")
    share = reader.share("fee_share")
    if share is not None and not part_time:
        # the share is paid only for a part-time placement: stored without it, the file's
        # 40 % placement would be paid in full; which of the two is meant is not guessed
        raise InputError(
            "part_time",
            f"Vpisan je delež plačila dela ({_percent(share)}), ki velja le za "
            "namestitev ob vikendih, praznikih in počitnicah: vpišite tu »da« ali delež "
            "izbrišite.",
        )
    placement = Placement(
        contract_no=reader.text("contract_no") or "",
        carer_id=carer_id,
        child_id=child_id,
        carer_centre_id=carer_centre,
        child_centre_id=child_centre,
        part_time=part_time,
        fee_share=share,
        note=reader.text("note"),
        periods=(PlacementPeriod("contract", start, reader.date("to_date")),) if start else (),
    )
    key = number_key(placement.contract_no)
    earlier = seen.contracts.get(key)
    if key and earlier is not None:
        raise InputError(
            "contract_no",
            f"Pogodba {placement.contract_no} je na tem listu že v vrstici {earlier}.",
        )
    if key:
        seen.contracts[key] = reader.row.row
    if key and carer_id is not None and child_id is not None:
        theirs = db.execute(
            "SELECT contract_no FROM placements WHERE carer_id = ? AND child_id = ?",
            [carer_id, child_id],
        ).fetchall()
        if any(number_key(stored) == key for (stored,) in theirs):
            return (
                f"Namestitev s pogodbo {placement.contract_no} za tega rejnika in otroka je že "
                "v evidenci; ni uvožena in ni spremenjena."
            )
    taken = contract_taken(db, placement)
    if taken:
        raise InputError("contract_no", taken + " Vsaka namestitev ima svojo pogodbo.")
    if placement.periods:
        elsewhere = child_placed_elsewhere(db, placement)
        if elsewhere:
            raise InputError("periods", elsewhere)
    save_placement(db, placement)
    return None


def _person_of(
    db: Any, reader: _Cells, key: str, sheet: str, seen: _Seen
) -> tuple[int | None, int | None]:
    """The id and centre of the carer or child a placement names by EMŠO."""
    emso = reader.emso(key)
    who = "rejnika" if sheet == CARERS else "otroka"
    if emso is None:
        raise InputError(key, f"Vpišite EMŠO {who}.")
    table = _KIND_WORDS[sheet][1]
    found = db.execute(
        f"SELECT id, centre_id FROM {table} WHERE emso = ? ORDER BY id LIMIT 1",  # noqa: S608 - fixed names
        [emso],
    ).fetchone()
    if found is not None:
        return found[0], found[1]
    refused = seen.refused.get((sheet, emso))
    if refused is not None:
        raise InputError(
            key,
            f"{who.capitalize()} z EMŠO {emso} na listu {sheet} v vrstici {refused} ni mogoče "
            "uvoziti; popravite najprej tisto vrstico.",
        )
    hidden = seen.hidden.get((sheet, emso))
    if hidden is not None:
        raise InputError(
            key,
            f"{who.capitalize()} z EMŠO {emso} je na listu {sheet} v skriti vrstici {hidden}, ki "
            "se ne uvozi: izberite »Uvozi tudi skrite vrstice« ali vrstico v preglednici "
            "prikažite.",
        )
    raise InputError(key, f"{who.capitalize()} z EMŠO {emso} ni ne v evidenci ne na listu {sheet}.")


# -- cells ---------------------------------------------------------------------------------
#: what Excel shows in a cell whose formula has no value; read as text it was stored
_EXCEL_ERRORS = frozenset(
    ("#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A", "#GETTING_DATA")
)


class _Cells:
    """A row's cells read as the editors' fields read what is typed."""

    def __init__(self, row: SheetRow, short_years: list[tuple[str, dt.date]] | None = None) -> None:
        self.row = row
        self.short_years = short_years  # where a date with a two-digit year is told

    def _raw(self, key: str) -> Any:
        value = self.row.values.get(key)
        if isinstance(value, str) and value.strip() in _EXCEL_ERRORS:
            raise InputError(
                key,
                f"V celici je Excelova napaka »{value.strip()}«: formula v njej ne da "
                "vrednosti (npr. VLOOKUP ni našel podatka). Popravite formulo ali vpišite "
                "vrednost.",
            )
        return value

    def text(self, key: str) -> str | None:
        value = self._raw(key)
        if value is None:
            return None
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        if isinstance(value, dt.datetime | dt.date):
            raise InputError(
                key,
                f"V celici je datum {format_date(value)}, ne besedilo: "
                "Excel je morda vpisano (npr. »1/2026«) spremenil v datum. Celico oblikujte "
                "kot besedilo in vpišite znova.",
            )
        text = " ".join(str(value).split())
        return text or None

    def name(self) -> str | None:
        """»Ime in priimek«, or »Ime« and »Priimek« joined when read; one of them alone is
        refused with the other's column (a name is never half stored)."""
        values = self.row.values
        if "name" not in values:
            for given, wanted, word in (
                ("first_name", "surname", "priimek"),
                ("surname", "first_name", "ime"),
            ):
                if given in values:
                    raise InputError(
                        wanted, f"Vpišite {word}: v vrstici je le »{self.text(given)}«."
                    )
        return self.text("name")

    def emso(self, key: str) -> str | None:
        value = self._raw(key)
        if isinstance(value, int | float) and not isinstance(value, bool):
            return _emso_text(value)
        text = self.text(key)
        return "".join(text.split()) if text else None

    def date(self, key: str) -> dt.date | None:
        value = self._raw(key)
        if value is None:
            return None
        if isinstance(value, dt.datetime):
            return value.date()
        if isinstance(value, dt.date):
            return value
        if isinstance(value, int | float) and not isinstance(value, bool):
            # a number is no date: 2020 typed as a year was Excel's day 12. 7. 1905; a day
            # number of a column formatted as a number is said, never guessed
            raise InputError(key, _number_not_a_date(value))
        text = " ".join(str(value).split())
        if not text.strip("-–—/ "):
            return None  # a dash: Excel's way of writing nothing
        if key == "to_date" and fold(text) in _OPEN_END:
            return None  # the contract has no end: the period lasts
        short = _SHORT_YEAR.fullmatch(text)
        if short:
            # »01.03.26« in a text cell: read as Excel and LibreOffice read it when typed
            # into a date cell (00–29 → 2000–2029, 30–99 → 1930–1999), and told
            two = int(short[3])
            year = two + (2000 if two < _EXCEL_CENTURY_PIVOT else 1900)
            day = parse_date_text(f"{int(short[1])}. {int(short[2])}. {year}", key)
            if day is not None and self.short_years is not None:
                self.short_years.append((text, day))
            return day
        return parse_date_text(text, key)

    def yes_no(self, key: str) -> bool:
        value = self._raw(key)
        if value is None or value is False:
            return False
        if value is True:
            return True
        text = fold(str(value).strip())
        if text in {"da", "d", "x", "1", "je", "yes", "true", "drzi"}:
            return True
        if text in {"ne", "n", "0", "no", "false"}:
            return False
        raise InputError(key, f"»{value}« ni odgovor; vpišite »da« ali »ne«.")

    def share(self, key: str) -> Decimal | None:
        value = self._raw(key)
        if value is None:
            return None
        if isinstance(value, float):
            value = repr(value)  # Excel's 40 % is 0.4: its shortest digits
        return parse_share(str(value), key)


#: a date with a two-digit year: »1.3.26«, »01. 03. 26«, »01.03.26.«
_SHORT_YEAR = re.compile(r"([0-9]{1,2})\s*\.\s*([0-9]{1,2})\s*\.\s*([0-9]{2})\s*\.?")
#: the two-digit years Excel (Windows' default) and LibreOffice put in the 2000s: 00–29
_EXCEL_CENTURY_PIVOT = 30

#: »Do« written as a word for a contract without an end: the placements list's own
#: »odprto«, the template's »traja«, the contract's »za nedoločen čas«
_OPEN_END = frozenset(
    ("odprto", "traja", "nedoloceno", "nedolocen cas", "za nedolocen cas", "za nedoloceno")
)


def _percent(share: Decimal) -> str:
    """0.4 → »40 %«, 0.125 → »12,5 %«."""
    return f"{(share * 100).normalize():f}".replace(".", ",") + " %"


def _number_not_a_date(value: float) -> str:
    from openpyxl.utils.datetime import from_excel

    # a cell number as Excel shows it (no float() near what may be money: house rule)
    shown = str(int(value)) if value == int(value) else str(value).replace(".", ",")
    try:
        day = from_excel(value)
    except (ValueError, OverflowError, TypeError):
        day = None
    maybe = (
        f" (kot Excelov datum bi bil {format_date(day)})"
        if isinstance(day, dt.datetime) and day.year >= 1900
        else ""
    )
    return (
        f"»{shown}« je število, ni datum{maybe}. Če je v celici datum, stolpec v Excelu "
        "oblikujte kot datum; sicer vpišite datum, npr. 1. 3. 2026."
    )


def _emso_text(value: Any) -> str:
    """An EMŠO the spreadsheet took for a number lost its leading 0 (born on the 1st–9th):
    13 digits again."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, int):
        return str(value).zfill(13)
    return "".join(str(value).split())


class _Centres:
    """Centres and units found by their names as a clerk writes them: case, č/c and the
    words »Center za socialno delo« / »CSD« / »Enota« do not matter."""

    def __init__(self, db: Any) -> None:
        from rejnistvo.services.people import centres_with_units

        self.centres = centres_with_units(db)
        self._by_name: dict[str, dict[str, Any]] = {}
        for centre in self.centres:
            self._by_name[fold(centre["name"])] = centre
            self._by_name.setdefault(_short(centre["name"]), centre)

    def find(
        self, reader: _Cells, centre_key: str, unit_key: str | None = None
    ) -> tuple[int | None, int | None]:
        name = reader.text(centre_key)
        unit_name = reader.text(unit_key) if unit_key else None
        if name is None:
            if unit_name is not None:
                raise InputError(centre_key, f"Vpišite center, ki mu pripada »{unit_name}«.")
            return None, None
        centre = self._by_name.get(fold(name)) or self._by_name.get(_short(name))
        if centre is None:
            raise InputError(centre_key, self._unknown(name, with_unit=unit_key is not None))
        if unit_name is None or unit_key is None:
            return centre["id"], None
        for unit in centre["units"]:
            if fold(unit["name"]) == fold(unit_name) or _short(unit["name"]) == _short(unit_name):
                return centre["id"], unit["id"]
        units = ", ".join(u["name"] for u in centre["units"]) or "nima enot"
        raise InputError(
            unit_key, f"»{unit_name}« ni enota centra »{centre['name']}« (enote: {units})."
        )

    def _unknown(self, name: str, with_unit: bool) -> str:
        """Why a centre's name is not found; a former centre that is now a unit (»CSD
        Kranj«, since 2019 Enota Kranj of CSD Gorenjska) is named, not guessed."""
        said = (
            f"Centra »{name}« ni na seznamu centrov (Nastavitve → Centri in enote); "
            "vpišite ime, kot je tam, npr. »Center za socialno delo Celje«."
        )
        for centre in self.centres:
            for unit in centre["units"]:
                if _short(unit["name"]) == _short(name):
                    said += (
                        f" »{_short_as_typed(name)}« je enota »{unit['name']}« centra "
                        f"»{centre['name']}«: vpišite ta center"
                        + (" in to enoto." if with_unit else ".")
                    )
        return said


def _short_as_typed(name: str) -> str:
    """»CSD Kranj« → »Kranj«: the name without the words a clerk may leave out."""
    text = " ".join(name.split())
    for prefix in UNIT_WORDS:
        if fold(text).startswith(prefix):
            text = text[len(prefix) :]
    return text


def _short(name: str) -> str:
    return centre_key(name, UNIT_WORDS)


__all__ = [
    "CARERS",
    "CHILDREN",
    "COLUMNS",
    "FILTERED_ROW",
    "HIDDEN_ROW",
    "HIDDEN_SHEET",
    "LEFT_HIDDEN",
    "LEFT_TOTAL",
    "PLACEMENTS",
    "SHEETS",
    "ImportCancelled",
    "ImportFile",
    "ImportFileError",
    "ImportReport",
    "RowNote",
    "SheetColumn",
    "SheetRow",
    "import_spreadsheet",
    "kind_named",
    "preview_import",
    "read_spreadsheet",
    "sheets_like_a_kind",
    "template_xlsx",
]
