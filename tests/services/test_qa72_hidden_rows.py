"""services/spreadsheet_import.py with what a clerk's workbook hides and names its own way
(QA72): rows hidden by an autofilter (»aktivne«), by hand or on a hidden sheet were
imported like visible ones without a word; a refused value named the template's column,
not the clerk's (»TRR«, »Priimek«), and had no letter; a »Skupaj« row at the bottom was
refused as a carer without EMŠO, to be »corrected«."""

from __future__ import annotations

import zipfile

from _import_fixtures import GORENJSKA, TODAY, emso, import_db  # noqa: F401 (a fixture)
from openpyxl import Workbook

from rejnistvo.services.spreadsheet_import import (
    FILTERED_ROW,
    HIDDEN_ROW,
    HIDDEN_SHEET,
    LEFT_HIDDEN,
    LEFT_TOTAL,
    import_spreadsheet,
    preview_import,
    read_spreadsheet,
)

CARER_HEADERS = ["Ime in priimek", "EMŠO", "Naslov", "Center", "Status"]


CARERS = [emso(10 + i, 2, 1980, 500 + i) for i in range(4)]
CHILD = emso(5, 6, 2016, 501)


def count(db, table: str) -> int:
    return db.execute(f"SELECT count(*) FROM {table}").fetchone()[0]


def filtered_book() -> Workbook:
    """Rejniki filtered to »aktiven«: rows 3 and 5 (»neaktiven«) hidden by the filter."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Rejniki"
    sheet.append(CARER_HEADERS)
    for i, number in enumerate(CARERS):
        status = "aktiven" if i % 2 == 0 else "neaktiven"
        sheet.append([f"Oseba {i}", number, "Glavna 1, 4000 Kranj", GORENJSKA, status])
    sheet.auto_filter.ref = "A1:E5"
    sheet.auto_filter.add_filter_column(4, ["aktiven"])
    sheet.row_dimensions[3].hidden = True
    sheet.row_dimensions[5].hidden = True
    return book


def test_rows_hidden_by_a_filter_are_left_out_and_listed_unless_asked_for(db, tmp_path):
    path = tmp_path / "filtrirano.xlsx"
    filtered_book().save(path)
    data = read_spreadsheet(path)
    assert [(r.row, r.hidden) for r in data.rows] == [
        (2, ""),
        (3, FILTERED_ROW),
        (4, ""),
        (5, FILTERED_ROW),
    ]
    preview = preview_import(db, data, TODAY)
    assert preview.new["Rejniki"] == 2
    assert preview.hidden_rows == 2 and not preview.include_hidden
    assert [(n.row, n.left_out, n.refused) for n in preview.hidden] == [
        (3, LEFT_HIDDEN, False),
        (5, LEFT_HIDDEN, False),
    ]
    assert "skrita s filtrom" in preview.hidden[0].reason
    assert "Uvozi tudi skrite vrstice" in preview.hidden[0].reason
    assert not preview.present and not preview.refused  # neither »že v evidenci« nor refused

    done = import_spreadsheet(db, data, TODAY)
    assert done.new["Rejniki"] == 2 and count(db, "carers") == 2
    # asked for: the hidden rows come in too (the file imported again adds only them)
    again = import_spreadsheet(db, data, TODAY, include_hidden=True)
    assert again.new["Rejniki"] == 2 and count(db, "carers") == 4
    assert not again.hidden and again.hidden_rows == 2 and again.include_hidden


def test_libreoffice_s_hidden_true_is_read_as_hidden(db, tmp_path):
    """LibreOffice writes hidden="true" (Excel and openpyxl "1"), and no filter: »skrita«."""
    book = filtered_book()
    book["Rejniki"].auto_filter.ref = None
    written = tmp_path / "excel.xlsx"
    book.save(written)
    path = tmp_path / "libreoffice.xlsx"
    with zipfile.ZipFile(written) as source, zipfile.ZipFile(path, "w") as target:
        for item in source.infolist():
            content = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                assert b'hidden="1"' in content
                content = content.replace(b'hidden="1"', b'hidden="true"')
            target.writestr(item, content)
    data = read_spreadsheet(path)
    assert [r.row for r in data.rows if r.hidden == HIDDEN_ROW] == [3, 5]
    report = preview_import(db, data, TODAY)
    assert report.hidden[0].reason.startswith("Vrstica je v preglednici skrita;")


def test_a_hidden_sheet_is_left_out_and_a_placement_on_it_says_why(db, tmp_path):
    book = Workbook()
    carers = book.active
    assert carers is not None
    carers.title = "Rejniki"
    carers.append(CARER_HEADERS[:4])
    carers.append(["Ana Novak", CARERS[0], "Glavna 1, 4000 Kranj", GORENJSKA])
    children = book.create_sheet("Otroci")
    children.append(["Ime in priimek", "EMŠO", "Center"])
    children.append(["Bor Kos", CHILD, GORENJSKA])
    children.sheet_state = "hidden"
    placements = book.create_sheet("Namestitve")
    placements.append(["Številka pogodbe", "EMŠO rejnika", "EMŠO otroka", "Od"])
    placements.append(["1/2026", CARERS[0], CHILD, "1. 3. 2026"])
    path = tmp_path / "skrit_list.xlsx"
    book.save(path)
    data = read_spreadsheet(path)
    assert [r.hidden for r in data.rows if r.sheet == "Otroci"] == [HIDDEN_SHEET]

    report = preview_import(db, data, TODAY)
    assert report.new == {"Rejniki": 1, "Otroci": 0, "Namestitve": 0}
    assert report.hidden_sheets == ("Otroci",)
    [hidden] = report.hidden
    assert hidden.reason.startswith("List Otroci je v preglednici skrit;")
    [refused] = report.refused
    assert (refused.sheet, refused.letter, refused.column) == ("Namestitve", "C", "EMŠO otroka")
    assert f"Otroka z EMŠO {CHILD} je na listu Otroci v skriti vrstici 2" in refused.reason

    everything = preview_import(db, data, TODAY, include_hidden=True)
    assert everything.new == {"Rejniki": 1, "Otroci": 1, "Namestitve": 1}
    assert not everything.notes


def test_a_refused_value_names_the_clerk_s_column_and_its_letter(db, tmp_path):
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Rejniki"
    sheet.append(["Zap. št.", "Priimek", "Ime", "EMŠO:", "Naslov *", "Center", "TRR"])
    sheet.append([1, "Novak", "Ana", CARERS[0], "Glavna 1, 4000 Kranj", GORENJSKA, "SI56 0000"])
    sheet.append([2, "Kos", None, CARERS[1], "Glavna 2, 4000 Kranj", GORENJSKA])
    sheet.append([3, "Zupan", "Maja", "0101980", "Glavna 3, 4000 Kranj", GORENJSKA])
    sheet.append([4, "Vrh", "Eva", CARERS[3], None, GORENJSKA])
    path = tmp_path / "svoja.xlsx"
    book.save(path)
    report = preview_import(db, read_spreadsheet(path), TODAY)
    assert [(n.row, n.letter, n.column, n.where) for n in report.refused] == [
        (2, "G", "TRR", "G (TRR)"),
        (3, "C", "Ime", "C (Ime)"),
        (4, "D", "EMŠO", "D (EMŠO)"),
        (5, "E", "Naslov", "E (Naslov)"),
    ]


def test_a_column_the_sheet_lacks_is_named_as_the_template_names_it(db, tmp_path):
    book = Workbook()
    for title, headers, line in (
        ("Rejniki", CARER_HEADERS[:4], ["Ana", CARERS[0], "Glavna 1, 4000 Kranj", GORENJSKA]),
        ("Otroci", ["Ime in priimek", "EMŠO", "Center"], ["Bor", CHILD, GORENJSKA]),
        (
            "Namestitve",
            ["Številka pogodbe", "EMŠO rejnika", "EMŠO otroka", "Od", "Delež plačila dela"],
            ["1/2026", CARERS[0], CHILD, "1. 3. 2026", "40 %"],
        ),
    ):
        sheet = book.create_sheet(title)
        sheet.append(headers)
        sheet.append(line)
    book.remove(book.worksheets[0])
    path = tmp_path / "brez_stolpca.xlsx"
    book.save(path)
    [note] = preview_import(db, read_spreadsheet(path), TODAY).refused
    assert (note.letter, note.column, note.where) == (
        "",
        "Le ob vikendih in počitnicah",
        "Le ob vikendih in počitnicah",
    )


def test_a_totals_row_is_left_out_not_refused(db, tmp_path):
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Rejniki"
    sheet.append(["Ime in priimek", "EMŠO", "Naslov", "Center", "Rejnina"])
    sheet.append(["Ana Novak", CARERS[0], "Glavna 1, 4000 Kranj", GORENJSKA, 805.2])
    sheet.append([])
    sheet.append(["SKUPAJ:", 1, None, None, 805.2])  # a count in the EMŠO column
    sheet.append(["Vsota rejnin", None, None, None, 805.2])
    sheet.append(["Šum Marija", None, "Glavna 2, 4000 Kranj", GORENJSKA])  # no EMŠO: refused
    path = tmp_path / "skupaj.xlsx"
    book.save(path)
    report = preview_import(db, read_spreadsheet(path), TODAY)
    assert report.new["Rejniki"] == 1
    assert [(n.row, n.left_out, n.refused) for n in report.totals] == [
        (4, LEFT_TOTAL, False),
        (5, LEFT_TOTAL, False),
    ]
    assert report.totals[0].reason == (
        "Vrstica »SKUPAJ:« je vsota ali povzetek, ne rejnik; ne uvozi se."
    )
    [refused] = report.refused
    assert (refused.row, refused.column) == (6, "EMŠO")


def test_a_read_write_sheet_gives_its_hidden_rows_too(tmp_path):
    """The layout of a sheet openpyxl loaded whole (not read-only) is read as well."""
    from rejnistvo.services.spreadsheet_import import _sheet_rows

    book = filtered_book()
    rows = list(_sheet_rows(book["Rejniki"], "Rejniki", []))
    assert [r.hidden for r in rows] == ["", FILTERED_ROW, "", FILTERED_ROW]
