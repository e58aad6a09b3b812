"""QA67: Datoteka → Uvozi iz preglednice … offered only *.xlsx, so a clerk's workbook
saved with macros (.xlsm, which imports) or in the old Excel 97–2003 form (.xls) was not
even shown in the folder; an .xls chosen anyway ended in openpyxl's English exception.
Now both are listed and an .xls is refused in a box that says how to save it."""

from __future__ import annotations


def test_the_file_choice_shows_xlsm_and_xls_and_an_xls_is_refused_in_a_box(shown_window, tmp_path):
    window = shown_window
    old = tmp_path / "rejniki.xls"
    old.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600))
    window.ctx.interaction.answers.append(str(old))
    window.spreadsheet_import().decide = lambda _dialog: False
    window.act_import.trigger()
    [offered] = [a[2] for a in window.ctx.interaction.asked if a[0] == "open_path"]
    first = offered.split(";;")[0]
    patterns = first.split("(")[1].rstrip(")").split()
    assert patterns == ["*.xlsx", "*.xlsm", "*.xls"]
    said = window.ctx.interaction.errors[-1]
    assert "starejši obliki Excel 97–2003 (.xls)" in said
    assert "Excelov delovni zvezek (.xlsx)" in said


def test_the_preview_names_sheets_and_columns_it_does_not_read(qtbot):
    from rejnistvo.services.spreadsheet_import import ImportReport
    from rejnistvo.ui.spreadsheet_import import ImportPreview

    report = ImportReport(
        "svoja.xlsx",
        unread_sheets=("Otroci 2026", "Stari"),
        unread_columns=(("Rejniki", "Telefon"), ("Rejniki", "Opombe"), ("Otroci", "Šola")),
    )
    report.new["Rejniki"] = 1
    dialog = ImportPreview(report)
    qtbot.addWidget(dialog)
    text = dialog.summary.text()
    assert (
        "Listi, ki se ne uvozijo: »Otroci 2026«, »Stari« (uvoz bere le liste Rejniki, Otroci "
        "in Namestitve); preverite, da podatkov z njih ne pogrešate." in text
    )
    assert (
        "Stolpci, ki se ne uvozijo (uvoz jih ne pozna): Rejniki: »Telefon«, »Opombe«; "
        "Otroci: »Šola«." in text
    )
