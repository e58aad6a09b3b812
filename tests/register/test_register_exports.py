"""The register written as CSV, XLSX and PDF, and read back."""

from __future__ import annotations

import csv
from datetime import date, datetime

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from rejnistvo.register.export import register_title, write_register
from rejnistvo.register.rows import COLUMNS, RegisterRow, filter_rows, renumber
from rejnistvo.rules.errors import InputError


def _rows(count: int = 3) -> list[RegisterRow]:
    rows = []
    for index in range(1, count + 1):
        decided = index % 3 != 0
        rows.append(
            RegisterRow(
                seq=index,
                case_id=100 + index,
                case_no=f"1220-{index}/2026",
                centre="Center za socialno delo Gorenjska",
                unit="Enota Škofja Loka",
                child=f"Žan Čebašek {index}",
                carer=f"Špela Žužek {index}",
                proposed_percent=25,
                received=date(2026, 3, index % 28 + 1),
                accepted=date(2026, 3, index % 28 + 2),
                commission_named=date(2026, 4, 1),
                members=("Ana Kos", "Bor Lah", "Cvetka Mrak"),
                decided=date(2026, 4, 10) if decided else None,
                outcome=("increase" if index % 2 else "no_increase") if decided else None,
                decided_percent=25 if decided and index % 2 else None,
                period_from=date(2026, 5, 1) if decided and index % 2 else None,
                period_to=date(2027, 4, 30) if decided and index % 2 else None,
                resolution_no=f"3-{index:03d}/2026" if decided else None,
                returned=date(2026, 4, 15) if index == 1 else None,
            )
        )
    return rows


def test_csv_for_slovenian_excel(tmp_path):
    rows = _rows()
    path = write_register(rows, "csv", tmp_path / "evidenca.csv", subgroup=3, year=2026)
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # BOM: Excel then reads UTF-8
    with path.open(encoding="utf-8-sig", newline="") as handle:
        table = list(csv.reader(handle, delimiter=";"))
    assert table[0] == [c.heading for c in COLUMNS]
    assert len(table) == 4
    first = dict(zip(table[0], table[1], strict=True))
    assert first["Zap. št."] == "1"
    assert first["Otrok"] == "Žan Čebašek 1"
    assert first["Prejeto"] == "2. 3. 2026"
    assert first["Odločitev"] == "ZVIŠA za 25 % (1. 5. 2026 – 30. 4. 2027)"
    assert first["Sklep št."] == "3-001/2026"
    assert first["Člani komisije"] == "Ana Kos, Bor Lah, Cvetka Mrak"
    assert first["Vrnjeno"] == "15. 4. 2026"
    second = dict(zip(table[0], table[2], strict=True))
    assert second["Odločitev"] == "NE ZVIŠA" and second["Vrnjeno"] == ""
    third = dict(zip(table[0], table[3], strict=True))
    assert third["Odločeno"] == "" and third["Sklep št."] == ""


def test_xlsx_cell_by_cell(tmp_path):
    rows = _rows()
    path = write_register(rows, "xlsx", tmp_path / "evidenca.xlsx", subgroup=3, year=2026)
    sheet = load_workbook(path).active
    headings = [cell.value for cell in sheet[1]]
    assert headings == [c.heading for c in COLUMNS]
    assert all(cell.font.bold for cell in sheet[1])
    assert sheet.freeze_panes == "A2"
    for index, column in enumerate(COLUMNS, start=1):
        letter = sheet.cell(row=1, column=index).column_letter
        assert sheet.column_dimensions[letter].width == column.width
    for r, row in enumerate(rows, start=2):
        for c, column in enumerate(COLUMNS, start=1):
            cell = sheet.cell(row=r, column=c)
            expected = column.value(row)
            if expected == "":
                expected = None
            if isinstance(expected, date):
                # A real date, formatted as a date: Excel sorts and filters it as one.
                assert cell.value == datetime(expected.year, expected.month, expected.day)
                assert cell.is_date and cell.number_format == "d. m. yyyy"
            else:
                assert cell.value == expected, (r, column.key)
    assert sheet.max_row == len(rows) + 1


def test_pdf_text_and_repeated_header(tmp_path):
    rows = _rows(90)
    path = write_register(rows, "pdf", tmp_path / "evidenca.pdf", subgroup=3, year=2026)
    reader = PdfReader(path)
    assert len(reader.pages) >= 2
    page = reader.pages[0]
    assert page.mediabox.width > page.mediabox.height  # landscape
    # Headings may wrap inside their cell: compare with whitespace collapsed.
    texts = [" ".join(p.extract_text().split()) for p in reader.pages]
    assert register_title(3, 2026) in texts[0]
    for text in texts:
        assert "Številka zadeve" in text and "Sklep št." in text  # header on every page
        assert "stran " in text
    whole = "\n".join(texts)
    for row in rows:
        assert row.child in whole and row.case_no in whole
    assert "3-001/2026" in whole and "NE ZVIŠA" in whole
    assert "22. 3. 2026" in whole  # a date is never split over two lines


def test_pdf_of_empty_register(tmp_path):
    path = write_register([], "pdf", tmp_path / "prazno.pdf", subgroup=1, year=2025)
    assert "Ni primerov." in PdfReader(path).pages[0].extract_text()


def test_unknown_format_and_unwritable_target(tmp_path):
    with pytest.raises(InputError, match="csv, xlsx, pdf"):
        write_register(_rows(), "ods", tmp_path / "x.ods", subgroup=3, year=2026)
    with pytest.raises(InputError, match="ne obstaja"):
        write_register(_rows(), "csv", tmp_path / "ni" / "x.csv", subgroup=3, year=2026)
    assert list(tmp_path.iterdir()) == []  # no half file left behind


def test_filter_rows():
    rows = _rows(6)
    assert [r.seq for r in filter_rows(rows, text="čebašek 2")] == [2]
    assert [r.seq for r in filter_rows(rows, text="3-005")] == [5]
    assert all(
        r.status == "komisija imenovana" for r in filter_rows(rows, status="komisija imenovana")
    )
    assert [r.seq for r in filter_rows(rows, outcome="no_increase")] == [2, 4]
    assert [r.seq for r in renumber(filter_rows(rows, outcome="no_increase"))] == [1, 2]
    assert filter_rows(rows, centre="Drug center") == []


def test_waiting_days_of_a_row():
    decided, waiting = _rows(3)[0], _rows(3)[2]
    assert decided.waiting_days(date(2030, 1, 1)) == (date(2026, 4, 10) - date(2026, 3, 2)).days
    assert waiting.waiting_days(date(2026, 4, 30)) == (date(2026, 4, 30) - date(2026, 3, 4)).days


def test_csv_guards_a_name_excel_would_run(tmp_path):
    """A child typed as »=HYPERLINK(…)« was a live link when Excel opened the CSV."""
    from dataclasses import replace

    rows = [replace(_rows(1)[0], child='=HYPERLINK("http://x.example";"Žan")')]
    path = write_register(rows, "csv", tmp_path / "evidenca.csv", subgroup=3, year=2026)
    with path.open(encoding="utf-8-sig", newline="") as handle:
        table = list(csv.reader(handle, delimiter=";"))
    first = dict(zip(table[0], table[1], strict=True))
    assert first["Otrok"] == '\'=HYPERLINK("http://x.example";"Žan")'
    assert first["Zap. št."] == "1"
