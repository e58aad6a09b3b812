"""services/spreadsheet_import.py with a clerk's real, messy spreadsheet (QA67): a title
above the headers, »EMŠO:« with a colon, Priimek and Ime in two columns, a year typed in
a date column, an old .xls or a .csv, a file another program holds. What the program can
safely understand imports; what it cannot is refused with the reason, never guessed."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from _import_fixtures import GORENJSKA, TODAY, emso, import_db  # noqa: F401 (a fixture)
from openpyxl import Workbook

from rejnistvo.services.people import get_carer
from rejnistvo.services.spreadsheet_import import (
    ImportFileError,
    import_spreadsheet,
    preview_import,
    read_spreadsheet,
)

ANA = emso(1, 2, 1980, 500)
MAJA = emso(15, 6, 1975, 510)


def carers_file(tmp_path: Path, *lines: list) -> Path:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Rejniki"
    for number, line in enumerate(lines, start=1):
        for column, value in enumerate(line, start=1):
            sheet.cell(row=number, column=column, value=value)
    path = tmp_path / "rejniki.xlsx"
    book.save(path)
    return path


def test_a_title_and_an_empty_row_above_the_headers_are_passed_over(db, tmp_path):
    path = carers_file(
        tmp_path,
        ["Seznam rejnikov CSD Gorenjska, stanje 1. 12. 2026"],
        [],
        ["Ime in priimek", "EMŠO", "Naslov", "Center", "Telefon"],
        ["Ana Novak", ANA, "Glavna 1, 4000 Kranj", GORENJSKA, "041 000 000"],
        [],
        ["Maja Kos", MAJA, "", GORENJSKA],
    )
    data = read_spreadsheet(path)
    assert [r.row for r in data.rows] == [4, 6]  # the spreadsheet's own row numbers
    report = preview_import(db, data, TODAY)
    assert report.new["Rejniki"] == 1
    [note] = report.notes
    assert (note.sheet, note.row, note.column) == ("Rejniki", 6, "Naslov")


def test_headers_with_a_colon_an_asterisk_or_odd_spaces_are_known(db, tmp_path):
    path = carers_file(
        tmp_path,
        ["Ime in priimek:", " EMŠO : ", "Naslov *", "Center\u00a0", "Enota:"],
        [" Ana\u00a0Novak ", f" {ANA[:7]} {ANA[7:]} ", "Glavna 1, 4000 Kranj", "csd gorenjska", ""],
    )
    report = import_spreadsheet(db, read_spreadsheet(path), TODAY)
    assert report.new["Rejniki"] == 1, report.notes
    carer = get_carer(db, 1)
    assert (carer.name, carer.emso) == ("Ana Novak", ANA)


def test_surname_and_first_name_in_two_columns_make_the_name(db, tmp_path):
    path = carers_file(
        tmp_path,
        ["Priimek", "Ime", "EMŠO", "Naslov", "Center"],
        ["Novak", "Ana", ANA, "Glavna 1, 4000 Kranj", GORENJSKA],
        ["Kos", "", MAJA, "Cesta 2, 4000 Kranj", GORENJSKA],
    )
    report = import_spreadsheet(db, read_spreadsheet(path), TODAY)
    assert report.new["Rejniki"] == 1
    assert get_carer(db, 1).name == "Ana Novak"
    [note] = report.refused
    assert (note.row, note.column) == (3, "Ime")
    assert "ime" in note.reason.lower()


def test_headers_not_found_say_which_are_missing_and_where_they_were_looked_for(tmp_path):
    path = carers_file(tmp_path, ["Seznam"], ["Ime in priimek", "Naslov"], ["Ana", "Glavna 1"])
    with pytest.raises(ImportFileError, match="ni stolpcev: EMŠO, Center") as caught:
        read_spreadsheet(path)
    assert "vrstici 2" in caught.value.message


@pytest.mark.parametrize("typed", [2020, 43905, 43905.0])
def test_a_number_in_a_date_column_is_refused_not_read_as_a_day(db, tmp_path, typed):
    """2020 read as Excel's day number was 12. 7. 1905, stored without a word; 43905 may
    be 15. 3. 2020 — or not: the clerk is told, and formats the column as a date."""
    path = carers_file(
        tmp_path,
        ["Ime in priimek", "EMŠO", "Naslov", "Center", "Datum dovoljenja"],
        ["Ana Novak", ANA, "Glavna 1, 4000 Kranj", GORENJSKA, typed],
    )
    report = preview_import(db, read_spreadsheet(path), TODAY)
    assert report.new_total == 0
    [note] = report.refused
    assert note.column == "Datum dovoljenja"
    assert "ni datum" in note.reason and "oblikujte kot datum" in note.reason
    if typed != 2020:
        assert "15. 3. 2020" in note.reason


def test_dates_as_a_clerk_writes_them_and_an_excel_date_with_a_time(db, tmp_path):
    written = [dt.datetime(2020, 3, 1, 13, 30), "01.03.2020", "1.3.2020", " 1.\u00a03.\u00a02020 "]
    lines = [["Ime in priimek", "EMŠO", "Naslov", "Center", "Datum dovoljenja"]]
    for serial, value in enumerate(written):
        lines.append([f"Oseba {serial}", emso(10 + serial, 2, 1980, 500 + serial), "Glavna 1"])
        lines[-1] += [GORENJSKA, value]
    report = import_spreadsheet(db, read_spreadsheet(carers_file(tmp_path, *lines)), TODAY)
    assert report.new["Rejniki"] == 4, report.notes
    days = {r[0] for r in db.execute("SELECT licence_date FROM carers").fetchall()}
    assert days == {"2020-03-01"}


@pytest.mark.parametrize(
    ("name", "content", "words"),
    [
        ("seznam.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600), "starejši obliki"),
        ("seznam.csv", "Ime;EMŠO\n".encode(), "ločenimi vrednostmi"),
        ("seznam.ods", b"PK\x03\x04", "ni mogoče prebrati"),
        ("preimenovana.xlsx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600), "starejši obliki"),
    ],
    ids=["xls", "csv", "ods", "xls-renamed"],
)
def test_an_old_xls_or_a_csv_is_refused_with_what_to_do(tmp_path, name, content, words):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(ImportFileError, match=words) as caught:
        read_spreadsheet(path)
    assert "Excelov delovni zvezek (.xlsx)" in caught.value.message


def test_a_file_held_by_another_program_says_so(tmp_path, monkeypatch):
    path = carers_file(tmp_path, ["Ime in priimek", "EMŠO", "Naslov", "Center"])
    import openpyxl

    def held(*_args, **_kwargs):
        raise PermissionError(13, "Permission denied", str(path))

    monkeypatch.setattr(openpyxl, "load_workbook", held)
    with pytest.raises(ImportFileError, match="odprta v drugem programu"):
        read_spreadsheet(path)


@pytest.mark.parametrize("error", ["#N/A", "#REF!", "#VALUE!"])
def test_an_excel_error_of_a_formula_is_refused_not_stored_as_text(db, tmp_path, error):
    """A VLOOKUP that found nothing shows #N/A: it was stored as the carer's address."""
    path = carers_file(
        tmp_path,
        ["Ime in priimek", "EMŠO", "Naslov", "Center"],
        ["Ana Novak", ANA, error, GORENJSKA],
    )
    report = preview_import(db, read_spreadsheet(path), TODAY)
    assert report.new_total == 0
    [note] = report.refused
    assert note.column == "Naslov"
    assert f"»{error}«" in note.reason and "formul" in note.reason


def test_a_contract_number_excel_made_a_date_says_so(db, tmp_path):
    """»1/2026« typed in a column not formatted as text becomes 1. 1. 2026 in Excel."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Rejniki"
    sheet.append(["Ime in priimek", "EMŠO", "Naslov", "Center"])
    sheet.append(["Ana Novak", ANA, "Glavna 1, 4000 Kranj", GORENJSKA])
    child = emso(5, 6, 2016, 501)
    book.create_sheet("Otroci").append(["Ime in priimek", "EMŠO", "Center"])
    book["Otroci"].append(["Bor Kos", child, GORENJSKA])
    placements = book.create_sheet("Namestitve")
    placements.append(["Številka pogodbe", "EMŠO rejnika", "EMŠO otroka", "Od"])
    placements.append([dt.datetime(2026, 1, 1), ANA, child, "1. 3. 2026"])
    path = tmp_path / "namestitve.xlsx"
    book.save(path)
    [note] = preview_import(db, read_spreadsheet(path), TODAY).refused
    assert note.column == "Številka pogodbe"
    assert "datum 1. 1. 2026" in note.reason and "oblikujte kot besedilo" in note.reason


def test_an_empty_sheet_of_the_workbook_is_left_out_not_refused(db, tmp_path):
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Rejniki"
    sheet.append(["Ime in priimek", "EMŠO", "Naslov", "Center"])
    sheet.append(["Ana Novak", ANA, "Glavna 1, 4000 Kranj", GORENJSKA])
    book.create_sheet("Otroci")  # the clerk's own workbook: a sheet left for later
    book.create_sheet("Namestitve").append([None, "  "])
    path = tmp_path / "le_rejniki.xlsx"
    book.save(path)
    report = import_spreadsheet(db, read_spreadsheet(path), TODAY)
    assert report.new == {"Rejniki": 1, "Otroci": 0, "Namestitve": 0}


def test_a_cell_merged_down_over_rows_holds_for_each_of_them(db, tmp_path):
    """The centre written once for three carers in a merged cell (Excel shows it beside
    each); a name merged across two columns is not copied into the second."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Rejniki"
    sheet.append(["Ime", "Priimek", "EMŠO", "Naslov", "Center"])
    people = [("Ana", "Novak", ANA), ("Maja", "Kos", MAJA), ("Iva", "Zupan", emso(3, 3, 1970, 520))]
    for first, surname, code in people:
        sheet.append([first, surname, code, "Glavna 1, 4000 Kranj", None])
    sheet["E2"] = GORENJSKA
    sheet.merge_cells("E2:E4")
    sheet.append(["Eva Lah", None, emso(4, 4, 1970, 530), "Glavna 2, 4000 Kranj", GORENJSKA])
    sheet.merge_cells("A5:B5")
    path = tmp_path / "zdruzene.xlsx"
    book.save(path)
    report = import_spreadsheet(db, read_spreadsheet(path), TODAY)
    assert report.new["Rejniki"] == 3, report.notes
    centres = {r[0] for r in db.execute("SELECT centre_id FROM carers").fetchall()}
    assert len(centres) == 1 and None not in centres
    [note] = report.refused  # »Eva Lah« in Ime alone: Priimek is empty, not »Eva Lah«
    assert (note.row, note.column) == (5, "Priimek")


def test_a_header_merged_over_two_rows_is_not_read_as_data(db, tmp_path):
    path = carers_file(
        tmp_path,
        ["Ime in priimek", "EMŠO", "Naslov", "Center"],
        ["Ana Novak", ANA, "Glavna 1, 4000 Kranj", GORENJSKA],
    )
    from openpyxl import load_workbook

    book = load_workbook(path)
    sheet = book["Rejniki"]
    sheet.insert_rows(2)
    sheet.merge_cells("D1:D2")  # »Center« over the headers' two rows
    book.save(path)
    data = read_spreadsheet(path)
    assert [(r.row, r.values.get("centre")) for r in data.rows] == [(3, GORENJSKA)]


def test_sheets_and_columns_the_import_does_not_read_are_named_not_dropped_unsaid(db, tmp_path):
    """»Otroci 2026« is not »Otroci«, »Datum dovoljenja za rejništvo« not »Datum
    dovoljenja«: read silently, the children and the dates were simply not there."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Rejniki"
    sheet.append(["Ime in priimek", "EMŠO", "Naslov", "Center", "Telefon", None, "EMŠO"])
    sheet.append(["Ana Novak", ANA, "Glavna 1, 4000 Kranj", GORENJSKA, "041", None, MAJA])
    sheet["H1"] = "Datum dovoljenja za rejništvo"
    book.create_sheet("Otroci 2026").append(["Ime in priimek", "EMŠO"])
    book.create_sheet("List3")  # Excel's empty sheet: not worth a word
    book.create_sheet("Navodila").append(["List", "Stolpec"])  # the template's own
    path = tmp_path / "svoja.xlsx"
    book.save(path)
    data = read_spreadsheet(path)
    assert data.unread_sheets == ("Otroci 2026",)
    assert data.unread_columns == (
        ("Rejniki", "Telefon"),
        ("Rejniki", "EMŠO"),  # the second of two: only the first is read
        ("Rejniki", "Datum dovoljenja za rejništvo"),
    )
    report = preview_import(db, data, TODAY)
    assert (report.unread_sheets, report.unread_columns) == (
        data.unread_sheets,
        data.unread_columns,
    )


def test_a_former_centre_now_a_unit_is_refused_naming_its_centre_and_unit(db, tmp_path):
    """»CSD Kranj« of an older spreadsheet is since 2019 Enota Kranj of CSD Gorenjska."""
    path = carers_file(
        tmp_path,
        ["Ime in priimek", "EMŠO", "Naslov", "Center"],
        ["Ana Novak", ANA, "Glavna 1, 4000 Kranj", "CSD Kranj"],
    )
    [note] = preview_import(db, read_spreadsheet(path), TODAY).refused
    assert note.column == "Center"
    assert (
        "»Kranj« je enota »Enota Kranj« centra »Center za socialno delo Gorenjska«" in note.reason
    )


def placements_file(tmp_path: Path, *rows: list) -> Path:
    """Ana and a child on their sheets, the rows given in Namestitve (No., Od, Do)."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Rejniki"
    sheet.append(["Ime in priimek", "EMŠO", "Naslov", "Center"])
    sheet.append(["Ana Novak", ANA, "Glavna 1, 4000 Kranj", GORENJSKA])
    children = book.create_sheet("Otroci")
    children.append(["Ime in priimek", "EMŠO", "Center"])
    placements = book.create_sheet("Namestitve")
    placements.append(["Številka pogodbe", "EMŠO rejnika", "EMŠO otroka", "Od", "Do"])
    for serial, (number, start, end) in enumerate(rows):
        child = emso(1 + serial, 1, 2015, 600 + serial)
        children.append([f"Otrok {serial}", child, GORENJSKA])
        placements.append([number, ANA, child, start, end])
    path = tmp_path / "namestitve.xlsx"
    book.save(path)
    return path


def test_an_open_end_written_as_a_word_or_a_dash_is_no_end(db, tmp_path):
    """»odprto« is how the program's own list shows it, »traja« what the template's
    Navodila say; a dash is Excel's »nothing«. A word that is no date stays refused."""
    words = ["odprto", "Traja", "nedoločeno", "nedoločen čas", "-", " – ", "/"]
    rows = [[f"P-{i}", "1. 3. 2026", word] for i, word in enumerate(words)]
    rows.append(["P-x", "1. 3. 2026", "do konca šolanja"])
    report = import_spreadsheet(db, read_spreadsheet(placements_file(tmp_path, *rows)), TODAY)
    assert report.new["Namestitve"] == len(words), report.notes
    ends = db.execute("SELECT DISTINCT to_date FROM placement_periods").fetchall()
    assert ends == [(None,)]
    [note] = report.refused
    assert (note.column, note.row) == ("Do", len(words) + 2)


@pytest.mark.parametrize(("part_time", "share"), [(None, "40 %"), ("ne", 0.4)])
def test_a_share_without_part_time_is_refused_not_dropped(db, tmp_path, part_time, share):
    """»Delež plačila dela 40 %« with »Le ob vikendih …« left empty was stored as a
    full-time placement, the 40 % dropped without a word: paid in full every month."""
    path = placements_file(tmp_path, ["P-1", "1. 3. 2026", None])
    from openpyxl import load_workbook

    book = load_workbook(path)
    sheet = book["Namestitve"]
    sheet["F1"], sheet["G1"] = "Le ob vikendih in počitnicah", "Delež plačila dela"
    sheet["F2"], sheet["G2"] = part_time, share
    book.save(path)
    report = preview_import(db, read_spreadsheet(path), TODAY)
    assert report.new["Namestitve"] == 0
    [note] = report.refused
    assert note.column == "Le ob vikendih in počitnicah"
    assert "40 %" in note.reason and "»da«" in note.reason


def test_the_program_s_own_labels_name_the_columns_too(db, tmp_path):
    """A clerk who copies the headers from the screens writes »Dovoljenje od«, »IBAN (za
    izplačila)«, »Št. pogodbe«, »Le vikendi/počitnice« — not the template's words."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Rejniki"
    sheet.append(["Ime in priimek", "EMŠO", "Naslov", "Center", "Dovoljenje od", "TRR"])
    sheet.append(
        [
            "Ana Novak",
            ANA,
            "Glavna 1, 4000 Kranj",
            GORENJSKA,
            "1. 3. 2020",
            "SI56 1910 0000 0123 438",
        ]
    )
    child = emso(1, 1, 2015, 600)
    book.create_sheet("Otroci").append(["Ime in priimek", "EMŠO", "Center"])
    book["Otroci"].append(["Bor Kos", child, GORENJSKA])
    placements = book.create_sheet("Namestitve")
    placements.append(["Št. pogodbe", "EMŠO rejnika", "EMŠO otroka", "Od", "Le vikendi/počitnice"])
    placements.append(["P-1/2026", ANA, child, "1. 3. 2026", "ne"])
    path = tmp_path / "zasloni.xlsx"
    book.save(path)
    data = read_spreadsheet(path)
    assert data.unread_columns == ()
    placements["A1"] = "Pogodba"  # may hold »da« (signed) as well: not taken for the number
    book.save(path)
    with pytest.raises(ImportFileError, match="ni stolpcev: Številka pogodbe"):
        read_spreadsheet(path)
    report = import_spreadsheet(db, data, TODAY)
    assert report.new_total == 3, report.notes
    carer = get_carer(db, 1)
    assert (carer.licence_date, carer.iban) == (dt.date(2020, 3, 1), "SI56191000000123438")
