"""Kaj če and R-5 period rows: the row's ✕ says what it does (tooltip, accessible name);
reached with Tab it was an unnamed cross."""

from __future__ import annotations

from rejnistvo.ui.widgets.period_rows import PeriodRowsEditor


def test_remove_cross_is_named(qtbot):
    editor = PeriodRowsEditor("board_increases", True)
    qtbot.addWidget(editor)
    editor.add_row()
    (row,) = editor.rows
    assert row.remove_button.toolTip() == "Odstrani to obdobje"
    assert row.remove_button.accessibleName() == "Odstrani to obdobje"
