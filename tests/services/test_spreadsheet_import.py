"""services/spreadsheet_import.py: a centre's carers, children and placements brought in
from its spreadsheet on day one (there was no way but typing each one). Every row goes
through the editors' own saves; refused rows name sheet, row, column and the reason; the
import is one transaction or nothing; an EMŠO already there is skipped, never
overwritten, so a file imported twice adds nothing. No Qt here."""

from __future__ import annotations

import io
from datetime import date, datetime
from decimal import Decimal

import pytest
from _import_fixtures import GORENJSKA, TODAY, emso, import_db  # noqa: F401 (a fixture)
from openpyxl import load_workbook

from rejnistvo.services.people import Carer, get_carer, get_child, save_carer
from rejnistvo.services.placements import PlacementPeriod, get_placement, save_placement
from rejnistvo.services.spreadsheet_import import (
    COLUMNS,
    NOTES_SHEET,
    SHEETS,
    ImportCancelled,
    ImportFileError,
    import_spreadsheet,
    preview_import,
    read_spreadsheet,
    template_xlsx,
)
from rejnistvo.store import StoreError

ANA = emso(1, 2, 1980, 500)  # 0102980505…
BOR = emso(3, 4, 2015, 1)
MAJA = emso(5, 6, 2016, 501)


def gorenjska(db) -> int:
    return db.execute("SELECT id FROM centres WHERE name = ?", [GORENJSKA]).fetchone()[0]


def carer_row(**changes):
    row = {
        "Ime in priimek": "Ana Novak",
        "EMŠO": ANA,
        "Naslov": "Glavna 1, 4000 Kranj",
        "Center": GORENJSKA,
        "Enota": "Kranj",
        "IBAN": "SI56 1910 0000 0123 438",
        "Datum dovoljenja": "15. 1. 2020",
    }
    row.update(changes)
    return row


def child_row(**changes):
    row = {"Ime in priimek": "Bor Kos", "EMŠO": BOR, "Center": "CSD Gorenjska"}
    row.update(changes)
    return row


def placement_row(**changes):
    row = {
        "Številka pogodbe": "1220-1/2026",
        "EMŠO rejnika": ANA,
        "EMŠO otroka": BOR,
        "Od": datetime(2026, 3, 1),
    }
    row.update(changes)
    return row


def workbook(tmp_path, carers=(), children=(), placements=(), name="uvoz.xlsx"):
    """The program's own template, filled as a clerk fills it (from row 2)."""
    book = load_workbook(io.BytesIO(template_xlsx()))
    for sheet_name, rows in zip(SHEETS, (carers, children, placements), strict=True):
        sheet = book[sheet_name]
        headers = [cell.value for cell in sheet[1]]
        for number, row in enumerate(rows, start=2):
            assert set(row) <= set(headers), set(row) - set(headers)
            for column, header in enumerate(headers, start=1):
                if header in row:
                    sheet.cell(row=number, column=column, value=row[header])
    path = tmp_path / name
    book.save(path)
    return path


def counts(db):
    return tuple(
        db.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
        for t in ("carers", "children", "placements", "audit_log")
    )


def test_the_template_has_the_three_sheets_the_notes_and_text_emso_columns():
    book = load_workbook(io.BytesIO(template_xlsx()))
    assert book.sheetnames == [*SHEETS, NOTES_SHEET]
    for sheet_name in SHEETS:
        sheet = book[sheet_name]
        assert [c.value for c in sheet[1]] == [c.header for c in COLUMNS[sheet_name]]
        assert sheet.max_row == 1  # nothing that would be imported by itself
        required = [c.header for c in COLUMNS[sheet_name] if c.required]
        assert [c.value for c in sheet[1] if c.font.bold] == required
        assert all(c.comment is not None for c in sheet[1])
    emso_column = book["Rejniki"].column_dimensions["B"]
    assert emso_column.number_format == "@"  # a leading 0 stays in Excel
    notes = [row for row in book[NOTES_SHEET].iter_rows(values_only=True)]
    assert ("Rejniki", "EMŠO", "da", "13 števk", "0101980505007") in notes


def test_the_filled_template_imports_carer_child_and_placement(db, tmp_path):
    path = workbook(
        tmp_path,
        [carer_row(**{"Zadnje usposabljanje": datetime(2025, 5, 10), "E-pošta": "a@primer.si"})],
        [child_row()],
        [placement_row(**{"Do": "28. 2. 2027", "Opomba": "prva"})],
    )
    data = read_spreadsheet(path)
    report = import_spreadsheet(db, data, TODAY)
    assert report.written and report.new == {"Rejniki": 1, "Otroci": 1, "Namestitve": 1}
    assert report.notes == []
    carer = get_carer(db, 1)
    assert (carer.name, carer.emso, carer.iban) == ("Ana Novak", ANA, "SI56191000000123438")
    assert carer.licence_date == date(2020, 1, 15)
    assert [t.date for t in carer.trainings] == [date(2025, 5, 10)]
    centre, unit = db.execute(
        "SELECT c.name, u.name FROM centres c JOIN units u ON u.id = ? WHERE c.id = ?",
        [carer.unit_id, carer.centre_id],
    ).fetchone()
    assert (centre, unit) == (GORENJSKA, "Enota Kranj")
    child = get_child(db, 1)
    assert child.birth_date == date(2015, 4, 3)  # from the EMŠO when the column is empty
    placement = get_placement(db, 1)
    assert placement.carer_centre_id == carer.centre_id  # the carer's, not written
    assert placement.child_centre_id == child.centre_id
    assert placement.periods == (
        PlacementPeriod("contract", date(2026, 3, 1), date(2027, 2, 28), None),
    )
    assert placement.note == "prva"
    # audited as the editors' saves are: one insert per record
    actions = db.execute("SELECT table_name, action FROM audit_log ORDER BY id").fetchall()
    assert actions == [("carers", "insert"), ("children", "insert"), ("placements", "insert")]


def test_preview_writes_nothing_and_says_what_import_will_do(db, tmp_path):
    path = workbook(tmp_path, [carer_row()], [child_row()], [placement_row()])
    before = counts(db)
    report = preview_import(db, read_spreadsheet(path), TODAY)
    assert report.new == {"Rejniki": 1, "Otroci": 1, "Namestitve": 1} and not report.written
    assert counts(db) == before
    assert not db.conn.in_transaction


@pytest.mark.parametrize(
    ("sheet", "row", "column", "words"),
    [
        ("Rejniki", carer_row(EMŠO=ANA[:-1] + str((int(ANA[-1]) + 1) % 10)), "EMŠO", "Kontrolna"),
        ("Rejniki", carer_row(EMŠO=None), "EMŠO", "Vpišite EMŠO"),
        ("Rejniki", carer_row(Naslov=None), "Naslov", "Vpišite naslov rejnika"),
        ("Rejniki", carer_row(IBAN="SI56 1910 0000 0123 439"), "IBAN", "IBAN"),
        ("Rejniki", carer_row(Center="CSD Atlantida"), "Center", "ni na seznamu centrov"),
        ("Rejniki", carer_row(Center=None, Enota=None), "Center", "Izberite center"),
        ("Rejniki", carer_row(Center=None), "Center", "ki mu pripada »Kranj«"),
        ("Rejniki", carer_row(Enota="Enota Koper"), "Enota", "ni enota centra"),
        (
            "Rejniki",
            carer_row(**{"Datum dovoljenja": "31. 2. 2026"}),
            "Datum dovoljenja",
            "ne obstaja",
        ),
        (
            "Rejniki",
            carer_row(**{"Zadnje usposabljanje": "1. 5. 2062"}),
            "Zadnje usposabljanje",
            "2062",
        ),
        ("Rejniki", carer_row(**{"Elektronsko vročanje": "da"}), "E-pošta", "elektronski naslov"),
        ("Otroci", child_row(**{"Datum rojstva": "1. 1. 2030"}), "Datum rojstva", "Datum rojstva"),
        ("Otroci", child_row(**{"Ime in priimek": None}), "Ime in priimek", "Vpišite ime"),
    ],
)
def test_a_bad_person_row_is_refused_with_its_column_and_the_editors_reason(
    db, tmp_path, sheet, row, column, words
):
    path = workbook(tmp_path, **{"carers" if sheet == "Rejniki" else "children": [row]})
    report = import_spreadsheet(db, read_spreadsheet(path), TODAY)
    assert report.new_total == 0
    [note] = report.refused
    assert (note.sheet, note.row, note.column) == (sheet, 2, column)
    assert words in note.reason, note.reason
    assert not note.reason[0].islower()
    assert counts(db) == (0, 0, 0, 0)


@pytest.mark.parametrize(
    ("row", "column", "words"),
    [
        (
            placement_row(**{"EMŠO rejnika": MAJA}),
            "EMŠO rejnika",
            "ni ne v evidenci ne na listu Rejniki",
        ),
        (placement_row(**{"EMŠO otroka": None}), "EMŠO otroka", "Vpišite EMŠO otroka"),
        (placement_row(Od=None), "Od", "vsaj obdobje"),
        (placement_row(Do="1. 2. 2026"), "Do", "pred začetkom"),
        (placement_row(Od="1. 3. 2014"), "Od", "pred rojstvom otroka"),
        (placement_row(**{"Številka pogodbe": None}), "Številka pogodbe", "številko pogodbe"),
        (
            placement_row(**{"Le ob vikendih in počitnicah": "da"}),
            "Delež plačila dela",
            "delež plačila",
        ),
        (
            placement_row(**{"Le ob vikendih in počitnicah": "mogoče"}),
            "Le ob vikendih in počitnicah",
            "»da« ali »ne«",
        ),
        (placement_row(**{"Center otroka": "Nikjer"}), "Center otroka", "Nikjer"),
    ],
)
def test_a_bad_placement_row_is_refused_with_its_column(db, tmp_path, row, column, words):
    path = workbook(tmp_path, [carer_row()], [child_row()], [row])
    report = import_spreadsheet(db, read_spreadsheet(path), TODAY)
    assert report.new == {"Rejniki": 1, "Otroci": 1, "Namestitve": 0}
    [note] = report.refused
    assert (note.sheet, note.row, note.column) == ("Namestitve", 2, column)
    assert words in note.reason, note.reason


def test_contract_numbers_and_overlapping_placements_are_checked_against_file_and_evidence(
    db, tmp_path
):
    maja = emso(7, 8, 1975, 502)
    existing_carer = save_carer(
        db, Carer("Maja Zupan", emso=maja, address="Pot 2, Kranj", centre_id=gorenjska(db))
    )
    assert existing_carer
    path = workbook(
        tmp_path,
        [carer_row()],
        [child_row(), child_row(**{"Ime in priimek": "Eva Kos", "EMŠO": MAJA})],
        [
            placement_row(),
            # the same number again in the file
            placement_row(**{"EMŠO otroka": MAJA}),
            # Bor placed full time with another carer on the same days
            placement_row(**{"Številka pogodbe": "1220-2/2026", "EMŠO rejnika": maja}),
            # Eva with the carer already in the evidence: found by EMŠO
            placement_row(
                **{"Številka pogodbe": "1220-3/2026", "EMŠO rejnika": maja, "EMŠO otroka": MAJA}
            ),
        ],
    )
    report = import_spreadsheet(db, read_spreadsheet(path), TODAY)
    assert report.new == {"Rejniki": 1, "Otroci": 2, "Namestitve": 2}
    reasons = {(n.row, n.column): n.reason for n in report.refused}
    assert reasons[(3, "Številka pogodbe")] == "Pogodba 1220-1/2026 je na tem listu že v vrstici 2."
    assert reasons[(4, "Od")].startswith("Otrok je v tem času že nameščen: pogodba 1220-1/2026")
    # a number already in the evidence at another placement
    again = workbook(
        tmp_path,
        placements=[
            placement_row(**{"EMŠO rejnika": maja, "EMŠO otroka": BOR, "Od": "1. 1. 2028"})
        ],
        name="drugi.xlsx",
    )
    [note] = import_spreadsheet(db, read_spreadsheet(again), TODAY).refused
    assert note.column == "Številka pogodbe"
    assert "Pogodba 1220-1/2026 je že vpisana pri namestitvi otroka Bor Kos" in note.reason


def test_a_placement_of_a_refused_carer_says_which_row_to_fix(db, tmp_path):
    path = workbook(tmp_path, [carer_row(Naslov=None)], [child_row()], [placement_row()])
    report = import_spreadsheet(db, read_spreadsheet(path), TODAY)
    placement_note = [n for n in report.refused if n.sheet == "Namestitve"][0]
    assert placement_note.reason == (
        f"Rejnika z EMŠO {ANA} na listu Rejniki v vrstici 2 ni mogoče uvoziti; popravite "
        "najprej tisto vrstico."
    )


def test_an_emso_already_there_is_skipped_never_overwritten(db, tmp_path):
    save_carer(db, Carer("Ana Stara", emso=ANA, address="Stara 1, Kranj", centre_id=gorenjska(db)))
    before = get_carer(db, 1)
    path = workbook(tmp_path, [carer_row(), carer_row(**{"Ime in priimek": "Druga"})])
    report = import_spreadsheet(db, read_spreadsheet(path), TODAY)
    assert report.new_total == 0
    present = report.present
    assert [(n.row, n.refused) for n in present] == [(2, False)]
    assert "Že v evidenci (Ana Stara" in present[0].reason
    # the same EMŠO twice in the file: the second is refused, not skipped
    assert [(n.row, n.column) for n in report.refused] == [(3, "EMŠO")]
    assert get_carer(db, 1) == before


def test_an_emso_of_the_other_kind_of_person_is_refused(db, tmp_path):
    path = workbook(tmp_path, [carer_row()], [child_row(EMŠO=ANA)])
    report = import_spreadsheet(db, read_spreadsheet(path), TODAY)
    [note] = report.refused
    assert note.sheet == "Otroci" and note.column == "EMŠO"
    assert "ima v evidenci že rejnik/ica Ana Novak" in note.reason


def test_importing_the_same_file_again_adds_nothing(db, tmp_path):
    path = workbook(tmp_path, [carer_row()], [child_row()], [placement_row()])
    data = read_spreadsheet(path)
    assert import_spreadsheet(db, data, TODAY).new_total == 3
    before = counts(db)
    again = import_spreadsheet(db, data, TODAY)
    assert again.new_total == 0 and again.refused == []
    assert len(again.present) == 3
    assert counts(db) == before


def test_all_or_nothing_an_error_of_the_file_midway_writes_nothing(db, tmp_path, monkeypatch):
    path = workbook(tmp_path, [carer_row()], [child_row()], [placement_row()])
    data = read_spreadsheet(path)
    import rejnistvo.services.spreadsheet_import as module

    def row_refused(*_args, **_kwargs):
        raise StoreError("Zapisa »placements« ni mogoče shraniti: x.")

    monkeypatch.setattr(module, "save_placement", row_refused)
    report = import_spreadsheet(db, data, TODAY)
    assert [n.reason for n in report.refused] == ["Zapisa »Namestitve« ni mogoče shraniti: x."]
    assert counts(db)[:3] == (1, 1, 0)

    other = workbook(
        tmp_path,
        [carer_row(EMŠO=MAJA, **{"Ime in priimek": "Maja Nova"})],
        [child_row(EMŠO=emso(9, 9, 2019, 9))],
        [placement_row(**{"EMŠO rejnika": MAJA, "EMŠO otroka": emso(9, 9, 2019, 9)})],
        name="drugi.xlsx",
    )
    before = counts(db)

    def disk_full(*_args, **_kwargs):
        raise StoreError("Disk je poln.", kind="disk_full")

    # the file fails at the last row: the carer and child before it are not kept either
    monkeypatch.setattr(module, "save_placement", disk_full)
    with pytest.raises(StoreError, match="Disk je poln"):
        import_spreadsheet(db, read_spreadsheet(other), TODAY)
    assert counts(db) == before
    assert not db.conn.in_transaction

    # stopped by the user after the last row: nothing kept
    monkeypatch.setattr(module, "save_placement", save_placement)
    seen = []

    def stop_at_the_end(done, total):
        seen.append(done)
        return done < total

    with pytest.raises(ImportCancelled):
        import_spreadsheet(db, read_spreadsheet(other), TODAY, progress=stop_at_the_end)
    assert seen == [0, 3]
    assert counts(db) == before
    assert import_spreadsheet(db, read_spreadsheet(other), TODAY).new_total == 3


def test_cells_as_a_spreadsheet_keeps_them(db, tmp_path):
    """An EMŠO that became a number lost its leading 0; dates as text or Excel dates, a
    share as Excel's 0.4, »40 %« or »0,4«; headers in another order and case."""
    eva = emso(2, 3, 2016, 502)  # »0203…«: a number keeps 12 digits
    path = workbook(
        tmp_path,
        [carer_row(EMŠO=int(ANA))],  # »0102…«
        [child_row(EMŠO=int(eva), **{"Datum rojstva": None})],
        [
            placement_row(
                **{
                    "EMŠO otroka": int(eva),
                    "Le ob vikendih in počitnicah": "DA",
                    "Delež plačila dela": 0.4,
                }
            )
        ],
    )
    report = import_spreadsheet(db, read_spreadsheet(path), TODAY)
    assert report.new_total == 3, report.notes
    assert get_child(db, 1).emso == eva
    placement = get_placement(db, 1)
    assert placement.part_time and placement.fee_share == Decimal("0.4")
    for typed in ("40 %", "0,4"):
        other = workbook(
            tmp_path,
            placements=[
                placement_row(
                    **{
                        "Številka pogodbe": f"V-{typed}",
                        "EMŠO otroka": int(eva),
                        "Od": "1. 1. 2027",
                        "Le ob vikendih in počitnicah": "da",
                        "Delež plačila dela": typed,
                    }
                )
            ],
            name="delez.xlsx",
        )
        result = import_spreadsheet(db, read_spreadsheet(other), TODAY)
        assert result.new["Namestitve"] == 1, result.notes
        db.execute(
            "DELETE FROM placement_periods WHERE placement_id = (SELECT max(id) FROM placements)"
        )
        db.execute("DELETE FROM placements WHERE id = (SELECT max(id) FROM placements)")


def test_headers_in_another_order_and_case(db, tmp_path):
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "rejniki"
    sheet.append(["naslov", "emšo", "IME IN PRIIMEK", "center", "nekaj drugega"])
    sheet.append(["Glavna 1, Kranj", ANA, "Ana Novak", GORENJSKA, "x"])
    path = tmp_path / "svoj.xlsx"
    book.save(path)
    report = import_spreadsheet(db, read_spreadsheet(path), TODAY)
    assert report.new == {"Rejniki": 1, "Otroci": 0, "Namestitve": 0}


def test_a_file_that_cannot_be_imported_says_why(tmp_path):
    not_excel = tmp_path / "seznam.xlsx"
    not_excel.write_text("Ime;EMŠO\n", encoding="utf-8")
    with pytest.raises(ImportFileError, match="ni mogoče prebrati kot preglednice"):
        read_spreadsheet(not_excel)
    from openpyxl import Workbook

    book = Workbook()
    book.active.title = "List1"
    book.save(tmp_path / "drug.xlsx")
    with pytest.raises(ImportFileError, match="ni listov Rejniki, Otroci ali Namestitve"):
        read_spreadsheet(tmp_path / "drug.xlsx")
    book.active.title = "Rejniki"
    book.active.append(["Ime in priimek", "Naslov"])
    book.save(tmp_path / "brez.xlsx")
    with pytest.raises(ImportFileError, match="ni stolpcev: EMŠO, Center"):
        read_spreadsheet(tmp_path / "brez.xlsx")
