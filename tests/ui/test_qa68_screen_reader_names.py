"""QA68 (a clerk with a screen reader: Narrator, NVDA, Orca): the inputs of the validated
fields (dates, amounts, EMŠO, text) sit inside a composite that the row's title names, so
the cursor's QLineEdit was announced as »urejanje« and nothing more; the date field's »▾«
as a triangle; the search boxes with only a placeholder, the tables and the list of
screens without a name; a table cell's combo, a percent or unit combo only by its value;
the red reason under a field was only seen.

Every screen (each tab too) and the »Zahtevaj novo poročilo« dialog are walked: every
widget that takes Tab has a Slovenian name made of the words the clerk sees (its row's
title without »&« and »:« where it has one)."""

from __future__ import annotations

import re
from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import QAbstractButton, QComboBox, QLabel, QTabWidget, QWidget

from rejnistvo.ui.widgets.fields import DateEdit, ValidatedField


def _seen_title(text: str) -> str:
    """A row's title as seen, without the shortcut's »&« and the colon."""
    return text.replace("&", "").strip().rstrip(":").strip()


def _name(widget: QWidget) -> str:
    if isinstance(widget, QComboBox):
        # On Linux Qt gives a combo's value as its name (Orca reads the label relation);
        # Narrator/NVDA read the accessible name or the buddy's text.
        return widget.accessibleName()
    interface = QAccessible.queryAccessibleInterface(widget)
    return interface.text(QAccessible.Text.Name) if interface is not None else ""


def _row_title(widget: QWidget, labels: list[QLabel]) -> str | None:
    """The title of the row of ``widget`` (or of the field it is the input of)."""
    candidate: QWidget | None = widget
    while candidate is not None:
        for label in labels:
            if label.buddy() is candidate:
                return _seen_title(label.text())
        owner = candidate.parentWidget()
        if not isinstance(owner, ValidatedField) or owner.focusProxy() is not candidate:
            return None
        candidate = owner
    return None


def _unnamed(root: QWidget) -> list[str]:
    labels = [label for label in root.findChildren(QLabel) if label.buddy() is not None]
    missing = []
    for widget in root.findChildren(QWidget):
        if not (
            widget.focusPolicy() & Qt.FocusPolicy.TabFocus
            and widget.focusProxy() is None
            and widget.isVisibleTo(root)  # disabled too: enabled once a record is open
        ):
            continue
        name = _name(widget)
        title = _row_title(widget, labels)
        where = f"{type(widget).__name__} in {type(widget.parentWidget()).__name__}"
        if name.endswith(":") or "&" in name.replace("&&", ""):
            missing.append(f"{where}: {name!r} (said with its colon or shortcut sign)")
        elif title and not isinstance(widget, QAbstractButton) and not name.startswith(title):
            missing.append(f"{where}: {name!r}, not the row's {title!r}")
        elif not re.search(r"[A-Za-zČŠŽčšž]{2}", name or ""):
            missing.append(f"{where}: {name!r}")
    return missing


def _walk(root: QWidget) -> list[str]:
    missing = _unnamed(root)
    for tabs in root.findChildren(QTabWidget):
        for index in range(tabs.count()):
            tabs.setCurrentIndex(index)
            missing += _unnamed(tabs.widget(index))
    return missing


def test_every_screen_names_every_input_for_a_screen_reader(shown_window, qtbot):
    missing = []
    for name in shown_window.screen_names():
        shown_window.show_screen(name)
        view = shown_window.view(name)
        assert view is not None, name
        qtbot.wait(1)
        missing += [f"{name}: {text}" for text in _walk(view)]
    assert sorted(set(missing)) == []
    assert _name(shown_window.nav) == "Zasloni"


def test_a_date_field_is_named_by_its_row_title_and_its_button_says_what_it_does(
    shown_window,
):
    view = shown_window.show_screen("carers_view")
    assert view is not None
    view.new_record()
    dates = [d for d in view.findChildren(DateEdit) if d.isVisibleTo(view)]
    assert dates
    field = dates[0]
    title = field.accessibleName() or field.edit.accessibleName()
    assert title and ":" not in title and "&" not in title
    assert _name(field.button) == f"{title}: Izberi datum v koledarju"


def test_the_red_reason_is_the_inputs_description_while_shown(qtbot):
    from rejnistvo.ui.views.r5_new_report import NewReportDialog

    dialog = NewReportDialog(date(2026, 10, 21), None, lambda due: None, None)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert _unnamed(dialog) == []
    edit = dialog.due_edit.edit
    assert _name(edit) == "Novo poročilo do"
    dialog.due_edit.edit.setText("32. 1. 2026")
    dialog.ask()
    reason = dialog.due_edit.error_text()
    assert reason
    interface = QAccessible.queryAccessibleInterface(edit)
    assert interface.text(QAccessible.Text.Description) == reason
    dialog.due_edit.set_value(date(2026, 11, 2))
    # the reason gone, the format hint (the placeholder) is the description again
    assert interface.text(QAccessible.Text.Description) == "d. m. llll"


def test_spoken_title_drops_the_shortcut_and_the_colon():
    from rejnistvo.ui.widgets.fields import spoken_title

    assert spoken_title("&Datum rojstva:") == "Datum rojstva"
    assert spoken_title("Rejnik && otrok:") == "Rejnik & otrok"
    assert spoken_title("<b>Center, enota:</b>") == "Center, enota"


def test_the_manual_and_a_change_log_entry_name_their_boxes(shown_window, qtbot):
    manual = shown_window.show_manual()
    assert manual is not None
    assert _unnamed(manual) == []
    from rejnistvo.ui.views.audit_log_tab import AuditLogTab

    view = shown_window.show_screen("settings_view")
    assert view is not None
    tabs = view.findChildren(QTabWidget)[0]
    tabs.setCurrentIndex(tabs.count() - 1)  # Dnevnik sprememb
    log_tab = view.findChildren(AuditLogTab)[0]
    qtbot.waitUntil(lambda: log_tab.show_details(0) is not None)
    dialogs = [
        d for d in shown_window.findChildren(QWidget) if type(d).__name__ == "AuditDetailDialog"
    ]
    assert dialogs
    assert _unnamed(dialogs[-1]) == []
    assert [_name(box) for box in (dialogs[-1].before, dialogs[-1].after)] == ["Prej", "Potem"]


def test_a_reason_is_announced_once_with_the_fields_name(qtbot, monkeypatch):
    from PySide6.QtWidgets import QFormLayout

    from rejnistvo.ui.widgets import fields

    said: list[str] = []
    monkeypatch.setattr(
        fields, "announce", lambda _widget, text: said.append(text) if text else None
    )
    form_owner = QWidget()
    qtbot.addWidget(form_owner)
    form = QFormLayout(form_owner)
    period = fields.PeriodEdit("obdobje", form_owner, required=True)
    form.addRow("&Obdobje:", period)
    form_owner.show()
    assert period.start_edit.edit.accessibleName() == "Obdobje, od"
    period.start_edit.edit.setText("32. 1. 2026")
    assert not period.check()[0]
    # the pair's reason, said once (not the date's own first, then the pair's)
    assert said == [f"Obdobje: {period.error_text()}"]
    period.check()  # the same reason again: not said again
    assert len(said) == 1


# -- QA71: every dialog is named and described when it shows, not once focused ---------------
def _said(widget: QWidget) -> tuple[str, str]:
    """A screen reader's name and description of ``widget``."""
    interface = QAccessible.queryAccessibleInterface(widget)
    return interface.text(QAccessible.Text.Name), interface.text(QAccessible.Text.Description)


def _while_shown(qtbot, open_it) -> dict:
    """Open a modal dialog with ``open_it``; what the screen reader is told of it the moment
    it shows (before anything in it took the keyboard), then it is closed."""
    from PySide6.QtCore import QEvent, QObject
    from PySide6.QtWidgets import QApplication, QDialog

    seen: dict = {}

    class AtShow(QObject):
        def eventFilter(self, watched, event):  # noqa: N802
            if (
                event.type() == QEvent.Type.Show
                and isinstance(watched, QDialog)
                and "name" not in seen
            ):
                # after the program's own naming: asked once Qt has shown it
                QTimer.singleShot(0, lambda: look(watched))
            return False

    def look(dialog) -> None:
        seen["name"], seen["description"] = _said(dialog)
        seen["unnamed"] = _unnamed(dialog)
        seen["focused"] = QApplication.focusWidget() is not None
        dialog.done(0)

    from PySide6.QtCore import QTimer

    spy = AtShow()
    QApplication.instance().installEventFilter(spy)
    try:
        open_it()
    finally:
        QApplication.instance().removeEventFilter(spy)
    assert seen, "no dialog was shown"
    return seen


def test_every_question_and_message_is_named_and_described_when_shown(qtbot):
    from rejnistvo.ui.interaction import QtInteraction

    asks = QtInteraction(None)
    cases = {
        "confirm": (
            lambda: asks.confirm("Izbriši rejnika", "Izbrišem rejnika Novak Ana?"),
            "Izbriši rejnika",
            "Izbrišem rejnika Novak Ana?",
        ),
        "save": (
            lambda: asks.ask_save_discard_cancel("Neshranjene spremembe", "Shranim R-4?"),
            "Neshranjene spremembe",
            "Shranim R-4?",
        ),
        "error": (
            lambda: asks.error("Shranjevanje ni uspelo", "datoteke ni bilo mogoče zapisati."),
            "Shranjevanje ni uspelo",
            "Datoteke ni bilo mogoče zapisati.",
        ),
        "text": (
            lambda: asks.ask_text("Geslo paketa", "Vpišite geslo paketa:", password=True),
            "Geslo paketa",
            "Vpišite geslo paketa:",
        ),
        "open": (
            lambda: asks.choose_open_path("Odpri zbirko", "Zbirke (*.sqlite3)"),
            "Odpri zbirko",
            "Izberite datoteko, ki jo želite odpreti.",
        ),
        "save_path": (
            lambda: asks.choose_save_path("Shrani R-4", "PDF (*.pdf)", "/tmp/R-4.pdf"),
            "Shrani R-4",
            "Izberite mapo in vpišite ime datoteke, ki jo želite shraniti.",
        ),
    }
    for kind, (open_it, name, description) in cases.items():
        seen = _while_shown(qtbot, open_it)
        assert (seen["name"], seen["description"]) == (name, description), kind
        assert seen["unnamed"] == [], kind


def test_a_progress_is_named_by_its_words_when_it_shows(qtbot):
    import time

    from PySide6.QtWidgets import QApplication, QProgressDialog

    from rejnistvo.ui.progress import run_reporting

    seen: list[tuple[str, str]] = []

    def work(progress) -> None:
        progress(0, 10)
        time.sleep(0.45)  # past its 400 ms: it shows
        progress(5, 10)
        dialogs = [w for w in QApplication.topLevelWidgets() if isinstance(w, QProgressDialog)]
        seen.extend(_said(d) for d in dialogs if d.isVisible())

    run_reporting(None, "Izvažam izplačilo …", work)
    assert seen == [("Izvažam izplačilo …", "")]


def test_the_programs_own_dialogs_are_named_and_described_when_shown(qtbot, ctx):
    from rejnistvo.services.spreadsheet_import import ImportReport
    from rejnistvo.ui.documents import DocumentPreview
    from rejnistvo.ui.manual import ManualWindow
    from rejnistvo.ui.spreadsheet_import import ImportPreview
    from rejnistvo.ui.views.r5_new_report import NewReportDialog

    report = ImportReport("x.xlsx")
    report.new["Rejniki"] = 2
    dialogs = {
        "new report": NewReportDialog(date(2026, 10, 21), None, lambda due: None, None),
        "import": ImportPreview(report),
        "preview": DocumentPreview(ctx, b"%PDF-1.4\n%%EOF\n", "Obrazec R-4", "R-4.pdf"),
        "manual": ManualWindow(None, "# Navodila\n\nBesedilo."),
    }
    for kind, dialog in dialogs.items():
        qtbot.addWidget(dialog)
        name, description = _said(dialog)
        assert description == "", kind  # nothing before it shows: no work at the start
        dialog.show()
        qtbot.waitExposed(dialog)
        name, description = _said(dialog)
        assert name == dialog.windowTitle() and name, kind
        assert re.search(r"[a-zčšž]{3} [a-zčšž]{2,}", description), (kind, description)
        assert _unnamed(dialog) == [], kind
        dialog.close()
    assert _said(dialogs["new report"])[1].startswith("Center otroka lahko kadarkoli")
    assert "2 rejnika" in _said(dialogs["import"])[1]
