"""services/spreadsheet_import.py with workbooks a centre really brings (QA72): dates
typed as text with a two-digit year (»01.03.26«) refused every row; one sheet per unit
(»Rejniki Kranj«, »Rejniki Jesenice«) or a »Priimek in ime« column refused the file with
no word of how to bring it in."""

from __future__ import annotations

import datetime as dt

import pytest
from _import_fixtures import GORENJSKA, TODAY, emso, import_db  # noqa: F401 (a fixture)
from openpyxl import Workbook

from rejnistvo.services.spreadsheet_import import (
    ImportFileError,
    import_spreadsheet,
    kind_named,
    preview_import,
    read_spreadsheet,
)

ANA = emso(1, 2, 1980, 500)
MAJA = emso(11, 2, 1980, 501)
BOR = emso(5, 6, 2016, 501)


def test_a_two_digit_year_is_read_as_excel_reads_it_and_told(db, tmp_path):
    book = Workbook()
    carers = book.active
    assert carers is not None
    carers.title = "Rejniki"
    carers.append(["Ime in priimek", "EMŠO", "Naslov", "Center", "Datum dovoljenja"])
    carers.append(["Ana Novak", int(ANA), "Glavna 1, 4000 Kranj", GORENJSKA, "01.03.26"])
    carers.append(["Maja Kos", MAJA, "Glavna 2, 4000 Kranj", GORENJSKA, "15. 1. 98"])
    children = book.create_sheet("Otroci")
    children.append(["Ime in priimek", "EMŠO", "Datum rojstva", "Center"])
    children.append(["Bor Kos", int(BOR), "5.6.16", GORENJSKA])  # EMŠO lost its 0
    placements = book.create_sheet("Namestitve")
    placements.append(["Št. pogodbe", "EMŠO rejnika", "EMŠO otroka", "Od", "Do"])
    placements.append(["1/2026", int(ANA), int(BOR), "1.3.2026", "28.02.27."])
    path = tmp_path / "kratke_letnice.xlsx"
    book.save(path)
    report = import_spreadsheet(db, read_spreadsheet(path), TODAY)
    assert report.new == {"Rejniki": 2, "Otroci": 1, "Namestitve": 1}, report.notes
    assert (report.short_years, report.short_year_example) == (
        4,
        ("01.03.26", dt.date(2026, 3, 1)),
    )
    licences = db.execute("SELECT licence_date FROM carers ORDER BY id").fetchall()
    assert [r[0] for r in licences] == ["2026-03-01", "1998-01-15"]
    assert db.execute("SELECT birth_date FROM children").fetchone()[0] == "2016-06-05"
    assert db.execute("SELECT emso FROM children").fetchone()[0] == BOR


def test_a_two_digit_year_of_a_day_that_does_not_exist_is_refused(db, tmp_path):
    book = Workbook()
    carers = book.active
    assert carers is not None
    carers.title = "Rejniki"
    carers.append(["Ime in priimek", "EMŠO", "Naslov", "Center", "Datum dovoljenja"])
    carers.append(["Ana Novak", ANA, "Glavna 1, 4000 Kranj", GORENJSKA, "31.02.26"])
    path = tmp_path / "napacen.xlsx"
    book.save(path)
    report = preview_import(db, read_spreadsheet(path), TODAY)
    [note] = report.refused
    assert (note.letter, note.column) == ("E", "Datum dovoljenja")
    assert "2026" in note.reason and report.short_years == 0


def test_sheets_one_per_unit_are_refused_saying_how_to_bring_them(tmp_path):
    book = Workbook()
    first = book.active
    assert first is not None
    first.title = "Rejniki Kranj"
    book.create_sheet("Rejniki - Jesenice")
    for sheet in book.worksheets:
        sheet.append(["Ime in priimek", "EMŠO", "Naslov", "Center"])
    path = tmp_path / "enote.xlsx"
    book.save(path)
    with pytest.raises(ImportFileError) as caught:
        read_spreadsheet(path)
    said = caught.value.message
    assert "(so le: Rejniki Kranj, Rejniki - Jesenice)" in said
    assert "list »Rejniki Kranj« preimenujte v »Rejniki« in uvozite" in said
    assert "Predloga za uvoz" not in said


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("Rejniki Kranj", "Rejniki"),
        ("rejniki_jesenice", "Rejniki"),
        ("Otroci 2026", "Otroci"),
        ("Namestitve-Kranj", "Namestitve"),
        ("Rejniki", ""),
        ("Stari rejniki", ""),
        ("List1", ""),
    ],
)
def test_kind_named(name, kind):
    assert kind_named(name) == kind


@pytest.mark.parametrize("header", ["Priimek in ime", "PRIIMEK, IME:", "Priimek/ime"])
def test_a_surname_first_column_says_how_to_split_it(tmp_path, header):
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Rejniki"
    sheet.append([header, "EMŠO", "Naslov", "Center"])
    sheet.append(["Novak Ana", ANA, "Glavna 1, 4000 Kranj", GORENJSKA])
    path = tmp_path / "priimek.xlsx"
    book.save(path)
    with pytest.raises(ImportFileError, match="ni stolpcev: Ime in priimek") as caught:
        read_spreadsheet(path)
    assert "ima priimek pred imenom" in caught.value.message
    assert "»Priimek« in »Ime«" in caught.value.message
