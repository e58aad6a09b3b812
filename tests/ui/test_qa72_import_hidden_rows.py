"""QA72: a clerk filtered her carers to »aktiven« in Excel and imported the file; the
preview said »Uvoženih bo: 4 rejniki« and the two filtered-out ones came in as well, with
no word that they were hidden. Now the preview lists hidden rows apart (»skrita
vrstica«, their row numbers), leaves them out, and »Uvozi tudi skrite vrstice« tries the
file again with them and imports them too. A refused value names the clerk's column with
its letter (»stolpec G (TRR)«)."""

from __future__ import annotations

from openpyxl import Workbook
from PySide6.QtCore import QPoint, Qt
from stdnum.si import emso as stdnum_emso

from rejnistvo.services.spreadsheet_import import ImportReport, RowNote
from rejnistvo.ui.spreadsheet_import import ImportPreview, row_ranges

GORENJSKA = "Center za socialno delo Gorenjska"


def _emso(day: int, month: int, year: int, serial: int) -> str:
    base = f"{day:02d}{month:02d}{year % 1000:03d}50{serial:03d}"
    return base + stdnum_emso.calc_check_digit(base)


CARERS = [_emso(3 + i, 3, 1977, 970 + i) for i in range(4)]


def _filtered_file(tmp_path):
    """Rows 3 and 5 (»neaktiven«) hidden by an autofilter; row 4 has a short IBAN."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Rejniki"
    sheet.append(["Ime in priimek", "EMŠO", "Naslov", "Center", "Status", "TRR"])
    for i, number in enumerate(CARERS):
        status = "aktiven" if i % 2 == 0 else "neaktiven"
        sheet.append([f"Skrita Oseba {i}", number, "Glavna 1, 4000 Kranj", GORENJSKA, status])
    sheet["F4"] = "SI56 0000"
    sheet.auto_filter.ref = "A1:F5"
    sheet.auto_filter.add_filter_column(4, ["aktiven"])
    sheet.row_dimensions[3].hidden = True
    sheet.row_dimensions[5].hidden = True
    path = tmp_path / "aktivni.xlsx"
    book.save(path)
    return path


def _carers(db) -> int:
    return db.execute("SELECT count(*) FROM carers").fetchone()[0]


def _rows(dialog: ImportPreview) -> list[list[str]]:
    model = dialog.model
    return [
        [model.index(r, c).data() for c in range(model.columnCount())]
        for r in range(model.rowCount())
    ]


def test_hidden_rows_are_listed_apart_and_left_out(shown_window, tmp_path, qtbot):
    window = shown_window
    before = _carers(window.ctx.db)
    shown = {}

    def decide(dialog: ImportPreview) -> bool:
        qtbot.addWidget(dialog)
        dialog.show()
        shown["summary"] = dialog.summary.text()
        shown["rows"] = _rows(dialog)
        shown["detail"] = dialog.detail.text()
        assert dialog.hidden_box.isVisible() and not dialog.hidden_box.isChecked()
        assert dialog.hidden_box.text() == "Uvozi tudi skrite vrstice (2)"
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
        return dialog.result() == ImportPreview.DialogCode.Accepted

    window.ctx.interaction.answers.append(str(_filtered_file(tmp_path)))
    window.spreadsheet_import().decide = decide
    window.act_import.trigger()
    assert "Uvoženih bo: 1 rejnik." in shown["summary"]
    assert (
        "V preglednici skrite vrstice (s filtrom, skrite ali na skritem listu) se ne uvozijo: "
        "2 vrstici (Rejniki: 3, 5). Če jih želite uvoziti, izberite »Uvozi tudi skrite "
        "vrstice«." in shown["summary"]
    )
    assert [row[:4] for row in shown["rows"]] == [
        ["Rejniki", "4", "F (TRR)", "zavrnjena"],
        ["Rejniki", "3", "", "skrita vrstica"],
        ["Rejniki", "5", "", "skrita vrstica"],
    ]
    assert shown["detail"].startswith("Rejniki, vrstica 4, stolpec F (TRR): IBAN")
    assert _carers(window.ctx.db) == before + 1
    said = window.ctx.interaction.asked[-1][2]
    assert said == (
        "Uvoženo: 1 rejnik. Zavrnjenih vrstic (niso uvožene): 1. Skritih vrstic (niso uvožene): 2."
    )


def test_asking_for_hidden_rows_tries_again_and_imports_them(shown_window, tmp_path, qtbot):
    window = shown_window
    before = _carers(window.ctx.db)
    shown = {}

    def decide(dialog: ImportPreview) -> bool:
        qtbot.addWidget(dialog)
        dialog.show()
        box = dialog.hidden_box  # its tick box at the left (the widget is dialog-wide)
        qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(8, box.height() // 2))
        assert dialog.hidden_box.isChecked() and dialog.include_hidden
        shown["summary"] = dialog.summary.text()
        shown["rows"] = _rows(dialog)
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
        return dialog.result() == ImportPreview.DialogCode.Accepted

    window.ctx.interaction.answers.append(str(_filtered_file(tmp_path)))
    window.spreadsheet_import().decide = decide
    window.act_import.trigger()
    assert "Uvoženih bo: 3 rejniki." in shown["summary"]
    assert (
        "Uvožene bodo tudi vrstice, ki so v preglednici skrite (s filtrom, skrite ali na "
        "skritem listu): 2 vrstici." in shown["summary"]
    )
    assert [row[3] for row in shown["rows"]] == ["zavrnjena"]
    assert _carers(window.ctx.db) == before + 3


def test_unticking_goes_back_and_a_hidden_sheet_is_named(qtbot):
    hidden = [
        RowNote("Otroci", n, "", "List Otroci je v preglednici skrit; …", False, "", "hidden")
        for n in (2, 3, 4)
    ]
    report = ImportReport("x.xlsx", notes=list(hidden), hidden_rows=3, hidden_sheets=("Otroci",))
    report.new["Rejniki"] = 2
    included = ImportReport("x.xlsx", hidden_rows=3, include_hidden=True)
    included.new["Rejniki"] = 2
    included.new["Otroci"] = 3
    asked: list[bool] = []

    def retry(include: bool) -> ImportReport:
        asked.append(include)
        return included if include else report

    dialog = ImportPreview(report, retry=retry)
    qtbot.addWidget(dialog)
    assert "se ne uvozijo: 3 vrstice (list Otroci je skrit)." in dialog.summary.text()
    dialog.hidden_box.setChecked(True)
    assert dialog.model.rowCount() == 0 and "2 rejnika in 3 otroci." in dialog.summary.text()
    dialog.hidden_box.setChecked(False)
    assert asked == [True, False]
    assert dialog.model.rowCount() == 3 and not dialog.include_hidden


def test_a_stopped_retry_leaves_the_box_as_the_report_is(qtbot):
    report = ImportReport("x.xlsx", hidden_rows=1)
    dialog = ImportPreview(report, retry=lambda _include: None)
    qtbot.addWidget(dialog)
    dialog.hidden_box.setChecked(True)
    assert not dialog.hidden_box.isChecked() and not dialog.include_hidden


def test_no_hidden_rows_no_box(qtbot):
    dialog = ImportPreview(ImportReport("x.xlsx"))
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.hidden_box.isVisible()


def test_row_ranges():
    assert row_ranges([9, 3, 5, 6, 7]) == "3, 5–7, 9"
    assert row_ranges([4]) == "4"


def test_the_preview_tells_how_two_digit_years_were_read(qtbot):
    import datetime as dt

    report = ImportReport(
        "x.xlsx", short_years=4, short_year_example=("01.03.26", dt.date(2026, 3, 1))
    )
    report.new["Rejniki"] = 2
    dialog = ImportPreview(report)
    qtbot.addWidget(dialog)
    assert (
        "Datumi z letnico iz dveh števk (npr. »01.03.26« je 1. 3. 2026; vseh: 4) so prebrani "
        "kot v Excelu: 00–29 je 2000–2029, 30–99 je 1930–1999." in dialog.summary.text()
    )


def test_a_sheet_of_another_unit_is_named_with_how_to_bring_it(qtbot):
    report = ImportReport("x.xlsx", unread_sheets=("Rejniki Jesenice", "Stari"))
    report.new["Rejniki"] = 1
    dialog = ImportPreview(report)
    qtbot.addWidget(dialog)
    assert (
        "Uvoz bere le list z imenom točno »Rejniki«: da uvozite tudi »Rejniki Jesenice«, ga "
        "po tem uvozu preimenujte v »Rejniki« (sedanjega »Rejniki« drugače) in uvozite znova"
        in dialog.summary.text()
    )
