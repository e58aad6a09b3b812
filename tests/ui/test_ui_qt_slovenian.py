"""Qt's own strings (standard buttons, the non-native file dialog, context menus) speak
Slovenian after the program's start-up: our resources/i18n/qt_sl.ts, since Qt ships no
qtbase_sl (issue 12 item 5)."""

import pytest
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QDialogButtonBox, QFileDialog, QLabel, QLineEdit, QToolButton

from rejnistvo.ui import app as app_module
from rejnistvo.ui import translations


@pytest.fixture
def slovenian(qapp, tmp_path):
    """The program's start-up step that installs the translators; removed afterwards so
    other tests see the usual state."""
    installed = app_module.install_translators(qapp, tmp_path / "cache")
    yield installed
    for translator in installed:
        qapp.removeTranslator(translator)


def test_standard_buttons_are_slovenian(qtbot, slovenian):
    Button = QDialogButtonBox.StandardButton
    box = QDialogButtonBox(
        Button.Cancel | Button.Yes | Button.No | Button.Close | Button.Save | Button.Discard
    )
    qtbot.addWidget(box)
    texts = {
        b: box.button(b).text().replace("&", "")
        for b in (Button.Cancel, Button.Yes, Button.No, Button.Close, Button.Save, Button.Discard)
    }
    assert texts == {
        Button.Cancel: "Prekliči",
        Button.Yes: "Da",
        Button.No: "Ne",
        Button.Close: "Zapri",
        Button.Save: "Shrani",
        Button.Discard: "Zavrzi",
    }


def test_non_native_file_dialog_is_slovenian(qtbot, slovenian, tmp_path):
    dialog = QFileDialog(None, "Izberi datoteko", str(tmp_path), "PDF (*.pdf)")
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
    qtbot.addWidget(dialog)
    dialog.show()
    labels = {label.text().replace("&", "") for label in dialog.findChildren(QLabel)}
    assert {"Išči v:", "Ime datoteke:", "Vrsta datotek:"} <= labels
    tips = {button.toolTip() for button in dialog.findChildren(QToolButton)}
    assert {"Nazaj", "Nadrejena mapa", "Ustvari novo mapo", "Podroben pogled", "Seznam"} <= tips
    buttons = {b.text().replace("&", "") for b in dialog.findChild(QDialogButtonBox).buttons()}
    assert buttons == {"Odpri", "Prekliči"}
    english = {"Look in:", "File name:", "Files of type:", "Cancel", "Open", "Back"}
    assert not english & (labels | tips | buttons)


def test_context_menu_of_a_line_edit_is_slovenian(qtbot, slovenian):
    edit = QLineEdit("besedilo")
    qtbot.addWidget(edit)
    menu = edit.createStandardContextMenu()
    texts = {a.text().split("\t")[0].replace("&", "") for a in menu.actions() if a.text()}
    assert {"Razveljavi", "Izreži", "Kopiraj", "Prilepi", "Izbriši", "Izberi vse"} <= texts


def test_catalogue_is_compiled_from_the_ts_when_no_qm_is_shipped(qapp, tmp_path, monkeypatch):
    """A checkout has only qt_sl.ts: the first start compiles it into the cache folder
    (the wheel and the bundle ship the .qm compiled at build time)."""
    source = translations.resource_path("i18n", "qt_sl.ts")
    folder = tmp_path / "res" / "i18n"
    folder.mkdir(parents=True)
    (folder / "qt_sl.ts").write_bytes(source.read_bytes())
    monkeypatch.setenv("REJNISTVO_RESOURCES", str(tmp_path / "res"))
    compiled = translations.program_catalogue(tmp_path / "cache")
    assert compiled is not None and compiled.parent == tmp_path / "cache" / "i18n"
    assert compiled.stat().st_size > 1000
    assert translations.program_catalogue(tmp_path / "cache") == compiled  # cached


def test_no_catalogue_means_english_not_a_crash(qapp, tmp_path, monkeypatch):
    monkeypatch.setenv("REJNISTVO_RESOURCES", str(tmp_path))
    assert translations.program_catalogue(tmp_path / "cache") is None
    installed = app_module.install_translators(qapp, tmp_path / "cache")
    try:
        assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Cancel"
    finally:
        for translator in installed:
            qapp.removeTranslator(translator)


def test_calendar_and_progress_dialog_are_slovenian(qtbot, slovenian):
    from PySide6.QtWidgets import QCalendarWidget, QProgressDialog, QPushButton

    calendar = QCalendarWidget()
    qtbot.addWidget(calendar)
    calendar.setCurrentPage(2026, 3)
    month = calendar.findChild(QToolButton, "qt_calendar_monthbutton")
    assert month.text().lower() == "marec"
    progress = QProgressDialog()
    qtbot.addWidget(progress)
    progress.show()
    assert [b.text() for b in progress.findChildren(QPushButton)] == ["Prekliči"]
