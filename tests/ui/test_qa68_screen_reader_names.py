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
