"""The editors' row titles are made by their forms, not from Python (issue 13: a title
made from Python cost PySide ~400,000 instructions over building and first painting a
screen); a title still follows a change of its text (the language)."""

from __future__ import annotations

from PySide6.QtWidgets import QFormLayout, QLabel, QLineEdit, QWidget
from shiboken6 import Shiboken
from test_ui_keyboard import window  # noqa: F401 (the main window, its first screen shown)

from rejnistvo.ui.widgets.form_titles import FormTitles


def _titles_made_from_python(view: QWidget) -> list[str]:
    made = []
    for form in view.findChildren(QFormLayout):
        for row in range(form.rowCount()):
            item = form.itemAt(row, QFormLayout.ItemRole.LabelRole)
            label = item.widget() if item is not None else None
            if isinstance(label, QLabel) and label.text() and Shiboken.createdByPython(label):
                made.append(label.text())
    return made


def test_the_editors_titles_are_made_by_their_forms(qtbot, window) -> None:  # noqa: F811
    made: dict[str, list[str]] = {}
    for name in ("r4_view", "placements_view", "carers_view", "children_view"):
        window.show_screen(name)
        view = window.view(name)
        assert view is not None
        made[name] = _titles_made_from_python(view)
    # R-4's reason for a correction is shown and hidden with it, so Python keeps it
    assert made == {
        "r4_view": ["Razlog popravka:"],
        "placements_view": [],
        "carers_view": [],
        "children_view": [],
    }
    r4 = window.view("r4_view")
    assert r4 is not None
    assert r4.titles.label("case_no").text() == "Št. zadeve:"
    assert r4.titles.label("sent_on").text() == "Poslan koordinatorju:"
    assert r4.titles.label("case_no").buddy() is r4.case_no_edit


def test_a_title_follows_its_text_and_only_a_changed_one_is_set(qtbot) -> None:
    top = QWidget()
    qtbot.addWidget(top)
    form = QFormLayout(top)
    titles = FormTitles()
    first, second = QLineEdit(top), QLineEdit(top)
    titles.add_row(form, "first", "Prvo:", first)
    titles.add_row(form, "second", "Drugo:", second)
    assert form.labelForField(first).text() == "Prvo:"
    titles.retitle({"first": "Prvo:", "second": "Druga vrstica:"})
    assert titles.label("first").text() == "Prvo:"
    assert titles.label("second").text() == "Druga vrstica:"
    # set behind its back: an unchanged text is not set again
    titles.label("first").setText("drugače")
    titles.retitle({"first": "Prvo:"})
    assert titles.label("first").text() == "drugače"


def test_a_language_change_retitles_the_editor(qtbot, ctx, monkeypatch) -> None:
    from rejnistvo.ui.views.placements_view import PlacementsView

    view = PlacementsView(ctx)
    qtbot.addWidget(view)
    monkeypatch.setattr(
        PlacementsView,
        "_row_titles",
        lambda self: {
            "contract_no": "Contract no.",
            "carer": "Carer",
            "child": "Child",
            "carer_centre": "Carer's centre",
            "child_centre": "Child's centre",
            "fee_share": "Share",
            "note": "Note",
            "periods": "Periods",
        },
    )
    view.retranslate()
    assert view.titles.label("contract_no").text() == "Contract no."
    assert view.titles.label("periods").text() == "Periods"
