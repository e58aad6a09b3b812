"""QA64: a centre starting with Rejništvo had its carers, children and placements in
spreadsheets and no way to bring them in but typing each one. Datoteka → Predloga za uvoz
… writes the template; Datoteka → Uvozi iz preglednice … reads a filled one, shows what
would come in and which rows are refused (sheet, row, column, reason) before anything is
written; »Uvozi« stores it, »Prekliči« stores nothing."""

from __future__ import annotations

from openpyxl import load_workbook
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from stdnum.si import emso as stdnum_emso

from rejnistvo.services.spreadsheet_import import ImportReport, RowNote
from rejnistvo.ui.spreadsheet_import import ImportPreview, NotesModel


def _emso(day: int, month: int, year: int, serial: int) -> str:
    base = f"{day:02d}{month:02d}{year % 1000:03d}50{serial:03d}"
    return base + stdnum_emso.calc_check_digit(base)


CARER = _emso(4, 2, 1979, 987)
CHILD = _emso(6, 7, 2017, 456)


def _fill(path) -> None:
    """The template as a clerk fills it: one good row a sheet, one carer refused."""
    book = load_workbook(path)
    book["Rejniki"].append(
        ["Vesna Uvoz", CARER, "Uvozna 1, 4000 Kranj", "CSD Gorenjska", "Kranj", None]
    )
    book["Rejniki"].append(["Brez Naslova", _emso(5, 2, 1979, 988), None, "CSD Gorenjska"])
    book["Otroci"].append(["Tim Uvoz", CHILD, "6. 7. 2017", "CSD Gorenjska"])
    book["Namestitve"].append(["UVOZ-1/2026", CARER, CHILD, "1. 3. 2026"])
    book.save(path)


def _counts(db):
    return tuple(
        db.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
        for t in ("carers", "children", "placements", "audit_log")
    )


def _template_then_import(window, tmp_path, decide):
    ctx = window.ctx
    template = tmp_path / "predloga.xlsx"
    ctx.interaction.answers.extend([str(template), str(template)])
    window.act_import_template.trigger()
    assert template.is_file()
    _fill(template)
    handler = window.spreadsheet_import()
    handler.decide = decide
    window.act_import.trigger()


def test_template_filled_then_imported_from_the_file_menu(shown_window, tmp_path, qtbot):
    window = shown_window
    actions = [a.text() for a in window.file_menu.actions()]
    assert "&Uvozi iz preglednice …" in actions and "&Predloga za uvoz …" in actions
    before = _counts(window.ctx.db)
    shown = {}

    def decide(dialog: ImportPreview) -> bool:
        qtbot.addWidget(dialog)
        dialog.show()
        shown["summary"] = dialog.summary.text()
        model = dialog.model
        shown["rows"] = [
            [model.index(r, c).data() for c in range(model.columnCount())]
            for r in range(model.rowCount())
        ]
        shown["detail"] = dialog.detail.text()
        qtbot.mouseClick(dialog.copy_button, Qt.MouseButton.LeftButton)
        shown["copied"] = QApplication.clipboard().text()
        assert dialog.isVisible()  # copying does not close the preview
        assert dialog.import_button.isEnabled()
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
        return dialog.result() == ImportPreview.DialogCode.Accepted

    changed = []
    window.ctx.bus.records_changed.connect(changed.append)
    _template_then_import(window, tmp_path, decide)
    assert "Uvoženih bo: 1 rejnik, 1 otrok in 1 namestitev." in shown["summary"]
    assert "Zavrnjenih: 1 vrstica" in shown["summary"]
    assert shown["rows"] == [
        [
            "Rejniki",
            "3",
            "C (Naslov)",
            "zavrnjena",
            "Vpišite naslov rejnika (ulica, hišna številka, pošta): potreben je za R-4 in "
            "plačilni list.",
        ]
    ]
    assert shown["detail"].startswith("Rejniki, vrstica 3, stolpec C (Naslov): Vpišite naslov")
    assert shown["copied"].splitlines() == [
        "List\tVrstica\tStolpec\tIzid\tRazlog",
        "Rejniki\t3\tC (Naslov)\tzavrnjena\t" + shown["rows"][0][4],
    ]
    carers, children, placements, audit = _counts(window.ctx.db)
    assert (carers, children, placements) == (before[0] + 1, before[1] + 1, before[2] + 1)
    assert audit == before[3] + 3
    assert {"carer", "child", "placement"} <= set(changed)
    infos = [text for kind, _title, text in window.ctx.interaction.asked if kind == "info"]
    assert infos[-1] == (
        "Uvoženo: 1 rejnik, 1 otrok in 1 namestitev. Zavrnjenih vrstic (niso uvožene): 1."
    )


def test_cancel_in_the_preview_writes_nothing(shown_window, tmp_path, qtbot):
    window = shown_window
    before = _counts(window.ctx.db)

    def decide(dialog: ImportPreview) -> bool:
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)
        return dialog.result() == ImportPreview.DialogCode.Accepted

    _template_then_import(window, tmp_path, decide)
    assert _counts(window.ctx.db) == before
    assert not window.ctx.db.conn.in_transaction


def test_a_file_that_is_no_spreadsheet_is_refused_in_a_box(shown_window, tmp_path):
    window = shown_window
    wrong = tmp_path / "rejniki.xlsx"
    wrong.write_text("Ime;EMŠO\n", encoding="utf-8")
    window.ctx.interaction.answers.append(str(wrong))
    window.spreadsheet_import().decide = lambda _dialog: pytest_fail()
    window.act_import.trigger()
    assert "ni mogoče prebrati kot preglednice Excel" in window.ctx.interaction.errors[-1]


def pytest_fail() -> bool:
    raise AssertionError("no preview for a file that cannot be read")


def test_nothing_new_leaves_only_cancel(qtbot):
    report = ImportReport("x.xlsx", notes=[RowNote("Rejniki", 2, "", "Že v evidenci.", False)])
    dialog = ImportPreview(report)
    qtbot.addWidget(dialog)
    assert not dialog.import_button.isEnabled()
    assert dialog.cancel_button.isDefault()
    assert "Nobena vrstica ni nova" in dialog.summary.text()
    assert dialog.model.index(0, 3).data() == "že v evidenci"


def test_notes_model_passes_the_model_tester(qtmodeltester):
    notes = [
        RowNote("Namestitve", 5, "Od", "Datum ne obstaja."),
        RowNote("Otroci", 4, "EMŠO", "Napačen EMŠO."),
        RowNote("Rejniki", 9, "", "Že v evidenci.", False),
        RowNote("Rejniki", 7, "Naslov", "Vpišite naslov."),
    ]
    model = NotesModel(notes)
    qtmodeltester.check(model)
    # refused first, in the sheets' order (Rejniki, Otroci, Namestitve), then the rest
    assert [model.note(r).row for r in range(model.rowCount())] == [7, 4, 5, 9]
