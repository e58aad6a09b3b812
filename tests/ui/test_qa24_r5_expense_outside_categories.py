"""Zvišane oskrbnine in R-5: an increase granted for education and health took a reported
»Plavalni tečaj« under »Interesne dejavnosti« without a word, though čl. 28/4 asks the
centre whether the money went to the expenses the board was raised for (found by QA24)."""

from __future__ import annotations

from _fixtures_b import b_db, show_view  # noqa: F401 (fixtures)
from PySide6.QtCore import Qt
from test_r5_flow import b_ctx, make_view, set_expense  # noqa: F401 (fixtures)

from rejnistvo.rules.consistency import expenses_outside_categories


def test_the_rule_names_the_rows_outside_the_granted_categories():
    rows = ["education", "interest", "health", "other"]
    assert expenses_outside_categories(rows, ["education", "health"]) == [1, 3]
    assert expenses_outside_categories(rows, rows) == []
    # no category ticked yet: nothing to compare with (the increase's own check says so)
    assert expenses_outside_categories(rows, []) == []


def test_an_expense_outside_the_granted_categories_is_pointed_out(qtbot, b_ctx):  # noqa: F811
    view = make_view(qtbot, b_ctx)
    view.new_record()
    boxes = view.increase_panel.category_boxes
    boxes["education"].setChecked(True)
    boxes["health"].setChecked(True)
    view.expense_model.add_row("education")
    set_expense(view, 0, "Inštrukcije", "420,00", "račun 1")
    note = view.report_panel.category_note
    assert note.isHidden()

    view.expense_model.add_row("interest")
    set_expense(view, 1, "Plavalni tečaj", "150,00", "račun 12")
    assert not note.isHidden()
    assert note.text() == (
        "Vrstica 2: »Interesne dejavnosti« ni med vrstami izrednih izdatkov, za katere je "
        "bila oskrbnina zvišana (Izobraževalni proces, Zdravje)."
    )

    # the increase is for interest activities too: nothing to point out
    boxes["interest"].setChecked(True)
    assert note.isHidden()
    boxes["interest"].setChecked(False)
    assert not note.isHidden()
    # the row changed to a granted category
    model = view.expense_model
    model.setData(model.index(1, 0), "health", Qt.ItemDataRole.EditRole)
    assert note.isHidden()
